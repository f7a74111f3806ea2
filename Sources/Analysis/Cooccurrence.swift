// Cooccurrence.swift: corpus:cooccurrence: how many documents hold each pair of items (keywords,
// authors, cited containers, affiliations, or terms of a text field). Sparse throughout: items are
// first counted, only the `maxItems` most frequent with at least `minCount` documents take part,
// and pairs are counted in per-thread hash maps, never in a matrix.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

package enum CooccurrenceItems: Sendable {
    case field(CorpusField)
    case terms(TermOptions)
}

package enum Cooccurrence {
    /// a, b, count (a before b in code-point order), by count descending, then a, then b. Under
    /// a `grouping`, the items of a group are one item.
    package static func pairs(_ corpus: Corpus, items: CooccurrenceItems, minCount: Int = 1, top: Int? = nil,
                             maxItems: Int = 5000, grouping: ValueGrouping = .none, check: InterruptionCheck? = nil) throws -> Table {
        let selection = Selection(try vocabulary(corpus, items: items, grouping: grouping, check: check), items: items, minCount: minCount,
                                  maxItems: maxItems, grouping: grouping)
        return table(try pairCounts(corpus, items: items, selection: selection, check: check), selection, minCount: minCount, top: top)
    }

    /// 1. Each item's documents (each group of items, under a grouping), with where it was first
    /// met: a partial result (shard `shard`'s part in a sharded run).
    package static func vocabulary(_ corpus: Corpus, items: CooccurrenceItems, grouping: ValueGrouping = .none, shard: Int = 0,
                                   check: InterruptionCheck? = nil) throws -> ValueCounts {
        let s = corpus.store
        let keys = ValueKeys(grouping, form: form(items))
        let merged = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> GroupedTable in
            var table = GroupedTable(keys, keepingOrigins: true)
            var extractor = extractor(for: items)
            var scratch: [UInt8] = []
            for row in rows {
                var position = 0
                forEachItem(items, s, row, &extractor, &scratch) { key, origin in
                    // A term is placed by its position in the document.
                    table.add(key, document: Int32(row), origin: origin ?? ValueOrigin(row, item: position))
                    position += 1
                }
            }
            return table
        }, merge: { $0.merge($1) })
        return ValueCounts(merged ?? GroupedTable(keys, keepingOrigins: true), field: field(items), store: s, shard: shard)
    }

    private static func form(_ items: CooccurrenceItems) -> KeyForm {
        if case .field(let f) = items { return KeyForm(f) }
        return .folded
    }

    private static func field(_ items: CooccurrenceItems) -> CorpusField? {
        if case .field(let f) = items { return f }
        return nil
    }

    /// 2. The items that take part (the `maxItems` counted most often with at least `minCount`
    /// occurrences, by documents, then key), their display forms, and their places in the order
    /// of those forms (code point order). Made alike by every step from the whole vocabulary.
    package struct Selection {
        /// Each selected item's display form, by rank.
        let labels: [String]
        /// Each rank's place in label order, and the rank at each place.
        let labelOrder: [Int32]
        let byPlace: [Int]
        /// The items' keys as bytes, and the place of each (-1 when it does not take part).
        let keys: TermTable
        let placeOfVariant: [Int32]

        package init(_ vocabulary: ValueCounts, items: CooccurrenceItems, minCount: Int, maxItems: Int, grouping: ValueGrouping) {
            let candidates = (0 ..< vocabulary.groupCount).filter { vocabulary.occurrences(ofGroup: $0) >= minCount }
            let groupKeys = vocabulary.groupKeys
            let documents = (0 ..< vocabulary.groupCount).map { vocabulary.documents(ofGroup: $0) }
            let selected = bestIndices(count: candidates.count, limit: maxItems) { a, b in
                let ga = candidates[a], gb = candidates[b]
                let da = documents[ga], db = documents[gb]
                if da != db { return da > db }
                return groupKeys.withKey(ga) { ka in groupKeys.withKey(gb) { kb in ka.lexicographicallyPrecedes(kb) } }
            }.map { candidates[$0] }
            var rank = [Int32](repeating: -1, count: vocabulary.groupCount)
            for (i, g) in selected.enumerated() { rank[g] = Int32(i) }
            let best = vocabulary.bestSpellings { vocabulary.documents(ofVariant: $0) }
            let written = ValueKeys(grouping, form: Cooccurrence.form(items)).displays
            let shown = selected.map { g in vocabulary.display(g, best: best, written: written, label: vocabulary.label) }
            labels = shown
            var order = [Int32](repeating: 0, count: selected.count)
            for (place, i) in selected.indices.sorted(by: { shown[$0].utf8.lexicographicallyPrecedes(shown[$1].utf8) }).enumerated() {
                order[i] = Int32(place)
            }
            labelOrder = order
            var places = [Int](repeating: 0, count: selected.count)
            for i in selected.indices { places[Int(order[i])] = i }
            byPlace = places
            keys = vocabulary.variantKeys
            placeOfVariant = (0 ..< vocabulary.variantCount).map { v in
                guard let g = vocabulary.group(ofVariant: v), rank[g] >= 0 else { return -1 }
                return order[Int(rank[g])]
            }
        }
    }

    /// 3. Pairs of selected items in each document, as pairs of label places: a partial result.
    package static func pairCounts(_ corpus: Corpus, items: CooccurrenceItems, selection: Selection, check: InterruptionCheck? = nil) throws -> PlacePairs {
        let s = corpus.store
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> [UInt64: Int32] in
            var pairs: [UInt64: Int32] = [:]
            var extractor = extractor(for: items)
            var scratch: [UInt8] = []
            var present: [Int32] = []
            for row in rows {
                present.removeAll(keepingCapacity: true)
                forEachItem(items, s, row, &extractor, &scratch) { key, _ in
                    if let v = selection.keys.find(key), selection.placeOfVariant[v] >= 0 { present.append(selection.placeOfVariant[v]) }
                }
                present.sort()
                present = uniqueSorted(present)
                for i in present.indices {
                    for j in (i + 1) ..< present.count {
                        pairs[UInt64(UInt32(present[i])) << 32 | UInt64(UInt32(present[j])), default: 0] += 1
                    }
                }
            }
            return pairs
        }, merge: { $0.merge($1, uniquingKeysWith: +) }) ?? [:]
        return PlacePairs(counts: total)
    }

    /// The pairs counted often enough, ranked by count, then a, then b (label places sort as the
    /// labels do), with strings made only for those returned.
    package static func table(_ pairs: PlacePairs, _ selection: Selection, minCount: Int, top: Int?) -> Table {
        let kept = pairs.counts.compactMap { key, count -> (a: Int32, b: Int32, count: Int32)? in
            Int(count) >= minCount ? (Int32(key >> 32), Int32(truncatingIfNeeded: key), count) : nil
        }
        let order = bestIndices(count: kept.count, limit: top) { i, j in
            let x = kept[i], y = kept[j]
            if x.count != y.count { return x.count > y.count }
            if x.a != y.a { return x.a < y.a }
            return x.b < y.b
        }
        let labels = selection.labels, byPlace = selection.byPlace
        return Table(trusted: ["a", "b", "count"], rows: order.map {
            [.text(labels[byPlace[Int(kept[$0].a)]]), .text(labels[byPlace[Int(kept[$0].b)]]), .int(Int(kept[$0].count))]
        })
    }

    private static func uniqueSorted(_ values: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(values.count)
        for v in values where out.last != v { out.append(v) }
        return out
    }

    private static func extractor(for items: CooccurrenceItems) -> TermExtractor {
        if case .terms(let options) = items { return TermExtractor(options) }
        return TermExtractor(TermOptions(field: .keywords))
    }

    /// Each item of document `row`: its key bytes and where it was met.
    private static func forEachItem(_ items: CooccurrenceItems, _ s: DocumentStore, _ row: Int, _ extractor: inout TermExtractor,
                                    _ scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>, ValueOrigin?) -> Void) {
        switch items {
        case .terms:
            extractor.forEachTerm(s, row: row) { body($0, nil) }
        case .field(let field):
            if field.isReferenceField {
                for r in s.references.range(row) { field.forEachKey(s, r, scratch: &scratch, body) }
            } else {
                field.forEachKey(s, row, scratch: &scratch, body)
            }
        }
    }
}

/// Co-occurring pairs of selected items, as pairs of label places with their documents: the
/// partial result of `Cooccurrence.pairCounts`. Counts of disjoint documents add up.
package struct PlacePairs: Partial {
    package static let kind = "place-pairs"
    package var counts: [UInt64: Int32]

    package mutating func merge(_ other: PlacePairs) { counts.merge(other.counts, uniquingKeysWith: +) }

    package var columns: PartialColumns {
        let keys = counts.keys.sorted()
        var c = PartialColumns(kind: Self.kind)
        c.add("a", .ints(keys.map { Int64($0 >> 32) }))
        c.add("b", .ints(keys.map { Int64($0 & 0xFFFF_FFFF) }))
        c.add("count", .ints(keys.map { Int64(counts[$0]!) }))
        return c
    }

    package init(counts: [UInt64: Int32]) { self.counts = counts }

    package init(columns c: PartialColumns) throws {
        let a = try c.ints("a"), b = try c.ints("b"), n = try c.ints("count")
        guard a.count == b.count, b.count == n.count else { throw PartialError("the columns of the pairs differ in length") }
        counts = [:]
        for i in a.indices {
            guard (0 ... Int64(UInt32.max)).contains(a[i]), (0 ... Int64(UInt32.max)).contains(b[i]), let count = Int32(exactly: n[i]) else {
                throw PartialError("a pair of the counts is out of range")
            }
            counts[UInt64(a[i]) << 32 | UInt64(b[i])] = count
        }
    }
}
