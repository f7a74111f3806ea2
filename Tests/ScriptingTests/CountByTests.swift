// CountByTests.swift: corpus:count_by from Lua, against counts made by hand on the fixture.
import Corpus
import Foundation
import CorpusModel
import CorpusReaders
import Scripting
import XCTest

final class CountByTests: XCTestCase {
    private func rows(_ field: String) throws -> [String] {
        try Fixture.printed("""
            local t = corpus:count_by("\(field)")
            for row in t:rows() do print(row[t.columns[1]], row.count) end
            """)
    }

    func testYear() throws { XCTAssertEqual(try rows("year"), ["2021\t2", "2019\t1"]) }
    func testLanguage() throws { XCTAssertEqual(try rows("language"), ["en\t2", "ru\t1"]) }

    func testKeywordsGroupCaseInsensitivelyAndCountDocuments() throws {
        XCTAssertEqual(try rows("keywords"), ["Tea trade\t2", "Archives\t1", "Kyakhta\t1"])
    }

    func testAuthorsAreMatchedByNormalisedName() throws {
        XCTAssertEqual(try rows("authors"), ["Ivanova M.A.\t2", "Batbayar T.\t1", "Lee J.H.\t1"])
    }

    func testReferenceFieldsCountReferences() throws {
        XCTAssertEqual(try rows("references.year"), ["1969\t1", "1999\t1", "2017\t1"])
        XCTAssertEqual(try rows("references.language"), ["ru\t2", "en\t1"])
        XCTAssertEqual(try rows("references.authors"), ["Belov E.A.\t1", "Foust C.M.\t1", "Ivanova M.A.\t1"])
    }

    func testCitedSourcesAreCountedAsOneHoweverEachDatabaseWritesThem() throws {
        let corpus = Corpus(documents: [
            Document(id: "w", title: "From Web of Science", year: 2020, references: [
                CitationText.webOfScience("Bai W, 2015, J POLYM SCI, V48, P8574"), CitationText.webOfScience("Roe R, 2016, MACROMOLECULES, V49, P1")],
                source: SourceLocation(path: "w.txt")),
            Document(id: "s", title: "From Scopus", year: 2021, references: [
                CitationText.freeText("Li, Z., Films (2014) Journal of Polymer Science, 47, pp. 10-20.")], source: SourceLocation(path: "s.csv")),
        ])
        let (_, printed) = try Fixture.run("""
            for _, row in ipairs(corpus:count_by("references.container")) do print(row.container, row.count) end
            print(corpus[2].references[1].container_key)
            """, corpus: corpus)
        XCTAssertEqual(printed, ["J POLYM SCI\t2", "MACROMOLECULES\t1", "j polym sci"])
    }

    func testCountriesAndInstitutionsFromTheAddresses() throws {
        let corpus = Corpus(documents: [
            Document(id: "a", title: "One", affiliations: ["Peking Univ, Sch Phys, Beijing 100871, Peoples R China.", "Univ Tokyo, Dept Phys, Tokyo 1130033, Japan.",
                                                           "Peking Univ, Coll Chem, Beijing 100871, Peoples R China."], year: 2020, source: SourceLocation(path: "a")),
            Document(id: "b", title: "Two", affiliations: ["Department of Physics, Peking University, Beijing, China"], year: 2021, source: SourceLocation(path: "b")),
        ])
        let (_, printed) = try Fixture.run("""
            for _, row in ipairs(corpus:count_by("countries")) do print(row.countries, row.count) end
            for _, row in ipairs(corpus:count_by("institutions")) do print(row.institutions, row.count) end
            print(table.concat(corpus[1].countries, ","), corpus[1].addresses[2].city, corpus[1].addresses[2].country_name, corpus[1].addresses[2].country_by)
            """, corpus: corpus)
        XCTAssertEqual(printed, ["CN\t2", "JP\t1", "Peking Univ\t2", "Univ Tokyo\t1", "CN,JP\tTokyo\tJapan\tname"])
    }

    func testAuthorsAndTheCorrespondingAuthorHaveTheirAddressesCountries() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpora/wos/bibx-savedrecs.txt").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("the shared corpora are absent (\(path))") }
        let corpus = try CorpusLoader.load(paths: [path], options: LoadOptions(merge: false))
        let (_, printed) = try Fixture.run("""
            local d = corpus[1]
            for _, a in ipairs(d.authors) do print(a.name, table.concat(a.countries, ",")) end
            print(d.corresponding.country, table.concat(d.countries, ","))
            """, corpus: corpus)
        // "Univ Massachusetts Amherst, ..., MA 01003 USA", "Lawrence Berkeley Natl Lab, ..., CA 94720 USA",
        // "Beijing Univ Chem Technol, ..., Peoples R China": the second author has two of them.
        XCTAssertEqual(printed.last, "US\tUS,CN")
        XCTAssertTrue(printed.contains { $0.hasSuffix("\tUS,CN") }, "\(printed)")
    }

    func testProductionByCountryWithFractionalCountingAndSCPAndMCP() throws {
        var a = Document(id: "a", title: "Two countries", authors: ["A A", "B B", "C C"].map(Fixture.author),
                         affiliations: ["Univ Tokyo, Tokyo 1130033, Japan.", "Peking Univ, Beijing 100871, Peoples R China."], year: 2020,
                         source: SourceLocation(path: "a"))
        a.affiliationAuthors = [[0, 1], [1, 2]]
        a.citations = 10
        var b = Document(id: "b", title: "One country", authors: [Fixture.author("D D")], affiliations: ["Univ Tokyo, Tokyo 1130033, Japan."],
                         year: 2021, source: SourceLocation(path: "b"))
        b.affiliationAuthors = [[0]]
        b.citations = 4
        var c = Document(id: "c", title: "Elsewhere", authors: [Fixture.author("E E")], affiliations: ["MIT, Cambridge, MA 02139 USA."],
                         year: 2021, source: SourceLocation(path: "c"))
        c.affiliationAuthors = [[0]]
        let (_, printed) = try Fixture.run("""
            for _, r in ipairs(corpus:countries()) do
              print(r.country, r.name, r.documents, r.fractional, r.scp, r.mcp, r.mcp_share, r.citations, r.citations_per_document)
            end
            """, corpus: Corpus(documents: [a, b, c]))
        // a: A in Japan, B in both, C in China: Japan 1/3 + 1/6, China 1/6 + 1/3; led by A (Japan),
        // two countries: an MCP of Japan. b: an SCP of Japan. c: an SCP of the US, uncited.
        XCTAssertEqual(printed, ["JP\tJapan\t2\t1.5\t1\t1\t0.5\t14\t7.0", "CN\tChina\t1\t0.5\t0\t0\t0.0\t10\t10.0",
                                 "US\tUnited States\t1\t1.0\t1\t0\t0.0\t0\t0.0"])
        // Institutions count the same way; one document of three is international.
        let (_, more) = try Fixture.run("""
            for _, r in ipairs(corpus:institutions()) do print(r.institution, r.documents, r.fractional, r.citations) end
            local c = corpus:collaboration()
            print(c.with_country, c.international, c.international_share)
            """, corpus: Corpus(documents: [a, b, c]))
        XCTAssertEqual(more, ["Univ Tokyo\t2\t1.5\t14", "MIT\t1\t1.0\t0", "Peking Univ\t1\t0.5\t10", "3\t1\t0.33333333333333"])
    }

    func testColumnsAreNamedForTheField() throws {
        XCTAssertEqual(try Fixture.printed("print(table.concat(corpus:count_by('references.year').columns, ','))"), ["year,count"])
    }

    func testUnknownFieldIsAnArgumentError() throws {
        let message = Fixture.failure("corpus:count_by('yeer')")
        XCTAssertTrue(message.hasPrefix("test.lua:1: bad argument #1 to 'count_by' (unknown field 'yeer'; fields are year, language,"), message)
        XCTAssertEqual(Fixture.failure("corpus:count_by()"), "test.lua:1: bad argument #1 to 'count_by' (string expected, got no value)")
    }

    func testSpellingsMergeWhenNormalizedAndTheVariantsAreListed() throws {
        let corpus = Corpus(documents: ["Neural networks", "neural network", "Neural-network (NN)", "Trees"].enumerated().map { i, k in
            Document(id: "d\(i)", title: "T", keywords: [k], source: SourceLocation(path: "d.txt"))
        })
        let (_, printed) = try Fixture.run("""
            local t = corpus:count_by("keywords", {normalize = true, variants = true})
            for row in t:rows() do print(row.keywords, row.count, row.variants) end
            print(#corpus:count_by("keywords"), #corpus:count_by("keywords", {stem = "english"}))
            local x = corpus:crosstab("keywords", "keywords", {thesaurus = {trees = false}, normalize = true})
            print(#x, x:column("count")[1])
            """, corpus: corpus)
        XCTAssertEqual(printed, ["Neural networks\t3\tNeural networks (1); neural network (1); Neural-network (NN) (1)",
                                 "Trees\t1\tTrees (1)", "4\t2", "1\t3"])
    }

    func testGroupingOptionsAreChecked() {
        XCTAssertTrue(Fixture.failure("corpus:count_by('keywords', {thesaurus = true})").contains("option 'thesaurus'"))
        XCTAssertTrue(Fixture.failure("corpus:count_by('keywords', {thesaurus = {a = 1}})").contains("'a' must be replaced by a string"))
        XCTAssertTrue(Fixture.failure("corpus:terms{field = 'title', stem = 'french'}").contains("'english'"))
        XCTAssertTrue(Fixture.failure("corpus:cooccurrence{field = 'keywords', normalise = true}").contains("unknown option 'normalise'"))
    }
}
