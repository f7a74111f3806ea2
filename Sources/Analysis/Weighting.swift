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
        let s = corpus.store
        let df = try TermCounter.count(corpus, options, check: check)
        let n = Double(corpus.count)
        let parts = try Parallel.map(corpus.rowIndices, check: check) { rows -> [[Cell]] in
            var out: [[Cell]] = []
            var extractor = TermExtractor(options)
            for row in rows {
                var local = TermTable()
                extractor.forEachTerm(s, row: row) { local.add($0, document: 0) }
                let scored = (0..<local.count).map { e -> (String, Double) in
                    let documents = local.withKey(e) { df.find($0).map { df.documents(of: $0) } } ?? 1
                    return (local.key(e), Double(local.count(of: e)) * log10(n / Double(documents)))
                }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
                let id = s.id.string(row)
                for (term, score) in scored.prefix(top) { out.append([.text(id), .text(term), .number(score)]) }
            }
            return out
        }
        return Table(trusted: ["id", "term", "score"], rows: parts.flatMap { $0 })
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
        let ta = try TermCounter.count(target, options, check: check)
        let tb = try TermCounter.count(reference, options, check: check)
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
