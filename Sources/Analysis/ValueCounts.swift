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

    /// Each value's key, the key of its group ("" with `removed`), its documents and first meeting.
    private(set) var keys: [String] = []
    private var groupKeys: [String] = []
    private var removed: [Bool] = []
    private(set) var documents: [Int] = []
    private var firsts: [FirstMet] = []
    /// How each value was written where first met; empty while read from `source` on demand.
    private var labels: [String] = []
    private var source: (store: DocumentStore, field: CorpusField, origins: [ValueOrigin])?
    /// Groups in the order first met, their documents, and each value's group.
    private var groups: [String] = []
    private var groupDocuments: [Int] = []
    private var groupOf: [Int] = []

    /// The counts of `table`, counted over `field` of `store` in shard `shard`.
    init(_ table: GroupedTable, field: CorpusField, store: DocumentStore, shard: Int) {
        let variants = table.variants
        var origins: [ValueOrigin] = []
        for v in 0 ..< variants.count {
            keys.append(variants.key(v))
            documents.append(variants.documents(of: v))
            let origin = variants.origin(of: v)
            origins.append(origin)
            firsts.append(FirstMet(shard: shard, origin: origin))
            if let g = table.group(ofVariant: v) {
                groupKeys.append(table.groups.key(g))
                removed.append(false)
            } else {
                groupKeys.append("")
                removed.append(true)
            }
        }
        source = (store, field, origins)
        var byKey: [String: Int] = [:]
        for g in 0 ..< table.groups.count { byKey[table.groups.key(g)] = table.groups.documents(of: g) }
        arrange(groupDocuments: byKey)
    }

    /// Orders the values by first meeting and numbers the groups in the order of their first value.
    private mutating func arrange(groupDocuments byKey: [String: Int]) {
        if zip(firsts, firsts.dropFirst()).contains(where: { !($0 < $1) }) {
            let order = firsts.indices.sorted { a, b in firsts[a] != firsts[b] ? firsts[a] < firsts[b] : a < b }
            keys = order.map { keys[$0] }
            groupKeys = order.map { groupKeys[$0] }
            removed = order.map { removed[$0] }
            documents = order.map { documents[$0] }
            firsts = order.map { firsts[$0] }
            if !labels.isEmpty { labels = order.map { labels[$0] } }
            if let s = source { source = (s.store, s.field, order.map { s.origins[$0] }) }
        }
        var index: [String: Int] = [:]
        groups = []
        groupDocuments = []
        groupOf = []
        for v in keys.indices {
            guard !removed[v] else { groupOf.append(-1); continue }
            if let g = index[groupKeys[v]] { groupOf.append(g); continue }
            index[groupKeys[v]] = groups.count
            groupOf.append(groups.count)
            groups.append(groupKeys[v])
            groupDocuments.append(byKey[groupKeys[v]] ?? 0)
        }
    }

    package var variantCount: Int { keys.count }
    package var groupCount: Int { groups.count }
    package func groupKey(_ g: Int) -> String { groups[g] }
    package func group(ofVariant v: Int) -> Int? { groupOf[v] < 0 ? nil : groupOf[v] }
    package func documents(ofGroup g: Int) -> Int { groupDocuments[g] }
    package func documents(ofVariant v: Int) -> Int { documents[v] }

    /// How value `v` was written where it was first met.
    package func label(_ v: Int) -> String {
        if let s = source { return s.field.label(s.store, s.origins[v]) }
        return labels[v]
    }

    /// The labels made text, so that the counts no longer need their store.
    private mutating func resolve() {
        guard source != nil else { return }
        labels = keys.indices.map(label)
        source = nil
    }

    package mutating func merge(_ other: ValueCounts) {
        resolve()
        var other = other
        other.resolve()
        var byKey: [String: Int] = [:]
        for g in groups.indices { byKey[groups[g]] = groupDocuments[g] }
        for g in other.groups.indices { byKey[other.groups[g], default: 0] += other.groupDocuments[g] }
        var index: [String: Int] = [:]
        for v in keys.indices { index[keys[v]] = v }
        for v in other.keys.indices {
            if let mine = index[other.keys[v]] {
                documents[mine] += other.documents[v]
                if other.firsts[v] < firsts[mine] {
                    firsts[mine] = other.firsts[v]
                    labels[mine] = other.labels[v]
                }
            } else {
                index[other.keys[v]] = keys.count
                keys.append(other.keys[v])
                groupKeys.append(other.groupKeys[v])
                removed.append(other.removed[v])
                documents.append(other.documents[v])
                firsts.append(other.firsts[v])
                labels.append(other.labels[v])
            }
        }
        arrange(groupDocuments: byKey)
    }

    package var columns: PartialColumns {
        var copy = self
        copy.resolve()
        var c = PartialColumns(kind: Self.kind)
        c.add("key", .texts(copy.keys))
        c.add("group", .texts(copy.groupKeys))
        c.add("removed", .ints(copy.removed.map { $0 ? 1 : 0 }))
        c.add("documents", .ints(copy.documents.map(Int64.init)))
        c.add("first_shard", .ints(copy.firsts.map(\.shard)))
        c.add("first_row", .ints(copy.firsts.map(\.row)))
        c.add("label", .texts(copy.labels))
        c.add("group_documents", .ints(copy.groupOf.map { $0 < 0 ? 0 : Int64(copy.groupDocuments[$0]) }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        keys = try c.texts("key")
        groupKeys = try c.texts("group")
        removed = try c.ints("removed").map { $0 != 0 }
        documents = try c.ints("documents").map { Int($0) }
        let shards = try c.ints("first_shard"), rows = try c.ints("first_row")
        firsts = zip(shards, rows).map { FirstMet(shard: $0, row: $1) }
        labels = try c.texts("label")
        let groupDocuments = try c.ints("group_documents")
        guard [groupKeys.count, removed.count, documents.count, firsts.count, labels.count, groupDocuments.count].allSatisfy({ $0 == keys.count }) else {
            throw PartialError("the columns of the counts differ in length")
        }
        var byKey: [String: Int] = [:]
        for v in keys.indices where !removed[v] { byKey[groupKeys[v]] = Int(groupDocuments[v]) }
        arrange(groupDocuments: byKey)
    }
}
