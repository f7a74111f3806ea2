// Table.swift: the result type of every aggregation: named columns and rows of cells. Tables are
// immutable; operations return new tables. Report writers render them as they are.

/// One cell of a table.
package enum Cell: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case text(String)

    package var description: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .number(let d): return Cell.format(d)
        case .text(let s): return s
        }
    }

    /// Numbers as a reader expects them: integers without ".0", others with up to 6 significant
    /// decimals and no exponent for everyday magnitudes.
    package static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "inf" : "-inf" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int(d)) }
        var text = String(d)
        if abs(d) >= 1e-4 && abs(d) < 1e15 {
            let rounded = (d * 1e6).rounded() / 1e6
            text = String(rounded)
        }
        return text
    }

    package var isNumeric: Bool {
        switch self {
        case .int, .number: return true
        default: return false
        }
    }

    package var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }

    /// Total order used for sorting: null, booleans, numbers (by value), text (by code points).
    package static func ascending(_ a: Cell, _ b: Cell) -> Bool {
        func rank(_ c: Cell) -> Int {
            switch c {
            case .null: return 0
            case .bool: return 1
            case .int, .number: return 2
            case .text: return 3
            }
        }
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb }
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.int(let x), .int(let y)): return x < y
        case (.text(let x), .text(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        default: return (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
        }
    }
}

package enum TableError: Error, CustomStringConvertible, Equatable {
    case unknownColumn(String, [String])
    case rowWidth(row: Int, expected: Int, got: Int)
    case invalid(String)

    package var description: String {
        switch self {
        case .invalid(let message): return message
        case .unknownColumn(let name, let columns):
            return "unknown column '\(name)'; columns are \(columns.joined(separator: ", "))"
        case .rowWidth(let row, let expected, let got):
            return "row \(row) has \(got) cells; the table has \(expected) columns"
        }
    }
}

/// Named columns and rows of cells.
package final class Table: @unchecked Sendable, CustomStringConvertible {
    package let columns: [String]
    package let rows: [[Cell]]

    package init(columns: [String], rows: [[Cell]]) throws {
        for (i, row) in rows.enumerated() where row.count != columns.count {
            throw TableError.rowWidth(row: i + 1, expected: columns.count, got: row.count)
        }
        self.columns = columns
        self.rows = rows
    }

    /// For rows known to have the right width.
    package init(trusted columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    package var count: Int { rows.count }

    package func columnIndex(_ name: String) throws -> Int {
        guard let i = columns.firstIndex(of: name) else { throw TableError.unknownColumn(name, columns) }
        return i
    }

    package func column(_ name: String) throws -> [Cell] {
        let i = try columnIndex(name)
        return rows.map { $0[i] }
    }

    /// Sorted by `column` (descending when asked); ties keep a deterministic order by the other
    /// columns, ascending, left to right.
    package func sorted(by column: String, descending: Bool = false) throws -> Table {
        let key = try columnIndex(column)
        let order = rows.indices.sorted { ia, ib in
            let a = rows[ia], b = rows[ib]
            if a[key] != b[key] { return descending ? Cell.ascending(b[key], a[key]) : Cell.ascending(a[key], b[key]) }
            for c in columns.indices where c != key && a[c] != b[c] { return Cell.ascending(a[c], b[c]) }
            return ia < ib
        }
        return Table(trusted: columns, rows: order.map { rows[$0] })
    }

    /// The first `n` rows.
    package func head(_ n: Int) -> Table {
        Table(trusted: columns, rows: Array(rows.prefix(max(0, n))))
    }

    /// The table as aligned text, for terminals and `tostring`.
    package var description: String { text(maxRows: 10) }

    package func text(maxRows: Int) -> String {
        let shown = rows.prefix(maxRows).map { $0.map(\.description) }
        var widths = columns.map(\.count)
        for row in shown { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], min(cell.count, 40)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let cut = c.count > 40 ? String(c.prefix(39)) + "…" : c
                return cut + String(repeating: " ", count: max(0, widths[i] - cut.count))
            }.joined(separator: "  ")
        }
        var out = [line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += shown.map(line)
        if rows.count > maxRows { out.append("… \(rows.count - maxRows) more rows") }
        return out.joined(separator: "\n")
    }
}
