// Bibliometrics.swift: the classic measures of a literature, as bibliometrix and the textbooks
// define them: annual growth rate, authors' full and fractional production, collaboration index,
// Lotka's law (fitted exponent and a Kolmogorov-Smirnov test), Bradford's zones, reference ages
// and the Price index, and reference publication year spectroscopy (RPYS).
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables
import Foundation

package enum Bibliometrics {
    // MARK: Production

    /// Compound annual growth rate, in percent, from the first to the last year of a
    /// year → documents series: ((last / first)^(1 / (last year - first year)) - 1) × 100.
    /// Nil when there are fewer than two years or the first year has no documents.
    package static func growthRate(_ series: [(year: Int, count: Double)]) -> Double? {
        let sorted = series.sorted { $0.year < $1.year }
        guard let first = sorted.first, let last = sorted.last, last.year > first.year, first.count > 0 else { return nil }
        return (pow(last.count / first.count, 1 / Double(last.year - first.year)) - 1) * 100
    }

    /// author, documents, fractional: each author's documents counted in full and fractionally
    /// (a document with k authors gives each 1/k), by full count descending, then fractional,
    /// then name. Authors are grouped by their normalised name and shown as first written.
    package static func authorProduction(_ corpus: Corpus, top: Int? = nil) throws -> Table {
        try authorProduction(authorShares(corpus), top: top)
    }

    /// Each author's documents and author slots by the documents' number of authors: what
    /// `author_production` counts, as a partial result (shard `shard`'s part in a sharded run).
    package static func authorShares(_ corpus: Corpus, shard: Int = 0) -> AuthorShares {
        let s = corpus.store
        var shares = AuthorShares()
        for row in corpus.rowIndices {
            let range = s.authors.range(row)
            guard !range.isEmpty else { continue }
            var seen = Set<String>()
            for a in range {
                let key = s.authorNames.key.string(a)
                shares.add(key, label: { s.authorNames.author(a).display }, first: FirstMet(shard: shard, origin: ValueOrigin(row, item: a)),
                           newDocument: seen.insert(key).inserted, authors: range.count)
            }
        }
        return shares
    }

    /// The `author_production` table: author, documents (full counting), fractional (each
    /// document shared among its authors: slots of k-author documents count 1/k, added once per k
    /// so the sum does not depend on the order documents come in); most documents first.
    package static func authorProduction(_ shares: AuthorShares, top: Int? = nil) throws -> Table {
        let all = shares.entries.values.map { e in (name: e.label, full: e.documents, fractional: e.fractional) }
        var order = Array(all.indices)
        order.sort { a, b in
            if all[a].full != all[b].full { return all[a].full > all[b].full }
            if all[a].fractional != all[b].fractional { return all[a].fractional > all[b].fractional }
            return all[a].name < all[b].name
        }
        if let top { order = Array(order.prefix(top)) }
        return try Table(columns: ["author", "documents", "fractional"],
                         rows: order.map { [.text(all[$0].name), .int(all[$0].full), .number((all[$0].fractional * 1e6).rounded() / 1e6)] })
    }

    package struct Collaboration: Equatable, Sendable {
        package var documents: Int
        package var singleAuthored: Int
        package var multiAuthored: Int
        /// Author slots per document (authors of each document, summed, over documents with authors).
        package var authorsPerDocument: Double
        /// Authors of multi-authored documents per multi-authored document (Elango and Rajendran's
        /// collaboration index, as bibliometrix reports it).
        package var collaborationIndex: Double
    }

    package static func collaboration(_ corpus: Corpus) -> Collaboration { collaboration(collaborationCounts(corpus)) }

    /// The tallies `collaboration` divides (a partial result): documents with authors (0),
    /// single-authored (1), multi-authored (2), author slots (3), slots of multi-authored
    /// documents (4).
    package static func collaborationCounts(_ corpus: Corpus) -> IntCounts {
        let s = corpus.store
        var single = 0, multi = 0, slots = 0, multiSlots = 0, withAuthors = 0
        for row in corpus.rowIndices {
            let n = s.authors.range(row).count
            guard n > 0 else { continue }
            withAuthors += 1
            slots += n
            if n == 1 { single += 1 } else { multi += 1; multiSlots += n }
        }
        return IntCounts([0: Int64(withAuthors), 1: Int64(single), 2: Int64(multi), 3: Int64(slots), 4: Int64(multiSlots)])
    }

    package static func collaboration(_ c: IntCounts) -> Collaboration {
        let withAuthors = c[0], multi = c[2]
        return Collaboration(documents: withAuthors, singleAuthored: c[1], multiAuthored: multi,
                             authorsPerDocument: withAuthors > 0 ? Double(c[3]) / Double(withAuthors) : 0,
                             collaborationIndex: multi > 0 ? Double(c[4]) / Double(multi) : 0)
    }

    // MARK: Lotka's law

    package struct LotkaFit: Sendable {
        /// The fitted exponent β of f(n) = C / n^β, by least squares on log10 f against log10 n.
        package var beta: Double
        /// The fitted constant C (the share of authors with one document, as the fit predicts it).
        package var constant: Double
        /// R² of the log-log fit.
        package var rSquared: Double
        /// The Kolmogorov-Smirnov distance between the observed distribution of authors by
        /// documents and the fitted one, and its asymptotic p-value.
        package var ksDistance: Double
        package var pValue: Double
        /// documents, authors, observed (share of authors), expected (share the fit predicts).
        package var table: [(documents: Int, authors: Int, observed: Double, expected: Double)]
    }

    /// Lotka's law fitted to the number of documents of each author. Nil when fewer than two
    /// distinct productivity levels exist (no line can be fitted).
    package static func lotka(documentsPerAuthor: [Int]) -> LotkaFit? {
        var authorsWith: [Int: Int] = [:]
        for n in documentsPerAuthor where n > 0 { authorsWith[n, default: 0] += 1 }
        let levels = authorsWith.keys.sorted()
        guard levels.count >= 2 else { return nil }
        let total = Double(documentsPerAuthor.filter { $0 > 0 }.count)
        let xs = levels.map { log10(Double($0)) }
        let ys = levels.map { log10(Double(authorsWith[$0]!) / total) }
        let (slope, intercept, r2) = leastSquares(xs, ys)
        let beta = -slope
        let constant = pow(10, intercept)
        var rows: [(Int, Int, Double, Double)] = []
        var cumulativeObserved = 0.0, cumulativeExpected = 0.0, distance = 0.0
        for n in levels {
            let observed = Double(authorsWith[n]!) / total
            let expected = constant / pow(Double(n), beta)
            rows.append((n, authorsWith[n]!, observed, expected))
            cumulativeObserved += observed
            cumulativeExpected += expected
            distance = max(distance, abs(cumulativeObserved - cumulativeExpected))
        }
        return LotkaFit(beta: beta, constant: constant, rSquared: r2, ksDistance: distance,
                        pValue: kolmogorovPValue(distance: distance, n: total), table: rows)
    }

    /// Slope, intercept and R² of the least-squares line through the points.
    static func leastSquares(_ xs: [Double], _ ys: [Double]) -> (Double, Double, Double) {
        let n = Double(xs.count)
        let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        let r2 = sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 1
        return (slope, my - slope * mx, r2)
    }

    /// The asymptotic p-value of a one-sample Kolmogorov-Smirnov distance over n observations,
    /// with Stephens' small-sample correction of the statistic.
    static func kolmogorovPValue(distance d: Double, n: Double) -> Double {
        let root = n.squareRoot()
        let lambda = (root + 0.12 + 0.11 / root) * d
        if lambda < 0.2 { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = 2 * (k % 2 == 1 ? 1.0 : -1.0) * exp(-2 * Double(k * k) * lambda * lambda)
            sum += term
            if abs(term) < 1e-12 { break }
        }
        return min(1, max(0, sum))
    }

    // MARK: Bradford's law

    package struct BradfordRow: Equatable, Sendable {
        package var rank: Int
        package var source: String
        package var count: Int
        package var cumulative: Int
        package var zone: Int
    }

    /// Sources ranked by their count of documents and cut into three zones holding about a third
    /// of the documents each: a source is in the zone where the cumulative count reaches it
    /// (zone 1 up to a third of the total, zone 2 up to two thirds, zone 3 the rest).
    package static func bradford(_ sources: [(source: String, count: Int)]) -> [BradfordRow] {
        let ranked = sources.filter { $0.count > 0 }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.source < $1.source }
        let total = ranked.reduce(0) { $0 + $1.count }
        var cumulative = 0
        return ranked.enumerated().map { i, s in
            let before = cumulative
            cumulative += s.count
            // The zone of the source's first document, so a large source opens a zone rather than closing one.
            let zone = 3 * before < total ? 1 : 3 * before < 2 * total ? 2 : 3
            return BradfordRow(rank: i + 1, source: s.source, count: s.count, cumulative: cumulative, zone: zone)
        }
    }

    // MARK: References

    /// age, count: references by their age when cited (the citing document's year minus the
    /// reference's year), for references and documents that both have a year. References dated
    /// after the citing document (in press) count as age 0.
    package static func referenceAges(_ corpus: Corpus) throws -> Table { try referenceAges(referenceAgeCounts(corpus)) }

    /// References by age (a partial result).
    package static func referenceAgeCounts(_ corpus: Corpus) -> IntCounts {
        let s = corpus.store
        var counts: [Int64: Int64] = [:]
        for row in corpus.rowIndices {
            guard let year = s.year[row] else { continue }
            for r in s.references.range(row) {
                guard let cited = s.referenceTable.year[r] else { continue }
                counts[Int64(max(0, year - cited)), default: 0] += 1
            }
        }
        return IntCounts(counts)
    }

    package static func referenceAges(_ counts: IntCounts) throws -> Table {
        try Table(columns: ["age", "count"], rows: counts.counts.keys.sorted().map { [.int(Int($0)), .int(counts[$0])] })
    }

    /// The Price index: the share (0 to 1) of references at most `window` years old when cited.
    package static func priceIndex(ages: [(age: Int, count: Int)], window: Int = 5) -> Double? {
        let total = ages.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        return Double(ages.filter { $0.age <= window }.reduce(0) { $0 + $1.count }) / Double(total)
    }

    package struct RPYSRow: Equatable, Sendable {
        package var year: Int
        package var count: Int
        /// The median count of the five years centred on this one (missing years count 0).
        package var median: Double
        /// count − median: peaks mark the years of the works the field keeps citing.
        package var deviation: Double
    }

    /// Reference publication year spectroscopy over every year from the first to the last cited
    /// (years nobody cites are included with 0), restricted to `from...to` when given.
    package static func rpys(_ yearCounts: [(year: Int, count: Int)], from: Int? = nil, to: Int? = nil) -> [RPYSRow] {
        var byYear: [Int: Int] = [:]
        for (y, c) in yearCounts { byYear[y, default: 0] += c }
        let years = byYear.keys.filter { (from ?? .min) <= $0 && $0 <= (to ?? .max) }
        guard let first = years.min(), let last = years.max() else { return [] }
        return (first...last).map { year in
            let window = (year - 2...year + 2).map { Double(byYear[$0] ?? 0) }.sorted()
            let count = byYear[year] ?? 0
            return RPYSRow(year: year, count: count, median: window[2], deviation: Double(count) - window[2])
        }
    }
}

/// Each author identity's documents and author slots by the number of authors of the documents,
/// with how it was written where first met: the partial result of `author_production`. Counts of
/// disjoint documents add up; the first meeting is the earliest of the parts'.
package struct AuthorShares: Partial {
    package static let kind = "author-shares"

    package struct Entry {
        var label: String
        var first: FirstMet
        var documents: Int
        /// Slots in documents of k authors, by k.
        var slots: [Int: Int]
        var fractional: Double { slots.keys.sorted().reduce(0) { $0 + Double(slots[$1]!) / Double($1) } }
    }

    package private(set) var entries: [String: Entry] = [:]

    package init() {}

    mutating func add(_ key: String, label: () -> String, first: FirstMet, newDocument: Bool, authors: Int) {
        if entries[key] == nil { entries[key] = Entry(label: label(), first: first, documents: 0, slots: [:]) }
        if newDocument { entries[key]!.documents += 1 }
        entries[key]!.slots[authors, default: 0] += 1
    }

    package mutating func merge(_ other: AuthorShares) {
        for (key, e) in other.entries {
            guard var mine = entries[key] else { entries[key] = e; continue }
            mine.documents += e.documents
            mine.slots.merge(e.slots, uniquingKeysWith: +)
            if e.first < mine.first {
                mine.first = e.first
                mine.label = e.label
            }
            entries[key] = mine
        }
    }

    package var columns: PartialColumns {
        let keys = entries.keys.sorted()
        var c = PartialColumns(kind: Self.kind)
        c.add("key", .texts(keys))
        c.add("label", .texts(keys.map { entries[$0]!.label }))
        c.add("first_shard", .ints(keys.map { entries[$0]!.first.shard }))
        c.add("first_row", .ints(keys.map { entries[$0]!.first.row }))
        c.add("documents", .ints(keys.map { Int64(entries[$0]!.documents) }))
        c.add("slots", .texts(keys.map { k in entries[k]!.slots.keys.sorted().map { "\($0):\(entries[k]!.slots[$0]!)" }.joined(separator: ",") }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let keys = try c.texts("key"), labels = try c.texts("label"), shards = try c.ints("first_shard"), rows = try c.ints("first_row")
        let documents = try c.ints("documents"), slots = try c.texts("slots")
        guard [labels.count, shards.count, rows.count, documents.count, slots.count].allSatisfy({ $0 == keys.count }) else {
            throw PartialError("the columns of the author shares differ in length")
        }
        for i in keys.indices {
            var bySize: [Int: Int] = [:]
            for pair in slots[i].split(separator: ",") {
                let parts = pair.split(separator: ":")
                guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), k > 0, n >= 0 else { throw PartialError("an author's slots are damaged") }
                bySize[k] = n
            }
            entries[keys[i]] = Entry(label: labels[i], first: FirstMet(shard: shards[i], row: rows[i]), documents: Int(documents[i]), slots: bySize)
        }
    }
}
