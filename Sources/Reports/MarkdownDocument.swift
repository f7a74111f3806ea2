// MarkdownDocument.swift: a GitHub-flavoured Markdown document built block by block. Text handed
// to it is escaped, so a title holding `|`, `*` or `<script>` renders as that text; raw Markdown
// goes in only through `markdown(_:)`.
import Tables

/// What a report's front block says: its title, when it was made, from what corpus and script.
package struct ReportFront: Sendable {
    package var title: String
    /// The day, as YYYY-MM-DD.
    package var date: String
    package var corpus: [String]
    package var documents: Int
    package var script: String

    package init(title: String, date: String, corpus: [String], documents: Int, script: String) {
        self.title = title
        self.date = date
        self.corpus = corpus
        self.documents = documents
        self.script = script
    }

    /// A YAML metadata block, which pandoc reads as the document's metadata and GitHub shows as a
    /// table. Strings are written as JSON strings, which YAML reads as they are.
    func render() -> String {
        [
            "---",
            "title: \(quoted(title))",
            "date: \(quoted(date))",
            "corpus: [\(corpus.map(quoted).joined(separator: ", "))]",
            "documents: \(documents)",
            "script: \(quoted(script))",
            "---",
        ].joined(separator: "\n")
    }

    /// A YAML double-quoted scalar: YAML reads a JSON string as it is.
    private func quoted(_ s: String) -> String {
        var out = ""
        JSONWriter.quote(s, into: &out)
        return out
    }
}

package final class MarkdownDocument {
    enum Block {
        case heading(Int, String)
        case paragraph(String)
        case list([String], ordered: Bool)
        case table([String], [[Cell]])
        case code(String, language: String)
        case link(String, String)
        case image(alt: String, path: String)
        case raw(String)
    }

    private var blocks: [Block] = []
    /// The front block, written first when set.
    package var front: ReportFront?
    /// A table of contents of the level-2 and level-3 headings, after the first level-1 heading.
    package var tableOfContents = false

    package init() {}

    /// The text of the first level-1 heading, the document's natural title.
    package var firstHeading: String? {
        for case .heading(1, let text) in blocks { return text }
        return nil
    }

    /// A paragraph holding one link.
    package func link(_ text: String, url: String) { blocks.append(.link(text, url)) }
    /// An image, such as a chart written beside the document.
    package func image(alt: String, path: String) { blocks.append(.image(alt: alt, path: path)) }

    package func heading(_ level: Int, _ text: String) { blocks.append(.heading(min(6, max(1, level)), text)) }
    package func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    package func list(_ items: [String], ordered: Bool = false) { blocks.append(.list(items, ordered: ordered)) }
    package func table(_ table: Table) { blocks.append(.table(table.columns, table.rows)) }
    package func table(header: [String], rows: [[Cell]]) { blocks.append(.table(header, rows)) }
    package func code(_ text: String, language: String = "") { blocks.append(.code(text, language: language)) }
    package func markdown(_ text: String) { blocks.append(.raw(text)) }

    package func render() -> String {
        // A list right after another list of its kind takes the other marker, or Markdown would
        // read the two as one list.
        var parts: [String] = []
        var previous: Bool? = nil
        var alternate = false
        for block in blocks {
            if case .list(_, let ordered) = block {
                alternate = previous == ordered ? !alternate : false
                previous = ordered
            } else {
                previous = nil
                alternate = false
            }
            parts.append(render(block, alternateMarker: alternate))
        }
        if tableOfContents, let contents = renderContents() {
            let at = blocks.firstIndex { if case .heading(1, _) = $0 { return true } else { return false } }.map { $0 + 1 } ?? 0
            parts.insert(contents, at: at)
        }
        if let front { parts.insert(front.render(), at: 0) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Links to the level-2 and level-3 headings, with the anchors GitHub and pandoc give them.
    private func renderContents() -> String? {
        var used: [String: Int] = [:]
        var lines: [String] = []
        for block in blocks {
            guard case .heading(let level, let text) = block else { continue }
            var anchor = MarkdownDocument.anchor(oneLine(text))
            if let n = used[anchor] { used[anchor] = n + 1; anchor += "-\(n + 1)" } else { used[anchor] = 0 }
            guard level == 2 || level == 3 else { continue }
            lines.append(String(repeating: "  ", count: level - 2) + "* [" + MarkdownEscaping.inline(oneLine(text)) + "](#" + anchor + ")")
        }
        return lines.isEmpty ? nil : "**Contents**\n\n" + lines.joined(separator: "\n")
    }

    /// A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens.
    static func anchor(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch == " " { out.append("-") }
            else if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" { out.append(ch) }
        }
        return out
    }

    private func render(_ block: Block, alternateMarker: Bool) -> String {
        switch block {
        case .heading(let level, let text):
            return String(repeating: "#", count: level) + " " + MarkdownEscaping.inline(oneLine(text))
        case .paragraph(let text):
            return MarkdownEscaping.block(text)
        case .list(let items, let ordered):
            return items.enumerated().map { i, item in
                (ordered ? "\(i + 1)" + (alternateMarker ? ") " : ". ") : (alternateMarker ? "* " : "- ")) + MarkdownEscaping.inline(oneLine(item))
            }.joined(separator: "\n")
        case .table(let header, let rows):
            return renderTable(header, rows)
        case .code(let text, let language):
            let longest = text.split(whereSeparator: { $0 == "\n" }).map { (line: Substring) in line.prefix { $0 == "`" }.count }.max() ?? 0
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return fence + language + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence
        case .link(let text, let url):
            return "[" + MarkdownEscaping.inline(oneLine(text)) + "](" + MarkdownEscaping.destination(url) + ")"
        case .image(let alt, let path):
            return "![" + MarkdownEscaping.inline(oneLine(alt)) + "](" + MarkdownEscaping.destination(path) + ")"
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
package enum MarkdownEscaping {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "!", "&"]

    /// Text inside a line: every character Markdown could read as markup is backslash-escaped
    /// (`&` as an entity, so that `&lt;` stays literal).
    package static func inline(_ text: String) -> String {
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
    package static func block(_ text: String) -> String {
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

    /// A link destination: in angle brackets when it holds spaces or parentheses.
    package static func destination(_ url: String) -> String {
        let clean = url.filter { $0 != "\n" && $0 != "\r" && $0 != "<" && $0 != ">" }
        return clean.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<" + clean + ">" : clean
    }

    /// A table cell: inline escaping, on one line.
    package static func tableCell(_ text: String) -> String {
        inline(text.split(whereSeparator: \.isNewline).joined(separator: " "))
    }
}
