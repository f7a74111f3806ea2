// LanguageGuesserTests.swift: a document's language from the function words of its title and
// abstract, read in place and in turn; the script decides when the words do not; reading stops
// early only when one language leads clearly.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class LanguageGuesserTests: XCTestCase {
    /// A record's language: its title, then its abstract.
    private func guess(_ title: String, _ abstract: String = "") -> String? {
        Array(title.utf8).withUnsafeBufferPointer { t in
            Array(abstract.utf8).withUnsafeBufferPointer { a in LanguageGuesser.guess(t, then: a) }
        }
    }

    func testFunctionWordsDecide() {
        XCTAssertEqual(LanguageGuesser.guess("The history of the steppe and the trade routes in the east"), "en")
        XCTAssertEqual(LanguageGuesser.guess("История торговли в степи и на востоке по данным архивов"), "ru")
        XCTAssertEqual(LanguageGuesser.guess("Die Geschichte der Steppe und der Handel mit dem Osten"), "de")
    }

    func testATitleAndItsAbstractAreReadAsOneText() {
        // Neither part alone has three function words of one language; together they do.
        XCTAssertNil(guess("Steppe trade"))
        XCTAssertEqual(guess("Steppe trade of the Kalmyks", "Caravans and the routes"), "en")
        XCTAssertEqual(guess("Steppe trade of the Kalmyks", "Caravans and the routes"),
                       LanguageGuesser.guess("Steppe trade of the Kalmyks Caravans and the routes"))
    }

    func testTheScriptDecidesWhenTheWordsDoNot() {
        XCTAssertEqual(guess("Калмыцкий эпос Джангар", "Сказители, тексты, варианты"), "ru")
        XCTAssertEqual(guess("Ἱστορίαι Ἡροδότου"), "el")
        XCTAssertNil(guess("Dzhangar epos", "tekstovye varianty"))
    }

    func testALongTextWithAClearLeaderIsDecidedEarlyAndTheSame() {
        let english = Array(repeating: "the trade of the steppe was in the hands of the", count: 100).joined(separator: " ")
        let russian = Array(repeating: "торговля в степи и на востоке", count: 200).joined(separator: " ")
        // Russian words follow the first 400 words: the guess stays English, as when all is read.
        XCTAssertEqual(guess(english, russian), "en")
        // A text that changes language before a clear lead is counted further.
        let mixed = Array(repeating: "the steppe и степь", count: 60).joined(separator: " ")
        XCTAssertEqual(guess(mixed), "en", "a tie goes to the language listed first")
    }

    func testEveryMaskCountsOneForEachOfItsLanguagesAndNoOther() {
        for mask in 0 ... 255 {
            var counts = LaneCounts()
            for _ in 0 ..< 400 { counts.add(UInt8(mask)) }
            counts.add(0xFF)
            for l in 0 ..< 8 {
                XCTAssertEqual(counts[l], mask & (1 << l) != 0 ? 401 : 1, "mask \(mask), language \(l)")
            }
        }
        XCTAssertNil(LaneCounts().leader)
        var counts = LaneCounts()
        for mask: UInt8 in [0b0100, 0b1000_0100, 0b1000_0000, 0b1000_0000] { counts.add(mask) }
        XCTAssertEqual(counts.leader?.language, 7)
        XCTAssertEqual(counts.leader?.count, 3)
        counts.add(0b0100)
        XCTAssertEqual(counts.leader?.language, 2, "a tie goes to the language listed first")
    }

    // MARK: reading ASCII eight bytes at a time

    private func run(_ text: String) -> (letters: String, ended: Bool)? {
        let bytes = Array(text.utf8)
        precondition(bytes.count == 8)
        return bytes.withUnsafeBufferPointer { b in
            LanguageGuesser.Tally.asciiLetterRun(b, at: 0).map { run in
                let letters = (0 ..< run.run.count).reversed().map { UInt8(truncatingIfNeeded: run.run.packed >> (8 * UInt64($0))) }
                return (String(decoding: letters, as: UTF8.self), run.ended)
            }
        }
    }

    func testEightASCIIBytesGiveTheLettersAtTheirStartInLowerCase() {
        XCTAssertEqual(run("Steppeli")?.letters, "steppeli")
        XCTAssertEqual(run("Steppeli")?.ended, false, "eight letters: the word goes on")
        XCTAssertEqual(run("The cat.")?.letters, "the")
        XCTAssertEqual(run("The cat.")?.ended, true)
        XCTAssertEqual(run("A1bcdefg")?.letters, "a")
        // The bytes just outside the letters' ranges are not letters: @ [ ` {
        XCTAssertEqual(run("@ABCDEFG")?.letters, "")
        XCTAssertEqual(run("@ABCDEFG")?.ended, true)
        XCTAssertEqual(run("Zz`aaaaa")?.letters, "zz")
        XCTAssertEqual(run("zZ[aaaaa")?.letters, "zz")
        XCTAssertEqual(run("aZ{aaaaa")?.letters, "az")
    }

    func testABlockWithAByteOverASCIIIsLeftToTheScalarPath() {
        let bytes: [UInt8] = Array("abcdefg".utf8) + [0xD0]
        bytes.withUnsafeBufferPointer { XCTAssertNil(LanguageGuesser.Tally.asciiLetterRun($0, at: 0)) }
    }

    func testEveryEightASCIIBytesAreReadAsAByteAtATimeWouldReadThem() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 20_000 {
            let bytes = (0 ..< 8).map { _ in UInt8.random(in: 0x00 ... 0x7F, using: &generator) }
            let expected = bytes.prefix { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
            bytes.withUnsafeBufferPointer { b in
                guard let run = LanguageGuesser.Tally.asciiLetterRun(b, at: 0) else { return XCTFail("\(bytes) is ASCII") }
                XCTAssertEqual(run.run.count, expected.count, "\(bytes)")
                XCTAssertEqual(run.ended, expected.count < 8, "\(bytes)")
                let packed = expected.reduce(UInt64(0)) { $0 << 8 | UInt64($1 | 0x20) }
                XCTAssertEqual(run.run.packed, packed, "\(bytes)")
            }
        }
    }

    func testWordsAcrossEightByteBlocksAndScriptsCountAsByteByByte() {
        // Function words at every offset from a block's start, among long words, digits and
        // Cyrillic: the guess is the one of the same words spaced out.
        let words = ["the", "historiography", "of", "2019", "and", "Kalmyk-Oirat", "in", "степи", "that", "is"]
        for shift in 0 ..< 8 {
            let text = String(repeating: "x", count: shift) + " " + Array(repeating: words.joined(separator: " "), count: 3).joined(separator: " ")
            XCTAssertEqual(LanguageGuesser.guess(text), "en", "shifted by \(shift)")
        }
        XCTAssertEqual(LanguageGuesser.guess("ТоргОвля в степи и на востоке steppe"), "ru")
    }
}
