// AuthorNameTests.swift: names normalise so that one person's spellings match and different
// people's do not.
@testable import Corpus
import XCTest

final class AuthorNameTests: XCTestCase {
    func testSpellingsOfOnePersonShareAKey() {
        let keys = ["Dudin P. N.", "Dudin P.N.", "Dudin, P. N.", "Dudin P N"].map { AuthorName.parse($0)?.key }
        XCTAssertEqual(Set(keys), ["dudin, p.n."])
    }

    func testDifferentInitialsAndTwoLetterInitials() {
        XCTAssertNotEqual(AuthorName.parse("Dudin P.N.")?.key, AuthorName.parse("Dudin P.M.")?.key)
        XCTAssertEqual(AuthorName.parse("Bayasakh Zh.")?.initials, "Zh.")
        XCTAssertNotEqual(AuthorName.parse("Ivanov Zh.")?.key, AuthorName.parse("Ivanov Z. H.")?.key)
    }

    func testNamesReadAsByteRangesAreTheNamesParseGives() {
        // Every form the byte reader takes, and some it leaves to `parse`.
        let written = ["Bai W", "Bai WJ", "de Gennes PG", "Dudin P. N.", "Dudin, P.N.", "Van Der Berg A. B.", "Sun, ZW",
                       "Smith", "  Lee  ", "Ivanov I.-P.", "Dudin P N", "Yang, Cheng", "Li Wei", "J.A. Smith", "Дудин П. Н.", "A, B, C"]
        var ranged = 0
        for text in written {
            var copy = text
            let parsed = copy.withUTF8 { b in AuthorName.parsedRanges(b, 0 ..< b.count).map { $0.name(b) } }
            if let parsed {
                XCTAssertEqual(parsed, AuthorName.parse(text, order: .familyFirst), text)
                ranged += 1
            }
        }
        XCTAssertEqual(ranged, 10, "the ASCII initials forms and the one-word names")
        XCTAssertEqual(AuthorName.parse("de Gennes PG")?.initials, "P.G.")
    }

    func testAStoredAuthorsKeyIsTheNamesKey() {
        let names = [AuthorName.parse("Dudin P. N.")!, AuthorName.parse("Yang, Cheng")!, AuthorName.parse("Smith")!,
                     AuthorName(written: "ΟΔΟΣ Α.", family: "ΟΔΟΣ", initials: "Α."), AuthorName(written: "İnce, Ş.", family: "İnce", initials: "Ş."),
                     AuthorName(written: "STRASSE, Jörg", family: "STRASSE", given: "Jörg", initials: "J."), AuthorName(written: "Дудин", family: "ДУДИН", initials: "")]
        var table = AuthorTable()
        for n in names { table.append(n) }
        XCTAssertEqual((0 ..< names.count).map { table.key.string($0) }, names.map(\.key))
        XCTAssertEqual(table.key.string(0), "dudin, p.n.")
    }

    func testFullGivenNamesAreKept() {
        let name = AuthorName.parse("Yang, Cheng")
        XCTAssertEqual(name?.family, "Yang")
        XCTAssertEqual(name?.given, "Cheng")
        XCTAssertEqual(name?.initials, "C.")
        XCTAssertEqual(AuthorName.parse("Li Wei", order: .familyFirst)?.family, "Li")
        XCTAssertEqual(AuthorName.parse("Jean-Paul Sartre")?.initials, "J.-P.")
    }
}

final class DOIYearTests: XCTestCase {
    func testYearInsideTheDOISuffix() {
        XCTAssertEqual(DOIYear.year(in: "10.22162/2619-0990-2021-54-2-226-237"), 2021)
        XCTAssertEqual(DOIYear.year(in: "10.11304/1987-2013-4-0"), 2013)
        XCTAssertEqual(DOIYear.year(in: "10.94788/9735-2010-3-1900"), 2010)
        XCTAssertEqual(DOIYear.year(in: "10.5555/article-2019"), 2019)
        XCTAssertEqual(DOIYear.year(in: "10.1016/j.jas.2022.104312"), 2022)
        XCTAssertNil(DOIYear.year(in: "10.1017/S0026749X20000123"))
        XCTAssertNil(DOIYear.year(in: "10.1371/journal.pone.0000217"))
        XCTAssertNil(DOIYear.year(in: nil))
    }
}
