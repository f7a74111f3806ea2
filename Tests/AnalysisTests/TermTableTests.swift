// TermTableTests.swift: the counting table behind terms, count_by and cooccurrence keeps keys
// apart that differ anywhere (in the first eight bytes, the tail, or only in length), counts
// occurrences and documents, and merges tables counted over different documents.
@testable import Analysis
import XCTest

final class TermTableTests: XCTestCase {
    private func add(_ key: String, _ table: inout TermTable, document: Int32) {
        var k = key
        k.withUTF8 { _ = table.add($0, document: document) }
    }

    private func entry(_ key: String, _ table: TermTable) -> Int? {
        var k = key
        return k.withUTF8 { table.find($0) }
    }

    func testKeysThatDifferOnlyLateOrInLengthStayApart() {
        let keys = ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefghijklmnop", "abcdefghijklmnoq",
                    "abcdefghijklmnopq", "революция", "революцию", "a b", "ab "]
        var table = TermTable()
        for (i, key) in keys.enumerated() {
            for _ in 0...i { add(key, &table, document: 1) }
        }
        XCTAssertEqual(table.count, keys.count)
        for (i, key) in keys.enumerated() {
            guard let e = entry(key, table) else { return XCTFail("\(key) not found") }
            XCTAssertEqual(table.key(e), key)
            XCTAssertEqual(table.count(of: e), i + 1, key)
            XCTAssertEqual(table.documents(of: e), 1, key)
        }
        XCTAssertNil(entry("abcdefghijklmnopqr", table))
        XCTAssertEqual(table.totalCount, (1...keys.count).reduce(0, +))
    }

    func testDocumentsAreCountedOnceEachAndMergedTablesAddUp() {
        var first = TermTable()
        add("steppe", &first, document: 0)
        add("steppe", &first, document: 0)
        add("trade", &first, document: 1)
        var second = TermTable()
        add("steppe", &second, document: 2)
        add("caravan", &second, document: 3)
        first.merge(second)
        let steppe = entry("steppe", first)!
        XCTAssertEqual(first.count(of: steppe), 3)
        XCTAssertEqual(first.documents(of: steppe), 2)
        XCTAssertEqual(first.ranked().map { first.key($0) }, ["steppe", "caravan", "trade"], "count descending, then key ascending")
    }

    func testTheTableGrowsPastItsFirstSlotsWithoutLosingKeys() {
        var table = TermTable()
        for i in 0 ..< 5_000 { add("term\(i)", &table, document: Int32(i)) }
        XCTAssertEqual(table.count, 5_000)
        XCTAssertEqual((0 ..< 5_000).filter { entry("term\($0)", table) != nil }.count, 5_000)
    }
}
