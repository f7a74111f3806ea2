// SeedRecordTests.swift: the record the project started from parses to its true values.
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import XCTest

final class SeedRecordTests: XCTestCase {
    private func seed() throws -> Document {
        let path = try SharedCorpora.file("seed/000_615293a814c0eef9.txt")
        let result = CorpusLoader.readRecordFile(path)
        XCTAssertEqual(result.diagnostics, [])
        return try XCTUnwrap(result.document)
    }

    func testTitleAuthorsAndAffiliation() throws {
        let d = try seed()
        XCTAssertEqual(d.id, "000_615293a814c0eef9")
        XCTAssertTrue(d.title.hasPrefix("Precontractual essentials for the 'export of revolution' in east asia"))
        XCTAssertTrue(d.title.hasSuffix("The year 1921. part 2"))
        XCTAssertEqual(d.authors.map(\.family), ["Dudin", "Khusainov"])
        XCTAssertEqual(d.authors.map(\.initials), ["P.N.", "Z.F."])
        XCTAssertEqual(d.authors.map(\.written), ["Dudin P.N.", "Khusainov Z.F."])
        XCTAssertEqual(d.affiliations, ["Kazan Federal University, 420008, Kremlevskaya 18, Kazan, Russia"])
        XCTAssertEqual(d.source.line, 3)
    }

    func testDOIAndYearFromTheDOI() throws {
        let d = try seed()
        XCTAssertEqual(d.doi, "10.22162/2619-0990-2021-54-2-226-237")
        XCTAssertEqual(d.year, 2021)
        XCTAssertEqual(d.language, "en")
    }

    func testKeywords() throws {
        let d = try seed()
        XCTAssertEqual(d.keywords.count, 10)
        XCTAssertEqual(d.keywords.first, "Agreement")
        XCTAssertEqual(d.keywords.last, "Strategic presence")
    }

    func testStructuredAbstract() throws {
        let d = try seed()
        let abstract = try XCTUnwrap(d.abstract)
        XCTAssertTrue(abstract.hasPrefix("Introduction. The article deals with"))
        XCTAssertFalse(abstract.contains("**"))
        XCTAssertTrue(abstract.contains("but also facilitated the development of the eastern border"), "page break joined")
        XCTAssertEqual(d.sections.map(\.label), ["Introduction", "Goals", "Materials and Methods", "Conclusions"])
        XCTAssertTrue(d.sections[1].text.hasPrefix("So, the work attempts"))
        XCTAssertTrue(d.sections[2].text.hasSuffix("examines the actual techniques to have secured the 'export of revolution'."))
        XCTAssertTrue(d.sections[3].text.hasSuffix("guaranteed the security of Mongolia."))
    }

    func testReferences() throws {
        let d = try seed()
        XCTAssertEqual(d.references.count, 18)
        XCTAssertEqual(d.references.map(\.number), (1...18).map { $0 })
        XCTAssertEqual(d.references.map(\.year),
                       [2017, 2020, 1960, 2021, 1926, 2014, 2015, 2011, 2015, 2015, 2009, 1970, 2019, 2017, 2005, 1935, 1975, 1945])
        XCTAssertEqual(d.references.filter { $0.language == "ru" }.count, 18)
        XCTAssertEqual(d.references[16].languageNote, "In Russ. and Mong.")
        XCTAssertEqual(d.references[0].languageNote, "In Russ.")
        XCTAssertEqual(d.references.map(\.selfCitation).enumerated().filter(\.element).map(\.offset), [3])
    }

    func testReferenceFields() throws {
        let d = try seed()
        let first = d.references[0]
        XCTAssertEqual(first.authors.map(\.display), ["Bayasakh Zh."])
        XCTAssertEqual(first.title, "New development of relations between Mongolia and its neighbors")
        XCTAssertEqual(first.container, "Eurasia: Statum et legem")
        XCTAssertEqual(first.issue, "8")
        XCTAssertEqual(first.pages, "6-12")
        let second = d.references[1]
        XCTAssertEqual(second.authors.map(\.display), ["Dmitriev S.V.", "Kuzmin S.L."])
        let fourth = d.references[3]
        XCTAssertEqual(fourth.authors.map(\.key), ["dudin, p.n."])
        XCTAssertEqual(fourth.container, "Oriental Studies")
        XCTAssertEqual(fourth.volume, "14")
        XCTAssertEqual(fourth.pages, "8-23")
        let third = d.references[2]
        XCTAssertEqual(third.authors, [])
        XCTAssertEqual(third.title, "Documents of the Soviet Foreign Policy")
        let book = d.references[4]
        XCTAssertEqual(book.authors.map(\.display), ["Durdenevsky V.N.", "Ludshuveyt E.F."])
        XCTAssertEqual(book.title, "Constitutions of the East")
        let chapter = d.references[9]
        XCTAssertEqual(chapter.title, "Soviet-China relations, and the issue of Mongolia's status in the 1920s")
        XCTAssertTrue(chapter.container?.hasPrefix("Russia and Mongolia, Early to Mid-20th Century") ?? false)
        let edited = d.references[15]
        XCTAssertEqual(edited.authors.map(\.display), ["Sabanin A.V.", "Broun V.O."])
        XCTAssertTrue(edited.title?.hasPrefix("The USSR and Foreign Countries") ?? false)
        XCTAssertNil(edited.container)
    }
}
