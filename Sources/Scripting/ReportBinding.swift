// ReportBinding.swift: `report.markdown(name)` and `report.csv(name, ...)`. Outputs are held by
// the run and written to the output folder together when the script has succeeded.
import Analysis
import Lua
import Reports

/// What a MarkdownDocument userdata holds.
final class MarkdownHandle {
    let name: String
    let document = MarkdownDocument()
    init(name: String) { self.name = name }
}

enum ReportBinding {
    static let markdownType = "MarkdownDocument"

    static func register(in context: ScriptContext) {
        let methods = [
            APIFunction(markdownType, "heading", [APIParameter("level", "integer"), APIParameter("text", "string")], returns: "MarkdownDocument",
                        "adds a heading of level 1 to 6") { s in
                let md = try handle(s)
                md.document.heading(try s.argumentInteger(2), try s.argumentString(3))
                return returnSelf(s)
            },
            APIFunction(markdownType, "paragraph", [APIParameter("text", "string")], returns: "MarkdownDocument",
                        "adds a paragraph of plain text (escaped: it renders as written)") { s in
                try handle(s).document.paragraph(try s.argumentString(2))
                return returnSelf(s)
            },
            APIFunction(markdownType, "list", [APIParameter("items", "string[]")], returns: "MarkdownDocument",
                        "adds a bulleted list") { s in
                try handle(s).document.list(try s.stringArray(2, argument: 2))
                return returnSelf(s)
            },
            APIFunction(markdownType, "table", [APIParameter("table_or_header", "Table|string[]"), APIParameter("rows", "table[]", optional: true)],
                        returns: "MarkdownDocument", "adds a table: a Table, or a header and rows; numeric columns are right-aligned") { s in
                let md = try handle(s)
                md.document.table(try TableBinding.tableOrHeader(s, 2))
                return returnSelf(s)
            },
            APIFunction(markdownType, "code", [APIParameter("text", "string"), APIParameter("language", "string", optional: true)],
                        returns: "MarkdownDocument", "adds a fenced code block") { s in
                try handle(s).document.code(try s.argumentString(2), language: try s.optionalString(3) ?? "")
                return returnSelf(s)
            },
            APIFunction(markdownType, "markdown", [APIParameter("text", "string")], returns: "MarkdownDocument",
                        "adds raw Markdown as it is (not escaped)") { s in
                try handle(s).document.markdown(try s.argumentString(2))
                return returnSelf(s)
            },
        ]
        context.registerType(markdownType, methods, metamethods: [
            "__tostring": { s in s.push("MarkdownDocument " + (try handle(s)).name); return 1 },
        ])
        context.setModule("report", [
            APIFunction("report", "markdown", kind: .function, [APIParameter("name", "string")], returns: "MarkdownDocument",
                        "starts a Markdown file in the output folder; it is written when the script ends") { s in
                let name = try s.argumentString(1)
                let md = MarkdownHandle(name: name)
                do {
                    try context.outputs.add(Output(name: name, mediaType: "text/markdown") { Array(md.document.render().utf8) })
                } catch { throw LuaArgumentError(1, String(describing: error)) }
                s.pushObject(md, typeName: markdownType)
                return 1
            },
            APIFunction("report", "csv", kind: .function,
                        [APIParameter("name", "string"), APIParameter("table_or_header", "Table|string[]"), APIParameter("rows", "table[]", optional: true)],
                        "writes a CSV file (RFC 4180, UTF-8) from a Table, or from a header and rows") { s in
                let name = try s.argumentString(1)
                let table = try TableBinding.tableOrHeader(s, 2)
                let text = CSVWriter.render(table, options: context.csvOptions)
                do {
                    try context.outputs.add(Output(name: name, mediaType: "text/csv") { Array(text.utf8) })
                } catch { throw LuaArgumentError(1, String(describing: error)) }
                return 0
            },
        ])
    }

    private static func handle(_ s: LuaStack) throws -> MarkdownHandle {
        guard let h = s.object(at: 1, typeName: markdownType, as: MarkdownHandle.self) else {
            throw LuaArgumentError(1, "MarkdownDocument expected, got \(s.typeName(at: 1))")
        }
        return h
    }

    private static func returnSelf(_ s: LuaStack) -> Int32 {
        s.pushCopy(of: 1)
        return 1
    }
}
