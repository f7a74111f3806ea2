// APIRegistryTests.swift: the registry is complete: everything a script can call is in it (so
// nothing is undocumented), and every function has a summary and an example.
import Scripting
import XCTest

final class APIRegistryTests: XCTestCase {
    func testEverythingReachableFromTheGlobalsIsRegistered() throws {
        let registered = Set(try ScriptRunner.apiEntries().map { "\($0.owner).\($0.name)" })
        let reachable = try ScriptRunner.reachableFunctions()
        XCTAssertGreaterThan(reachable.count, 40)
        for name in reachable { XCTAssertTrue(registered.contains(name), "\(name) can be called but is not in the registry") }
        XCTAssertTrue(reachable.contains("Corpus.terms"))
        XCTAssertTrue(reachable.contains("report.csv"))
        XCTAssertTrue(reachable.contains("MarkdownDocument.chart"))
    }

    func testEveryFunctionHasASummaryAndAnExample() throws {
        for e in try ScriptRunner.apiEntries() {
            XCTAssertFalse(e.summary.isEmpty, "\(e.owner).\(e.name) has no summary")
            if e.kind != .field { XCTAssertNotNil(e.example, "\(e.owner).\(e.name) has no example") }
        }
    }

    func testExamplesAreValidLua() throws {
        for e in try ScriptRunner.apiEntries() {
            guard let example = e.example else { continue }
            let problems = try ScriptChecker.check(ScriptRequest(scriptPath: "example.lua", source: example))
            XCTAssertFalse(problems.contains { $0.message.hasPrefix("syntax error") || $0.message.contains("is not a function") || $0.message.contains("does not exist") },
                           "\(e.owner).\(e.name): \(problems)")
        }
    }
}
