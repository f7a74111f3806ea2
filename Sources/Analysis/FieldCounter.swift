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

    /// A table with the field's values and their counts, by count descending, then value ascending.
    package static func countBy(_ corpus: Corpus, _ field: CorpusField, minCount: Int = 1, top: Int? = nil,
                               check: InterruptionCheck? = nil) throws -> Table {
        let s = corpus.store
        // Each value is counted once per document (per reference for reference fields): the
        // table's document count, with the reference's index standing for the document.
        let merged = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> TermTable in
            var table = TermTable(keepingOrigins: true)
            var scratch: [UInt8] = []
            for row in rows {
                if field.isReferenceField {
                    for r in s.references.range(row) {
                        field.forEachKey(s, r, scratch: &scratch) { key, origin in table.add(key, document: Int32(r), origin: origin) }
                    }
                } else {
                    field.forEachKey(s, row, scratch: &scratch) { key, origin in table.add(key, document: Int32(row), origin: origin) }
                }
            }
            return table
        }, merge: { $0.merge($1) })
        let counts = merged ?? TermTable(keepingOrigins: true)
        let kept = KeptEntries(count: counts.count, minCount: minCount) { counts.documents(of: $0) }
        func cell(_ e: Int) -> Cell { field.cell(field.label(s, counts.origin(of: e))) }
        // Ties are broken by the values' cells: made once for all when all are sorted, else only
        // for the entries that tie (a short list of the best meets few of them).
        let cells: [Cell]? = sortsAll(count: kept.count, limit: top) ? (0..<kept.count).map { cell(kept[$0]) } : nil
        let order = bestIndices(count: kept.count, limit: top) { a, b in
            let ea = kept[a], eb = kept[b]
            let ca = counts.documents(of: ea), cb = counts.documents(of: eb)
            if ca != cb { return ca > cb }
            let cellA = cells?[a] ?? cell(ea), cellB = cells?[b] ?? cell(eb)
            if cellA != cellB { return Cell.ascending(cellA, cellB) }
            return ea < eb
        }
        return Table(trusted: [field.columnName, "count"], rows: order.map { i in
            [cells?[i] ?? cell(kept[i]), .int(counts.documents(of: kept[i]))]
        })
    }

    /// a, b, count: documents (references, when either field is a reference field) with each pair
    /// of values.
    package static func crosstab(_ corpus: Corpus, _ a: CorpusField, _ b: CorpusField, check: InterruptionCheck? = nil) throws -> Table {
        let s = corpus.store
        let perReference = a.isReferenceField || b.isReferenceField
        func values(_ f: CorpusField, row: Int, reference: Int?) -> [FieldValue] {
            if f.isReferenceField, let reference { return f.referenceValues(s, reference: reference) }
            return f.values(s, row: row)
        }
        let parts = try Parallel.map(corpus.rowIndices, check: check) { rows -> [String: Count] in
            var counts: [String: Count] = [:]
            for row in rows {
                let units: [Int?] = perReference ? s.references.range(row).map { $0 } : [nil]
                for unit in units {
                    for va in values(a, row: row, reference: unit) {
                        for vb in values(b, row: row, reference: unit) {
                            add(&counts, va.key + "\u{1F}" + vb.key, [va.cell, vb.cell])
                        }
                    }
                }
            }
            return counts
        }
        return table(merge(parts), columns: ["a", "b", "count"], minCount: 1, top: nil)
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
