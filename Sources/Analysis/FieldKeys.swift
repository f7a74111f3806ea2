// FieldKeys.swift: the grouping keys of a field's values read straight from the columns, as
// bytes, with the value's display form made only when a table first meets the key.
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

/// Where a value of a field was met: the document or reference row, and for a list field the
/// row of the item in its child table. Enough to make the value's display form later, so a count
/// keeps one integer per distinct value and makes strings only for the values it returns.
package struct ValueOrigin: Sendable {
    package var row: UInt32
    package var item: UInt32

    init(_ row: Int, item: Int = 0) {
        self.row = UInt32(truncatingIfNeeded: row)
        self.item = UInt32(truncatingIfNeeded: item)
    }

    package var packed: UInt64 { UInt64(row) << 32 | UInt64(item) }
    package init(packed: UInt64) {
        row = UInt32(truncatingIfNeeded: packed >> 32)
        item = UInt32(truncatingIfNeeded: packed)
    }
}

extension CorpusField {
    /// Calls `body` with the key of each value of this field in document `row` (document fields)
    /// or in reference `row` (reference fields), and where it was met.
    @inline(__always)
    func forEachKey(_ s: DocumentStore, _ row: Int, scratch: inout [UInt8],
                    _ body: (UnsafeBufferPointer<UInt8>, ValueOrigin) -> Void) {
        let t = s.referenceTable
        func lowered(_ column: some TextValues, _ i: Int, item: Int = 0) {
            guard !column.isEmpty(i) else { return }
            scratch.removeAll(keepingCapacity: true)
            column.withBytes(i) { Lowercase.append($0, to: &scratch) }
            scratch.withUnsafeBufferPointer { body($0, ValueOrigin(row, item: item)) }
        }
        func exact(_ column: some TextValues, _ i: Int) {
            guard !column.isEmpty(i) else { return }
            column.withBytes(i) { body($0, ValueOrigin(row)) }
        }
        func number(_ value: Int?) {
            guard let value else { return }
            var text = String(value)
            text.withUTF8 { body($0, ValueOrigin(row)) }
        }
        switch self {
        case .year: number(s.year[row])
        case .language: exact(s.language, row)
        case .doi: lowered(s.doi, row)
        case .title: lowered(s.title, row)
        case .journal: lowered(s.journal, row)
        case .authors:
            for a in s.authors.range(row) { s.authorNames.key.withBytes(a) { body($0, ValueOrigin(row, item: a)) } }
        case .keywords: for k in s.keywords.range(row) { lowered(s.keywordText, k, item: k) }
        case .affiliations: for a in s.affiliations.range(row) { lowered(s.affiliationText, a, item: a) }
        case .countries, .institutions:
            // Each address parsed (`Address`): its country's ISO code, or its top-level
            // organisation in one form however abbreviated ("Peking Univ", "Peking University":
            // `SourceKey`, ISO 4's word abbreviations).
            let parsed = s.parsedAddresses.of(s)
            for a in s.affiliations.range(row) {
                let address = parsed[a]
                guard var value = self == .countries ? address.country : address.institution.map(SourceKey.of) else { continue }
                value.withUTF8 { body($0, ValueOrigin(row, item: a)) }
            }
        case .sections: for i in s.sections.range(row) { lowered(s.sectionTable.label, i, item: i) }
        case .referencesYear: number(t.year[row])
        case .referencesLanguage: exact(t.language, row)
        case .referencesContainer:
            // One source however it is written ("J POLYM SCI", "Journal of Polymer Science").
            guard !t.container.isEmpty(row) else { return }
            var key = SourceKey.of(t.container.string(row))
            key.withUTF8 { body($0, ValueOrigin(row)) }
        case .referencesTitle: lowered(t.title, row)
        case .referencesDOI: lowered(t.doi, row)
        case .referencesKey:
            var key = s.referenceKeys.of(s)[row]
            key.withUTF8 { body($0, ValueOrigin(row)) }
        case .schemaText(let k): lowered(s.schema.text[k], row)
        case .schemaList(let k): for i in s.schema.lists[k].range(row) { lowered(s.schema.listText[k], i, item: i) }
        case .referencesAuthors:
            t.raw.withBytes(row) { base in
                for a in t.authors.range(row) {
                    scratch.removeAll(keepingCapacity: true)
                    t.authorNames.appendKey(a, base: base, to: &scratch)
                    scratch.withUnsafeBufferPointer { body($0, ValueOrigin(row, item: a)) }
                }
            }
        }
    }

    /// The display form of the value met at `origin`: its first spelling, or the normalised
    /// name of an author.
    func label(_ s: DocumentStore, _ origin: ValueOrigin) -> String {
        let t = s.referenceTable
        let row = Int(origin.row), item = Int(origin.item)
        switch self {
        case .year: return s.year[row].map(String.init) ?? ""
        case .language: return s.language.string(row)
        case .doi: return s.doi.string(row)
        case .title: return s.title.string(row)
        case .journal: return s.journal.string(row)
        case .authors:
            // An identity found under several forms is shown by its full form.
            let full = s.authorNames.fullForms.isEmpty ? nil : s.authorNames.fullForms[s.authorNames.key.string(item)]
            return s.authorNames.author(full.map(Int.init) ?? item).display
        case .keywords: return s.keywordText.string(item)
        case .affiliations: return s.affiliationText.string(item)
        case .countries: return s.parsedAddresses.of(s)[item].country ?? ""
        case .institutions: return s.parsedAddresses.of(s)[item].institution ?? ""
        case .sections: return s.sectionTable.label.string(item)
        case .referencesYear: return t.year[row].map(String.init) ?? ""
        case .referencesLanguage: return t.language.string(row)
        case .referencesContainer: return t.container.string(row)
        case .referencesTitle: return t.title.string(row)
        case .referencesDOI: return t.doi.string(row)
        case .referencesKey: return s.referenceKeys.of(s)[row]
        case .referencesAuthors: return t.raw.withBytes(row) { t.authorNames.author(item, base: $0).display }
        case .schemaText(let k): return s.schema.text[k].string(row)
        case .schemaList(let k): return s.schema.listText[k].string(item)
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

/// Whether `bestIndices` sorts all `count` items for `limit` (rather than keeping a short list of
/// the best): a caller that breaks ties on a costly key makes it once for all items then.
func sortsAll(count: Int, limit: Int?) -> Bool { limit.map { $0 >= count / 4 } ?? true }

/// The indices of the best `limit` of `count` items in the order `before` (all of them, sorted,
/// when `limit` is nil or large).
func bestIndices(count: Int, limit: Int?, by before: (Int, Int) -> Bool) -> [Int] {
    if let limit, !sortsAll(count: count, limit: limit) {
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

/// The entries of a table counted at least `minCount` times, by place: entry `kept[i]`. With a
/// `minCount` of one every entry is kept and no list is made.
struct KeptEntries {
    private let list: [UInt32]?
    let count: Int

    init(count total: Int, minCount: Int, value: (Int) -> Int) {
        list = minCount <= 1 ? nil : (0 ..< total).filter { value($0) >= minCount }.map { UInt32($0) }
        count = list?.count ?? total
    }

    subscript(i: Int) -> Int { list.map { Int($0[i]) } ?? i }
}
