// ReferenceNumbersTests.swift: a reference's volume, issue, pages and year are read from its
// space-separated tokens: the first number after each kind of marker, and the last plausible year
// outside DOIs, wherever the tokens start.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class ReferenceNumbersTests: XCTestCase {
    private func numbers(_ text: String, detailsStart: Int = 0) -> (volume: String?, issue: String?, pages: String?, year: Int?) {
        Array(text.utf8).withUnsafeBufferPointer { b in
            let n = ReferenceParser.numbers(b, end: b.count, detailsStart: detailsStart)
            func text(_ r: Range<Int>?) -> String? { r.map { b.string($0) } }
            return (text(n.volume), text(n.issue), text(n.pages), n.year)
        }
    }

    func testMarkersGiveTheNumbersAfterThemAndTheLastPlausibleYearWins() {
        let n = numbers("Dudin P.N. Caravans of the steppe. Oriental Studies. 2019. Vol. 12, No. 3 (4). Pp. 226-237.")
        XCTAssertEqual(n.volume, "12")
        XCTAssertEqual(n.issue, "3 (4)")
        XCTAssertEqual(n.pages, "226-237")
        XCTAssertEqual(n.year, 2019)
    }

    func testYearsInsideDOIsAndLongTokensAreNotTaken() {
        // The DOI's "2021" sits past the first eight bytes of its token, after a "/".
        XCTAssertEqual(numbers("Title. Journal, 2018. doi:10.22162/2619-0990-2021-54-2-226-237").year, 2018)
        // A long digit run holds no year; the four-digit group after it does.
        XCTAssertEqual(numbers("Report 123456789012 of 1997-1998").year, 1998)
        XCTAssertEqual(numbers("Сказители Калмыкии. Элиста, 2005. С. 12-40.").pages, "12-40")
        XCTAssertEqual(numbers("Сказители Калмыкии. Элиста, 2005. С. 12-40.").year, 2005)
    }

    func testTokensAtEveryOffsetAreReadTheSame() {
        // The same tokens shifted by 0 to 15 bytes give the same numbers.
        let tail = "Vol. 7 No. 12345678/9 pp. 10-20 1999 x/2001 abcdefgh2003"
        let expected = numbers(tail)
        XCTAssertEqual(expected.volume, "7")
        XCTAssertEqual(expected.issue, "12345678/9")
        XCTAssertEqual(expected.pages, "10-20")
        XCTAssertEqual(expected.year, 2003)
        for shift in 0 ..< 16 {
            let text = String(repeating: " ", count: shift) + tail
            let n = numbers(text)
            XCTAssertEqual(n.volume, expected.volume, "shifted by \(shift)")
            XCTAssertEqual(n.issue, expected.issue, "shifted by \(shift)")
            XCTAssertEqual(n.pages, expected.pages, "shifted by \(shift)")
            XCTAssertEqual(n.year, expected.year, "shifted by \(shift)")
        }
    }
}
