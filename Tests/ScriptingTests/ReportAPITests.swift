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
            local md = report.markdown("out/summary.md")
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
}
