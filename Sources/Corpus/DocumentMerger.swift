// DocumentMerger.swift: finds records of the same document read from several files (or twice
// from one) and merges them: the same DOI, or else the same normalised title, year and first
// author's family name. The merged document keeps the most complete value of each field (the
// longest reference list, its references completed from the other lists' by key) and lists the
// other records it absorbed in `mergedSources`.
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

package enum DocumentMerger {
    /// The store with duplicates merged, and how many records were merged into others. The store
    /// is returned as it is when there is nothing to merge.
    package static func merge(_ store: DocumentStore) -> (DocumentStore, merged: Int) {
        merge(store, groups: duplicateGroups(store))
    }

    /// The store with the rows of each group (found by a `DuplicateFinder` as the store was
    /// joined) merged into the group's first.
    package static func merge(_ store: DocumentStore, groups: [[Int]]) -> (DocumentStore, merged: Int) {
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
    package static func duplicateGroups(_ store: DocumentStore) -> [[Int]] {
        var finder = DuplicateFinder()
        finder.add(matchKeys(store))
        return finder.groups()
    }

    /// Each row's normalised DOI and title key, computed in parallel (they are most of the cost
    /// of finding duplicates).
    private static func matchKeys(_ store: DocumentStore) -> [DuplicateFinder.Keys] {
        var keys = [DuplicateFinder.Keys](repeating: (nil, nil), count: store.count)
        keys.withUnsafeMutableBufferPointer { out in
            let out = out
            Parallel.forEachChunk(store.count, size: 2048) { _, rows in
                for row in rows { out[row] = DuplicateFinder.keys(store, row) }
            }
        }
        return keys
    }

    /// The title key of row `row` (see `MatchKeys.title`).
    package static func titleKey(_ store: DocumentStore, _ row: Int) -> String? {
        guard let year = store.year[row], let firstAuthor = store.authors.range(row).first else { return nil }
        return store.title.withBytes(row) { title in
            store.authorNames.family.withBytes(firstAuthor) { MatchKeys.title(title, year: year, firstAuthorFamily: $0) }
        }
    }

    /// One document from several records of it (the first is the primary), each field taken from
    /// the record that has the most of it.
    package static func merged(_ records: [Document]) -> Document {
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
        d.references = reconciledReferences(records.map(\.references))
        d.doi = d.doi ?? records.lazy.compactMap(\.doi).first
        d.year = d.year ?? records.lazy.compactMap(\.year).first
        d.language = d.language ?? records.lazy.compactMap(\.language).first
        d.journal = richest({ $0.journal }, { $0.count })
        d.citations = records.compactMap(\.citations).max()
        d.mergedSources = records.dropFirst().flatMap { [$0.source] + $0.mergedSources }
        d.flagSelfCitations()
        return d
    }

    /// One reference list from several databases' lists of one document's references: the longest
    /// list (the first of equals), each of its references completed by the fields it lacks from
    /// the reference to the same work in the other lists, matched by DOI or by the work's key
    /// (`MatchKeys.work`). WoS gives DOIs and Scopus titles; the merged reference has both.
    static func reconciledReferences(_ lists: [[Reference]]) -> [Reference] {
        guard let longest = lists.indices.max(by: { lists[$0].count < lists[$1].count || (lists[$0].count == lists[$1].count && $0 > $1) }) else { return [] }
        var merged = lists[longest]
        guard lists.count > 1, !merged.isEmpty else { return merged }
        func keys(_ r: Reference) -> [String] {
            var keys: [String] = []
            if let doi = r.doi { keys.append("doi:" + DOI.key(doi)) }
            if let work = MatchKeys.work(family: r.authors.first?.family, year: r.year, container: r.container, volume: r.volume, pages: r.pages, title: r.title) {
                keys.append(work)
            }
            return keys
        }
        var rowOfKey: [String: Int] = [:]
        for (row, r) in merged.enumerated() {
            for key in keys(r) where rowOfKey[key] == nil { rowOfKey[key] = row }
        }
        var completed = Set<Int>()
        for (i, list) in lists.enumerated() where i != longest {
            for other in list {
                guard let row = keys(other).lazy.compactMap({ rowOfKey[$0] }).first, !completed.contains(row) else { continue }
                completed.insert(row)
                var r = merged[row]
                r.doi = r.doi ?? other.doi
                r.title = r.title ?? other.title
                r.container = r.container ?? other.container
                r.year = r.year ?? other.year
                r.volume = r.volume ?? other.volume
                r.issue = r.issue ?? other.issue
                r.pages = r.pages ?? other.pages
                r.language = r.language ?? other.language
                if r.authors.count < other.authors.count { r.authors = other.authors }
                merged[row] = r
            }
        }
        return merged
    }
}

/// Finds the rows that hold one document as rows arrive in load order: the same DOI, or else the
/// same title key (title, year and first author) with no two different DOIs. Loading feeds it each
/// chunk's keys as the chunk is joined (the keys made by the thread that read the chunk), so the
/// work is done while other files are still being read rather than after the last one.
package struct DuplicateFinder {
    package typealias Keys = (doi: MatchKey?, title: MatchKey?)

    /// A match key and its hash, computed where the keys are made (in parallel, chunk by chunk)
    /// so that the finder's indexes place a row by one integer, not the key's text.
    package struct MatchKey: Equatable {
        package let text: String
        package let hash: UInt64

        package init(_ text: String) {
            self.text = text
            hash = text.withUTF8Bytes { ContentHash.of(UnsafeRawBufferPointer($0)) }
        }

        package static func == (a: MatchKey, b: MatchKey) -> Bool { a.hash == b.hash && a.text == b.text }
    }

    private var parent: [Int] = []
    private var keys: [Keys] = []
    private var byDOI = KeyIndex()
    private var byTitle = KeyIndex()

    /// The match keys of row `row` of `store`: its normalised DOI and title key.
    package static func keys(_ store: DocumentStore, _ row: Int) -> Keys {
        let doi = store.doi.isEmpty(row) ? nil : store.doi.withBytes(row) { MatchKey(DOI.key(bytes: $0)) }
        return (doi, DocumentMerger.titleKey(store, row).map(MatchKey.init))
    }

    /// The match keys of every row of `store`, in order.
    package static func keys(_ store: DocumentStore) -> [Keys] {
        (0 ..< store.count).map { keys(store, $0) }
    }

    /// Adds rows with these keys, numbered on from the rows added before.
    package mutating func add(_ newKeys: [Keys]) {
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
        package mutating func firstRow(_ key: MatchKey, adding row: Int, in keys: [Keys], _ which: KeyPath<Keys, MatchKey?>) -> Int? {
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
    package func groups() -> [[Int]] {
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
