// MarkdownDocumentTests.swift: Markdown documents render as GitHub-flavoured Markdown, and text
// from records is escaped so it renders as written.
import Tables
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

    func testFrontBlockContentsLinksImagesAndSeparateLists() {
        let md = MarkdownDocument()
        md.front = ReportFront(title: "Overview \"2026\"", date: "2026-01-01", corpus: ["Samples", "exports/wos.txt"], documents: 14, script: "Scripts/overview.lua")
        md.tableOfContents = true
        md.heading(1, "Overview")
        md.list(["Documents: 14"])
        md.list(["second list"])
        md.list(["first step"], ordered: true)
        md.list(["second step"], ordered: true)
        md.heading(2, "Documents per year")
        md.image(alt: "Documents per year", path: "overview-documents per year.svg")
        md.heading(2, "Lotka's law")
        md.heading(3, "Documents per year")
        md.link("The [law]", url: "https://en.wikipedia.org/wiki/Lotka%27s_law")
        XCTAssertEqual(md.firstHeading, "Overview")
        XCTAssertEqual(md.render(), """
            ---
            title: "Overview \\"2026\\""
            date: "2026-01-01"
            corpus: ["Samples", "exports/wos.txt"]
            documents: 14
            script: "Scripts/overview.lua"
            ---

            # Overview

            **Contents**

            * [Documents per year](#documents-per-year)
            * [Lotka's law](#lotkas-law)
              * [Documents per year](#documents-per-year-1)

            - Documents: 14

            * second list

            1. first step

            1) second step

            ## Documents per year

            ![Documents per year](<overview-documents per year.svg>)

            ## Lotka's law

            ### Documents per year

            [The \\[law\\]](https://en.wikipedia.org/wiki/Lotka%27s_law)

            """)
    }
}
