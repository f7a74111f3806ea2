// TermTable.swift: counts of byte strings (words, n-grams, keywords) without a String per entry:
// an open-addressing hash table over keys stored back to back in one buffer. It counts
// occurrences and documents, and merges with another table, so each thread counts its share of
// the corpus and the shares are joined at the end.

#if canImport(Glibc)
import Glibc
#endif

package struct TermTable: Sendable {
    /// One entry: its key's place in `keyBytes`, its hash and its counts, kept together so that
    /// counting a term touches one cache line.
    private struct Entry {
        var hash: UInt64
        var start: UInt32
        var length: UInt32
        /// Occurrences.
        var count: Int
        /// Documents in which the entry occurs, and the last one counted.
        var documents: Int32
        var lastDocument: Int32
    }

    /// Keys back to back.
    private var keyBytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Where each entry was first met (a packed `ValueOrigin`), when the table keeps them: its
    /// display form is made from there when it is needed.
    private var origins: [UInt64] = []
    package let keepsOrigins: Bool
    /// Slot to entry + 1 (0 is empty).
    private var slots: [Int32] = Array(repeating: 0, count: 1024)

    package init(keepingOrigins: Bool = false) { keepsOrigins = keepingOrigins }

    package var count: Int { entries.count }

    /// Occurrences of entry `e`.
    @inline(__always) package func count(of e: Int) -> Int { entries[e].count }

    /// Documents in which entry `e` occurs.
    @inline(__always) package func documents(of e: Int) -> Int { Int(entries[e].documents) }

    /// Occurrences of all entries.
    package var totalCount: Int { entries.reduce(0) { $0 + $1.count } }

    /// The hash of a key, eight bytes at a time; a key's last bytes are read in at most three
    /// loads (most words are shorter than eight bytes).
    @inline(__always)
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        let n = key.count
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            if n < 8 { return shortKeyHash(shortKeyBytes(base, count: n), length: n) }
            // The last eight bytes, overlapping the ones already read.
            h = (h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
        }
        return h ^ (h >> 29)
    }

    /// A key of 1 to 7 bytes as one integer, its bytes zero-padded to eight (little-endian, as an
    /// eight-byte load would read them), in at most three loads.
    @inline(__always)
    package static func shortKeyBytes(_ base: UnsafePointer<UInt8>, count n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var bytes: UInt64 = 0
        var i = 0
        var shift: UInt64 = 0
        if n & 4 != 0 { bytes = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)); i += 4; shift = 32 }
        if n & 2 != 0 { bytes |= UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt16.self)) << shift; i += 2; shift += 16 }
        if n & 1 != 0 { bytes |= UInt64(base[i]) << shift }
        return bytes
    }

    /// `hash` of a key of 1 to 7 bytes, given as those bytes zero-padded to eight.
    @inline(__always)
    package static func shortKeyHash(_ bytes: UInt64, length: Int) -> UInt64 {
        let h = (0x9E37_79B9_7F4A_7C15 ^ UInt64(length) ^ bytes) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    /// Adds `times` occurrences of `key`, seen in `document` (documents are counted once each; pass
    /// them in increasing order). Returns the entry.
    @discardableResult
    @inline(__always)
    package mutating func add(_ key: UnsafeBufferPointer<UInt8>, document: Int32, times: Int = 1, origin: ValueOrigin? = nil) -> Int {
        add(key, hash: TermTable.hash(key), document: document, times: times, origin: origin)
    }

    /// As `add`, with the key's hash already computed by `TermTable.hash`.
    @discardableResult
    @inline(__always)
    package mutating func add(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, document: Int32, times: Int = 1,
                              origin: ValueOrigin? = nil) -> Int {
        let e = entry(for: key, hash: h)
        if keepsOrigins && e == origins.count { origins.append(origin?.packed ?? 0) }
        add(entry: e, document: document, times: times)
        return e
    }

    /// Adds `times` occurrences to entry `e`, seen in `document` (as `add` does for a key).
    @inline(__always)
    package mutating func add(entry e: Int, document: Int32, times: Int = 1) {
        entries.withUnsafeMutableBufferPointer { all in
            all[e].count += times
            if all[e].lastDocument != document {
                all[e].lastDocument = document
                all[e].documents += 1
            }
        }
    }

    /// Adds `occurrences` of `key` in `documents` documents not counted before (counts made
    /// elsewhere).
    package mutating func add(_ key: UnsafeBufferPointer<UInt8>, occurrences: Int, documents: Int) {
        let e = entry(for: key, hash: TermTable.hash(key))
        if keepsOrigins && e == origins.count { origins.append(0) }
        entries[e].count += occurrences
        entries[e].documents += Int32(documents)
    }

    /// Calls `body` with each key, in entry order.
    package func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for e in entries.indices { withKey(e, body) }
    }

    /// The entry holding `key`, added with no occurrences when it is new (a vocabulary that
    /// numbers its words). `hash` is the key's `TermTable.hash` when the caller has it.
    @inline(__always)
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64? = nil) -> Int {
        entry(for: key, hash: hash ?? TermTable.hash(key))
    }

    /// The entry holding `key`, if any.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        lookup(key, hash: TermTable.hash(key)).entry
    }

    /// The entry holding `key`, whose hash is `hash`, if any.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        lookup(key, hash: hash).entry
    }

    package func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool { find(key) != nil }

    package func contains(_ key: String) -> Bool {
        var k = key
        return k.withUTF8 { contains($0) }
    }

    /// The entry holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func lookup(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (entry: Int?, slot: Int) {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: h) & mask
                while true {
                    let e = Int(slots[slot]) - 1
                    if e < 0 { return (nil, slot) }
                    if entries[e].hash == h && Int(entries[e].length) == key.count && keyEquals(Int(entries[e].start), key) { return (e, slot) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The entry holding `key`, inserted (with no occurrences) when it is new.
    @inline(__always)
    private mutating func entry(for key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        let (found, slot) = lookup(key, hash: h)
        if let found { return found }
        let e = entries.count
        entries.append(Entry(hash: h, start: UInt32(keyBytes.count), length: UInt32(key.count), count: 0, documents: 0, lastDocument: -1))
        keyBytes.append(contentsOf: key)
        slots[slot] = Int32(e + 1)
        if entries.count * 2 > slots.count { grow() }
        return e
    }

    @inline(__always)
    private func keyEquals(_ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        keyBytes.withUnsafeBufferPointer { b in
            guard let k = key.baseAddress else { return true }
            let stored = b.baseAddress! + start
            // Most terms are short: compare them here rather than through a call.
            if key.count <= 16 {
                for i in 0 ..< key.count where stored[i] != k[i] { return false }
                return true
            }
            return memcmp(stored, k, key.count) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for e in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[e].hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(e + 1)
        }
        slots = bigger
    }

    /// The key of entry `e`.
    package func withKey<R>(_ e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = Int(entries[e].start)
        return keyBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start ..< start + Int(entries[e].length)])) }
    }

    package func key(_ e: Int) -> String { withKey(e) { String(decoding: $0, as: UTF8.self) } }

    /// Where entry `e` was first met.
    package func origin(of e: Int) -> ValueOrigin { ValueOrigin(packed: origins[e]) }

    /// Adds every entry of `other` (counts and document counts add up: the tables must have counted
    /// disjoint sets of documents).
    package mutating func merge(_ other: TermTable) {
        reserveRoom(adding: other)
        for e in other.entries.indices {
            other.withKey(e) { key in
                let mine = entry(for: key, hash: other.entries[e].hash)
                if keepsOrigins && mine == origins.count { origins.append(other.origins[e]) }
                entries[mine].count += other.entries[e].count
                entries[mine].documents += other.entries[e].documents
            }
        }
    }

    /// Before adding `other`'s entries: when they might not fit, room for four times what the two
    /// tables hold. Room is only address space until entries fill it, so a generous reservation
    /// costs no memory and spares copying the entries each time they outgrow their buffers.
    private mutating func reserveRoom(adding other: TermTable) {
        guard entries.capacity < entries.count + other.entries.count || keyBytes.capacity < keyBytes.count + other.keyBytes.count
        else { return }
        entries.reserveCapacity(4 * (entries.count + other.entries.count))
        keyBytes.reserveCapacity(4 * (keyBytes.count + other.keyBytes.count))
        if keepsOrigins { origins.reserveCapacity(4 * (origins.count + other.origins.count)) }
    }

    /// Entries ordered by count descending, then key ascending (byte order, which is code point
    /// order), keeping those with at least `minCount`; at most `limit` of them.
    package func ranked(minCount: Int = 1, limit: Int? = nil, by score: ((Int) -> Int)? = nil) -> [Int] {
        let entries = (0..<count).filter { count(of: $0) >= minCount }
        let value = score ?? { count(of: $0) }
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
