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
        let s = corpus.store
        // 1. Document frequency of each item (each group of items, under a grouping), with where
        // it was first met.
        let keys = ValueKeys(grouping, form: { if case .field(let f) = items { return KeyForm(f) }; return .folded }())
        let merged = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> GroupedTable in
            var table = GroupedTable(keys, keepingOrigins: true)
            var extractor = extractor(for: items)
            var scratch: [UInt8] = []
            for row in rows {
                forEachItem(items, s, row, &extractor, &scratch) { key, origin in table.add(key, document: Int32(row), origin: origin) }
            }
            return table
        }, merge: { $0.merge($1) })
        let vocabulary = merged ?? GroupedTable(keys, keepingOrigins: true)
        let groups = vocabulary.groups
        // 2. The items that take part, ranked by documents, and their display forms.
        let selected = groups.ranked(minCount: minCount, limit: maxItems) { groups.documents(of: $0) }
        var rank = [Int32](repeating: -1, count: groups.count)
        for (i, e) in selected.enumerated() { rank[e] = Int32(i) }
        let best = vocabulary.bestSpellings { vocabulary.variants.documents(of: $0) }, written = keys.displays
        let labels = selected.map { g -> String in
            vocabulary.display(g, best: best, written: written) { v in
                if case .field(let field) = items { return field.label(s, vocabulary.variants.origin(of: v)) }
                return vocabulary.variants.key(v)
            }
        }
        // Each selected item's place in the order of the labels (code point order).
        var labelOrder = [Int32](repeating: 0, count: selected.count)
        for (place, i) in selected.indices.sorted(by: { labels[$0].utf8.lexicographicallyPrecedes(labels[$1].utf8) }).enumerated() {
            labelOrder[i] = Int32(place)
        }
        // 3. Pairs of selected items in each document, as pairs of label places.
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> [UInt64: Int32] in
            var pairs: [UInt64: Int32] = [:]
            var extractor = extractor(for: items)
            var scratch: [UInt8] = []
            var present: [Int32] = []
            for row in rows {
                present.removeAll(keepingCapacity: true)
                forEachItem(items, s, row, &extractor, &scratch) { key, _ in
                    if let g = vocabulary.group(of: key), rank[g] >= 0 { present.append(labelOrder[Int(rank[g])]) }
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
        // The pairs counted often enough, ranked by count, then a, then b (label places sort as
        // the labels do), with strings made only for those returned.
        var byPlace = [Int](repeating: 0, count: selected.count)
        for i in selected.indices { byPlace[Int(labelOrder[i])] = i }
        let pairs = total.compactMap { key, count -> (a: Int32, b: Int32, count: Int32)? in
            Int(count) >= minCount ? (Int32(key >> 32), Int32(truncatingIfNeeded: key), count) : nil
        }
        let order = bestIndices(count: pairs.count, limit: top) { i, j in
            let x = pairs[i], y = pairs[j]
            if x.count != y.count { return x.count > y.count }
            if x.a != y.a { return x.a < y.a }
            return x.b < y.b
        }
        return Table(trusted: ["a", "b", "count"], rows: order.map {
            [.text(labels[byPlace[Int(pairs[$0].a)]]), .text(labels[byPlace[Int(pairs[$0].b)]]), .int(Int(pairs[$0].count))]
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
