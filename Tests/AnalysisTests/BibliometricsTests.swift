// BibliometricsTests.swift: each bibliometric measure against values worked out by hand (the
// arithmetic is in the comments) on small inputs written here.
@testable import Analysis
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import XCTest

final class BibliometricsTests: XCTestCase {
    func testGrowthRateIsTheCompoundAnnualRateBetweenTheFirstAndLastYear() throws {
        // 4 documents in 2000, 9 in 2004: (9/4)^(1/4) - 1 = 1.5^(1/2) - 1 = 0.224745.
        let rate = try XCTUnwrap(Bibliometrics.growthRate([(2000, 4), (2002, 1), (2004, 9)]))
        XCTAssertEqual(rate, 22.474487, accuracy: 1e-6)
        XCTAssertNil(Bibliometrics.growthRate([(2000, 4)]), "one year has no rate")
        XCTAssertNil(Bibliometrics.growthRate([(2000, 0), (2001, 3)]), "no documents in the first year")
    }

    func testLotkaFitOnAHandCountedDistribution() throws {
        // 8 authors with 1 document, 2 with 2, 1 with 4: shares 8/11, 2/11, 1/11. On log10 axes
        // the points (0, -0.1383), (0.3010, -0.7404), (0.6021, -1.0414) give slope -1.5, so β = 1.5,
        // C = 10^intercept = 0.647926, R² = 0.964286. Expected shares 0.647926, 0.229077, 0.080991;
        // the largest gap of the cumulative shares is |8/11 - 0.647926| + |2/11 - 0.229077| summed
        // at n = 2: 0.079346.
        let fit = try XCTUnwrap(Bibliometrics.lotka(documentsPerAuthor: [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 4]))
        XCTAssertEqual(fit.beta, 1.5, accuracy: 1e-9)
        XCTAssertEqual(fit.constant, 0.647926, accuracy: 1e-6)
        XCTAssertEqual(fit.rSquared, 0.964286, accuracy: 1e-6)
        XCTAssertEqual(fit.ksDistance, 0.079346, accuracy: 1e-6)
        XCTAssertEqual(fit.pValue, 0.999999, accuracy: 1e-5, "a distance this small over 11 authors is no evidence against the fit")
        XCTAssertEqual(fit.table.map(\.documents), [1, 2, 4])
        XCTAssertEqual(fit.table.map(\.authors), [8, 2, 1])
        XCTAssertEqual(fit.table[1].expected, 0.229077, accuracy: 1e-6)
        XCTAssertNil(Bibliometrics.lotka(documentsPerAuthor: [1, 1, 1]), "one productivity level cannot be fitted")
    }

    func testKolmogorovPValueFallsAsTheDistanceGrows() {
        // λ = (√100 + 0.12 + 0.11/10) × 0.136 = 1.3778; Q(1.3778) = 0.0449.
        XCTAssertEqual(Bibliometrics.kolmogorovPValue(distance: 0.136, n: 100), 0.0449, accuracy: 5e-4)
        XCTAssertEqual(Bibliometrics.kolmogorovPValue(distance: 0.01, n: 100), 1)
    }

    func testBradfordZonesHoldAboutAThirdOfTheDocumentsEach() {
        // 30 documents: A holds 10 (zone 1); B and C start before 20 (zone 2); D to I, zone 3.
        let sources = [("A", 10), ("B", 6), ("C", 4), ("D", 3), ("E", 2), ("F", 2), ("G", 1), ("H", 1), ("I", 1)]
        let rows = Bibliometrics.bradford(sources.shuffled().map { (source: $0.0, count: $0.1) })
        XCTAssertEqual(rows.map(\.source), ["A", "B", "C", "D", "E", "F", "G", "H", "I"])
        XCTAssertEqual(rows.map(\.zone), [1, 2, 2, 3, 3, 3, 3, 3, 3])
        XCTAssertEqual(rows.map(\.cumulative), [10, 16, 20, 23, 25, 27, 28, 29, 30])
        XCTAssertEqual(rows.map(\.rank), Array(1...9))
    }

    func testPriceIndexIsTheShareOfReferencesAtMostFiveYearsOld() throws {
        // (5 + 10 + 5) of 50 references are 5 years old or less.
        let ages = [(0, 5), (3, 10), (5, 5), (6, 20), (12, 10)].map { (age: $0.0, count: $0.1) }
        XCTAssertEqual(try XCTUnwrap(Bibliometrics.priceIndex(ages: ages)), 0.4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(Bibliometrics.priceIndex(ages: ages, window: 10)), 0.8, accuracy: 1e-12)
        XCTAssertNil(Bibliometrics.priceIndex(ages: []))
    }

    func testRPYSDeviationsFromTheFiveYearMedian() {
        // Counts 2000: 3, 2001: 10, 2003: 4 (2002 and the years around are 0). Windows:
        // 2000 → [0,0,3,10,0] median 0; 2001 → [0,3,10,0,4] median 3; 2002 → [3,10,0,4,0] median 3;
        // 2003 → [10,0,4,0,0] median 0.
        let rows = Bibliometrics.rpys([(2001, 10), (2000, 3), (2003, 4)].map { (year: $0.0, count: $0.1) })
        XCTAssertEqual(rows.map(\.year), [2000, 2001, 2002, 2003])
        XCTAssertEqual(rows.map(\.count), [3, 10, 0, 4])
        XCTAssertEqual(rows.map(\.median), [0, 3, 3, 0])
        XCTAssertEqual(rows.map(\.deviation), [3, 7, -3, 4])
        XCTAssertEqual(Bibliometrics.rpys([(1850, 2), (2000, 3)].map { (year: $0.0, count: $0.1) }, from: 1900).map(\.year), [2000])
    }

    func testAuthorProductionCountsInFullAndFractionally() throws {
        // d1 has Ivanova and Batbayar (1/2 each), d2 Ivanova alone, d3 Lee alone.
        let table = try Bibliometrics.authorProduction(AnalysisFixture.corpus)
        XCTAssertEqual(table.columns, ["author", "documents", "fractional"])
        XCTAssertEqual(table.rows.map { $0[0].description }, ["Ivanova M.A.", "Lee J.H.", "Batbayar T."])
        XCTAssertEqual(table.rows.map { $0[1] }, [.int(2), .int(1), .int(1)])
        XCTAssertEqual(table.rows.map { $0[2] }, [.number(1.5), .number(1), .number(0.5)])
        XCTAssertEqual(try Bibliometrics.authorProduction(AnalysisFixture.corpus, top: 1).count, 1)
    }

    func testCollaborationIndex() {
        // Three documents with authors: two single-authored, one with two authors.
        let c = Bibliometrics.collaboration(AnalysisFixture.corpus)
        XCTAssertEqual(c.documents, 3)
        XCTAssertEqual(c.singleAuthored, 2)
        XCTAssertEqual(c.multiAuthored, 1)
        XCTAssertEqual(c.authorsPerDocument, 4.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(c.collaborationIndex, 2)
    }

    func testReferenceAgesFromCitingAndCitedYears() throws {
        // d1 (2020) cites 2017 and 2001: ages 3 and 19; d2 (2021) cites 2017: age 4.
        let table = try Bibliometrics.referenceAges(AnalysisFixture.corpus)
        XCTAssertEqual(table.rows, [[.int(3), .int(1)], [.int(4), .int(1)], [.int(19), .int(1)]])
    }
}
