// WordCounter.swift: the counting table behind corpus:terms for single words, built for the one
// memory access a word should cost. The stopwords are entries of the table itself, so a word is
// looked up once whether it is a stopword or not; the counts live in the hash slots themselves,
// with the word's first eight bytes, so most words are found and counted in one cache line
// without reading the key buffer. One counter belongs to one thread; the counters of the
// chunks are merged and turned into a TermTable at the end.

#if canImport(Glibc)
import Glibc
#endif

final class WordCounter {
    /// A slot of the table, holding one word or nothing (length 0), in 32 bytes: counting a word
    /// touches one cache line.
    private struct Slot {
        /// The key's first eight bytes (zero-padded), compared before the rest.
        var prefix: UInt64
        var count: Int
        /// The key's place in `keys`.
        var start: UInt32
        var length: UInt32
        var documents: Int32
        /// The last document counted; `stopword` for a stopword.
        var lastDocument: Int32
    }

    private static let stopword = Int32.min

    private var slots: UnsafeMutablePointer<Slot>
    private var slotMask: Int
    private var used = 0
    private var keys: UnsafeMutablePointer<UInt8>
    private var keyCount = 0
    private var keyCapacity: Int

    init(stopwords: StopwordSet?) {
        slotMask = 65535
        slots = WordCounter.emptySlots(slotMask + 1)
        keyCapacity = 131072
        keys = .allocate(capacity: keyCapacity)
        stopwords?.table.forEachKey { word in
            let (hash, prefix) = WordCounter.hashAndPrefix(word)
            slots[insert(word, hash: hash, prefix: prefix)].lastDocument = WordCounter.stopword
        }
    }

    deinit {
        slots.deallocate()
        keys.deallocate()
    }

    /// Counts one occurrence of `word` in `document` (documents in increasing order), unless it is
    /// a stopword.
    @inline(__always)
    func add(_ word: UnsafeBufferPointer<UInt8>, document: Int32) {
        let (hash, prefix) = WordCounter.hashAndPrefix(word)
        // The slot's index first: inserting may move the slots.
        let i = find(word, hash: hash, prefix: prefix) ?? insert(word, hash: hash, prefix: prefix)
        let slot = slots + i
        guard slot.pointee.lastDocument != WordCounter.stopword else { return }
        slot.pointee.count += 1
        if slot.pointee.lastDocument != document {
            slot.pointee.lastDocument = document
            slot.pointee.documents += 1
        }
    }

    /// Adds the counts of `other`, which counted other documents.
    func merge(_ other: WordCounter) {
        other.forEachCounted { word, source in
            let (hash, prefix) = WordCounter.hashAndPrefix(word)
            let mine = find(word, hash: hash, prefix: prefix) ?? insert(word, hash: hash, prefix: prefix)
            slots[mine].count += source.count
            slots[mine].documents += source.documents
        }
    }

    /// The counts as a TermTable (stopwords left out).
    func table() -> TermTable {
        var table = TermTable()
        forEachCounted { word, slot in table.add(word, occurrences: slot.count, documents: Int(slot.documents)) }
        return table
    }

    private func forEachCounted(_ body: (UnsafeBufferPointer<UInt8>, Slot) -> Void) {
        for i in 0 ... slotMask where slots[i].length != 0 && slots[i].lastDocument != WordCounter.stopword {
            body(UnsafeBufferPointer(start: keys + Int(slots[i].start), count: Int(slots[i].length)), slots[i])
        }
    }

    /// The slot holding `word`, if any.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, prefix: UInt64) -> Int? {
        var i = Int(truncatingIfNeeded: hash) & slotMask
        while slots[i].length != 0 {
            if slots[i].prefix == prefix && Int(slots[i].length) == word.count
                && (word.count <= 8 || suffixEquals(keys + Int(slots[i].start), word))
            {
                return i
            }
            i = (i + 1) & slotMask
        }
        return nil
    }

    /// Whether the key at `stored` equals `word` past their first eight bytes (equal already).
    @inline(__always)
    private func suffixEquals(_ stored: UnsafeMutablePointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        let base = word.baseAddress!
        if n <= 16 {
            // The last eight bytes of each, overlapping the first eight.
            return UnsafeRawPointer(stored + n - 8).loadUnaligned(as: UInt64.self)
                == UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self)
        }
        return memcmp(stored + 8, base + 8, n - 8) == 0
    }

    /// Adds `word` (not in the table) with no occurrences; returns its slot.
    @inline(never)
    private func insert(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, prefix: UInt64) -> Int {
        if (used + 1) * 2 > slotMask { grow() }
        if keyCount + word.count > keyCapacity {
            while keyCapacity < keyCount + word.count { keyCapacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: keyCapacity)
            bigger.update(from: keys, count: keyCount)
            keys.deallocate()
            keys = bigger
        }
        if let base = word.baseAddress { (keys + keyCount).update(from: base, count: word.count) }
        let i = emptySlot(hash)
        slots[i] = Slot(prefix: prefix, count: 0, start: UInt32(keyCount), length: UInt32(word.count), documents: 0, lastDocument: -1)
        keyCount += word.count
        used += 1
        return i
    }

    private func emptySlot(_ hash: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: hash) & slotMask
        while slots[i].length != 0 { i = (i + 1) & slotMask }
        return i
    }

    private func grow() {
        let old = slots, oldCount = slotMask + 1
        slotMask = slotMask * 2 + 1
        slots = WordCounter.emptySlots(slotMask + 1)
        for i in 0 ..< oldCount where old[i].length != 0 {
            let word = UnsafeBufferPointer(start: keys + Int(old[i].start), count: Int(old[i].length))
            slots[emptySlot(WordCounter.hashAndPrefix(word).hash)] = old[i]
        }
        old.deallocate()
    }

    private static func emptySlots(_ count: Int) -> UnsafeMutablePointer<Slot> {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: count)
        slots.initialize(repeating: Slot(prefix: 0, count: 0, start: 0, length: 0, documents: 0, lastDocument: 0), count: count)
        return slots
    }

    /// `TermTable.hash` of `key`, and its first eight bytes zero-padded, read together.
    @inline(__always)
    static func hashAndPrefix(_ key: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, prefix: UInt64) {
        let n = key.count
        guard let base = key.baseAddress, n > 0 else { return (TermTable.hash(key), 0) }
        if n >= 8 { return (TermTable.hash(key), UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
        let bytes = TermTable.shortKeyBytes(base, count: n)
        return (TermTable.shortKeyHash(bytes, length: n), bytes)
    }
}
