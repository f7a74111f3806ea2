// MarkdownDocumentTests.swift: Markdown documents render as GitHub-flavoured Markdown, and text
// from records is escaped so it renders as written.
import Analysis
import Reports
import XCTest

final class MarkdownDocumentTests: XCTestCase {
    func testBlocks() throws {
        let md = MarkdownDocument()
        md.heading(2, "Top terms")
        md.paragraph("Plain text.")
        md.list(["one", "two"])
        md.table(try Table(columns: ["term", "count", "share"], rows: [[.text("tea"), .int(3), .number(0.25)], [.text("road"), .int(1), .null]]))
        md.code("print(1)", language: "lua")
        XCTAssertEqual(md.render(), """
            ## Top terms

            Plain text.

            - one
            - two

            | term | count | share |
            | :--- | ---: | ---: |
            | tea | 3 | 0.25 |
            | road | 1 |  |

            ```lua
            print(1)
            ```

            """)
    }

    func testEscapingOfRecordText() {
        XCTAssertEqual(MarkdownEscaping.inline("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>")
        XCTAssertEqual(MarkdownEscaping.tableCell("a | b\nc"), "a \\| b c")
        XCTAssertEqual(MarkdownEscaping.inline("*bold* _it_ `code` [link](x) &lt;"), "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) &amp;lt;")
        XCTAssertEqual(MarkdownEscaping.block("# not a heading\n- not a list\n1. not ordered"), "\\# not a heading\n\\- not a list\n1\\. not ordered")
    }
}
