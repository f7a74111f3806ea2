// LanguageGuesserTests.swift: a document's language from the function words of its title and
// abstract, read in place and in turn; the script decides when the words do not; reading stops
// early only when one language leads clearly.
@testable import Corpus
import XCTest

final class LanguageGuesserTests: XCTestCase {
    private func guess(_ texts: String...) -> String? {
        let arrays = texts.map { Array($0.utf8) }
        func read(_ i: Int, _ buffers: [Bytes]) -> String? {
            i == arrays.count ? LanguageGuesser.guess(buffers) : arrays[i].withUnsafeBufferPointer { read(i + 1, buffers + [$0]) }
        }
        return read(0, [])
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
}
