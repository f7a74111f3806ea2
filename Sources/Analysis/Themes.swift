// Themes.swift: thematic analysis of a corpus's vocabulary: the thematic map (each cluster of a
// co-word network placed by Callon's centrality and density, bibliometrix's thematicMap), trend
// topics (the quartiles of the years of each term's documents) and bursts (Kleinberg's two-state
// automaton over the years, as CiteSpace detects them).
import Corpus
import CorpusStore
import CorpusModel
import Foundation
import Graphs
import Tables

/// What trend topics and bursts are found in: a countable field's values (keywords, cited works as
/// "references.key"), or the terms of a text field.
package enum ThemeSource: Sendable {
    case field(CorpusField)
    case terms(TermOptions)
}

package enum Themes {
    // MARK: thematic map

    /// One row a cluster of `net` (a co-occurrence network with counts, nodes' occurrences set):
    /// cluster (from 1), label (its three most frequent nodes), nodes, occurrences, centrality
    /// (10 × the sum of the equivalence indices e_ij = c_ij² / (c_i c_j) of its links to other
    /// clusters), density (100 × the sum of those of its inner links, over its nodes), and the
    /// quadrant by the medians: motor (both high), niche (dense, peripheral), emerging or
    /// declining (both low), basic (central, sparse).
    package static func thematicMap(_ net: Network, membership: [Int]) throws -> Table {
        let g = net.graph
        let clusters = (membership.max() ?? -1) + 1
        var centrality = [Double](repeating: 0, count: clusters), inner = [Double](repeating: 0, count: clusters)
        var size = [Int](repeating: 0, count: clusters), occurrences = [Double](repeating: 0, count: clusters)
        for i in 0 ..< net.nodeCount {
            size[membership[i]] += 1
            occurrences[membership[i]] += net.occurrences[i]
        }
        for e in g.edgeList where e.a != e.b {
            let ci = net.occurrences[e.a], cj = net.occurrences[e.b]
            guard ci > 0, cj > 0 else { continue }
            let equivalence = e.weight * e.weight / (ci * cj)
            if membership[e.a] == membership[e.b] { inner[membership[e.a]] += equivalence } else {
                centrality[membership[e.a]] += equivalence
                centrality[membership[e.b]] += equivalence
            }
        }
        let c = centrality.map { 10 * $0 }
        let d = (0 ..< clusters).map { size[$0] > 0 ? 100 * inner[$0] / Double(size[$0]) : 0 }
        let mc = median(c), md = median(d)
        // Each cluster's nodes, grouped in one pass (not a scan of all nodes per cluster).
        var members = [[Int]](repeating: [], count: clusters)
        for i in 0 ..< net.nodeCount { members[membership[i]].append(i) }
        let labels = members.map { nodes in
            nodes.sorted { net.occurrences[$0] != net.occurrences[$1] ? net.occurrences[$0] > net.occurrences[$1] : $0 < $1 }
                .prefix(3).map { net.labels[$0] }.joined(separator: "; ")
        }
        return try Table(columns: ["cluster", "label", "nodes", "occurrences", "centrality", "density", "quadrant"], rows: (0 ..< clusters).map { k in
            let quadrant = c[k] >= mc ? (d[k] >= md ? "motor" : "basic") : (d[k] >= md ? "niche" : "emerging or declining")
            return [.int(k + 1), .text(labels[k]), .int(size[k]), .number(occurrences[k]), .number(round4(c[k])), .number(round4(d[k])), .text(quadrant)]
        })
    }

    // MARK: trend topics

    /// term, documents, year_q1, year_median, year_q3: the quartiles (interpolated, as R's
    /// default quantile) of the publication years of the documents holding each value (or term)
    /// with at least `minCount` documents; by median year, then documents.
    package static func trendTopics(_ corpus: Corpus, _ source: ThemeSource, grouping: ValueGrouping = .none, minCount: Int = 5) throws -> Table {
        var years: [String: [Int]] = [:]
        let label = try forEachDated(corpus, source, grouping) { year, key in years[key, default: []].append(year) }
        struct Trend { var term: String; var documents: Int; var q1, median, q3: Double }
        var trends: [Trend] = []
        for (key, ys) in years where ys.count >= minCount {
            let sorted = ys.sorted().map(Double.init)
            trends.append(Trend(term: label[key] ?? key, documents: ys.count, q1: quantile(sorted, 0.25), median: quantile(sorted, 0.5), q3: quantile(sorted, 0.75)))
        }
        trends.sort { a, b in a.median != b.median ? a.median < b.median : a.documents != b.documents ? a.documents > b.documents : a.term < b.term }
        return try Table(columns: ["term", "documents", "year_q1", "year_median", "year_q3"], rows: trends.map {
            [Cell.text($0.term), .int($0.documents), .number($0.q1), .number($0.median), .number($0.q3)]
        })
    }

    // MARK: bursts

    /// term, begin, end, strength: the bursts of each value of `field` with at least `minCount`
    /// documents, by Kleinberg's two-state automaton over the corpus's years: the base state
    /// emits the term's overall share of each year's documents, the burst state `scale` times
    /// it; entering a burst costs γ · ln(years). Strength is what the burst saves over staying
    /// in the base state. Strongest first.
    package static func bursts(_ corpus: Corpus, _ source: ThemeSource, grouping: ValueGrouping = .none, minCount: Int = 3,
                               scale: Double = 2, gamma: Double = 1) throws -> Table {
        var perYear: [Int: Int] = [:]
        for row in corpus.rowIndices { if let y = corpus.store.year[row] { perYear[y, default: 0] += 1 } }
        var counts: [String: [Int: Int]] = [:]
        let label = try forEachDated(corpus, source, grouping) { year, key in counts[key, default: [:]][year, default: 0] += 1 }
        guard let first = perYear.keys.min(), let last = perYear.keys.max() else {
            return try Table(columns: ["term", "begin", "end", "strength"], rows: [])
        }
        let years = Array(first ... last)
        let d = years.map { perYear[$0] ?? 0 }
        var rows: [(String, Int, Int, Double)] = []
        for (key, byYear) in counts {
            let r = years.map { byYear[$0] ?? 0 }
            guard r.reduce(0, +) >= minCount else { continue }
            for burst in kleinberg(r: r, d: d, scale: scale, gamma: gamma) {
                rows.append((label[key] ?? key, years[burst.begin], years[burst.end], burst.strength))
            }
        }
        rows.sort { a, b in a.3 != b.3 ? a.3 > b.3 : a.1 != b.1 ? a.1 < b.1 : a.0 < b.0 }
        return try Table(columns: ["term", "begin", "end", "strength"], rows: rows.map { [.text($0.0), .int($0.1), .int($0.2), .number(round4($0.3))] })
    }

    /// The bursts (first and last index, strength) of a series of `r` relevant events among `d`
    /// events at each step: the least-cost path of the two-state automaton (Viterbi).
    package static func kleinberg(r: [Int], d: [Int], scale: Double = 2, gamma: Double = 1) -> [(begin: Int, end: Int, strength: Double)] {
        let n = r.count
        let total = Double(r.reduce(0, +)), all = Double(d.reduce(0, +))
        guard n > 0, total > 0, all > total else { return [] }
        let p0 = total / all, p1 = min(0.9999, scale * p0)
        func cost(_ t: Int, _ p: Double) -> Double {
            guard d[t] > 0 else { return 0 }
            return -(logChoose(d[t], r[t]) + Double(r[t]) * log(p) + Double(d[t] - r[t]) * log(1 - p))
        }
        let enter = gamma * log(Double(n))
        // Viterbi over states 0 (base) and 1 (burst), starting in the base state.
        var best = [0.0, Double.infinity]
        var from = [[Int]](repeating: [0, 0], count: n)
        for t in 0 ..< n {
            let stay0 = best[0], up = best[0] + enter, down = best[1], stay1 = best[1]
            let to0 = min(stay0, down), to1 = min(up, stay1)
            from[t] = [stay0 <= down ? 0 : 1, stay1 <= up ? 1 : 0]
            best = [to0 + cost(t, p0), to1 + cost(t, p1)]
        }
        var state = best[0] <= best[1] ? 0 : 1
        var states = [Int](repeating: 0, count: n)
        for t in stride(from: n - 1, through: 0, by: -1) {
            states[t] = state
            state = from[t][state]
        }
        var out: [(Int, Int, Double)] = []
        var t = 0
        while t < n {
            guard states[t] == 1 else { t += 1; continue }
            var end = t, saved = 0.0
            while end < n && states[end] == 1 { saved += cost(end, p0) - cost(end, p1); end += 1 }
            out.append((t, end - 1, saved))
            t = end
        }
        return out.map { (begin: $0.0, end: $0.1, strength: $0.2) }
    }

    /// Calls `body` with the year of each dated document and the key of each of its distinct
    /// values (grouped), once each; returns how each key is shown: as the thesaurus writes it, or
    /// by its most frequent spelling (a merged group is never shown by its folded form or stem).
    private static func forEachDated(_ corpus: Corpus, _ source: ThemeSource, _ grouping: ValueGrouping,
                                     _ body: (Int, String) -> Void) throws -> [String: String] {
        let s = corpus.store
        var label: [String: String] = [:]
        switch source {
        case .field(let field):
            let groups = try FieldCounter.groups(corpus, field, grouping, check: nil)
            for row in corpus.rowIndices {
                guard let y = s.year[row] else { continue }
                var seen = Set<String>()
                for v in documentValues(field, s, row) {
                    guard let key = groups.keys.isIdentity ? v.key : groups.keys.group(v.key), seen.insert(key).inserted else { continue }
                    body(y, key)
                    if label[key] == nil { label[key] = groups.display[key] ?? v.cell.description }
                }
            }
        case .terms(let options):
            let keys = ValueKeys(grouping, form: .folded)
            var spellings: [String: [String: Int]] = [:]
            var extractor = TermExtractor(options)
            for row in corpus.rowIndices {
                guard let y = s.year[row] else { continue }
                var seen = Set<String>()
                extractor.forEachTerm(s, row: row) { bytes in
                    let term = String(decoding: bytes, as: UTF8.self)
                    guard let key = keys.isIdentity ? term : keys.group(term) else { return }
                    if !keys.isIdentity { spellings[key, default: [:]][term, default: 0] += 1 }
                    guard seen.insert(key).inserted else { return }
                    body(y, key)
                }
            }
            let written = keys.displays
            for (key, forms) in spellings {
                label[key] = ValueKeys.shown(key, written: written, spellings: forms)
            }
        }
        return label
    }

    /// A document's distinct values of `field`; for a reference field, those of all its references
    /// (the works it cites, for "references.key").
    static func documentValues(_ field: CorpusField, _ s: DocumentStore, _ row: Int) -> [FieldValue] {
        guard field.isReferenceField else { return field.values(s, row: row) }
        var seen = Set<String>()
        return s.references.range(row).flatMap { field.referenceValues(s, reference: $0) }.filter { seen.insert($0.key).inserted }
    }

    // MARK: numbers

    private static func logChoose(_ n: Int, _ k: Int) -> Double { lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1)) }

    private static func median(_ values: [Double]) -> Double { quantile(values.sorted(), 0.5) }

    /// R's type 7 quantile of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }


    private static func round4(_ v: Double) -> Double { (v * 10000).rounded() / 10000 }
}
