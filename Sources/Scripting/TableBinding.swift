// TableBinding.swift: result tables in Lua: `#t`, `t.columns`, `t[i]`, `t:rows()`, `t:sort()`,
// `t:head()`, `t:column()`, and `Table.new{columns = ..., rows = ...}` to build one.
import Analysis
import Tables
import Lua

enum TableBinding {
    static let typeName = "Table"

    static func register(in context: ScriptContext) {
        let methods = [
            APIFunction("Table", "rows", returns: "fun(): table",
                        "iterates the rows as tables keyed by column name") { _ in 0 },
            APIFunction("Table", "sort", [APIParameter("column", "string"), APIParameter("order", "\"asc\"|\"desc\"", optional: true)],
                        returns: "Table", "a copy sorted by a column; ties ordered by the other columns, ascending") { s in
                let t = try table(s)
                let column = try s.argumentString(2)
                let order = try s.argumentChoice(3, ["asc", "desc"], default: "asc")
                let sorted: Table
                do { sorted = try t.sorted(by: column, descending: order == "desc") } catch {
                    throw LuaArgumentError(2, String(describing: error))
                }
                try push(sorted, on: s)
                return 1
            },
            APIFunction("Table", "head", [APIParameter("n", "integer")], returns: "Table", "a copy with the first n rows") { s in
                try push(try table(s).head(try s.argumentInteger(2)), on: s)
                return 1
            },
            APIFunction("Table", "column", [APIParameter("name", "string")], returns: "any[]", "the values of one column, as an array") { s in
                let values = try column(try table(s), try s.argumentString(2), argument: 2)
                s.pushArray(values) { s.push($0) }
                return 1
            },
            APIFunction("Table", "filter", [APIParameter("predicate", "fun(row: table): boolean")], returns: "Table",
                        "a copy with the rows for which the function returns true") { s in
                let t = try table(s)
                guard s.type(at: 2) == .function else { throw LuaArgumentError(2, "function expected, got \(s.typeName(at: 2))") }
                var index = 0
                let kept = try t.filter { _ in
                    s.pushCopy(of: 2)
                    pushRow(t, index, on: s)
                    index += 1
                    try s.call(arguments: 1, results: 1)
                    defer { s.pop() }
                    return s.toBool(-1)
                }
                try push(kept, on: s)
                return 1
            },
            APIFunction("Table", "rename", [APIParameter("mapping", "table<string, string>")], returns: "Table",
                        "a copy with columns renamed: t:rename{a = \"keyword\", b = \"year\"}") { s in
                let t = try table(s)
                try s.argumentTable(2)
                var mapping: [String: String] = [:]
                s.forEachPair(at: 2) { if let k = s.toString(-2), let v = s.toString(-1) { mapping[k] = v } }
                let renamed: Table
                do { renamed = try t.renamed(mapping) } catch { throw LuaArgumentError(2, String(describing: error)) }
                try push(renamed, on: s)
                return 1
            },
            APIFunction("Table", "select", [APIParameter("columns", "string[]")], returns: "Table",
                        "a copy with only the given columns, in that order: t:select{\"keywords\", \"count\"}") { s in
                let t = try table(s)
                let names = try s.stringArray(2, argument: 2)
                let picked: Table
                do { picked = try t.selected(names) } catch { throw LuaArgumentError(2, String(describing: error)) }
                try push(picked, on: s)
                return 1
            },
            APIFunction("Table", "join", [APIParameter("other", "Table"), APIParameter("column", "string")], returns: "Table",
                        "rows of both tables that agree on a column (inner join); the other's clashing names get \"_2\"") { s in
                let t = try table(s)
                let other = try table(s, at: 2)
                let column = try s.argumentString(3)
                let joined: Table
                do { joined = try t.join(other, on: column) } catch { throw LuaArgumentError(3, String(describing: error)) }
                try push(joined, on: s)
                return 1
            },
            APIFunction("Table", "group", [APIParameter("column", "string"), APIParameter("aggregates", "table<string, string>")], returns: "Table",
                        "one row per value of a column with aggregates such as {n = \"count\", total = \"sum:count\"} (also mean:, min:, max:); named columns in name order, or give an array of {name, aggregate} pairs to set the order") { s in
                let t = try table(s)
                let column = try s.argumentString(2)
                try s.argumentTable(3)
                var aggregates: [(name: String, aggregate: Table.Aggregate)] = []
                do {
                    if s.rawLength(at: 3) > 0 {
                        for i in 1...s.rawLength(at: 3) {
                            s.getIndex(i, at: 3)
                            let pair = try s.stringArray(s.top, argument: 3)
                            s.pop()
                            guard pair.count == 2 else { throw LuaArgumentError(3, "item \(i) must be {name, aggregate}") }
                            aggregates.append((pair[0], try Table.Aggregate(spec: pair[1])))
                        }
                    } else {
                        var named: [(String, String)] = []
                        s.forEachPair(at: 3) { if let k = s.toString(-2), let v = s.toString(-1) { named.append((k, v)) } }
                        for (name, spec) in named.sorted(by: { $0.0 < $1.0 }) { aggregates.append((name, try Table.Aggregate(spec: spec))) }
                    }
                } catch let e as AnalysisError { throw LuaArgumentError(3, e.description) }
                let grouped: Table
                do { grouped = try t.group(by: column, aggregates) } catch { throw LuaArgumentError(2, String(describing: error)) }
                try push(grouped, on: s)
                return 1
            },
        ]
        context.registry.add(APIEntry(owner: "Table", name: "columns", kind: .field, parameters: [], returns: "string[]", summary: "the column names, in order"))
        context.registerType(typeName, methods, index: { s in
            let t = try table(s)
            if let key = s.toString(2) {
                guard key == "columns" else {
                    throw ScriptError("Table has no field or method '\(key)'; it has columns, " + methods.map(\.entry.name).joined(separator: ", "))
                }
                s.pushArray(t.columns)
                return 1
            }
            guard let i = s.toInteger(2), i >= 1, i <= t.count else { s.pushNil(); return 1 }
            pushRow(t, i - 1, on: s)
            return 1
        }, metamethods: [
            "__len": { s in s.push(try table(s).count); return 1 },
            "__tostring": { s in s.push(try table(s).description); return 1 },
        ])
        context.state.addMethod("rows", toType: typeName) { s in context.pushHelper("positions", on: s) }
        context.setModule("Table", [
            APIFunction("Table", "new", kind: .function, [APIParameter("spec", "{columns: string[], rows: table[]}")], returns: "Table",
                        "builds a Table; rows are arrays in column order or tables keyed by column name") { s in
                try s.argumentTable(1)
                s.getField("columns", at: 1)
                guard s.type(at: -1) == .table else { throw LuaArgumentError(1, "field 'columns' must be an array of names") }
                let columns = try s.stringArray(s.top, argument: 1)
                s.pop()
                s.getField("rows", at: 1)
                let rows = s.type(at: -1) == .nil ? [] : try rowsArgument(s, s.top, columns: columns, argument: 1)
                s.pop()
                try push(try Table(columns: columns, rows: rows), on: s)
                return 1
            },
        ])
    }

    /// Pushes a result table, refusing one that would pass the memory limit.
    static func push(_ table: Table, on s: LuaStack) throws {
        try s.state.checkMemory(adding: estimatedBytes(table))
        s.pushObject(table, typeName: typeName)
    }

    /// Roughly what a table holds: its cells and their text.
    static func estimatedBytes(_ table: Table) -> Int {
        let sample = table.rows.prefix(1000)
        var text = 0
        for row in sample { for case .text(let t) in row { text += t.utf8.count } }
        let textPerRow = sample.isEmpty ? 0 : text / sample.count
        return table.count * (32 + table.columns.count * 24 + textPerRow)
    }

    /// A column of `t`, an unknown name being an error of argument `argument`.
    static func column(_ t: Table, _ name: String, argument: Int32) throws -> [Cell] {
        do { return try t.column(name) } catch { throw LuaArgumentError(argument, String(describing: error)) }
    }

    static func table(_ s: LuaStack, at index: Int32 = 1) throws -> Table {
        guard let t = s.object(at: index, typeName: typeName, as: Table.self) else {
            throw LuaArgumentError(index, "Table expected, got \(s.typeName(at: index))")
        }
        return t
    }

    static func pushRow(_ t: Table, _ i: Int, on s: LuaStack) {
        s.pushTable(fields: t.columns.count)
        for (c, name) in t.columns.enumerated() {
            s.push(t.rows[i][c])
            s.setField(name, at: -2)
        }
    }

    /// Rows from a Lua array whose items are arrays (in column order) or maps keyed by column.
    static func rowsArgument(_ s: LuaStack, _ index: Int32, columns: [String], argument: Int32) throws -> [[Cell]] {
        guard s.type(at: index) == .table else { throw LuaArgumentError(argument, "rows must be an array of rows, got \(s.typeName(at: index))") }
        let count = s.rawLength(at: index)
        var rows: [[Cell]] = []
        rows.reserveCapacity(count)
        for r in 0..<count {
            s.getIndex(r + 1, at: index)
            defer { s.pop() }
            guard s.type(at: -1) == .table else { throw LuaArgumentError(argument, "row \(r + 1) is a \(s.typeName(at: -1)), not a table") }
            let byPosition = s.rawLength(at: -1) > 0
            var row: [Cell] = []
            for (c, name) in columns.enumerated() {
                if byPosition { s.getIndex(c + 1, at: -1) } else { s.getField(name, at: -1) }
                defer { s.pop() }
                guard let cell = s.cell(at: -1) else {
                    throw LuaArgumentError(argument, "row \(r + 1), column '\(name)' holds a \(s.typeName(at: -1)); cells are strings, numbers, booleans or nil")
                }
                row.append(cell)
            }
            if byPosition && s.rawLength(at: -1) > columns.count {
                throw LuaArgumentError(argument, "row \(r + 1) has \(s.rawLength(at: -1)) cells; there are \(columns.count) columns")
            }
            rows.append(row)
        }
        return rows
    }

    /// A Table from arguments (table) or (header, rows), as `md:table` and `report.csv` take them.
    static func tableOrHeader(_ s: LuaStack, _ index: Int32) throws -> Table {
        if let t = s.object(at: index, typeName: typeName, as: Table.self) { return t }
        guard s.type(at: index) == .table else {
            throw LuaArgumentError(index, "Table or array of column names expected, got \(s.typeName(at: index))")
        }
        let header = try s.stringArray(index, argument: index)
        let rows = s.isNoneOrNil(index + 1) ? [] : try rowsArgument(s, index + 1, columns: header, argument: index + 1)
        return try Table(columns: header, rows: rows)
    }
}
