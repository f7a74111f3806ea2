// ImpactTests.swift: the h-, g- and m-index and the impact table against cases computed by hand:
// ties, zero citations, documents without a year, the reference year as a parameter.
import Analysis
import Tables
import Corpus
import CorpusModel
import XCTest

final class ImpactTests: XCTestCase {
    private func rows(_ t: Table) -> [String] { t.rows.map { $0.map(\.description).joined(separator: "|") } }

    func testHIndex() {
        XCTAssertEqual(Impact.hIndex([]), 0)
        XCTAssertEqual(Impact.hIndex([0, 0, 0]), 0)
        XCTAssertEqual(Impact.hIndex([1]), 1)
        XCTAssertEqual(Impact.hIndex([2, 2, 2]), 2)        // ties: a third document would need 3
        XCTAssertEqual(Impact.hIndex([3, 3, 3]), 3)
        XCTAssertEqual(Impact.hIndex([5, 5, 5, 5]), 4)     // bounded by the documents
        XCTAssertEqual(Impact.hIndex([3, 10, 4, 5, 8]), 4) // order does not matter
        XCTAssertEqual(Impact.hIndex([100, 0, 0]), 1)
    }

    func testGIndex() {
        XCTAssertEqual(Impact.gIndex([]), 0)
        XCTAssertEqual(Impact.gIndex([0, 0]), 0)
        XCTAssertEqual(Impact.gIndex([1, 1, 1]), 1)        // 2 citations < 4
        XCTAssertEqual(Impact.gIndex([4, 0, 0]), 2)        // 4 >= 4, 4 < 9
        XCTAssertEqual(Impact.gIndex([10, 8, 5, 4, 3]), 5) // 30 >= 25
        XCTAssertEqual(Impact.gIndex([100, 0]), 2)         // never more than the documents
        XCTAssertEqual(Impact.gIndex([9, 0, 0, 0]), 3)     // 9 >= 9, 9 < 16
    }

    func testMIndex() {
        XCTAssertEqual(Impact.mIndex(h: 4, firstYear: 2015, referenceYear: 2024), 0.4)
        XCTAssertEqual(Impact.mIndex(h: 3, firstYear: 2024, referenceYear: 2024), 3)
        XCTAssertNil(Impact.mIndex(h: 3, firstYear: nil, referenceYear: 2024))
        XCTAssertNil(Impact.mIndex(h: 3, firstYear: 2025, referenceYear: 2024))
    }

    /// Five documents: A wrote d1 (2018, 10 citations), d2 (2020, 0) with B, and d3 (no year, 5);
    /// B also d4 (2020, 4); C d5 (2018, 2). The mean citations are 6 in 2018 and 2 in 2020.
    private let corpus = Corpus(documents: [
        Document(id: "d1", title: "One", authors: [AuthorName.parse("Alpha A.")!], year: 2018, journal: "Journal X", citations: 10, source: SourceLocation(path: "1")),
        Document(id: "d2", title: "Two", authors: [AuthorName.parse("Alpha A.")!, AuthorName.parse("Beta B.")!], year: 2020, journal: "Journal X", citations: 0, source: SourceLocation(path: "2")),
        Document(id: "d3", title: "Three", authors: [AuthorName.parse("Alpha A.")!], journal: "Journal Y", citations: 5, source: SourceLocation(path: "3")),
        Document(id: "d4", title: "Four", authors: [AuthorName.parse("Beta B.")!], year: 2020, journal: "Journal Y", citations: 4, source: SourceLocation(path: "4")),
        Document(id: "d5", title: "Five", authors: [AuthorName.parse("Gamma C.")!], year: 2018, citations: nil, source: SourceLocation(path: "5")),
    ])

    func testAuthorsImpactComputedByHand() throws {
        let t = try Impact.table(corpus, unit: .authors)
        XCTAssertEqual(t.columns, ["author", "documents", "citations", "citations_per_document", "citations_per_year",
                                   "h_index", "g_index", "m_index", "first_year", "mncs"])
        // The reference year is the latest, 2020. A: h 2 (10, 5), g 3 (15 >= 9), over 2018-2020:
        // 5 a year and m = 2/3; normalised scores 10/5 = 2 (d5 has no count: 2018's mean is 10/2)
        // and 0/2 = 0, d3 has no year: mean 1.
        // B: 0 and 4 citations: h 1, g 2; first in 2020: m 1; scores 0 and 2: mean 1.
        // C: no citation count (counted as 0): h 0, score 0.
        XCTAssertEqual(rows(t), ["Alpha A.|3|15|5|5|2|3|0.667|2018|1",
                                 "Beta B.|2|4|2|4|1|2|1|2020|1",
                                 "Gamma C.|1|0|0|0|0|0|0|2018|0"])
    }

    func testReferenceYearAndLocalCitationsAreParameters() throws {
        let later = try Impact.table(corpus, unit: .authors, referenceYear: 2024)
        // A: 15 citations over 2018-2024 (7 years), m = 2/7.
        XCTAssertEqual(rows(later).first, "Alpha A.|3|15|5|2.14|2|3|0.286|2018|1")
        // No document cites another: every local count is 0.
        let local = try Impact.table(corpus, unit: .authors, citations: .local)
        XCTAssertEqual(try local.column("citations").map(\.description), ["0", "0", "0"])
        XCTAssertEqual(try local.column("mncs").map(\.description), ["", "", ""])
    }

    func testSourcesAndDocuments() throws {
        let sources = try Impact.table(corpus, unit: .sources)
        XCTAssertEqual(rows(sources), ["Journal Y|2|9|4.5|9|2|2|2|2020|2", "Journal X|2|10|5|3.33|1|2|0.333|2018|1"])
        let documents = try Impact.table(corpus, unit: .documents, top: 2)
        XCTAssertEqual(rows(documents), ["d1|One|2018|1|10|10|3.33|1|1|0.333|2018|2", "d3|Three||1|5|5||1|1|||"])
    }
}
