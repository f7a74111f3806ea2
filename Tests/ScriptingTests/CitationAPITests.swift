// CitationAPITests.swift: journal, citation counts, merged sources and local citations as
// scripts see them: doc.journal, doc.citations, doc.cited_by, doc.sources, ref.target and
// corpus:most_cited.
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Scripting
import XCTest

final class CitationAPITests: XCTestCase {
    private static let cited = Document(
        id: "cited", title: "Caravan routes across the Mongolian steppe",
        authors: [AuthorName(written: "Batbayar T.", family: "Batbayar", initials: "T.")],
        doi: "10.1/caravan", year: 2019, journal: "Journal of Nomadic Studies", citations: 12,
        source: SourceLocation(path: "a.ris", line: 1), mergedSources: [SourceLocation(path: "b.bib", line: 4)])

    private static let corpus = Corpus(documents: [
        cited,
        Document(id: "first", title: "Later work", year: 2021, references: [
            Reference(raw: "Batbayar T. (2019) Caravan routes", doi: "10.1/caravan"),
            Reference(raw: "Unknown", title: "Not in the corpus", year: 1990),
        ], source: SourceLocation(path: "c.ris", line: 1)),
        Document(id: "second", title: "Another", year: 2022, references: [
            Reference(raw: "Batbayar, T., Caravan routes across the Mongolian steppe, (2019)",
                      authors: [AuthorName(written: "Batbayar, T.", family: "Batbayar", initials: "T.")],
                      title: "Caravan routes across the Mongolian steppe", year: 2019),
        ], source: SourceLocation(path: "c.ris", line: 9)),
    ])

    private func printed(_ source: String) throws -> [String] {
        try Fixture.run(source, corpus: Self.corpus).1
    }

    func testDocumentFields() throws {
        XCTAssertEqual(try printed("""
            local d = corpus[1]
            print(d.journal, d.citations, d.cited_by, #d.sources, d.sources[1].path, d.sources[2].path, d.sources[2].line)
            print(corpus[2].journal, corpus[2].citations, corpus[2].cited_by, #corpus[2].sources)
            """), ["Journal of Nomadic Studies\t12\t2\t2\ta.ris\tb.bib\t4", "nil\tnil\t0\t1"])
    }

    func testReferenceTargets() throws {
        XCTAssertEqual(try printed("""
            local refs = corpus[2].references
            print(refs[1].target.id, refs[2].target, corpus[3].references[1].target == corpus[1])
            local sub = corpus:where{year = {2021, 2022}}
            print(#sub, sub[1].references[1].target.title)
            """), ["cited\tnil\ttrue", "2\tCaravan routes across the Mongolian steppe"])
    }

    func testMostCited() throws {
        XCTAssertEqual(try printed("""
            local t = corpus:most_cited{top = 5}
            for row in t:rows() do print(row.id, row.year, row.cited_by, row.citations) end
            print(#corpus:where{year = 2021}:most_cited())
            """), ["cited\t2019\t2\t12", "0"])
        XCTAssertTrue(Fixture.failure("corpus:most_cited{top = -1}").contains("top"))
        XCTAssertTrue(Fixture.failure("corpus:most_cited{limit = 3}").contains("unknown option 'limit'"), Fixture.failure("corpus:most_cited{limit = 3}"))
    }
}
