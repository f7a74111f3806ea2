// AggregationTests.swift: each aggregation against counts made by hand on the fixture.
import Analysis
import Tables
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import XCTest

final class AggregationTests: XCTestCase {
    let corpus = AnalysisFixture.corpus

    private func rows(_ t: Table) -> [String] { t.rows.map { $0.map(\.description).joined(separator: "|") } }

    func testTermsCountOccurrencesAndDocuments() throws {
        let t = try TermCounter.terms(corpus, TermOptions(field: .abstract), top: 4)
        XCTAssertEqual(t.columns, ["term", "count", "documents"])
        // tea: 1 (d1) + 3 (d3); trade: 3 (d1) + 1 (d2); steppe: 2 + 1; the: 2; and: 1 + 1.
        XCTAssertEqual(rows(t), ["tea|4|2", "trade|4|2", "steppe|3|2", "and|2|2"])
    }

    func testStopwordsAndMinimumCount() throws {
        let t = try TermCounter.terms(corpus, TermOptions(field: .abstract, stopwords: .english), minCount: 2)
        XCTAssertEqual(rows(t), ["tea|4|2", "trade|4|2", "steppe|3|2", "революция|2|1"])
        let ru = try TermCounter.terms(corpus, TermOptions(field: .abstract, stopwords: .russian), minCount: 2)
        XCTAssertFalse(rows(ru).contains { $0.hasPrefix("и|") })
    }

    func testTermsOfManyDocumentsCountedInChunksAddUp() throws {
        // 5,000 documents, so the count runs in several chunks over both cores and the partial
        // counts are merged. Words long enough to share their first eight or sixteen bytes, and
        // differing only at the end or in length, stay apart; stopwords are never counted.
        let words = ["informatics", "informative", "internationalisation", "internationalization", "internationalizations",
                     "steppe", "steppes", "the", "and", "Steppe"]
        let documents = (0 ..< 5_000).map { i in
            AnalysisFixture.doc("d\(i)", year: 2000, abstract: words.enumerated().filter { j, _ in i % (j + 1) == 0 }
                .map(\.element).joined(separator: " "))
        }
        let t = try TermCounter.terms(Corpus(documents: documents), TermOptions(field: .abstract, stopwords: .english))
        // A word at place j is in every (j+1)th document: ceil(5000 / (j+1)) of them; "Steppe"
        // (j = 9, 500 documents) folds into "steppe" (j = 5, 834), meeting it in the 167
        // documents whose number is a multiple of 30.
        XCTAssertEqual(rows(t), ["informatics|5000|5000", "informative|2500|2500", "internationalisation|1667|1667",
                                 "steppe|1334|1167", "internationalization|1250|1250", "internationalizations|1000|1000",
                                 "steppes|715|715"])
    }

    func testBigramsSkipStopwords() throws {
        let t = try TermCounter.terms(corpus, TermOptions(field: .abstract, ngram: 2, stopwords: .english), top: 3)
        // "steppe trade" twice in d1; "tea tea" twice in d3; then "grew steppe" (d1), alphabetically first of the ones.
        XCTAssertEqual(rows(t), ["steppe trade|2|1", "tea tea|2|1", "grew steppe|1|1"])
    }

    func testBigramsCountedAsWordNumbersEqualTheByteStringCounts() throws {
        // Word pairs are counted as numbers; the general n-gram path counts the same pairs as
        // strings. Every row must agree, in the same order, on a corpus with Cyrillic, hyphens,
        // apostrophes, ties, a first word that is a prefix of another ("tea" / "teas"), and
        // references (pairs never cross from one reference to the next).
        var documents = AnalysisFixture.corpus.documents
        documents.append(AnalysisFixture.doc("d5", year: 2022, abstract: "Teas trade and tea trade; teas trade, tea routes. Russia-Mongolia don't trade.",
                                             references: ["Ivanov I. Tea trade. *J*. 2001.", "Trade routes. *K*. 2002."]))
        let corpus = Corpus(documents: documents)
        for options in [TermOptions(field: .abstract, ngram: 2, stopwords: .english), TermOptions(field: .abstract, ngram: 2),
                        TermOptions(field: .referencesTitle, ngram: 2)] {
            let pairs = try TermCounter.terms(corpus, options)
            let strings = try TermCounter.count(corpus, options)
            let expected = strings.ranked().map { "\(strings.key($0))|\(strings.count(of: $0))|\(strings.documents(of: $0))" }
            XCTAssertEqual(rows(pairs), expected)
            XCTAssertFalse(expected.isEmpty)
        }
        let t = try TermCounter.terms(corpus, TermOptions(field: .abstract, ngram: 2, stopwords: .english), top: 4)
        // Ties by text: "tea trade" before "teas trade" (a space sorts before a letter).
        XCTAssertEqual(rows(t), ["steppe trade|2|1", "tea tea|2|1", "tea trade|2|2", "teas trade|2|1"])
        let titles = try TermCounter.terms(corpus, TermOptions(field: .referencesTitle, ngram: 2))
        XCTAssertFalse(rows(titles).contains { $0.hasPrefix("trade trade|") }, "a pair never joins two references")
        XCTAssertTrue(rows(titles).contains("tea trade|1|1"))
    }

    func testKeywordsAreWholeTerms() throws {
        let t = try TermCounter.terms(corpus, TermOptions(field: .keywords))
        XCTAssertEqual(rows(t), ["steppe|2|2", "tea|2|2", "trade|2|2", "mongolia|1|1"])
    }

    func testEmptyAndMissingFields() throws {
        let empty = corpus.subset(rows: [3])
        XCTAssertEqual(try TermCounter.terms(empty, TermOptions(field: .abstract)).count, 0)
        XCTAssertEqual(try TermCounter.terms(corpus.subset(rows: []), TermOptions(field: .abstract)).count, 0)
        XCTAssertEqual(try FieldCounter.countBy(corpus.subset(rows: []), .year).count, 0)
    }

    func testCountByAndCrosstab() throws {
        XCTAssertEqual(rows(try FieldCounter.countBy(corpus, .year)), ["2021|2", "2020|1"])
        XCTAssertEqual(rows(try FieldCounter.countBy(corpus, .authors)), ["Ivanova M.A.|2", "Batbayar T.|1", "Lee J.H.|1"])
        XCTAssertEqual(rows(try FieldCounter.countBy(corpus, .referencesYear)), ["2017|2", "2001|1"])
        XCTAssertEqual(rows(try FieldCounter.countBy(corpus, .keywords, top: 1)), ["Steppe|2"])
        XCTAssertEqual(rows(try FieldCounter.crosstab(corpus, .year, .language)), ["2020|en|1", "2021|en|1", "2021|ru|1"])
        XCTAssertEqual(rows(try FieldCounter.crosstab(corpus, .year, .referencesLanguage)), ["2020|ru|1", "2021|ru|1"])
    }

    func testCooccurrenceOfKeywords() throws {
        let t = try Cooccurrence.pairs(corpus, items: .field(.keywords))
        // d1: steppe, tea, trade; d2: mongolia, trade; d3: steppe, tea.
        XCTAssertEqual(rows(t), ["Steppe|Tea|2", "Mongolia|Trade|1", "Steppe|Trade|1", "Tea|Trade|1"])
        let pruned = try Cooccurrence.pairs(corpus, items: .field(.keywords), minCount: 2)
        XCTAssertEqual(rows(pruned), ["Steppe|Tea|2"])
        let terms = try Cooccurrence.pairs(corpus, items: .terms(TermOptions(field: .abstract, stopwords: .english)), top: 1)
        XCTAssertEqual(rows(terms), ["steppe|tea|2"])
    }

    func testTFIDF() throws {
        let t = try TFIDF.scores(corpus.subset(rows: [0, 2]), TermOptions(field: .abstract, stopwords: .english), top: 2)
        // Two documents. d1: trade 3 × log10(2/1); grew 1 × log10(2). d3: every term is in both, or "tea" 3 × log10(2/2) = 0.
        XCTAssertEqual(t.columns, ["id", "term", "score"])
        XCTAssertEqual(t.rows[0][1], .text("trade"))
        XCTAssertEqual(t.rows[0][2].doubleValue!, 3 * log10(2.0), accuracy: 1e-12)
        XCTAssertEqual(t.rows[1][1], .text("grew"))
        XCTAssertEqual(t.rows[2], [.text("d3"), .text("steppe"), .number(0)])
    }

    func testKeynessStatisticsAgainstHandComputedValues() {
        let chi = Keyness.score(a: 10, b: 2, totalA: 100, totalB: 100, measure: .chi2)
        XCTAssertEqual(chi.score, 4.343971631205674, accuracy: 1e-12)  // 200 × (|980 − 180| − 100)² / (12 × 188 × 100 × 100)
        XCTAssertEqual(chi.p, 0.037140190368393035, accuracy: 1e-12)
        let g2 = Keyness.score(a: 10, b: 2, totalA: 100, totalB: 100, measure: .g2)
        XCTAssertEqual(g2.score, 5.915181843849003, accuracy: 1e-12)  // G2 = 6.1626, Williams' q = 1.0418
        XCTAssertEqual(g2.p, 0.015010953479984431, accuracy: 1e-12)
        XCTAssertEqual(Keyness.score(a: 1, b: 5, totalA: 100, totalB: 100, measure: .chi2).score, -1.5463917525773196, accuracy: 1e-12)
        // chisq.test(matrix(c(7, 3, 2, 7), 2), correct = TRUE) gives 2.6324.
        XCTAssertEqual(Keyness.score(a: 7, b: 2, totalA: 10, totalB: 9, measure: .chi2).score, 21322.75 / 8100, accuracy: 1e-12)
    }

    func testKeynessTable() throws {
        let early = corpus.subset(rows: [0]), late = corpus.subset(rows: [1, 2])
        let t = try Keyness.compare(early, late, TermOptions(field: .abstract), measure: .chi2, top: 2)
        XCTAssertEqual(t.columns, ["term", "count_a", "count_b", "score", "p"])
        // 11 words in d1, 11 in d2 and d3. "the": 2 against 0: 22 × (|2 × 11 − 0| − 11)² / (2 × 20 × 11 × 11) = 0.55.
        XCTAssertEqual(t.rows[0][0], .text("the"))
        XCTAssertEqual(t.rows[0][1], .int(2))
        XCTAssertEqual(t.rows[0][2], .int(0))
        XCTAssertEqual(t.rows[0][3].doubleValue!, 0.55, accuracy: 1e-12)
        // "trade": 3 against 1: 22 × (|3 × 10 − 1 × 8| − 11)² / (4 × 18 × 11 × 11) = 0.3056.
        XCTAssertEqual(t.rows[1][0], .text("trade"))
        XCTAssertEqual(t.rows[1][3].doubleValue!, 2662.0 / 8712.0, accuracy: 1e-12)
    }

    func testKeywordInContext() throws {
        let t = try Concordance.kwic(corpus, pattern: "Steppe trade", field: .abstract, window: 2)
        XCTAssertEqual(rows(t), ["d1|The|steppe trade|grew. Steppe", "d1|trade grew.|Steppe trade|routes and"])
        let cyrillic = try Concordance.kwic(corpus, pattern: "РЕВОЛЮЦИЯ", field: .abstract, window: 1, limit: 1)
        XCTAssertEqual(rows(cyrillic), ["d2||Революция|и"])
        XCTAssertThrowsError(try Concordance.kwic(corpus, pattern: "...", field: .abstract))
    }

    func testWhereAndSplitBy() {
        XCTAssertEqual(CorpusFilter.filter(corpus, DocumentFilter(yearFrom: 2021, yearTo: 2021)).documents.map(\.id), ["d2", "d3"])
        XCTAssertEqual(CorpusFilter.filter(corpus, DocumentFilter(keyword: "TEA")).documents.map(\.id), ["d1", "d3"])
        XCTAssertEqual(CorpusFilter.filter(corpus, DocumentFilter(author: "Ivanova M. A.")).documents.map(\.id), ["d1", "d2"])
        XCTAssertEqual(CorpusFilter.filter(corpus, DocumentFilter(author: "Lee")).documents.map(\.id), ["d3"])
        XCTAssertEqual(CorpusFilter.filter(corpus, DocumentFilter(language: "de")).count, 0)
        let split = CorpusFilter.split(corpus, by: .year)
        XCTAssertEqual(split.map { $0.0 }, [.int(2020), .int(2021)])
        XCTAssertEqual(split[1].1.documents.map(\.id), ["d2", "d3"])
    }

    func testStatistics() {
        let x: [Double] = [1, 2, 3, 4, 10]
        XCTAssertEqual(Statistics.mean(x), 4)
        XCTAssertEqual(Statistics.median(x), 3)
        XCTAssertEqual(Statistics.quantile(x, 0.25), 2)
        XCTAssertEqual(Statistics.quantile([1, 2], 0.5), 1.5)
        XCTAssertEqual(Statistics.stdev(x)!, sqrt(50.0 / 4), accuracy: 1e-12)  // squared deviations 9+4+1+0+36
        XCTAssertEqual(Statistics.correlation([1, 2, 3], [2, 4, 6])!, 1, accuracy: 1e-12)
        XCTAssertNil(Statistics.mean([]))
        let h = Statistics.histogram([0, 1, 2, 3, 4], bins: 2)
        XCTAssertEqual(h.rows.map { $0[2] }, [.int(2), .int(3)])
    }

    func testJoinAndGroup() throws {
        let a = try Table(columns: ["year", "n"], rows: [[.int(2020), .int(1)], [.int(2021), .int(2)], [.int(2021), .int(5)]])
        let b = try Table(columns: ["year", "n"], rows: [[.int(2021), .text("x")]])
        XCTAssertEqual(rows(try a.join(b, on: "year")), ["2021|2|x", "2021|5|x"])
        XCTAssertEqual(try a.join(b, on: "year").columns, ["year", "n", "n_2"])
        let g = try a.group(by: "year", [("rows", .count), ("total", .sum("n")), ("mean", .mean("n"))])
        XCTAssertEqual(rows(g), ["2020|1|1|1", "2021|2|7|3.5"])
        XCTAssertThrowsError(try Table.Aggregate(spec: "median:n"))
    }
}
