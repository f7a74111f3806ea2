// MarkdownRenderingTests.swift: Markdown holding hostile record text, rendered by a real GFM
// parser (cmark-gfm, a Debian package `Tools/setup.sh` installs): markup in titles and keywords
// renders as text, never as HTML, emphasis, code or links, and a `|` never breaks a table.
import Tables
import Foundation
import Reports
import XCTest

final class MarkdownRenderingTests: XCTestCase {
    private static let hostile = [
        "<script>alert(1)</script>", "a | b", "`code`", "*bold* and _it_", "[link](http://x)", "<b>bold</b>",
        "line\nbreak", "# heading", "&lt;entity&gt;", "![img](x.png)", "2 * 3 * 4", "~~strike~~",
    ]

    private func render(_ markdown: String) throws -> String {
        guard let cmark = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("cmark-gfm is not installed (Tools/setup.sh installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cmark)
        process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(markdown.utf8))
        try input.fileHandleForWriting.close()
        let html = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return html
    }

    /// The text of an HTML fragment: tags removed, the five entities decoded.
    private func text(_ html: String) -> String {
        var out = "", inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    func testHostileTextRendersAsText() throws {
        for value in Self.hostile {
            let md = MarkdownDocument()
            md.heading(2, value)
            md.paragraph(value)
            md.list([value])
            let html = try render(md.render())
            for tag in ["<script", "<b>", "<em>", "<strong>", "<code>", "<img", "<del>", "<h1>"] {
                XCTAssertFalse(html.contains(tag), "\(value) became \(tag): \(html)")
            }
            // A bare URL may be linked (GitHub links every URL), but no link hides its target.
            for link in html.components(separatedBy: "<a href=\"").dropFirst() {
                let target = link.prefix { $0 != "\"" }
                let shown = link.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
                XCTAssertEqual(String(target), String(shown), "a link shows other text than its target: \(html)")
            }
            let flat = value.replacingOccurrences(of: "\n", with: " ")
            let shown = text(html).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertEqual(shown.components(separatedBy: flat).count - 1, 3, "\(value) is shown as written three times: \(html)")
        }
    }

    func testTablesKeepTheirShapeWhateverTheCellsHold() throws {
        let rows = Self.hostile.enumerated().map { i, value in [Cell.text(value), .int(i), .text("k " + value)] }
        let md = MarkdownDocument()
        md.table(try Table(columns: ["title", "n", "keyword"], rows: rows))
        let html = try render(md.render())
        let bodyRows = html.components(separatedBy: "<tbody>")[1].components(separatedBy: "<tr>").dropFirst()
        XCTAssertEqual(bodyRows.count, Self.hostile.count)
        for (row, value) in zip(bodyRows, Self.hostile) {
            let cells = row.components(separatedBy: "<td").dropFirst().map { text("<td" + $0).trimmingCharacters(in: .whitespacesAndNewlines) }
            let flat = value.replacingOccurrences(of: "\n", with: " ")
            XCTAssertEqual(cells.count, 3, row)
            XCTAssertEqual(cells.first, flat)
            XCTAssertEqual(cells.last, "k " + flat)
        }
        XCTAssertFalse(html.contains("<script"))
    }
}
