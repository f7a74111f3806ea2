// TermTable.swift: counts of byte strings (words, n-grams, keywords) without a String per entry:
// an open-addressing hash table over keys stored back to back in one buffer. It counts
// occurrences and documents, and merges with another table, so each thread counts its share of
// the corpus and the shares are joined at the end.

package struct TermTable: Sendable {
    /// Keys back to back; entry e's key is keyBytes[keyStart[e] ..< keyStart[e] + keyLength[e]].
    private(set) var keyBytes: [UInt8] = []
    private(set) var keyStart: [UInt32] = []
    private(set) var keyLength: [UInt32] = []
    private var hashes: [UInt64] = []
    /// Occurrences of each entry.
    package private(set) var counts: [Int] = []
    /// Documents in which each entry occurs.
    package private(set) var documents: [Int] = []
    private var lastDocument: [Int32] = []
    /// A display form for each entry (its first spelling), when the table keeps them.
    package private(set) var labels: [String] = []
    package let keepsLabels: Bool
    /// Slot to entry + 1 (0 is empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    package init(keepingLabels: Bool = false) { keepsLabels = keepingLabels }

    package var count: Int { counts.count }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// Adds `times` occurrences of `key`, seen in `document` (documents are counted once each; pass
    /// them in increasing order). Returns the entry.
    @discardableResult
    package mutating func add(_ key: UnsafeBufferPointer<UInt8>, document: Int32, times: Int = 1, label: @autoclosure () -> String = "") -> Int {
        let h = TermTable.hash(key)
        let e = entry(for: key, hash: h, inserting: true)!
        if keepsLabels && e == labels.count { labels.append(label()) }
        counts[e] += times
        if lastDocument[e] != document {
            lastDocument[e] = document
            documents[e] += 1
        }
        return e
    }

    /// The entry holding `key`, if any.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        lookup(key, hash: TermTable.hash(key)).entry
    }

    package func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { find(key) != nil }

    package func contains(_ key: String) -> Bool {
        var k = key
        return k.withUTF8 { contains($0) }
    }

    /// The entry holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func lookup(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = Int(slots[slot]) - 1
            if e < 0 { return (nil, slot) }
            if hashes[e] == h && keyLength[e] == key.count && keyEquals(e, key) { return (e, slot) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private mutating func entry(for key: UnsafeBufferPointer<UInt8>, hash h: UInt64, inserting: Bool) -> Int? {
        let (found, slot) = lookup(key, hash: h)
        if let found { return found }
        guard inserting else { return nil }
        let e = counts.count
        keyStart.append(UInt32(keyBytes.count))
        keyLength.append(UInt32(key.count))
        keyBytes.append(contentsOf: key)
        hashes.append(h)
        counts.append(0)
        documents.append(0)
        lastDocument.append(-1)
        slots[slot] = Int32(e + 1)
        if counts.count * 2 > slots.count { grow() }
        return e
    }

    @inline(__always)
    private func keyEquals(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(keyStart[e])
        return keyBytes.withUnsafeBufferPointer { b in
            for i in 0..<key.count where b[start + i] != key[i] { return false }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for e in 0..<counts.count {
            var slot = Int(truncatingIfNeeded: hashes[e]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(e + 1)
        }
        slots = bigger
    }

    /// The key of entry `e`.
    package func withKey<R>(_ e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(keyStart[e])
        return keyBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start ..< start + Int(keyLength[e])])) }
    }

    package func key(_ e: Int) -> String { withKey(e) { String(decoding: $0, as: UTF8.self) } }

    /// The entry's display form: its label when the table keeps them, else its key.
    package func label(_ e: Int) -> String { keepsLabels ? labels[e] : key(e) }

    /// Adds every entry of `other` (counts and document counts add up: the tables must have counted
    /// disjoint sets of documents).
    package mutating func merge(_ other: TermTable) {
        for e in 0..<other.count {
            other.withKey(e) { key in
                let mine = entry(for: key, hash: other.hashes[e], inserting: true)!
                if keepsLabels && mine == labels.count { labels.append(other.labels[e]) }
                counts[mine] += other.counts[e]
                documents[mine] += other.documents[e]
            }
        }
    }

    /// Entries ordered by count descending, then key ascending (byte order, which is code point
    /// order), keeping those with at least `minCount`; at most `limit` of them.
    package func ranked(minCount: Int = 1, limit: Int? = nil, by score: ((Int) -> Int)? = nil) -> [Int] {
        let entries = (0..<count).filter { counts[$0] >= minCount }
        let value = score ?? { counts[$0] }
        return bestIndices(count: entries.count, limit: limit) { a, b in
            let ea = entries[a], eb = entries[b]
            let va = value(ea), vb = value(eb)
            if va != vb { return va > vb }
            return withKey(ea) { ka in withKey(eb) { kb in ka.lexicographicallyPrecedes(kb) } }
        }.map { entries[$0] }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if predicate(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
