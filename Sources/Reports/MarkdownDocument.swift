// MarkdownDocument.swift: a GitHub-flavoured Markdown document built block by block. Text handed
// to it is escaped, so a title holding `|`, `*` or `<script>` renders as that text; raw Markdown
// goes in only through `markdown(_:)`.
import Analysis

public final class MarkdownDocument {
    enum Block {
        case heading(Int, String)
        case paragraph(String)
        case list([String], ordered: Bool)
        case table([String], [[Cell]])
        case code(String, language: String)
        case raw(String)
    }

    private var blocks: [Block] = []

    public init() {}

    public func heading(_ level: Int, _ text: String) { blocks.append(.heading(min(6, max(1, level)), text)) }
    public func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    public func list(_ items: [String], ordered: Bool = false) { blocks.append(.list(items, ordered: ordered)) }
    public func table(_ table: Table) { blocks.append(.table(table.columns, table.rows)) }
    public func table(header: [String], rows: [[Cell]]) { blocks.append(.table(header, rows)) }
    public func code(_ text: String, language: String = "") { blocks.append(.code(text, language: language)) }
    public func markdown(_ text: String) { blocks.append(.raw(text)) }

    public func render() -> String {
        blocks.map(render).joined(separator: "\n\n") + "\n"
    }

    private func render(_ block: Block) -> String {
        switch block {
        case .heading(let level, let text):
            return String(repeating: "#", count: level) + " " + MarkdownEscaping.inline(oneLine(text))
        case .paragraph(let text):
            return MarkdownEscaping.block(text)
        case .list(let items, let ordered):
            return items.enumerated().map { i, item in
                (ordered ? "\(i + 1). " : "- ") + MarkdownEscaping.inline(oneLine(item))
            }.joined(separator: "\n")
        case .table(let header, let rows):
            return renderTable(header, rows)
        case .code(let text, let language):
            let longest = text.split(whereSeparator: { $0 == "\n" }).map { (line: Substring) in line.prefix { $0 == "`" }.count }.max() ?? 0
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return fence + language + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence
        case .raw(let text):
            return text
        }
    }

    private func renderTable(_ header: [String], _ rows: [[Cell]]) -> String {
        guard !header.isEmpty else { return "" }
        let numeric = header.indices.map { c in
            !rows.isEmpty && rows.allSatisfy { $0.indices.contains(c) && ($0[c].isNumeric || $0[c] == .null) }
                && rows.contains { $0[c].isNumeric }
        }
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        var out = [line(header.map { MarkdownEscaping.tableCell($0) })]
        out.append(line(numeric.map { $0 ? "---:" : ":---" }))
        for row in rows {
            out.append(line(header.indices.map { c in
                c < row.count ? MarkdownEscaping.tableCell(row[c].description) : ""
            }))
        }
        return out.joined(separator: "\n")
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Escaping of text for Markdown contexts.
public enum MarkdownEscaping {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "&"]

    /// Text inside a line: every character Markdown could read as markup is backslash-escaped
    /// (`&` as an entity, so that `&lt;` stays literal).
    public static func inline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            if ch == "&" { out += "&amp;" }
            else if special.contains(ch) { out.append("\\"); out.append(ch) }
            else { out.append(ch) }
        }
        return out
    }

    /// A paragraph: lines escaped, and a line start that would open a list, a heading, a quote or a
    /// thematic break escaped too.
    public static func block(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }).map { raw in
            var line = inline(String(raw))
            if let first = line.first, "-+=".contains(first) { line = "\\" + line }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty {
                let after = line.dropFirst(digits.count)
                if after.hasPrefix(". ") || after.hasPrefix(") ") || after == "." || after == ")" {
                    line = String(digits) + "\\" + after
                }
            }
            if line.first == " " { line = "&#32;" + line.dropFirst() }
            return line
        }.joined(separator: "\n")
    }

    /// A table cell: inline escaping, on one line.
    public static func tableCell(_ text: String) -> String {
        inline(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
