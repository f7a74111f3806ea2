// ReportBinding.swift: the `report` module (Markdown, CSV, JSON and SVG files) and the
// MarkdownDocument methods. Outputs are held by the run and written to the output folder together
// when the script has succeeded; a chart of a Markdown document is an SVG file beside it.
import Analysis
import Tables
import Lua
import Reports

/// What a MarkdownDocument userdata holds.
final class MarkdownHandle {
    let name: String
    let document = MarkdownDocument()
    /// File names of the charts written for this document.
    var charts: [String] = []
    init(name: String) { self.name = name }
}

enum ReportBinding {
    static let markdownType = "MarkdownDocument"
    static let chartOptions = ["table", "x", "y", "kind", "title", "xlabel", "ylabel", "value", "bins", "file"]

    static func register(in context: ScriptContext) {
        context.registerType(markdownType, markdownMethods(context), metamethods: [
            "__tostring": { s in s.push("MarkdownDocument " + (try handle(s)).name); return 1 },
        ])
        context.setModule("report", [
            APIFunction("report", "markdown", kind: .function,
                        [APIParameter("name", "string"), APIParameter("options", "{title: string?, toc: boolean?, front: boolean?}", optional: true)],
                        returns: "MarkdownDocument",
                        "starts a Markdown file in the output folder, written when the script ends; a front block gives its title (default: the first heading), the date, the corpus and the script (front = false leaves it out); toc = true adds a table of contents") { s in
                let name = try s.argumentString(1)
                let options = try OptionsTable(s, 2, known: ["title", "toc", "front"])
                let md = MarkdownHandle(name: name)
                md.document.tableOfContents = try options.boolean("toc") ?? false
                let title = try options.string("title")
                let front = try options.boolean("front") ?? true
                let run = context.run
                try add(Output(name: name, mediaType: "text/markdown") {
                    if front {
                        md.document.front = ReportFront(title: title ?? md.document.firstHeading ?? name, date: run.date,
                                                        corpus: run.corpus, documents: run.documents, script: run.script)
                    }
                    return Array(md.document.render().utf8)
                }, to: context)
                s.pushObject(md, typeName: markdownType)
                return 1
            },
            APIFunction("report", "csv", kind: .function,
                        [APIParameter("name", "string"), APIParameter("table_or_header", "Table|string[]"), APIParameter("rows", "table[]", optional: true),
                         APIParameter("options", "{bom: boolean?, separator: string?}", optional: true)],
                        "writes a CSV file (RFC 4180, UTF-8) from a Table, or from a header and rows; options: bom = true starts it with a byte order mark, separator = \";\" or \"\\t\"") { s in
                let name = try s.argumentString(1)
                let table = try TableBinding.tableOrHeader(s, 2)
                let isTable = s.object(at: 2, typeName: TableBinding.typeName, as: Table.self) != nil
                let optionsIndex: Int32 = isTable ? 3 : 4
                let options = try OptionsTable(s, optionsIndex, known: ["bom", "separator"])
                var csv = context.csvOptions
                if let bom = try options.boolean("bom") { csv.byteOrderMark = bom }
                if let separator = try options.choice("separator", [",", ";", "\t"]) { csv.separator = Character(separator) }
                let text = CSVWriter.render(table, options: csv)
                try add(Output(name: name, mediaType: "text/csv", bytes: Array(text.utf8)), to: context)
                return 0
            },
            NetworkBinding.reportNetwork(context),
            APIFunction("report", "json", kind: .function, [APIParameter("name", "string"), APIParameter("value", "Table|table|string|number|boolean")],
                        "writes a JSON file: a Table as an array of row objects, a Lua table as an array (keys 1..n) or an object (string keys, sorted)") { s in
                let name = try s.argumentString(1)
                let value = try jsonValue(s, 2, depth: 0)
                let text = JSONWriter.render(value)
                try add(Output(name: name, mediaType: "application/json", bytes: Array(text.utf8)), to: context)
                return 0
            },
            APIFunction("report", "svg", kind: .function, [APIParameter("name", "string"), APIParameter("spec", "ChartSpec")],
                        "writes a chart as an SVG file; spec as for MarkdownDocument:chart (table, x, y, kind, title, xlabel, ylabel, value, bins)") { s in
                let name = try s.argumentString(1)
                let (table, spec, _) = try chartSpec(s, 2)
                let svg = try renderChart(table, spec, argument: 2)
                try add(Output(name: name, mediaType: "image/svg+xml", bytes: Array(svg.utf8)), to: context)
                return 0
            },
        ])
    }

    private static func markdownMethods(_ context: ScriptContext) -> [APIFunction] {
        [
            NetworkBinding.networkMap(context),
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
            APIFunction(markdownType, "list", [APIParameter("items", "string[]"), APIParameter("ordered", "boolean", optional: true)],
                        returns: "MarkdownDocument", "adds a bulleted list, or a numbered one when ordered is true") { s in
                try handle(s).document.list(try s.stringArray(2, argument: 2), ordered: s.toBool(3))
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
            APIFunction(markdownType, "link", [APIParameter("text", "string"), APIParameter("url", "string")], returns: "MarkdownDocument",
                        "adds a paragraph holding a link") { s in
                try handle(s).document.link(try s.argumentString(2), url: try s.argumentString(3))
                return returnSelf(s)
            },
            APIFunction(markdownType, "chart", [APIParameter("spec", "ChartSpec")], returns: "MarkdownDocument",
                        "adds a chart: writes an SVG file beside the document and links it with the title as alt text; spec: table, x, y (a column or a list of columns), kind (\"bar\", \"line\", \"histogram\", \"scatter\", \"heatmap\", \"map\": a world map with x the ISO 3166-1 country codes and y the values), title, xlabel, ylabel, value (heatmap cells, default \"count\"), bins (histogram), file") { s in
                let md = try handle(s)
                let (table, spec, file) = try chartSpec(s, 2)
                let svg = try renderChart(table, spec, argument: 2)
                let name = file ?? chartName(for: md, title: spec.title)
                let path = siblingPath(of: md.name, file: name)
                try add(Output(name: path, mediaType: "image/svg+xml", bytes: Array(svg.utf8)), to: context)
                md.charts.append(name)
                md.document.image(alt: spec.title.isEmpty ? "\(spec.kind.rawValue) chart of \(spec.y.joined(separator: ", ")) by \(spec.x)" : spec.title, path: name)
                return returnSelf(s)
            },
            APIFunction(markdownType, "markdown", [APIParameter("text", "string")], returns: "MarkdownDocument",
                        "adds raw Markdown as it is (not escaped)") { s in
                try handle(s).document.markdown(try s.argumentString(2))
                return returnSelf(s)
            },
        ]
    }

    // MARK: Charts

    private static func chartSpec(_ s: LuaStack, _ index: Int32) throws -> (Table, ChartSpec, String?) {
        guard s.type(at: index) == .table else { throw LuaArgumentError(index, "chart spec table expected, got \(s.typeName(at: index))") }
        let options = try OptionsTable(s, index, known: chartOptions)
        guard let table = try options.table("table") else { throw LuaArgumentError(index, "option 'table' (the Table to chart) is missing") }
        guard let x = try options.string("x") else { throw LuaArgumentError(index, "option 'x' (the column along the horizontal axis) is missing") }
        let kindName = try options.choice("kind", ChartSpec.Kind.allCases.map(\.rawValue)) ?? "bar"
        let kind = ChartSpec.Kind(rawValue: kindName)!
        let y = try options.strings("y") ?? (kind == .histogram ? [] : nil)
        guard let y else { throw LuaArgumentError(index, "option 'y' (the column or columns to plot) is missing") }
        for column in [x] + y + (kind == .heatmap ? [try options.string("value") ?? "count"] : []) where !table.columns.contains(column) {
            throw LuaArgumentError(index, "the table has no column '\(column)'; its columns are \(table.columns.joined(separator: ", "))")
        }
        let spec = ChartSpec(kind: kind, x: x, y: y, value: try options.string("value") ?? "count", title: try options.string("title") ?? "",
                             xLabel: try options.string("xlabel"), yLabel: try options.string("ylabel"), bins: try options.integer("bins", min: 1))
        var file = try options.string("file")
        if let f = file, !f.hasSuffix(".svg") { file = f + ".svg" }
        return (table, spec, file)
    }

    private static func renderChart(_ table: Table, _ spec: ChartSpec, argument: Int32) throws -> String {
        do { return try SVGChart.render(table, spec) } catch { throw LuaArgumentError(argument, String(describing: error)) }
    }

    /// "overview-documents-per-year.svg" for a chart titled "Documents per year" in overview.md.
    static func chartName(for md: MarkdownHandle, title: String) -> String {
        let file = md.name.split(separator: "/").last.map(String.init) ?? md.name
        let stem = file.hasSuffix(".md") ? String(file.dropLast(3)) : file
        var slug = ""
        for ch in title.lowercased().unicodeScalars {
            if (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9") { slug.unicodeScalars.append(ch) }
            else if !slug.isEmpty && !slug.hasSuffix("-") { slug.append("-") }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > 40 { slug = String(slug.prefix(40)) }
        var name = stem + "-" + (slug.isEmpty ? "chart-\(md.charts.count + 1)" : slug) + ".svg"
        var n = 2
        while md.charts.contains(name) {
            name = stem + "-" + (slug.isEmpty ? "chart-\(md.charts.count + n)" : slug + "-\(n)") + ".svg"
            n += 1
        }
        return name
    }

    /// `file` in the folder of the output named `name`.
    static func siblingPath(of name: String, file: String) -> String {
        guard let slash = name.lastIndex(of: "/") else { return file }
        return String(name[...slash]) + file
    }

    // MARK: JSON

    private static func jsonValue(_ s: LuaStack, _ index: Int32, depth: Int) throws -> JSONValue {
        guard depth < 64 else { throw LuaArgumentError(2, "value nested more than 64 levels deep (a table that contains itself?)") }
        let i = s.absolute(index)
        switch s.type(at: i) {
        case .nil, .none: return .null
        case .boolean: return .bool(s.toBool(i))
        case .number:
            if let cell = s.cell(at: i), case .int(let n) = cell { return .int(n) }
            let d = s.toNumber(i) ?? 0
            guard d.isFinite else { throw LuaArgumentError(2, "JSON has no \(d) (a value is not finite)") }
            return .number(d)
        case .string: return .string(s.toString(i) ?? "")
        case .table:
            let n = s.rawLength(at: i)
            var keys: [String] = []
            var count = 0
            s.forEachPair(at: i) {
                count += 1
                if s.type(at: -2) == .string { keys.append(s.toString(-2)!) }
            }
            if count == n {
                var items: [JSONValue] = []
                for k in 0..<n {
                    s.getIndex(k + 1, at: i)
                    defer { s.pop() }
                    items.append(try jsonValue(s, -1, depth: depth + 1))
                }
                return .array(items)
            }
            guard keys.count == count else { throw LuaArgumentError(2, "a table mixes array items and keys, or has keys that are not strings; JSON cannot hold it") }
            var pairs: [(String, JSONValue)] = []
            for key in keys.sorted() {
                s.getField(key, at: i)
                defer { s.pop() }
                pairs.append((key, try jsonValue(s, -1, depth: depth + 1)))
            }
            return .object(pairs)
        case .userdata:
            if let t = s.object(at: i, typeName: TableBinding.typeName, as: Table.self) { return JSONValue(t) }
            throw LuaArgumentError(2, "JSON cannot hold a \(s.typeName(at: i))")
        default:
            throw LuaArgumentError(2, "JSON cannot hold a \(s.typeName(at: i))")
        }
    }

    // MARK: Helpers

    static func add(_ output: Output, to context: ScriptContext) throws {
        do {
            try context.outputs.add(output)
        } catch let error as OutputError {
            switch error {
            case .tooMany, .tooLarge:
                // A limit, reported as the time and memory limits are (exit status 4).
                context.state.stop(.outputs)
                throw LuaError(kind: .limit(.outputs), message: error.description)
            default: throw LuaArgumentError(1, error.description)
            }
        }
    }

    static func handle(_ s: LuaStack) throws -> MarkdownHandle {
        guard let h = s.object(at: 1, typeName: markdownType, as: MarkdownHandle.self) else {
            throw LuaArgumentError(1, "MarkdownDocument expected, got \(s.typeName(at: 1))")
        }
        return h
    }

    static func returnSelf(_ s: LuaStack) -> Int32 {
        s.pushCopy(of: 1)
        return 1
    }
}
