// DocsTests.swift: the committed API reference is what the engine generates now.
import Foundation
import XCTest

final class DocsTests: XCTestCase {
    func testCommittedReferenceIsUpToDate() throws {
        let result = try Command.run(["docs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let committed = try String(contentsOf: Command.packageRoot.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        XCTAssertEqual(result.stdout, committed, "docs/lua-api.md is stale: regenerate it with `swift run scriptorium docs > docs/lua-api.md`")
    }

    func testDocsForOneName() throws {
        let result = try Command.run(["docs", "Corpus:terms"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("corpus:terms(options) -> Table\n"), result.stdout)
        XCTAssertEqual(try Command.run(["docs", "no_such_thing"]).status, 2)
    }
}
