// BigramCounter.swift: corpus:terms{ngram = 2}: pairs of consecutive words counted as pairs of
// word numbers rather than as strings. A large corpus has a million distinct pairs or more; as
// byte strings each would carry its key bytes and cost three cache misses to count, as numbers
// it is one 20-byte entry. Each thread numbers the words of its share of the corpus; shares are
// joined by renumbering their words in one vocabulary. Strings are made only for the pairs
// returned.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

/// Counts of word-number pairs: an open-addressing table over dense entries.
struct PairTable {
    struct Entry {
        var first: UInt32
        var second: UInt32
        var count: UInt32
        var documents: Int32
        var lastDocument: Int32

        var key: UInt64 { PairTable.key(Int(first), Int(second)) }
    }

    private(set) var entries: [Entry] = []
    /// Slot to entry + 1 (0 is empty).
    private var slots: [UInt32] = Array(repeating: 0, count: 1024)

    static func key(_ first: Int, _ second: Int) -> UInt64 { UInt64(first) << 32 | UInt64(second) }

    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `times` occurrences, seen in `document`, and `documents` more documents (for joining
    /// tables counted over different documents).
    @inline(__always)
    mutating func add(_ key: UInt64, document: Int32, times: Int = 1, documents: Int32 = 0) {
        let e = entry(for: key)
        entries.withUnsafeMutableBufferPointer { all in
            all[e].count &+= UInt32(truncatingIfNeeded: times)
            all[e].documents += documents
            if document >= 0 && all[e].lastDocument != document {
                all[e].lastDocument = document
                all[e].documents += 1
            }
        }
    }

    @inline(__always)
    private mutating func entry(for key: UInt64) -> Int {
        let mask = slots.count - 1
        var s = PairTable.slot(key, mask: mask)
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                while true {
                    let e = Int(slots[s]) - 1
                    if e < 0 { return nil }
                    if entries[e].key == key { return e }
                    s = (s + 1) & mask
                }
            }
        }
        if let found { return found }
        let e = entries.count
        entries.append(Entry(first: UInt32(truncatingIfNeeded: key >> 32), second: UInt32(truncatingIfNeeded: key), count: 0,
                             documents: 0, lastDocument: -1))
        slots[s] = UInt32(e + 1)
        if entries.count * 4 > slots.count * 3 { grow() }
        return e
    }

    /// Before adding `more` entries: when they might not fit, room for four times what the two
    /// hold (see `TermTable.reserveRoom`).
    mutating func reserveRoom(adding more: Int) {
        if entries.capacity < entries.count + more { entries.reserveCapacity(4 * (entries.count + more)) }
    }

    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for e in entries.indices {
            var s = PairTable.slot(entries[e].key, mask: mask)
            while bigger[s] != 0 { s = (s + 1) & mask }
            bigger[s] = UInt32(e + 1)
        }
        slots = bigger
    }
}

/// One share's counts: its words numbered in its own vocabulary, and the pairs of numbers.
struct BigramCounts {
    var vocabulary = TermTable()
    var pairs = PairTable()

    /// Adds `other`'s counts (of other documents), renumbering its words in this vocabulary.
    mutating func merge(_ other: BigramCounts) {
        pairs.reserveRoom(adding: other.pairs.entries.count)
        var number = [Int](repeating: 0, count: other.vocabulary.count)
        for w in 0 ..< other.vocabulary.count {
            number[w] = other.vocabulary.withKey(w) { vocabulary.insert($0) }
        }
        for e in other.pairs.entries {
            pairs.add(PairTable.key(number[Int(e.first)], number[Int(e.second)]), document: -1, times: Int(e.count), documents: e.documents)
        }
    }

    /// Calls `body` with the pair's text, "first second".
    func withText<R>(_ e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let entry = pairs.entries[e]
        var text: [UInt8] = vocabulary.withKey(Int(entry.first)) { Array($0) }
        text.append(0x20)
        vocabulary.withKey(Int(entry.second)) { text.append(contentsOf: $0) }
        return text.withUnsafeBufferPointer(body)
    }

    /// Whether pair `a`'s text sorts before pair `b`'s, byte by byte, without making either.
    func textPrecedes(_ a: Int, _ b: Int) -> Bool {
        let ea = pairs.entries[a], eb = pairs.entries[b]
        let firstA = Int(ea.first), firstB = Int(eb.first)
        if firstA == firstB {
            return vocabulary.withKey(Int(ea.second)) { x in vocabulary.withKey(Int(eb.second)) { y in x.lexicographicallyPrecedes(y) } }
        }
        // Different first words: the texts differ within the first word and its space.
        return vocabulary.withKey(firstA) { x in
            vocabulary.withKey(firstB) { y in
                let n = min(x.count, y.count)
                for i in 0 ..< n where x[i] != y[i] { return x[i] < y[i] }
                // One first word is a prefix of the other: the shorter is followed by a space,
                // which sorts before every byte of a word.
                return x.count < y.count
            }
        }
    }
}

enum BigramCounter {
    /// The counts of every pair of consecutive words (with no stopword) in `options.field`.
    static func count(_ corpus: Corpus, _ options: TermOptions, check: InterruptionCheck?) throws -> BigramCounts {
        let store = corpus.store
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> BigramCounts in
            var counts = BigramCounts()
            var extractor = TermExtractor(options)
            for row in rows {
                let document = Int32(row)
                extractor.forEachWordPair(store, row: row, vocabulary: &counts.vocabulary) { first, second in
                    counts.pairs.add(PairTable.key(first, second), document: document)
                }
            }
            return counts
        }, merge: { $0.merge($1) })
        return total ?? BigramCounts()
    }

    /// term, count, documents: by count descending, then term ascending.
    static func terms(_ corpus: Corpus, _ options: TermOptions, minCount: Int, top: Int?, check: InterruptionCheck?) throws -> Table {
        let counts = try count(corpus, options, check: check)
        let entries = counts.pairs.entries
        let kept = KeptEntries(count: entries.count, minCount: minCount) { Int(entries[$0].count) }
        let ranked = bestIndices(count: kept.count, limit: top) { a, b in
            let ea = kept[a], eb = kept[b]
            if entries[ea].count != entries[eb].count { return entries[ea].count > entries[eb].count }
            return counts.textPrecedes(ea, eb)
        }.map { kept[$0] }
        return Table(trusted: ["term", "count", "documents"], rows: ranked.map { e in
            [.text(counts.withText(e) { String(decoding: $0, as: UTF8.self) }), .int(Int(entries[e].count)), .int(Int(entries[e].documents))]
        })
    }
}
