// ScriptSessionTests.swift: the interactive session behind `scriptorium shell`: expressions show
// their values, statements run, globals last, errors leave the session usable, unfinished input
// asks for more, and reports are written to the output folder.
import Foundation
import Lua
import Scripting
import XCTest

final class ScriptSessionTests: XCTestCase {
    private func session(out: URL? = nil) throws -> (ScriptSession, () -> [String]) {
        let box = PrintBox()
        let s = try ScriptSession(corpus: Fixture.corpus, outputFolder: out, print: { box.lines.append($0) })
        return (s, { box.lines })
    }

    func testExpressionsAndStatements() throws {
        let (s, _) = try session()
        XCTAssertEqual(s.evaluate("=#corpus"), .values("3"))
        XCTAssertEqual(s.evaluate("#corpus + 1"), .values("4"), "a bare expression shows its value too")
        XCTAssertEqual(s.evaluate("x = 40"), .values(""))
        XCTAssertEqual(s.evaluate("=x + 2"), .values("42"), "globals last between inputs")
        XCTAssertEqual(s.evaluate("={1, 2, a = 'b'}"), .values("{a = \"b\", [1] = 1, [2] = 2}"))
    }

    func testTablesAndDocumentsAreShownUsefully() throws {
        let (s, _) = try session()
        XCTAssertEqual(s.evaluate("=corpus:count_by('year')"), .values("year  count\n----  -----\n2021  2    \n2019  1    "))
        guard case .values(let doc) = s.evaluate("=corpus[1]") else { return XCTFail("no value") }
        XCTAssertEqual(doc.components(separatedBy: "\n").prefix(4), [
            "Document a", "  title:      Tea roads of Kyakhta", "  authors:    Ivanova M.A.; Batbayar T.", "  year:       2019",
        ])
        XCTAssertTrue(doc.hasSuffix("  references: 2"), doc)
        XCTAssertEqual(s.evaluate("=corpus"), .values("Corpus of 3 documents"))
    }

    func testErrorsLeaveTheSessionUsable() throws {
        let (s, _) = try session()
        XCTAssertEqual(s.evaluate("error('boom')"), .error("shell:1: boom"))
        XCTAssertEqual(s.evaluate("=corpus:terms{field = 'titl'}"),
                       .error("shell:1: bad argument #1 to 'terms' (option 'field' is 'titl'; text fields are title, abstract, sections.<label>, keywords, references.title, references.container)"))
        XCTAssertEqual(s.evaluate("=#corpus"), .values("3"))
    }

    func testUnfinishedInputAsksForMore() throws {
        let (s, printed) = try session()
        XCTAssertEqual(s.evaluate("for i = 1, 2 do"), .incomplete)
        XCTAssertEqual(s.evaluate("for i = 1, 2 do\nprint(i)\nend"), .values(""))
        XCTAssertEqual(printed(), ["1", "2"])
    }

    func testLongEvaluationCanBeInterrupted() throws {
        let (s, _) = try session()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { s.interrupt() }
        XCTAssertEqual(s.evaluate("while true do end"), .error("interrupted"))
        XCTAssertEqual(s.evaluate("=1 + 1"), .values("2"), "the session goes on after an interrupt")
    }

    func testCompletionsOfNamesBoundNow() throws {
        let (s, _) = try session()
        XCTAssertEqual(s.completions(for: "x = corpus:te"), ["corpus:terms"])
        XCTAssertEqual(s.completions(for: "corpus:co"), ["corpus:collaboration", "corpus:cooccurrence", "corpus:count_by", "corpus:countries"])
        XCTAssertEqual(s.completions(for: "print(rep"), ["report"])
        XCTAssertEqual(s.completions(for: "string.for"), ["string.format"])
        XCTAssertEqual(s.evaluate("t = corpus:count_by('year')"), .values(""))
        XCTAssertEqual(s.completions(for: "t:so"), ["t:sort"], "a global holding a Table completes its methods")
        XCTAssertEqual(s.evaluate("d = corpus[1]"), .values(""))
        XCTAssertEqual(s.completions(for: "d.ti"), ["d.title"], "and a document its fields")
        XCTAssertEqual(s.completions(for: "nothing.x"), [])
        XCTAssertEqual(s.completions(for: "1 + "), [])
    }

    func testReportsAreWrittenToTheOutputFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let (s, _) = try session(out: out)
        guard case .values(let said) = s.evaluate("report.csv('years.csv', corpus:count_by('year'))") else { return XCTFail() }
        XCTAssertEqual(said, "wrote years.csv to \(out.path)")
        XCTAssertEqual(try String(contentsOf: out.appendingPathComponent("years.csv"), encoding: .utf8), "year,count\r\n2021,2\r\n2019,1\r\n")
    }
}

private final class PrintBox: @unchecked Sendable { var lines: [String] = [] }
