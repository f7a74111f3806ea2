// FieldKeys.swift: the grouping keys of a field's values read straight from the columns, as
// bytes, with the value's display form made only when a table first meets the key.
import Corpus

extension CorpusField {
    /// Calls `body` with the key of each value of this field in document `row` (document fields)
    /// or in reference `row` (reference fields), and a maker of its display form.
    @inline(__always)
    func forEachKey(_ s: DocumentStore, _ row: Int, scratch: inout [UInt8],
                    _ body: (UnsafeBufferPointer<UInt8>, () -> String) -> Void) {
        let t = s.referenceTable
        func lowered(_ column: some TextValues, _ i: Int) {
            guard !column.isEmpty(i) else { return }
            scratch.removeAll(keepingCapacity: true)
            column.withBytes(i) { Lowercase.append($0, to: &scratch) }
            scratch.withUnsafeBufferPointer { body($0) { column.string(i) } }
        }
        func exact(_ column: some TextValues, _ i: Int) {
            guard !column.isEmpty(i) else { return }
            column.withBytes(i) { b in body(b) { column.string(i) } }
        }
        func number(_ value: Int?) {
            guard let value else { return }
            let label = String(value)
            var text = label
            text.withUTF8 { b in body(b) { label } }
        }
        func author(_ names: AuthorTable, _ a: Int) {
            names.key.withBytes(a) { b in body(b) { names.author(a).display } }
        }
        switch self {
        case .year: number(s.year[row])
        case .language: exact(s.language, row)
        case .doi: lowered(s.doi, row)
        case .title: lowered(s.title, row)
        case .journal: lowered(s.journal, row)
        case .authors: for a in s.authors.range(row) { author(s.authorNames, a) }
        case .keywords: for k in s.keywords.range(row) { lowered(s.keywordText, k) }
        case .affiliations: for a in s.affiliations.range(row) { lowered(s.affiliationText, a) }
        case .sections: for i in s.sections.range(row) { lowered(s.sectionTable.label, i) }
        case .referencesYear: number(t.year[row])
        case .referencesLanguage: exact(t.language, row)
        case .referencesContainer: lowered(t.container, row)
        case .referencesTitle: lowered(t.title, row)
        case .referencesDOI: lowered(t.doi, row)
        case .referencesAuthors:
            t.raw.withBytes(row) { base in
                for a in t.authors.range(row) {
                    scratch.removeAll(keepingCapacity: true)
                    t.authorNames.appendKey(a, base: base, to: &scratch)
                    scratch.withUnsafeBufferPointer { b in body(b) { t.authorNames.author(a, base: base).display } }
                }
            }
        }
    }

    /// The cell shown for a value with display form `label`.
    func cell(_ label: String) -> Cell {
        switch self {
        case .year, .referencesYear: return Int(label).map(Cell.int) ?? .text(label)
        default: return .text(label)
        }
    }
}

/// The indices of the best `limit` of `count` items in the order `before` (all of them, sorted,
/// when `limit` is nil or large).
func bestIndices(count: Int, limit: Int?, by before: (Int, Int) -> Bool) -> [Int] {
    if let limit, limit < count / 4 {
        var best: [Int] = []
        best.reserveCapacity(limit + 1)
        for e in 0..<count {
            if best.count == limit, let last = best.last, !before(e, last) { continue }
            best.insert(e, at: best.partitioningIndex { before(e, $0) })
            if best.count > limit { best.removeLast() }
        }
        return best
    }
    let all = (0..<count).sorted(by: before)
    return limit.map { Array(all.prefix($0)) } ?? all
}
