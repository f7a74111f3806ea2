// DocumentMerger.swift: finds records of the same document read from several files (or twice
// from one) and merges them: the same DOI, or else the same normalised title, year and first
// author's family name. The merged document keeps the most complete value of each field and
// lists the other records it absorbed in `mergedSources`.
import Foundation

package enum DocumentMerger {
    /// The store with duplicates merged, and how many records were merged into others. The store
    /// is returned as it is when there is nothing to merge.
    package static func merge(_ store: DocumentStore) -> (DocumentStore, merged: Int) {
        merge(store, groups: duplicateGroups(store))
    }

    /// The store with the rows of each group (found by a `DuplicateFinder` as the store was
    /// joined) merged into the group's first.
    static func merge(_ store: DocumentStore, groups: [[Int]]) -> (DocumentStore, merged: Int) {
        guard !groups.isEmpty else { return (store, 0) }
        var absorbed = Set<Int>()
        var primaryOf: [Int: [Int]] = [:]
        for g in groups {
            primaryOf[g[0]] = g
            for r in g.dropFirst() { absorbed.insert(r) }
        }
        // Rows untouched by merging are copied column by column in runs; only merged documents
        // are rebuilt.
        var result = DocumentStore()
        var runStart = 0
        func copyRun(upTo row: Int) {
            if runStart < row { result.append(rows: runStart ..< row, of: store) }
        }
        for row in 0 ..< store.count where absorbed.contains(row) || primaryOf[row] != nil {
            copyRun(upTo: row)
            runStart = row + 1
            if let group = primaryOf[row] { result.append(merged(group.map { store.document($0) })) }
        }
        copyRun(upTo: store.count)
        return (result, absorbed.count)
    }

    /// Groups of store rows holding one document, each in load order; singletons are left out.
    static func duplicateGroups(_ store: DocumentStore) -> [[Int]] {
        var finder = DuplicateFinder()
        finder.add(matchKeys(store))
        return finder.groups()
    }

    /// Each row's normalised DOI and title key, computed in parallel (they are most of the cost
    /// of finding duplicates).
    private static func matchKeys(_ store: DocumentStore) -> [DuplicateFinder.Keys] {
        var keys = [DuplicateFinder.Keys](repeating: (nil, nil), count: store.count)
        let chunk = 2048
        keys.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: (store.count + chunk - 1) / chunk) { c in
                for row in c * chunk ..< min(store.count, (c + 1) * chunk) {
                    out[row] = DuplicateFinder.keys(store, row)
                }
            }
        }
        return keys
    }

    static func normalisedDOI(_ doi: String) -> String {
        CitationText.cleanDOI(doi).lowercased()
    }

    /// `normalisedDOI` of a DOI's bytes: an ASCII one (the usual case) cleaned and lower-cased
    /// on its bytes, with one string made at the end.
    static func normalisedDOI(bytes b: UnsafeBufferPointer<UInt8>) -> String {
        guard b.isASCII(0 ..< b.count) else { return normalisedDOI(String(decoding: b, as: UTF8.self)) }
        var r = b.trimmedSpaces(0 ..< b.count)
        for prefix in CitationText.doiPrefixes {
            prefix.withUTF8Bytes { p in
                if r.count >= p.count && b.hasPrefix(p, at: r.lowerBound) { r = r.lowerBound + p.count ..< r.upperBound }
            }
        }
        r = b.trimmedSpaces(r)
        return String(unsafeUninitializedCapacity: r.count) { out in
            for k in 0 ..< r.count { out[k] = UTF8Class.asciiLower(b[r.lowerBound + k]) }
            return r.count
        }
    }

    /// "title words|year|family" with case, accents and punctuation ignored; nil when the record
    /// lacks a title, year or author.
    static func titleKey(_ store: DocumentStore, _ row: Int) -> String? {
        guard let year = store.year[row], let firstAuthor = store.authors.range(row).first else { return nil }
        var key: [UInt8] = []
        key.reserveCapacity(store.title.range(row).count + 32)
        let characters = store.title.withBytes(row) { appendNormalisedWords($0, to: &key) }
        guard characters >= 10 else { return nil }
        key.append(UInt8(ascii: "|"))
        key.append(contentsOf: String(year).utf8)
        key.append(UInt8(ascii: "|"))
        _ = store.authorNames.family.withBytes(firstAuthor) { appendNormalisedWords($0, to: &key) }
        return String(decoding: key, as: UTF8.self)
    }

    /// Lower-case letters and digits, accents removed, words joined by single spaces.
    static func normalisedWords(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        _ = text.withUTF8 { appendNormalisedWords($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the normalised words of `b` to `out`; returns how many characters it appended.
    static func appendNormalisedWords(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Int {
        guard b.isASCII(0 ..< b.count) else {
            let folded = String(decoding: b, as: UTF8.self).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
            out.append(contentsOf: words.utf8)
            return words.count
        }
        // ASCII: lower-case letters and digits, one space between words, no Foundation. Written
        // in place into room made for the whole text, then cut to what was written.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: b.count))
        let end = out.withUnsafeMutableBufferPointer { o in
            var n = start
            for c in b {
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    o[n] = lower
                    n += 1
                } else if n > start && o[n - 1] != 0x20 {
                    o[n] = 0x20
                    n += 1
                }
            }
            return n > start && o[n - 1] == 0x20 ? n - 1 : n
        }
        out.removeSubrange(end...)
        return end - start
    }

    /// One document from several records of it (the first is the primary), each field taken from
    /// the record that has the most of it.
    static func merged(_ records: [Document]) -> Document {
        var d = records[0]
        func richest<T>(_ value: (Document) -> T?, _ size: (T) -> Int) -> T? {
            records.compactMap(value).max { size($0) < size($1) }
        }
        d.title = richest({ $0.title }, { $0.count }) ?? d.title
        d.abstract = richest({ $0.abstract }, { $0.count })
        if let best = records.max(by: { $0.sections.count < $1.sections.count }), !best.sections.isEmpty, best.abstract == d.abstract {
            d.sections = best.sections
        } else if d.sections.first.map({ d.abstract?.contains($0.text) != true }) == true {
            d.sections = []
        }
        // Authors: the most names, and among equals the list with the most full given names.
        d.authors = records.map(\.authors).max { ($0.count, $0.filter { $0.given != nil }.count) < ($1.count, $1.filter { $0.given != nil }.count) } ?? d.authors
        d.affiliations = richest({ $0.affiliations }, { $0.count }) ?? []
        d.keywords = richest({ $0.keywords }, { $0.count }) ?? []
        d.references = richest({ $0.references }, { $0.count }) ?? []
        d.doi = d.doi ?? records.lazy.compactMap(\.doi).first
        d.year = d.year ?? records.lazy.compactMap(\.year).first
        d.language = d.language ?? records.lazy.compactMap(\.language).first
        d.journal = richest({ $0.journal }, { $0.count })
        d.citations = records.compactMap(\.citations).max()
        d.mergedSources = records.dropFirst().flatMap { [$0.source] + $0.mergedSources }
        d.flagSelfCitations()
        return d
    }
}

/// Finds the rows that hold one document as rows arrive in load order: the same DOI, or else the
/// same title key (title, year and first author) with no two different DOIs. Loading feeds it each
/// chunk's keys as the chunk is joined (the keys made by the thread that read the chunk), so the
/// work is done while other files are still being read rather than after the last one.
struct DuplicateFinder {
    typealias Keys = (doi: MatchKey?, title: MatchKey?)

    /// A match key and its hash, computed where the keys are made (in parallel, chunk by chunk)
    /// so that the finder's indexes place a row by one integer, not the key's text.
    struct MatchKey: Equatable {
        let text: String
        let hash: UInt64

        init(_ text: String) {
            self.text = text
            hash = text.withUTF8Bytes { ContentHash.of(UnsafeRawBufferPointer($0)) }
        }

        static func == (a: MatchKey, b: MatchKey) -> Bool { a.hash == b.hash && a.text == b.text }
    }

    private var parent: [Int] = []
    private var keys: [Keys] = []
    private var byDOI = KeyIndex()
    private var byTitle = KeyIndex()

    /// The match keys of row `row` of `store`: its normalised DOI and title key.
    static func keys(_ store: DocumentStore, _ row: Int) -> Keys {
        let doi = store.doi.isEmpty(row) ? nil : store.doi.withBytes(row) { MatchKey(DocumentMerger.normalisedDOI(bytes: $0)) }
        return (doi, DocumentMerger.titleKey(store, row).map(MatchKey.init))
    }

    /// The match keys of every row of `store`, in order.
    static func keys(_ store: DocumentStore) -> [Keys] {
        (0 ..< store.count).map { keys(store, $0) }
    }

    /// Adds rows with these keys, numbered on from the rows added before.
    mutating func add(_ newKeys: [Keys]) {
        for k in newKeys {
            let row = keys.count
            parent.append(row)
            keys.append(k)
            if let doi = k.doi, !doi.text.isEmpty {
                if let first = byDOI.firstRow(doi, adding: row, in: keys, \.doi) { union(first, row) }
            }
            guard let title = k.title else { continue }
            if let first = byTitle.firstRow(title, adding: row, in: keys, \.title) {
                // Two records with different DOIs are different works, however alike their titles.
                let otherDOI = keys[first].doi
                if k.doi == nil || otherDOI == nil || k.doi == otherDOI { union(first, row) }
            }
        }
    }

    /// The first row of each match key: an open-addressing table of the keys' hashes and rows
    /// (12 bytes a row, no hashing of the text); a hash found is confirmed by comparing texts.
    private struct KeyIndex {
        private var rows: [Int32] = []    // row + 1; 0 for an empty slot
        private var hashes: [UInt64] = []
        private var count = 0

        /// The first row added with `key`; nil when there is none, and then `row` is added as
        /// its first. A row's key is `keys[row][keyPath: which]`.
        mutating func firstRow(_ key: MatchKey, adding row: Int, in keys: [Keys], _ which: KeyPath<Keys, MatchKey?>) -> Int? {
            if (count + 1) * 4 > rows.count * 3 { grow() }
            let mask = rows.count - 1
            var slot = KeyIndex.slot(key.hash, mask)
            while rows[slot] != 0 {
                let other = Int(rows[slot] - 1)
                if hashes[slot] == key.hash, keys[other][keyPath: which]?.text == key.text { return other }
                slot = (slot + 1) & mask
            }
            rows[slot] = Int32(row + 1)
            hashes[slot] = key.hash
            count += 1
            return nil
        }

        private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        }

        /// Doubles the table (at least 1,024 slots), placing each row again by its hash.
        private mutating func grow() {
            let oldRows = rows, oldHashes = hashes
            let size = max(1024, rows.count * 2)
            rows = [Int32](repeating: 0, count: size)
            hashes = [UInt64](repeating: 0, count: size)
            for (r, h) in zip(oldRows, oldHashes) where r != 0 {
                var slot = KeyIndex.slot(h, size - 1)
                while rows[slot] != 0 { slot = (slot + 1) & (size - 1) }
                rows[slot] = r
                hashes[slot] = h
            }
        }
    }

    /// Groups of rows holding one document, each in load order, in order of their first rows;
    /// rows alone are left out.
    func groups() -> [[Int]] {
        var finder = self  // finding roots compresses paths: in a copy, so this stays a reading
        // A group's root is its first row (union keeps the smaller), so visiting rows in order
        // gives the groups in order of their first rows, each in load order. Most rows are alone:
        // only the rows of groups of two or more are gathered.
        var size = [Int32](repeating: 0, count: parent.count)
        for row in parent.indices { size[finder.find(row)] += 1 }
        var groups: [[Int]] = []
        var groupOfRoot: [Int: Int] = [:]
        for row in parent.indices {
            let root = finder.find(row)
            guard size[root] > 1 else { continue }
            if root == row {
                groupOfRoot[root] = groups.count
                groups.append([row])
            } else {
                groups[groupOfRoot[root]!].append(row)
            }
        }
        return groups
    }

    private mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }

    private mutating func union(_ a: Int, _ b: Int) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
