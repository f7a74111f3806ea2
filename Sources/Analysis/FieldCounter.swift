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

    /// A table with the field's values and their counts, by count descending, then value
    /// ascending. Under a `grouping` the values of a group are counted as one, shown in their most
    /// frequent spelling; `variants` adds a column listing each value's spellings with their counts.
    package static func countBy(_ corpus: Corpus, _ field: CorpusField, minCount: Int = 1, top: Int? = nil,
                               grouping: ValueGrouping = .none, variants: Bool = false,
                               check: InterruptionCheck? = nil) throws -> Table {
        countBy(try valueCounts(corpus, field, grouping: grouping, check: check), field, minCount: minCount, top: top,
                grouping: grouping, variants: variants)
    }

    /// What `count_by` counts in `corpus` (shard `shard` of a sharded run), as a partial result.
    package static func valueCounts(_ corpus: Corpus, _ field: CorpusField, grouping: ValueGrouping = .none, shard: Int = 0,
                                    check: InterruptionCheck? = nil) throws -> ValueCounts {
        let table = try groupedCounts(corpus, field, ValueKeys(grouping, form: KeyForm(field)), check: check)
        return ValueCounts(table, field: field, store: corpus.store, shard: shard)
    }

    /// The `count_by` table of counts (of a whole corpus, or merged from its shards).
    package static func countBy(_ counts: ValueCounts, _ field: CorpusField, minCount: Int = 1, top: Int? = nil,
                               grouping: ValueGrouping = .none, variants: Bool = false) -> Table {
        let score = { counts.documents(ofVariant: $0) }
        let best = counts.bestSpellings(score: score), written = ValueKeys(grouping, form: KeyForm(field)).displays
        func spelling(_ v: Int) -> String { counts.label(v) }
        func label(_ g: Int) -> String { counts.display(g, best: best, written: written, label: spelling) }
        let spellings = variants ? counts.spellings(score: score) : []
        return ranked(field, count: counts.groupCount, minCount: minCount, top: top, documents: { counts.documents(ofGroup: $0) },
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
        let groupA = try grouping.isNone ? nil : groups(try valueCounts(corpus, a, grouping: grouping, check: check), a, grouping)
        let groupB = try grouping.isNone ? nil : groups(try valueCounts(corpus, b, grouping: grouping, check: check), b, grouping)
        return crosstab(try pairCounts(corpus, a, b, grouping: grouping, check: check), a, b, groupA: groupA, groupB: groupB)
    }

    /// What `crosstab` counts in `corpus` (shard `shard` of a sharded run): pairs of values, or of
    /// groups under a grouping, as a partial result.
    package static func pairCounts(_ corpus: Corpus, _ a: CorpusField, _ b: CorpusField, grouping: ValueGrouping = .none, shard: Int = 0,
                                   check: InterruptionCheck? = nil) throws -> PairCounts {
        let s = corpus.store
        let perReference = a.isReferenceField || b.isReferenceField
        let keysA = grouping.isNone ? nil : ValueKeys(grouping, form: KeyForm(a)), keysB = grouping.isNone ? nil : ValueKeys(grouping, form: KeyForm(b))
        func values(_ f: CorpusField, _ keys: ValueKeys?, row: Int, reference: Int?) -> [FieldValue] {
            let all = f.isReferenceField ? (reference.map { f.referenceValues(s, reference: $0) } ?? []) : f.values(s, row: row)
            guard let keys else { return all }
            var seen = Set<String>()
            return all.compactMap { v in
                guard let key = keys.group(v.key), seen.insert(key).inserted else { return nil }
                return FieldValue(key: key, cell: v.cell)
            }
        }
        let parts = try Parallel.map(corpus.rowIndices, check: check) { rows -> PairCounts in
            var counts = PairCounts()
            for row in rows {
                let units: [Int?] = perReference ? s.references.range(row).map { $0 } : [nil]
                for unit in units {
                    let first = FirstMet(shard: shard, origin: ValueOrigin(unit ?? row))
                    for va in values(a, keysA, row: row, reference: unit) {
                        for vb in values(b, keysB, row: row, reference: unit) {
                            counts.add(a: va, b: vb, first: first)
                        }
                    }
                }
            }
            return counts
        }
        return parts.reduce(into: PairCounts()) { $0.merge($1) }
    }

    /// The `crosstab` table of pair counts (of a whole corpus, or merged from its shards); under
    /// a grouping, `groupA` and `groupB` show each group.
    package static func crosstab(_ pairs: PairCounts, _ a: CorpusField, _ b: CorpusField, groupA: FieldGroups?, groupB: FieldGroups?) -> Table {
        func cell(_ f: CorpusField, _ groups: FieldGroups?, key: String, label: String) -> Cell {
            guard let groups else { return f.cell(label) }
            return f.cell(groups.display[key] ?? f.cell(label).description)
        }
        var counts: [String: Count] = [:]
        for p in pairs.pairs.values {
            counts[p.a + "\u{1F}" + p.b] = Count(cells: [cell(a, groupA, key: p.a, label: p.labelA), cell(b, groupB, key: p.b, label: p.labelB)], count: p.count)
        }
        return table(counts, columns: ["a", "b", "count"], minCount: 1, top: nil)
    }

    /// A field's groups under a grouping, and each group's display form (its most frequent
    /// spelling, or as the thesaurus writes it).
    package struct FieldGroups {
        package var keys: ValueKeys
        package var display: [String: String]
    }

    /// The groups of a field's counted values (of a whole corpus, or merged from its shards).
    package static func groups(_ counts: ValueCounts, _ field: CorpusField, _ grouping: ValueGrouping) -> FieldGroups {
        let keys = ValueKeys(grouping, form: KeyForm(field))
        let best = counts.bestSpellings { counts.documents(ofVariant: $0) }, written = keys.displays
        var display: [String: String] = [:]
        for g in 0 ..< counts.groupCount {
            display[counts.groupKey(g)] = counts.display(g, best: best, written: written, label: counts.label)
        }
        return FieldGroups(keys: keys, display: display)
    }

    package static func groups(_ corpus: Corpus, _ field: CorpusField, _ grouping: ValueGrouping,
                               check: InterruptionCheck?) throws -> FieldGroups {
        groups(try valueCounts(corpus, field, grouping: grouping, check: check), field, grouping)
    }

    private static func table(_ counts: [String: Count], columns: [String], minCount: Int, top: Int?) -> Table {
        let rows = counts.values.filter { $0.count >= minCount }.map { $0.cells + [.int($0.count)] }
        let sorted = (try? Table(trusted: columns, rows: rows).sorted(by: "count", descending: true))!
        return top.map { sorted.head($0) } ?? sorted
    }
}
