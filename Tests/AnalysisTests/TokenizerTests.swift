// TokenizerTests.swift: what a word is.
import Analysis
import XCTest

final class TokenizerTests: XCTestCase {
    let t = Tokenizer()

    func testLettersDigitsAndInternalJoiners() {
        XCTAssertEqual(t.tokens("Russia-Mongolia relations, don't stop; 1921-1945 -- end- -x"),
                       ["russia-mongolia", "relations", "don't", "stop", "1921-1945", "end", "x"])
    }

    func testTypographicApostropheBecomesPlain() {
        XCTAssertEqual(t.tokens("Don’t ‘quote’"), ["don't", "quote"])
    }

    func testUnicodeCaseFolding() {
        XCTAssertEqual(t.tokens("Революция РЕВОЛЮЦИЯ революция"), ["революция", "революция", "революция"])
        XCTAssertEqual(t.tokens("ÉCOLE Straße ΑΘΗΝΑ Ёлка"), ["école", "straße", "αθηνα", "ёлка"])
    }

    func testPunctuationAndMarkupAreNotWords() {
        XCTAssertEqual(t.tokens("**Goals.** (see [1]), e.g. «this»"), ["goals", "see", "1", "e", "g", "this"])
        XCTAssertEqual(t.tokens(""), [])
    }
}
