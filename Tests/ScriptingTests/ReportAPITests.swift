// ReportAPITests.swift: what report.markdown and report.csv produce, byte for byte.
import Scripting
import XCTest

final class ReportAPITests: XCTestCase {
    private func outputs(_ source: String) throws -> [String: String] {
        let (result, _) = try Fixture.run(source)
        return result.outputs.contents().mapValues { String(decoding: $0, as: UTF8.self) }
    }

    func testMarkdownDocument() throws {
        let files = try outputs("""
            local md = report.markdown("out/summary.md", {front = false})
            md:heading(1, "Summary"):paragraph("Three *documents*, one with a | in its title.")
            md:list({"first", "second"})
            md:table(corpus:count_by("year"))
            md:table({"title", "year"}, {{corpus[3].title, corpus[3].year}})
            """)
        XCTAssertEqual(files["out/summary.md"], """
            # Summary

            Three \\*documents\\*, one with a \\| in its title.

            - first
            - second

            | year | count |
            | ---: | ---: |
            | 2021 | 2 |
            | 2019 | 1 |

            | title | year |
            | :--- | ---: |
            | Herders \\| markets | 2021 |

            """)
    }

    func testCSVFromTableAndFromHeaderAndRows() throws {
        let files = try outputs("""
            report.csv("years.csv", corpus:count_by("year"))
            report.csv("tricky.csv", {"text", "n"}, {{'comma, "quote"' .. "\\nnewline", 1.5}, {"=SUM(A1)", -3}})
            """)
        XCTAssertEqual(files["years.csv"], "year,count\r\n2021,2\r\n2019,1\r\n")
        XCTAssertEqual(files["tricky.csv"], "text,n\r\n\"comma, \"\"quote\"\"\nnewline\",1.5\r\n'=SUM(A1),-3\r\n")
    }

    func testOutputNamesAreCheckedAtTheCall() throws {
        XCTAssertEqual(Fixture.failure("report.csv('../x.csv', {'a'}, {})"),
                       "test.lua:1: bad argument #1 to 'csv' (output name '../x.csv' is not allowed: '..' leads out of the output folder)")
        XCTAssertEqual(Fixture.failure("report.markdown('/tmp/x.md')"),
                       "test.lua:1: bad argument #1 to 'markdown' (output name '/tmp/x.md' is not allowed: it is an absolute path; give a path relative to the output folder)")
        XCTAssertEqual(Fixture.failure("report.csv('a.csv', {'a'})\nreport.csv('a.csv', {'a'})"),
                       "test.lua:2: bad argument #1 to 'csv' (output 'a.csv' was already written by this run)")
    }

    func testScriptErrorCarriesLineAndTraceback() throws {
        do {
            _ = try Fixture.run("local function f()\n  error('no data')\nend\nf()")
            XCTFail("the script should fail")
        } catch let failure as ScriptFailure {
            XCTAssertEqual(failure.luaError?.message, "test.lua:2: no data")
            XCTAssertTrue(failure.luaError?.traceback.contains("test.lua:4: in main chunk") ?? false)
        }
    }

    func testFrontBlockChartsAndJSON() throws {
        let files = try outputs("""
            local md = report.markdown("out/years.md", {toc = true})
            md:heading(1, "Years"):heading(2, "Per year")
            local years = corpus:count_by("year"):sort("year")
            md:chart{table = years, x = "year", y = "count", title = "Documents per year"}
            md:chart{table = years, x = "year", y = "count", kind = "line"}
            report.svg("alone.svg", {table = years, x = "year", y = "count", kind = "scatter"})
            report.json("years.json", years)
            report.json("plain.json", {name = "x", list = {1, 2.5, true}, none = {}})
            """)
        let md = try XCTUnwrap(files["out/years.md"])
        XCTAssertTrue(md.hasPrefix("---\ntitle: \"Years\"\ndate: \""), md)
        XCTAssertTrue(md.contains("\ncorpus: []\ndocuments: 3\nscript: \"test.lua\"\n---\n\n# Years\n\n**Contents**\n\n* [Per year](#per-year)\n"), md)
        XCTAssertTrue(md.contains("![Documents per year](years-documents-per-year.svg)"), md)
        XCTAssertTrue(md.contains("![line chart of count by year](years-chart-2.svg)"), md)
        XCTAssertEqual(files["out/years-documents-per-year.svg"]?.components(separatedBy: "class=\"bar ").count, 3, "two years, two bars")
        XCTAssertEqual(files["out/years-chart-2.svg"]?.components(separatedBy: "class=\"point ").count, 3)
        XCTAssertNotNil(files["alone.svg"])
        XCTAssertEqual(files["years.json"], "[\n  {\n    \"year\": 2019,\n    \"count\": 1\n  },\n  {\n    \"year\": 2021,\n    \"count\": 2\n  }\n]\n")
        XCTAssertEqual(files["plain.json"], "{\n  \"list\": [\n    1,\n    2.5,\n    true\n  ],\n  \"name\": \"x\",\n  \"none\": []\n}\n")
    }

    func testChartAndJSONErrorsNameTheProblem() throws {
        for (source, message) in [
            ("report.markdown('a.md'):chart{table = corpus:count_by('year'), x = 'year', y = 'counts'}", "the table has no column 'counts'; its columns are year, count"),
            ("report.markdown('a.md'):chart{table = corpus:count_by('year'), x = 'year', y = 'count', kind = 'pie'}", "option 'kind' is 'pie'; it must be one of 'bar', 'line', 'histogram', 'scatter', 'heatmap'"),
            ("report.markdown('a.md'):chart{x = 'year', y = 'count'}", "option 'table' (the Table to chart) is missing"),
            ("local t = {}; t.self = t; report.json('a.json', t)", "nested more than 64 levels deep"),
            ("report.json('a.json', {1, 2, x = 3})", "a table mixes array items and keys"),
            ("report.csv('a.csv', corpus:count_by('year'), {separator = '|'})", "option 'separator' is '|'"),
        ] {
            XCTAssertThrowsError(try Fixture.run(source), source) { error in
                XCTAssertTrue(String(describing: error).contains(message), "\(source): \(error)")
            }
        }
    }
}
