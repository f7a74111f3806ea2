// ThemesTests.swift: the thematic map, trend topics and bursts against values worked out by hand.
import Analysis
import Corpus
import CorpusModel
import Graphs
import Tables
import XCTest

final class ThemesTests: XCTestCase {
    private func rows(_ t: Table) -> [String] { t.rows.map { $0.map(\.description).joined(separator: "|") } }

    func testThematicMapPlacesClustersByCentralityAndDensity() throws {
        // Two clusters: {a, b} linked 2 times, {c, d} linked 1 time, joined by b-c once.
        // Occurrences a 2, b 4, c 2, d 1. Equivalence indices: a-b 4/8 = 0.5, c-d 1/2 = 0.5, b-c 1/8.
        let net = Network(labels: ["a", "b", "c", "d"], graph: Graph(nodeCount: 4, edges: [(0, 1, 2), (2, 3, 1), (1, 2, 1)]),
                          occurrences: [2, 4, 2, 1])
        let t = try Themes.thematicMap(net, membership: [0, 0, 1, 1])
        // Centrality 10 × 0.125 for both; density 100 × 0.5 / 2 = 25 for both: ties sit on the medians.
        XCTAssertEqual(rows(t), ["1|b; a|2|6|1.25|25|motor", "2|c; d|2|3|1.25|25|motor"])
    }

    func testKleinbergFindsTheBurstAndNothingInAFlatSeries() {
        // Ten years of 100 documents; the term is used 5 times a year, but 30 in years 4 to 6.
        let d = Array(repeating: 100, count: 10)
        let r = [5, 5, 5, 5, 30, 30, 30, 5, 5, 5]
        let bursts = Themes.kleinberg(r: r, d: d)
        XCTAssertEqual(bursts.map { [$0.begin, $0.end] }, [[4, 6]])
        XCTAssertGreaterThan(bursts[0].strength, 0)
        XCTAssertEqual(Themes.kleinberg(r: Array(repeating: 5, count: 10), d: d).count, 0)
        // A higher cost of entering a burst leaves a short one out.
        XCTAssertEqual(Themes.kleinberg(r: [5, 5, 5, 5, 12, 5, 5, 5, 5, 5], d: d, gamma: 1).count, 1)
        XCTAssertEqual(Themes.kleinberg(r: [5, 5, 5, 5, 12, 5, 5, 5, 5, 5], d: d, gamma: 4).count, 0)
    }

    func testTrendTopicsGiveTheQuartilesOfTheYears() throws {
        let years = [2010, 2012, 2013, 2020, 2021]
        let docs = years.enumerated().map { i, y in
            Document(id: "d\(i)", title: "T", year: y, keywords: i < 4 ? ["Steppe"] : ["Tea"], source: SourceLocation(path: "d"))
        }
        let t = try Themes.trendTopics(Corpus(documents: docs), .field(.keywords), minCount: 1)
        // Steppe: 2010, 2012, 2013, 2020: R's quantiles 2011.5, 2012.5, 2014.75.
        XCTAssertEqual(rows(t), ["Steppe|4|2011.5|2012.5|2014.75", "Tea|1|2021|2021|2021"])
    }

    func testBurstsOfTitleTermsAndDocumentsCountedOnce() throws {
        // 20 documents a year, 2010-2019; "drones" in most titles of 2015-2016, in one title a year otherwise.
        var docs: [Document] = []
        for year in 2010 ... 2019 {
            for k in 0 ..< 20 {
                let hot = (2015 ... 2016).contains(year) ? k < 12 : k == 0
                docs.append(Document(id: "\(year)-\(k)", title: hot ? "Drones and drones over the steppe" : "Herding on the steppe",
                                     year: year, keywords: hot ? ["Drone", "drones"] : [], source: SourceLocation(path: "d")))
            }
        }
        let corpus = Corpus(documents: docs)
        let terms = try Themes.bursts(corpus, .terms(TermOptions(field: .title, stopwords: .english)), minCount: 3)
        XCTAssertEqual(rows(terms).first.map { String($0.split(separator: "|").prefix(3).joined(separator: "|")) }, "drones|2015|2016")
        XCTAssertFalse(rows(terms).contains { $0.hasPrefix("steppe|") }, "a term in every title has no burst")
        // Two spellings of one keyword in a document: normalised, the document counts once.
        let trends = try Themes.trendTopics(corpus, .field(.keywords), grouping: ValueGrouping(normalize: true), minCount: 1)
        XCTAssertEqual(rows(trends).map { $0.split(separator: "|")[1] }, ["32"])
    }

    func testStemmedTermsAreShownByTheirMostFrequentSpelling() throws {
        // "networks" in two titles, "network" and "networking" in one each: one stem, shown as "networks".
        let titles = ["Networks of herders", "Networks of traders", "A network of wells", "Networking at markets"]
        let docs = titles.enumerated().map { i, t in Document(id: "d\(i)", title: t, year: 2010 + i, source: SourceLocation(path: "d")) }
        let source = ThemeSource.terms(TermOptions(field: .title, stopwords: .english))
        let stemmed = ValueGrouping(stem: .english)
        let trends = try Themes.trendTopics(Corpus(documents: docs), source, grouping: stemmed, minCount: 4)
        XCTAssertEqual(rows(trends), ["networks|4|2010.75|2011.5|2012.25"])
        let plain = try Themes.trendTopics(Corpus(documents: docs), source, minCount: 2)
        XCTAssertEqual(rows(plain).map { $0.split(separator: "|")[0] }, ["networks"])
    }
}
