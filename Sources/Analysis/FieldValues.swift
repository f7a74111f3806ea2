// FieldValues.swift: the distinct values a document (or a reference) has for a countable field,
// each with the key it is grouped by, as values; built on the byte keys of FieldKeys.swift.
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

/// One value of a field: its grouping key and the cell shown for it.
package struct FieldValue: Sendable {
    package var key: String
    package var cell: Cell
}

extension CorpusField {
    /// The distinct values of this document field for `row` (empty for reference fields).
    package func values(_ s: DocumentStore, row: Int) -> [FieldValue] {
        isReferenceField ? [] : distinctValues(s, row)
    }

    /// The distinct values of this reference field for reference `r` (empty for document fields).
    package func referenceValues(_ s: DocumentStore, reference r: Int) -> [FieldValue] {
        isReferenceField ? distinctValues(s, r) : []
    }

    private func distinctValues(_ s: DocumentStore, _ row: Int) -> [FieldValue] {
        var scratch: [UInt8] = []
        var seen = Set<String>()
        var values: [FieldValue] = []
        forEachKey(s, row, scratch: &scratch) { key, origin in
            let k = String(decoding: key, as: UTF8.self)
            if seen.insert(k).inserted { values.append(FieldValue(key: k, cell: cell(label(s, origin)))) }
        }
        return values
    }
}
