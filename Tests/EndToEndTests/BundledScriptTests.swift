// BundledScriptTests.swift: the bundled analyses run on the bundled samples and report what the
// samples hold.
import Foundation
import XCTest

final class BundledScriptTests: XCTestCase {
    private var out: URL!

    override func setUpWithError() throws { out = try temporaryFolder("bundled") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: out) }

    private func run(_ script: String, _ extra: [String] = []) throws -> (String) throws -> String {
        let result = try Command.run(["run", "Scripts/\(script).lua", "--corpus", "Samples", "--out", out.path] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        return { name in try String(contentsOf: self.out.appendingPathComponent(name), encoding: .utf8) }
    }

    func testTermsScript() throws {
        let file = try run("terms", ["--param", "top=5"])
        let md = try file("terms.md")
        XCTAssertTrue(md.contains("| article | 6 | 6 |"), md)
        XCTAssertFalse(md.contains("| goals |"), "section labels are left out:\n\(md)")
        XCTAssertTrue(md.contains("before 2021: 6 documents; from 2021 on: 7 documents."), md)
        XCTAssertTrue(md.contains("| regional | 4 | 0 | 5.657411 | 0.017382 |"), md)
        let csv = try file("terms.csv")
        XCTAssertTrue(csv.hasPrefix("term,count,documents\r\narticle,6,6\r\n"))
        XCTAssertFalse(csv.contains("\r\nцели,"), "Cyrillic section labels are left out too")
        XCTAssertTrue(csv.contains("\r\nархивах,1,1\r\n"), "Cyrillic words are counted")
        XCTAssertTrue(try file("distinctive.csv").hasPrefix("id,term,score\r\n001_steppe_trade,"))
    }

    func testKeywordsScript() throws {
        let file = try run("keywords", ["--param", "top=5"])
        let md = try file("keywords.md")
        XCTAssertTrue(md.contains("14 documents use 51 distinct keywords; 122 pairs of keywords appear together."), md)
        XCTAssertTrue(md.contains("| Customs | Tea trade | 2 |"), md)
        XCTAssertTrue(md.contains("| keyword | year | documents |"), md)
        XCTAssertTrue(try file("keyword_pairs.csv").hasPrefix("a,b,count\r\nCustoms,Tea trade,2\r\n"))
    }
}
