// ValueCounts.swift: the counts behind `count_by` as a partial result: each value counted (its key,
// the group it falls in, its documents, where it was first met and how it was written there) and
// each group's documents. Counts of disjoint documents add up; the first meeting is the earliest
// of the parts', so values and groups keep the order a single run meets them in whatever order
// the parts are merged.
import CorpusStore

/// Values in groups, each group shown by its most frequent spelling: what `GroupedTable` counts
/// and what `ValueCounts` carries between shards.
package protocol SpellingGroups {
    /// Values (spellings), in the order first met.
    var variantCount: Int { get }
    /// Groups, in the order first met.
    var groupCount: Int { get }
    func groupKey(_ g: Int) -> String
    /// The group of value `v`, or nil when the thesaurus removes it.
    func group(ofVariant v: Int) -> Int?
}

extension SpellingGroups {
    /// Each group's spellings by `score` descending (documents, or occurrences), the first met
    /// first among equals.
    package func spellings(score: (Int) -> Int) -> [[Int]] {
        var out = [[Int]](repeating: [], count: groupCount)
        for v in 0 ..< variantCount { if let g = group(ofVariant: v) { out[g].append(v) } }
        for g in out.indices where out[g].count > 1 {
            out[g].sort { a, b in score(a) != score(b) ? score(a) > score(b) : a < b }
        }
        return out
    }

    /// Each group's most frequent spelling (by `score`, the first met among equals).
    package func bestSpellings(score: (Int) -> Int) -> [Int] {
        var best = [Int](repeating: -1, count: groupCount)
        for v in 0 ..< variantCount {
            guard let g = group(ofVariant: v) else { continue }
            if best[g] < 0 || score(v) > score(best[g]) { best[g] = v }
        }
        return best
    }

    /// The display form of group `g`: the thesaurus's replacement as written, else `label` of
    /// its best spelling.
    package func display(_ g: Int, best: [Int], written: [String: String], label: (Int) -> String) -> String {
        if !written.isEmpty, let w = written[groupKey(g)] { return w }
        return label(best[g])
    }
}

package struct ValueCounts: Partial, SpellingGroups {
    package static let kind = "values"

    /// Each value's documents and first meeting; each value's group (-1 when removed), and each
    /// group's documents, groups in the order first met. Always at hand: plain integers.
    private var documents: [Int] = []
    private var firsts: [FirstMet] = []
    private var groupOf: [Int] = []
    private var groupDocuments: [Int] = []
    /// Each group's occurrences (a value counted as often as a document holds it).
    private var groupOccurrences: [Int] = []
    /// The text: each value's key and label, each group's key. While the counts are one part's
    /// own (not merged, not read from a file) it stays in the counted table and its store, made
    /// only for the values a table shows.
    private var text: Text

    private enum Text {
        /// Labels of a field's values are read from the store; terms are shown as their keys.
        case counted(Counted)
        case made(keys: [String], labels: [String], groups: [String])
    }

    /// The counted table and where its values are, held by reference so that reading a key
    /// copies nothing.
    private final class Counted {
        let table: GroupedTable
        let store: DocumentStore
        let field: CorpusField?
        init(_ table: GroupedTable, _ store: DocumentStore, _ field: CorpusField?) {
            self.table = table
            self.store = store
            self.field = field
        }
    }

    /// The counts of `table`, counted over `field` of `store` in shard `shard` (no field: terms,
    /// each shown by its key).
    init(_ table: GroupedTable, field: CorpusField?, store: DocumentStore, shard: Int) {
        let variants = table.variants
        documents = (0 ..< variants.count).map { variants.documents(of: $0) }
        firsts = (0 ..< variants.count).map { FirstMet(shard: shard, origin: variants.origin(of: $0)) }
        groupOf = (0 ..< variants.count).map { table.group(ofVariant: $0) ?? -1 }
        groupDocuments = (0 ..< table.groups.count).map { table.groups.documents(of: $0) }
        groupOccurrences = (0 ..< table.groups.count).map { table.groups.count(of: $0) }
        text = .counted(Counted(table, store, field))
    }

    package var variantCount: Int { documents.count }
    package var groupCount: Int { groupDocuments.count }
    package func group(ofVariant v: Int) -> Int? { groupOf[v] < 0 ? nil : groupOf[v] }
    package func documents(ofGroup g: Int) -> Int { groupDocuments[g] }
    package func documents(ofVariant v: Int) -> Int { documents[v] }
    package func occurrences(ofGroup g: Int) -> Int { groupOccurrences[g] }

    package func groupKey(_ g: Int) -> String {
        switch text {
        case .counted(let c): c.table.groups.key(g)
        case .made(_, _, let groups): groups[g]
        }
    }

    /// How value `v` was written where it was first met.
    package func label(_ v: Int) -> String {
        switch text {
        case .counted(let c): c.field.map { $0.label(c.store, c.table.variants.origin(of: v)) } ?? c.table.variants.key(v)
        case .made(_, let labels, _): labels[v]
        }
    }

    private func key(_ v: Int) -> String {
        switch text {
        case .counted(let c): c.table.variants.key(v)
        case .made(let keys, _, _): keys[v]
        }
    }

    /// The values' keys as a table of bytes (entry `v` is value `v`), to find a value's entry
    /// from its bytes without making a String.
    package var variantKeys: TermTable {
        switch text {
        case .counted(let c): return c.table.variants
        case .made(let keys, _, _): return Self.table(of: keys)
        }
    }

    /// The groups' keys as a table of bytes (entry `g` is group `g`).
    package var groupKeys: TermTable {
        switch text {
        case .counted(let c): return c.table.groups
        case .made(_, _, let groups): return Self.table(of: groups)
        }
    }

    private static func table(of keys: [String]) -> TermTable {
        var out = TermTable()
        for key in keys {
            var key = key
            _ = key.withUTF8 { out.insert($0) }
        }
        return out
    }

    /// Every value as (key, group key or nil when removed, documents, first meeting, label).
    private var values: [(key: String, group: String?, documents: Int, first: FirstMet, label: String)] {
        (0 ..< variantCount).map { v in (key(v), groupOf[v] < 0 ? nil : groupKey(groupOf[v]), documents[v], firsts[v], label(v)) }
    }

    /// Counts of values given with their text, in any order, and the documents and occurrences
    /// of each group.
    private init(_ values: [(key: String, group: String?, documents: Int, first: FirstMet, label: String)], groupDocuments byKey: [String: (Int, Int)]) {
        let ordered = values.indices.sorted { a, b in values[a].first != values[b].first ? values[a].first < values[b].first : a < b }.map { values[$0] }
        var index: [String: Int] = [:]
        var groups: [String] = []
        for value in ordered {
            documents.append(value.documents)
            firsts.append(value.first)
            guard let group = value.group else { groupOf.append(-1); continue }
            if let g = index[group] { groupOf.append(g); continue }
            index[group] = groups.count
            groupOf.append(groups.count)
            groups.append(group)
            groupDocuments.append(byKey[group]?.0 ?? 0)
            groupOccurrences.append(byKey[group]?.1 ?? 0)
        }
        text = .made(keys: ordered.map(\.key), labels: ordered.map(\.label), groups: groups)
    }

    private var documentsByGroup: [String: (Int, Int)] {
        var byKey: [String: (Int, Int)] = [:]
        for g in 0 ..< groupCount { byKey[groupKey(g)] = (groupDocuments[g], groupOccurrences[g]) }
        return byKey
    }

    package mutating func merge(_ other: ValueCounts) {
        var all = values
        var byKey = documentsByGroup
        for (k, n) in other.documentsByGroup {
            let mine = byKey[k] ?? (0, 0)
            byKey[k] = (mine.0 + n.0, mine.1 + n.1)
        }
        var index: [String: Int] = [:]
        for i in all.indices { index[all[i].key] = i }
        for value in other.values {
            guard let mine = index[value.key] else {
                index[value.key] = all.count
                all.append(value)
                continue
            }
            all[mine].documents += value.documents
            if value.first < all[mine].first {
                all[mine].first = value.first
                all[mine].label = value.label
            }
        }
        self = ValueCounts(all, groupDocuments: byKey)
    }

    package var columns: PartialColumns {
        let all = values
        var c = PartialColumns(kind: Self.kind)
        c.add("key", .texts(all.map(\.key)))
        c.add("group", .texts(all.map { $0.group ?? "" }))
        c.add("removed", .ints(all.map { $0.group == nil ? 1 : 0 }))
        c.add("documents", .ints(all.map { Int64($0.documents) }))
        c.add("first_shard", .ints(all.map(\.first.shard)))
        c.add("first_row", .ints(all.map(\.first.row)))
        c.add("label", .texts(all.map(\.label)))
        c.add("group_documents", .ints((0 ..< variantCount).map { groupOf[$0] < 0 ? 0 : Int64(groupDocuments[groupOf[$0]]) }))
        c.add("group_occurrences", .ints((0 ..< variantCount).map { groupOf[$0] < 0 ? 0 : Int64(groupOccurrences[groupOf[$0]]) }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let keys = try c.texts("key"), groups = try c.texts("group"), removed = try c.ints("removed"), documents = try c.ints("documents")
        let shards = try c.ints("first_shard"), rows = try c.ints("first_row"), labels = try c.texts("label")
        let groupDocuments = try c.ints("group_documents"), groupOccurrences = try c.ints("group_occurrences")
        guard [groups.count, removed.count, documents.count, shards.count, rows.count, labels.count, groupDocuments.count, groupOccurrences.count]
            .allSatisfy({ $0 == keys.count }) else {
            throw PartialError("the columns of the counts differ in length")
        }
        var byKey: [String: (Int, Int)] = [:]
        for v in keys.indices where removed[v] == 0 { byKey[groups[v]] = (Int(groupDocuments[v]), Int(groupOccurrences[v])) }
        self.init(keys.indices.map { v in (keys[v], removed[v] == 0 ? groups[v] : nil, Int(documents[v]), FirstMet(shard: shards[v], row: rows[v]), labels[v]) },
                  groupDocuments: byKey)
    }
}
