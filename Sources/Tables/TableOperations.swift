// TableOperations.swift: joining and grouping Tables.

extension Table {
    /// Rows kept by `keep`.
    package func filter(_ keep: ([Cell]) throws -> Bool) rethrows -> Table {
        Table(trusted: columns, rows: try rows.filter(keep))
    }

    /// The same rows with some columns renamed (`mapping` from old name to new).
    package func renamed(_ mapping: [String: String]) throws -> Table {
        for old in mapping.keys where !columns.contains(old) { throw TableError.unknownColumn(old, columns) }
        return Table(trusted: columns.map { mapping[$0] ?? $0 }, rows: rows)
    }

    /// The given columns, in the order given.
    package func selected(_ names: [String]) throws -> Table {
        let indices = try names.map(columnIndex)
        return Table(trusted: names, rows: rows.map { row in indices.map { row[$0] } })
    }

    /// Inner join on `column`, which both tables have: this table's columns, then the other's
    /// except the key (a clashing name gets the suffix "_2"). Rows follow this table's order, then
    /// the other's.
    package func join(_ other: Table, on column: String) throws -> Table {
        let mine = try columnIndex(column)
        let theirs = try other.columnIndex(column)
        var index: [Cell: [Int]] = [:]
        for (i, row) in other.rows.enumerated() { index[row[theirs], default: []].append(i) }
        let extra = other.columns.indices.filter { $0 != theirs }
        let names = columns + extra.map { columns.contains(other.columns[$0]) ? other.columns[$0] + "_2" : other.columns[$0] }
        var rows: [[Cell]] = []
        for row in self.rows {
            for j in index[row[mine]] ?? [] { rows.append(row + extra.map { other.rows[j][$0] }) }
        }
        return Table(trusted: names, rows: rows)
    }

    package enum Aggregate: Sendable, Equatable {
        case count
        case sum(String), mean(String), min(String), max(String)

        /// "count", "sum:column", "mean:column", "min:column", "max:column".
        package init(spec: String) throws {
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count) {
            case ("count", 1): self = .count
            case ("sum", 2): self = .sum(parts[1])
            case ("mean", 2): self = .mean(parts[1])
            case ("min", 2): self = .min(parts[1])
            case ("max", 2): self = .max(parts[1])
            default:
                throw TableError.invalid("aggregate '\(spec)' is not one of count, sum:COLUMN, mean:COLUMN, min:COLUMN, max:COLUMN")
            }
        }
    }

    /// One row per value of `column` (ascending), with each named aggregate of its rows.
    package func group(by column: String, _ aggregates: [(name: String, aggregate: Aggregate)]) throws -> Table {
        let key = try columnIndex(column)
        var groups: [Cell: [[Cell]]] = [:]
        for row in rows { groups[row[key], default: []].append(row) }
        let resolved = try aggregates.map { a -> (Aggregate, Int?) in
            switch a.aggregate {
            case .count: return (a.aggregate, nil)
            case .sum(let c), .mean(let c), .min(let c), .max(let c): return (a.aggregate, try columnIndex(c))
            }
        }
        let out = groups.keys.sorted(by: Cell.ascending).map { value -> [Cell] in
            let members = groups[value]!
            return [value] + resolved.map { aggregate, c -> Cell in
                let numbers = c.map { c in members.compactMap { $0[c].doubleValue } } ?? []
                switch aggregate {
                case .count: return .int(members.count)
                case .sum:
                    let allInts = c.map { c in members.allSatisfy { if case .int = $0[c] { return true }; return $0[c] == .null } } ?? false
                    let total = numbers.reduce(0, +)
                    return allInts ? .int(Int(total)) : .number(total)
                case .mean: return numbers.isEmpty ? .null : .number(numbers.reduce(0, +) / Double(numbers.count))
                case .min: return numbers.min().map { .number($0) } ?? .null
                case .max: return numbers.max().map { .number($0) } ?? .null
                }
            }
        }
        return Table(trusted: [column] + aggregates.map(\.name), rows: out)
    }
}
