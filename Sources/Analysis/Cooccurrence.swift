// Cooccurrence.swift: corpus:cooccurrence: how many documents hold each pair of items (keywords,
// authors, cited containers, affiliations, or terms of a text field). Sparse throughout: items are
// first counted, only the `maxItems` most frequent with at least `minCount` documents take part,
// and pairs are counted in per-thread hash maps, never in a matrix.
import Corpus

package enum CooccurrenceItems: Sendable {
    case field(CorpusField)
    case terms(TermOptions)
}

package enum Cooccurrence {
    /// a, b, count (a before b in code-point order), by count descending, then a, then b.
    package static func pairs(_ corpus: Corpus, items: CooccurrenceItems, minCount: Int = 1, top: Int? = nil,
                             maxItems: Int = 5000, check: InterruptionCheck? = nil) throws -> Table {
        let s = corpus.store
        // 1. Document frequency of each item, with its first spelling.
        let merged = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> TermTable in
            var table = TermTable(keepingLabels: true)
            var extractor = extractor(for: items)
            for row in rows { forEachItem(items, s, row, &extractor) { key, label in table.add(key, document: Int32(row), label: label()) } }
            return table
        }, merge: { $0.merge($1) })
        let vocabulary = merged ?? TermTable(keepingLabels: true)
        // 2. The items that take part, ranked by documents.
        let selected = vocabulary.ranked(minCount: minCount, limit: maxItems) { vocabulary.documents(of: $0) }
        var rank = [Int32](repeating: -1, count: vocabulary.count)
        for (i, e) in selected.enumerated() { rank[e] = Int32(i) }
        // 3. Pairs of selected items in each document.
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> [UInt64: Int32] in
            var pairs: [UInt64: Int32] = [:]
            var extractor = extractor(for: items)
            var present: [Int32] = []
            for row in rows {
                present.removeAll(keepingCapacity: true)
                forEachItem(items, s, row, &extractor) { key, _ in
                    if let e = vocabulary.find(key), rank[e] >= 0 { present.append(rank[e]) }
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
        let pairs: [(a: String, b: String, count: Int)] = total.compactMap { key, count in
            guard Int(count) >= minCount else { return nil }
            let a = vocabulary.label(selected[Int(key >> 32)]), b = vocabulary.label(selected[Int(key & 0xFFFF_FFFF)])
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? (a, b, Int(count)) : (b, a, Int(count))
        }
        let order = bestIndices(count: pairs.count, limit: top) { i, j in
            let x = pairs[i], y = pairs[j]
            if x.count != y.count { return x.count > y.count }
            if x.a != y.a { return x.a.unicodeScalars.lexicographicallyPrecedes(y.a.unicodeScalars) }
            return x.b.unicodeScalars.lexicographicallyPrecedes(y.b.unicodeScalars)
        }
        return Table(trusted: ["a", "b", "count"], rows: order.map { [.text(pairs[$0].a), .text(pairs[$0].b), .int(pairs[$0].count)] })
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

    /// Each item of document `row`: its key bytes and (lazily) its display form.
    private static func forEachItem(_ items: CooccurrenceItems, _ s: DocumentStore, _ row: Int, _ extractor: inout TermExtractor,
                                    _ body: (UnsafeBufferPointer<UInt8>, () -> String) -> Void) {
        switch items {
        case .terms:
            extractor.forEachTerm(s, row: row) { term in body(term) { String(decoding: term, as: UTF8.self) } }
        case .field(let field):
            let values = field.isReferenceField
                ? s.references.range(row).flatMap { field.referenceValues(s, reference: $0) }
                : field.values(s, row: row)
            for v in values {
                var key = v.key
                key.withUTF8 { body($0) { v.cell.description } }
            }
        }
    }
}
