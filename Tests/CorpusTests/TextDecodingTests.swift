// TextDecodingTests.swift: a file's invalid UTF-8 is found at its exact byte offsets, wherever it
// falls among the ASCII runs that are checked many bytes at a time, and valid multi-byte
// sequences (Cyrillic, CJK, emoji) are never reported.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class TextDecodingTests: XCTestCase {
    private func invalid(_ bytes: [UInt8], base: Int = 0) -> ([Int], Int) {
        bytes.withUnsafeBufferPointer { TextDecoding.invalidSequences($0, base: base) }
    }

    func testABadByteIsFoundAtEveryOffsetOfAnASCIIText() {
        let text = Array(String(repeating: "Caravans of the steppe, 1921. ", count: 4).utf8)
        for k in text.indices {
            var bytes = text
            bytes[k] = 0xFF
            let (offsets, count) = invalid(bytes, base: 3)
            XCTAssertEqual(offsets, [k + 3], "bad byte at \(k)")
            XCTAssertEqual(count, 1)
        }
    }

    func testTwoBadBytesAndATruncatedSequenceAreEachCounted() {
        let text = Array(String(repeating: "a", count: 70).utf8)
        var bytes = text
        bytes[5] = 0x80     // a continuation byte with no lead
        bytes[40] = 0xC3    // a lead byte followed by ASCII
        XCTAssertEqual(invalid(bytes).0, [5, 40])
        XCTAssertEqual(invalid(bytes + [0xE2, 0x82]).1, 4, "a sequence cut short at the end: both of its bytes")
    }

    func testValidTextInEveryScriptHasNoneWhereverItStarts() {
        let text = "Калмыцкий эпос «Джангар» 江格尔 🐎 and the steppe — 2019"
        for shift in 0 ..< 40 {
            let bytes = Array(String(repeating: "x", count: shift).utf8) + Array(text.utf8) + Array(String(repeating: "y", count: 33).utf8)
            XCTAssertEqual(invalid(bytes).1, 0, "shifted by \(shift)")
        }
        XCTAssertEqual(invalid([]).1, 0)
    }
}
