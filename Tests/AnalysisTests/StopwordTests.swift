// StopwordTests.swift: the built-in lists, and the copies the benchmark's plain versions carry.
import Analysis
import Foundation
import XCTest

final class StopwordTests: XCTestCase {
    func testBuiltInListsHoldFoldedWords() {
        for word in ["the", "don't", "which"] { XCTAssertTrue(StopwordSet.english.contains(word), word) }
        for word in ["и", "что", "это"] { XCTAssertTrue(StopwordSet.russian.contains(word), word) }
        XCTAssertFalse(StopwordSet.english.contains("steppe"))
        XCTAssertTrue(StopwordSet(words: ["The", "Don’t"]).contains("don't"))
    }

    /// Benchmarks/plain/report.py and report.lua must remove the same words as the engine, or the
    /// benchmark compares different reports.
    func testBenchmarkCopiesOfTheEnglishListMatchTheEngine() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for file in ["Benchmarks/plain/report.py", "Benchmarks/plain/report.lua"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let start = try XCTUnwrap(text.range(of: "a about above"), file)
            let end = try XCTUnwrap(text.range(of: "yourselves", range: start.lowerBound ..< text.endIndex), file)
            let words = text[start.lowerBound ..< end.upperBound].split(whereSeparator: \.isWhitespace).map(String.init)
            XCTAssertEqual(words.count, StopwordSet.english.count, file)
            for w in words { XCTAssertTrue(StopwordSet.english.contains(w), "\(file): \(w)") }
        }
    }
}
