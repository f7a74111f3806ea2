// PartialTests.swift: an aggregation split across shards gives what it gives over the whole corpus.
// The corpus is cut at random into k runs of consecutive documents (some empty), each run's
// partial is computed as a shard's would be, written to a partial file and read back, and the
// parts are merged in random order: the finished table equals the whole corpus's, cell for cell,
// ties included.
@testable import Analysis
import Corpus
import CorpusModel
import Foundation
import Tables
import XCTest

final class PartialTests: XCTestCase {
    private var corpus: Corpus!

    override func setUpWithError() throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpora/wos")
        guard FileManager.default.fileExists(atPath: shared.path) else { throw XCTSkip("the shared corpora are absent (\(shared.path))") }
        corpus = try CorpusLoader.load(paths: [shared.path])
    }

    /// `k` runs of consecutive rows covering the corpus, cut at random (some empty).
    private func parts(_ k: Int, _ random: inout some RandomNumberGenerator) -> [Corpus] {
        let n = corpus.count
        let cuts = ([0, n] + (1 ..< k).map { _ in Int.random(in: 0 ... n, using: &random) }).sorted()
        return (0 ..< k).map { corpus.subset(rows: Array(cuts[$0] ..< cuts[$0 + 1])) }
    }

    /// Each part's partial through a partial file and back, merged in random order.
    private func merged<P: Partial>(_ parts: [Corpus], _ random: inout some RandomNumberGenerator, _ compute: (Corpus, Int) throws -> P) throws -> P {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var read: [P] = []
        for (shard, part) in parts.enumerated() {
            let path = folder.appendingPathComponent("part-\(shard).arrow").path
            try compute(part, shard).columns.write(to: path)
            read.append(try P.read(path))
        }
        read.shuffle(using: &random)
        var total = read[0]
        for p in read.dropFirst() { total.merge(p) }
        return total
    }

    func testCountsByValueMergeIntoTheWholeCorpusCounts() throws {
        var random = SeededGenerator(seed: 7)
        let groupings: [ValueGrouping] = [.none, ValueGrouping(normalize: true)]
        for field in [CorpusField.year, .authors, .keywords, .journal, .countries, .referencesDOI, .referencesContainer] {
            for grouping in groupings {
                let whole = try FieldCounter.countBy(corpus, field, grouping: grouping, variants: true)
                for k in [1, 2, 3, 7] {
                    let counts = try merged(parts(k, &random), &random) { part, shard in
                        try FieldCounter.valueCounts(part, field, grouping: grouping, shard: shard)
                    }
                    let split = FieldCounter.countBy(counts, field, grouping: grouping, variants: true)
                    XCTAssertEqual(split.rows, whole.rows, "\(field) in \(k) parts, normalized: \(!grouping.isNone)")
                }
            }
        }
    }

    func testPairCountsMergeIntoTheWholeCorpusCrosstab() throws {
        var random = SeededGenerator(seed: 11)
        for (a, b) in [(CorpusField.keywords, CorpusField.year), (.journal, .year), (.authors, .countries), (.referencesYear, .year)] {
            for grouping in [ValueGrouping.none, ValueGrouping(normalize: true)] {
                let whole = try FieldCounter.crosstab(corpus, a, b, grouping: grouping)
                for k in [2, 3, 7] {
                    let p = parts(k, &random)
                    func groups(_ f: CorpusField) throws -> FieldCounter.FieldGroups? {
                        guard !grouping.isNone else { return nil }
                        return FieldCounter.groups(try merged(p, &random) { part, shard in
                            try FieldCounter.valueCounts(part, f, grouping: grouping, shard: shard)
                        }, f, grouping)
                    }
                    let pairs = try merged(p, &random) { part, shard in try FieldCounter.pairCounts(part, a, b, grouping: grouping, shard: shard) }
                    let split = FieldCounter.crosstab(pairs, a, b, groupA: try groups(a), groupB: try groups(b))
                    XCTAssertEqual(split.rows, whole.rows, "\(a) × \(b) in \(k) parts, normalized: \(!grouping.isNone)")
                }
            }
        }
    }

    func testCooccurrenceSplitsIntoItsVocabularyAndItsPairs() throws {
        var random = SeededGenerator(seed: 5)
        let cases: [(CooccurrenceItems, ValueGrouping, Int)] = [
            (.field(.keywords), .none, 1), (.field(.keywords), ValueGrouping(normalize: true), 2), (.field(.authors), .none, 1),
            (.terms(TermOptions(field: .title)), .none, 2), (.field(.referencesContainer), .none, 3),
        ]
        for (items, grouping, minCount) in cases {
            let whole = try Cooccurrence.pairs(corpus, items: items, minCount: minCount, maxItems: 300, grouping: grouping)
            for k in [2, 3, 7] {
                let p = parts(k, &random)
                let vocabulary = try merged(p, &random) { part, shard in try Cooccurrence.vocabulary(part, items: items, grouping: grouping, shard: shard) }
                let selection = Cooccurrence.Selection(vocabulary, items: items, minCount: minCount, maxItems: 300, grouping: grouping)
                let pairs = try merged(p, &random) { part, _ in try Cooccurrence.pairCounts(part, items: items, selection: selection) }
                let split = Cooccurrence.table(pairs, selection, minCount: minCount, top: nil)
                XCTAssertFalse(whole.rows.isEmpty)
                XCTAssertEqual(split.rows, whole.rows, "\(items) in \(k) parts")
            }
        }
    }

    func testTermCountsAddUpToTheWholeCorpusTerms() throws {
        var random = SeededGenerator(seed: 9)
        let stopwords = StopwordSet.english
        for (field, ngram) in [(TextField.abstract, 1), (.title, 2), (.abstract, 2), (.title, 3), (.keywords, 1)] {
            let options = TermOptions(field: field, ngram: ngram, stopwords: stopwords)
            // The whole run's table, by its fastest counters (words and word pairs have their own).
            let whole = try TermCounter.terms(corpus, options, minCount: 2, top: 200)
            for k in [2, 3, 7] {
                let counts = try merged(parts(k, &random), &random) { part, _ in TermCounts(table: try TermCounter.count(part, options)) }
                XCTAssertEqual(TermCounter.terms(counts, minCount: 2, top: 200).rows, whole.rows, "\(field) \(ngram)-grams in \(k) parts")
            }
        }
    }

    func testTfidfAndKeynessSplitIntoTermCountsAndRows() throws {
        var random = SeededGenerator(seed: 13)
        let options = TermOptions(field: .abstract, stopwords: StopwordSet.english)
        let whole = try TFIDF.scores(corpus, options, top: 5)
        let earlier = corpus.subset(rows: corpus.rowIndices.filter { (corpus.store.year[$0] ?? 0) < 2010 })
        let later = corpus.subset(rows: corpus.rowIndices.filter { (corpus.store.year[$0] ?? 0) >= 2010 })
        let wholeKeyness = try Keyness.compare(later, earlier, options, measure: .g2, minCount: 2, top: 100)
        for k in [2, 3, 7] {
            let p = parts(k, &random)
            let df = try merged(p, &random) { part, _ in TermCounts(table: try TermCounter.count(part, options)) }
            let rows = try merged(p, &random) { part, shard in
                try TFIDF.scoredRows(part, options, documentFrequencies: df.table, documents: corpus.count, top: 5, shard: shard)
            }
            XCTAssertEqual(rows.table.rows, whole.rows, "tfidf in \(k) parts")
            let split = { (sub: Corpus) -> [Corpus] in p.map { part in sub.subset(rows: part.rowIndices.filter { Set(sub.rowIndices).contains($0) }) } }
            let a = try merged(split(later), &random) { part, _ in TermCounts(table: try TermCounter.count(part, options)) }
            let b = try merged(split(earlier), &random) { part, _ in TermCounts(table: try TermCounter.count(part, options)) }
            XCTAssertEqual(Keyness.compare(a.table, b.table, measure: .g2, minCount: 2, top: 100).rows, wholeKeyness.rows, "keyness in \(k) parts")
        }
    }

    func testAuthorProductionCollaborationAgesAndConcordanceSplit() throws {
        var random = SeededGenerator(seed: 17)
        let production = try Bibliometrics.authorProduction(corpus, top: 50)
        let collaboration = Bibliometrics.collaboration(corpus)
        let ages = try Bibliometrics.referenceAges(corpus)
        let lines = try Concordance.kwic(corpus, pattern: "magnetic", field: .abstract, limit: 40)
        XCTAssertEqual(lines.rows.count, 40)
        for k in [2, 3, 7] {
            let p = parts(k, &random)
            let shares = try merged(p, &random) { part, shard in Bibliometrics.authorShares(part, shard: shard) }
            XCTAssertEqual(try Bibliometrics.authorProduction(shares, top: 50).rows, production.rows, "author production in \(k) parts")
            XCTAssertEqual(Bibliometrics.collaboration(try merged(p, &random) { part, _ in Bibliometrics.collaborationCounts(part) }), collaboration)
            XCTAssertEqual(try Bibliometrics.referenceAges(try merged(p, &random) { part, _ in Bibliometrics.referenceAgeCounts(part) }).rows, ages.rows)
            let split = try merged(p, &random) { part, shard in try Concordance.lines(part, pattern: "magnetic", field: .abstract, limit: 40, shard: shard) }
            XCTAssertEqual(split.table(limit: 40).rows, lines.rows, "concordance in \(k) parts")
        }
    }

    func testCountriesAndInstitutionsSplit() throws {
        var random = SeededGenerator(seed: 19)
        let countries = try CountryProduction.table(corpus)
        let institutions = try CountryProduction.institutions(corpus, top: 60)
        XCTAssertGreaterThan(countries.rows.count, 5)
        for k in [2, 3, 7] {
            let p = parts(k, &random)
            XCTAssertEqual(try CountryProduction.table(try merged(p, &random) { part, shard in CountryProduction.countryCounts(part, shard: shard) }).rows,
                           countries.rows, "countries in \(k) parts")
            let split = try merged(p, &random) { part, shard in CountryProduction.institutionCounts(part, shard: shard) }
            XCTAssertEqual(try CountryProduction.institutions(split, top: 60).rows, institutions.rows, "institutions in \(k) parts")
        }
    }

    func testDocumentCountsAddUp() throws {
        var random = SeededGenerator(seed: 3)
        let total = try merged(parts(5, &random), &random) { part, _ in DocumentCount(part.count) }
        XCTAssertEqual(total.count, corpus.count)
    }

    func testADamagedPartialIsRefusedByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("partials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("part.arrow").path
        try FieldCounter.valueCounts(corpus, .keywords).columns.write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try ValueCounts.read(path)) { XCTAssertTrue("\($0)".contains(path), "\($0)") }
        try DocumentCount(3).columns.write(to: path)
        XCTAssertThrowsError(try ValueCounts.read(path)) { XCTAssertTrue("\($0)".contains("holds a partial 'count'"), "\($0)") }
    }
}

/// A deterministic generator (SplitMix64), so a failure can be run again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
