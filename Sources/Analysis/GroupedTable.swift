// GroupedTable.swift: counts of values under a grouping (`ValueKeys`): each value counted under
// its own key (its spelling) and under its group's, a document counted once per group however
// many of the group's spellings it holds. The spellings give the group its display form.

package struct GroupedTable: Sendable {
    /// Each value's own key: its spellings and their counts.
    package private(set) var variants: TermTable
    /// Each group's key, when the grouping is not the identity.
    private var groupTable: TermTable
    /// The group of each variant entry; -1 for a value the thesaurus removes.
    private var groupOf: [Int32] = []
    package let keys: ValueKeys
    /// No grouping: each value its own group, counted once.
    private let identity: Bool

    package init(_ keys: ValueKeys, keepingOrigins: Bool = false) {
        self.keys = keys
        identity = keys.isIdentity
        variants = TermTable(keepingOrigins: keepingOrigins)
        groupTable = TermTable()
    }

    /// Each group's key and counts: what an aggregation reports.
    package var groups: TermTable { identity ? variants : groupTable }

    /// Adds `times` occurrences of the value with key `key`, seen in `document` (documents in
    /// increasing order).
    @inline(__always)
    package mutating func add(_ key: UnsafeBufferPointer<UInt8>, document: Int32, times: Int = 1, origin: ValueOrigin? = nil) {
        let v = variants.add(key, document: document, times: times, origin: origin)
        guard !identity else { return }
        if v == groupOf.count { groupOf.append(groupEntry(of: key)) }
        let g = Int(groupOf[v])
        if g >= 0 { groupTable.add(entry: g, document: document, times: times) }
    }

    /// The group entry of a value's key, added when it is new; -1 when removed.
    private mutating func groupEntry(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard var group = keys.group(String(decoding: key, as: UTF8.self)) else { return -1 }
        return Int32(group.withUTF8 { groupTable.insert($0) })
    }

    /// Adds every count of `other` (the tables counted disjoint sets of documents).
    package mutating func merge(_ other: GroupedTable) {
        variants.merge(other.variants)
        guard !identity else { return }
        groupTable.merge(other.groupTable)
        while groupOf.count < variants.count {
            let v = groupOf.count
            groupOf.append(variants.withKey(v) { groupEntry(of: $0) })
        }
    }

    /// The group of the value with key `key`, if it was counted and is not removed.
    package func group(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        variants.find(key).flatMap(group(ofVariant:))
    }

    /// The group of variant `v`, or nil when the thesaurus removes it.
    package func group(ofVariant v: Int) -> Int? {
        if identity { return v }
        return groupOf[v] >= 0 ? Int(groupOf[v]) : nil
    }
}

extension GroupedTable: SpellingGroups {
    package var variantCount: Int { variants.count }
    package var groupCount: Int { groups.count }
    package func groupKey(_ g: Int) -> String { groups.key(g) }
}
