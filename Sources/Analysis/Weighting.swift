// Weighting.swift: corpus:tfidf and corpus:keyness: which terms characterise each document, and
// which distinguish one sub-corpus from another.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables
import Foundation

package enum TFIDF {
    /// id, term, score for the `top` terms of each document: score = count in the document ×
    /// log10(documents / documents with the term), as quanteda's dfm_tfidf computes it by default.
    /// Rows follow the corpus order; within a document, score descending, then term ascending.
    package static func scores(_ corpus: Corpus, _ options: TermOptions, top: Int, check: InterruptionCheck? = nil) throws -> Table {
        let df = try TermCounter.count(corpus, options, check: check)
        return try scoredRows(corpus, options, documentFrequencies: df, documents: corpus.count, top: top, check: check).table
    }

    /// The rows of `scores` for the documents of `corpus` (shard `shard`'s, in a sharded run),
    /// given the documents with each term and the number of documents of the whole corpus.
    package static func scoredRows(_ corpus: Corpus, _ options: TermOptions, documentFrequencies df: TermTable, documents: Int, top: Int, shard: Int = 0,
                                   check: InterruptionCheck? = nil) throws -> ScoredTerms {
        let s = corpus.store
        let n = Double(documents)
        let parts = try Parallel.map(corpus.rowIndices, check: check) { rows -> [ScoredTerms.Row] in
            var out: [ScoredTerms.Row] = []
            var extractor = TermExtractor(options)
            for row in rows {
                var local = TermTable()
                extractor.forEachTerm(s, row: row) { local.add($0, document: 0) }
                let scored = (0..<local.count).map { e -> (String, Double) in
                    let documents = local.withKey(e) { df.find($0).map { df.documents(of: $0) } } ?? 1
                    return (local.key(e), Double(local.count(of: e)) * log10(n / Double(documents)))
                }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
                let id = s.id.string(row)
                for (term, score) in scored.prefix(top) { out.append(ScoredTerms.Row(id: id, term: term, score: score, shard: Int64(shard), row: Int64(row))) }
            }
            return out
        }
        return ScoredTerms(rows: parts.flatMap { $0 })
    }
}

/// The rows of `tfidf` for some documents, with where each document is (shard and row): a
/// partial result; merged parts keep the corpus order.
package struct ScoredTerms: Partial {
    package static let kind = "scored-terms"

    package struct Row {
        var id: String
        var term: String
        var score: Double
        var shard: Int64
        var row: Int64
    }

    private(set) var rows: [Row]

    init(rows: [Row]) { self.rows = rows }

    /// Rows in corpus order; a document's rows keep their order (a stable merge of the parts).
    package mutating func merge(_ other: ScoredTerms) {
        rows = inCorpusOrder(rows + other.rows) { ($0.shard, $0.row) }
    }

    package var table: Table { Table(trusted: ["id", "term", "score"], rows: rows.map { [.text($0.id), .text($0.term), .number($0.score)] }) }

    package var columns: PartialColumns {
        var c = PartialColumns(kind: Self.kind)
        c.add("id", .texts(rows.map(\.id)))
        c.add("term", .texts(rows.map(\.term)))
        c.add("score", .numbers(rows.map(\.score)))
        c.add("shard", .ints(rows.map(\.shard)))
        c.add("row", .ints(rows.map(\.row)))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let ids = try c.texts("id"), terms = try c.texts("term"), scores = try c.numbers("score"), shards = try c.ints("shard"), rowsOf = try c.ints("row")
        guard [terms.count, scores.count, shards.count, rowsOf.count].allSatisfy({ $0 == ids.count }) else {
            throw PartialError("the columns of the scored terms differ in length")
        }
        rows = ids.indices.map { Row(id: ids[$0], term: terms[$0], score: scores[$0], shard: shards[$0], row: rowsOf[$0]) }
    }
}

package enum KeynessMeasure: String, Sendable, CaseIterable {
    case g2, chi2
}

package enum Keyness {
    /// The statistic for one term in a 2×2 table: a and b its counts in the target and reference
    /// corpora, totalA and totalB their token totals. Signed: positive when the term is more
    /// frequent in the target than expected. chi2 has Yates' continuity correction and G2
    /// Williams' correction, as in quanteda's textstat_keyness; p from the chi-squared
    /// distribution with one degree of freedom.
    package static func score(a: Double, b: Double, totalA: Double, totalB: Double, measure: KeynessMeasure) -> (score: Double, p: Double) {
        let c = totalA - a, d = totalB - b
        let n = a + b + c + d
        guard n > 0, totalA > 0, totalB > 0, a + b > 0, c + d > 0 else { return (0, 1) }
        let expectedA = (a + b) * totalA / n
        let sign: Double = a >= expectedA ? 1 : -1
        let value: Double
        switch measure {
        case .chi2:
            let corrected = max(0, abs(a * d - b * c) - n / 2)
            value = n * corrected * corrected / ((a + b) * (c + d) * (a + c) * (b + d))
        case .g2:
            let expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n]
            let observed = [a, b, c, d]
            var g = 0.0
            for (o, e) in zip(observed, expected) where o > 0 { g += o * log(o / e) }
            g *= 2
            let q = 1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n)
            value = g / q
        }
        return (value == 0 ? 0 : sign * value, chiSquaredOneDegreeP(value))
    }

    /// Upper tail of the chi-squared distribution with one degree of freedom.
    package static func chiSquaredOneDegreeP(_ x: Double) -> Double { x <= 0 ? 1 : erfc(sqrt(x / 2)) }

    /// term, count_a, count_b, score, p: terms of the target corpus against the reference corpus, by
    /// score descending, then term ascending.
    package static func compare(_ target: Corpus, _ reference: Corpus, _ options: TermOptions, measure: KeynessMeasure,
                               minCount: Int = 1, top: Int? = nil, check: InterruptionCheck? = nil) throws -> Table {
        compare(try TermCounter.count(target, options, check: check), try TermCounter.count(reference, options, check: check),
                measure: measure, minCount: minCount, top: top)
    }

    /// The `keyness` table from the two corpora's term counts (whole, or merged from shards).
    package static func compare(_ ta: TermTable, _ tb: TermTable, measure: KeynessMeasure, minCount: Int = 1, top: Int? = nil) -> Table {
        let totalA = Double(ta.totalCount), totalB = Double(tb.totalCount)
        var keys = Set<String>()
        for e in 0..<ta.count { keys.insert(ta.key(e)) }
        for e in 0..<tb.count { keys.insert(tb.key(e)) }
        var rows: [(String, Int, Int, Double, Double)] = []
        for key in keys {
            var k = key
            let (a, b) = k.withUTF8 { (ta.find($0).map { ta.count(of: $0) } ?? 0, tb.find($0).map { tb.count(of: $0) } ?? 0) }
            guard a + b >= minCount else { continue }
            let (score, p) = score(a: Double(a), b: Double(b), totalA: totalA, totalB: totalB, measure: measure)
            rows.append((key, a, b, score, p))
        }
        rows.sort { $0.3 != $1.3 ? $0.3 > $1.3 : $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
        let kept = top.map { Array(rows.prefix($0)) } ?? rows
        return Table(trusted: ["term", "count_a", "count_b", "score", "p"],
                     rows: kept.map { [.text($0.0), .int($0.1), .int($0.2), .number($0.3), .number($0.4)] })
    }
}
