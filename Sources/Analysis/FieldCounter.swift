// FieldCounter.swift: count_by and crosstab: how many documents (or, for reference fields,
// references) have each value of a field, or each pair of values of two fields. Values are grouped
// case-insensitively (authors by their normalised name) and shown in their first spelling; missing
// values are not counted.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

package enum FieldCounter {
    private struct Count {
        var cells: [Cell]
        var count: Int
    }

    /// Adds one to the count of `key`, remembering its cells the first time.
    private static func add(_ counts: inout [String: Count], _ key: String, _ cells: @autoclosure () -> [Cell]) {
        if counts[key] != nil { counts[key]!.count += 1 } else { counts[key] = Count(cells: cells(), count: 1) }
    }

    /// A table with the field's values and their counts, by count descending, then value
    /// ascending. Under a `grouping` the values of a group are counted as one, shown in their most
    /// frequent spelling; `variants` adds a column listing each value's spellings with their counts.
    package static func countBy(_ corpus: Corpus, _ field: CorpusField, minCount: Int = 1, top: Int? = nil,
                               grouping: ValueGrouping = .none, variants: Bool = false,
                               check: InterruptionCheck? = nil) throws -> Table {
        let s = corpus.store
        let keys = ValueKeys(grouping, form: KeyForm(field))
        let counts = try groupedCounts(corpus, field, keys, check: check)
        let score = { counts.variants.documents(of: $0) }
        let best = counts.bestSpellings(score: score), written = keys.displays
        func spelling(_ v: Int) -> String { field.label(s, counts.variants.origin(of: v)) }
        func label(_ g: Int) -> String { counts.display(g, best: best, written: written, label: spelling) }
        let spellings = variants ? counts.spellings(score: score) : []
        return ranked(field, count: counts.groups.count, minCount: minCount, top: top, documents: { counts.groups.documents(of: $0) },
                      label: label, extra: variants ? ("variants", { g in
                          .text(spellings[g].map { "\(spelling($0)) (\(score($0)))" }.joined(separator: "; "))
                      }) : nil)
    }

    /// The field's values counted under `keys`: each value once per document (per reference for
    /// reference fields, the reference's index standing for the document).
    private static func groupedCounts(_ corpus: Corpus, _ field: CorpusField, _ keys: ValueKeys,
                                      check: InterruptionCheck?) throws -> GroupedTable {
        let s = corpus.store
        func forEachValue(_ rows: ArraySlice<Int>, _ body: (UnsafeBufferPointer<UInt8>, Int32, ValueOrigin) -> Void) {
            var scratch: [UInt8] = []
            for row in rows {
                if field.isReferenceField {
                    for r in s.references.range(row) {
                        field.forEachKey(s, r, scratch: &scratch) { key, origin in body(key, Int32(r), origin) }
                    }
                } else {
                    field.forEachKey(s, row, scratch: &scratch) { key, origin in body(key, Int32(row), origin) }
                }
            }
        }
        let merged = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> GroupedTable in
            var table = GroupedTable(keys, keepingOrigins: true)
            forEachValue(rows) { key, document, origin in table.add(key, document: document, origin: origin) }
            return table
        }, merge: { $0.merge($1) })
        return merged ?? GroupedTable(keys, keepingOrigins: true)
    }

    /// The `count` entries counted at least `minCount` times as a table of value and count, by
    /// count descending, then value ascending; at most `top` of them. `extra` adds a column.
    private static func ranked(_ field: CorpusField, count: Int, minCount: Int, top: Int?, documents: (Int) -> Int,
                               label: (Int) -> String, extra: (name: String, cell: (Int) -> Cell)? = nil) -> Table {
        let kept = KeptEntries(count: count, minCount: minCount, value: documents)
        func cell(_ e: Int) -> Cell { field.cell(label(e)) }
        // Ties are broken by the values' cells: made once for all when all are sorted, else only
        // for the entries that tie (a short list of the best meets few of them).
        let cells: [Cell]? = sortsAll(count: kept.count, limit: top) ? (0..<kept.count).map { cell(kept[$0]) } : nil
        let order = bestIndices(count: kept.count, limit: top) { a, b in
            let ea = kept[a], eb = kept[b]
            let ca = documents(ea), cb = documents(eb)
            if ca != cb { return ca > cb }
            let cellA = cells?[a] ?? cell(ea), cellB = cells?[b] ?? cell(eb)
            if cellA != cellB { return Cell.ascending(cellA, cellB) }
            return ea < eb
        }
        return Table(trusted: [field.columnName, "count"] + (extra.map { [$0.name] } ?? []), rows: order.map { i in
            [cells?[i] ?? cell(kept[i]), .int(documents(kept[i]))] + (extra.map { [$0.cell(kept[i])] } ?? [])
        })
    }

    /// a, b, count: documents (references, when either field is a reference field) with each pair
    /// of values; under a `grouping`, pairs of groups, each shown in its most frequent spelling.
    package static func crosstab(_ corpus: Corpus, _ a: CorpusField, _ b: CorpusField, grouping: ValueGrouping = .none,
                                 check: InterruptionCheck? = nil) throws -> Table {
        let s = corpus.store
        let perReference = a.isReferenceField || b.isReferenceField
        let groupA = try grouping.isNone ? nil : groups(corpus, a, grouping, check: check)
        let groupB = try grouping.isNone ? nil : groups(corpus, b, grouping, check: check)
        func values(_ f: CorpusField, _ groups: FieldGroups?, row: Int, reference: Int?) -> [FieldValue] {
            let all = f.isReferenceField ? (reference.map { f.referenceValues(s, reference: $0) } ?? []) : f.values(s, row: row)
            guard let groups else { return all }
            var seen = Set<String>()
            return all.compactMap { v in
                guard let key = groups.keys.group(v.key), seen.insert(key).inserted else { return nil }
                return FieldValue(key: key, cell: f.cell(groups.display[key] ?? v.cell.description))
            }
        }
        let parts = try Parallel.map(corpus.rowIndices, check: check) { rows -> [String: Count] in
            var counts: [String: Count] = [:]
            for row in rows {
                let units: [Int?] = perReference ? s.references.range(row).map { $0 } : [nil]
                for unit in units {
                    for va in values(a, groupA, row: row, reference: unit) {
                        for vb in values(b, groupB, row: row, reference: unit) {
                            add(&counts, va.key + "\u{1F}" + vb.key, [va.cell, vb.cell])
                        }
                    }
                }
            }
            return counts
        }
        return table(merge(parts), columns: ["a", "b", "count"], minCount: 1, top: nil)
    }

    /// A field's groups under a grouping, and each group's display form (its most frequent
    /// spelling, or as the thesaurus writes it).
    package struct FieldGroups {
        package var keys: ValueKeys
        package var display: [String: String]
    }

    package static func groups(_ corpus: Corpus, _ field: CorpusField, _ grouping: ValueGrouping,
                               check: InterruptionCheck?) throws -> FieldGroups {
        let counts = try groupedCounts(corpus, field, ValueKeys(grouping, form: KeyForm(field)), check: check)
        let best = counts.bestSpellings { counts.variants.documents(of: $0) }, written = counts.keys.displays
        var display: [String: String] = [:]
        for g in 0 ..< counts.groups.count {
            display[counts.groups.key(g)] = counts.display(g, best: best, written: written) { field.label(corpus.store, counts.variants.origin(of: $0)) }
        }
        return FieldGroups(keys: counts.keys, display: display)
    }

    private static func merge(_ parts: [[String: Count]]) -> [String: Count] {
        guard var total = parts.first else { return [:] }
        for part in parts.dropFirst() {
            for (k, v) in part {
                if total[k] != nil { total[k]!.count += v.count } else { total[k] = v }
            }
        }
        return total
    }

    private static func table(_ counts: [String: Count], columns: [String], minCount: Int, top: Int?) -> Table {
        let rows = counts.values.filter { $0.count >= minCount }.map { $0.cells + [.int($0.count)] }
        let sorted = (try? Table(trusted: columns, rows: rows).sorted(by: "count", descending: true))!
        return top.map { sorted.head($0) } ?? sorted
    }
}
