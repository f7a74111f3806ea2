// ReferenceDetailsTests.swift: the reference details read on demand: page ranges written out in
// full, the year's letter, "et al." and URLs.
import XCTest
@testable import CorpusModel

final class ReferenceDetailsTests: XCTestCase {
    func testPageRangesAreWrittenOutInFull() {
        let cases: [(String, String, String)] = [
            ("1687-90", "1687", "1690"), ("1687-1690", "1687", "1690"), ("pp. 8574-8583", "8574", "8583"),
            ("P8574", "8574", "8574"), ("e281", "e281", "e281"), ("R315-20", "R315", "R320"), ("S 379-80", "379", "380"),
            ("99–101", "99", "101"), ("123–4", "123", "124"), ("e1002-e1010", "e1002", "e1010"), ("С. 45–52", "45", "52"),
        ]
        for (pages, first, last) in cases {
            let range = ReferenceDetails.pageRange(pages)
            XCTAssertEqual(range?.first, first, pages)
            XCTAssertEqual(range?.last, last, pages)
        }
        XCTAssertNil(ReferenceDetails.pageRange(" "))
    }

    func testTheYearsLetterIsKeptAside() {
        XCTAssertEqual(ReferenceDetails.yearSuffix("Smith J (2015a) A title. Nature 520:1-2", year: 2015), "a")
        XCTAssertEqual(ReferenceDetails.yearSuffix("Smith, J., 2015b. A title. Nature 520", year: 2015), "b")
        XCTAssertNil(ReferenceDetails.yearSuffix("Smith J (2015) A title. Nature 520:1-2", year: 2015))
        // A word that follows the year is not its letter, nor is a longer number's tail.
        XCTAssertNil(ReferenceDetails.yearSuffix("Smith J. 2015 an essay. 12015a", year: 2015))
        XCTAssertNil(ReferenceDetails.yearSuffix("Smith J. 2015a", year: nil))
    }

    func testEtAlIsNotedInEveryLanguageButNotInsideWords() {
        XCTAssertTrue(ReferenceDetails.etAl("Bai W, Li Z, et al. Macromolecules. 2015;48:8574"))
        XCTAssertTrue(ReferenceDetails.etAl("Иванов И.И. [и др.] Заглавие // Вестник. 2010."))
        XCTAssertTrue(ReferenceDetails.etAl("Müller K u. a. (2003) Titel. Z Phys 12:1"))
        XCTAssertFalse(ReferenceDetails.etAl("Smith J (2015) Sweet almonds. Food Chem 1:2"))
        XCTAssertFalse(ReferenceDetails.etAl("Smith J, Jones B (2015) Metal alloys. J Mater 1:2"))
    }

    func testTheFirstURLWithoutTrailingPunctuation() {
        XCTAssertEqual(ReferenceDetails.url("WHO. Report. Available from: https://www.who.int/a/b (accessed 2020)."), "https://www.who.int/a/b")
        XCTAssertEqual(ReferenceDetails.url("See http://example.org/x_(y)."), "http://example.org/x_(y)")
        XCTAssertEqual(ReferenceDetails.url("Data at www.example.org/data; 2019"), "www.example.org/data")
        XCTAssertNil(ReferenceDetails.url("Smith J (2015) Nature 520:1"))
    }
}
