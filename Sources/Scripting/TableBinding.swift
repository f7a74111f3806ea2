// TableBinding.swift: result tables in Lua: `#t`, `t.columns`, `t[i]`, `t:rows()`, `t:sort()`,
// `t:head()`, `t:column()`, and `Table.new{columns = ..., rows = ...}` to build one.
import Analysis
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
                do { push(try t.sorted(by: column, descending: order == "desc"), on: s) } catch {
                    throw LuaArgumentError(2, String(describing: error))
                }
                return 1
            },
            APIFunction("Table", "head", [APIParameter("n", "integer")], returns: "Table", "a copy with the first n rows") { s in
                push(try table(s).head(try s.argumentInteger(2)), on: s)
                return 1
            },
            APIFunction("Table", "column", [APIParameter("name", "string")], returns: "any[]", "the values of one column, as an array") { s in
                let t = try table(s)
                let values: [Cell]
                do { values = try t.column(try s.argumentString(2)) } catch { throw LuaArgumentError(2, String(describing: error)) }
                s.pushArray(values) { s.push($0) }
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
                push(try Table(columns: columns, rows: rows), on: s)
                return 1
            },
        ])
    }

    static func push(_ table: Table, on s: LuaStack) { s.pushObject(table, typeName: typeName) }

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
