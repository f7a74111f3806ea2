// CitationLinker.swift: links each reference to the corpus document it cites, so that local
// citation counts mean something. A reference is matched, in this order:
//   1. by DOI, when both have one;
//   2. by OpenAlex work id, when the reference is one ("https://openalex.org/W...");
//   3. by the first author's family name and the year, and then either a title similarity of at
//      least `titleThreshold` (the Dice coefficient of the two titles' word sets), or, when the
//      reference has no title, a source that abbreviates the document's journal ("J POLYM SCI"
//      for "Journal of Polymer Science"), provided only one candidate passes.
// Everything is a hash lookup: no pair of references and documents is compared unless they share
// a first author and a year, so the pass stays near linear on large corpora.
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

/// Which corpus document each reference cites, and how many corpus documents cite each document.
package struct CitationIndex: Sendable {
    /// Per reference of the store: the store row of the document it cites, or -1.
    package let targets: [Int32]
    /// Per document of the store: how many documents of the corpus cite it.
    package let citedBy: [Int32]
    /// How many references were linked.
    package let linked: Int

    package func target(ofReference i: Int) -> Int? { targets[i] < 0 ? nil : Int(targets[i]) }
}

package enum CitationLinker {
    /// The smallest Dice coefficient of word sets for two titles to count as the same work.
    package static let titleThreshold = 0.8

    /// The links of every reference of the store to the documents they cite.
    package static func link(_ store: DocumentStore) -> CitationIndex {
        let documents = store.count
        guard documents > 0 else { return CitationIndex(targets: [], citedBy: [], linked: 0) }
        var byDOI: [String: Int] = [:]
        var byID: [String: Int] = [:]
        var byAuthorYear: [UInt64: [Int]] = [:]
        for row in 0 ..< documents {
            if let doi = store.doi.optional(row).map(DOI.key), byDOI[doi] == nil { byDOI[doi] = row }
            let id = store.id.string(row)
            if id.hasPrefix("W") { byID[id] = row }
            if let key = authorYearKey(store.authorNames, store.authors.range(row), store.year[row]) {
                byAuthorYear[key, default: []].append(row)
            }
        }
        let titleWords = CitationLinker.titleWords(store)
        // Matching runs in parallel over chunks of citing documents; each chunk returns its links.
        let snapshot = store
        let chunkCount = Parallel.chunkCount(documents, perWorker: 8)
        var found = [[(reference: Int, citing: Int32, target: Int32)]](repeating: [], count: chunkCount)
        found.withUnsafeMutableBufferPointer { results in
            let out = results
            Parallel.forEachChunk(documents, chunks: chunkCount) { chunk, rows in
                var links: [(reference: Int, citing: Int32, target: Int32)] = []
                for row in rows {
                    for i in snapshot.references.range(row) {
                        guard let target = match(i, snapshot.referenceTable, snapshot, byDOI, byID, byAuthorYear, titleWords),
                              target != row else { continue }
                        links.append((i, Int32(row), Int32(target)))
                    }
                }
                out[chunk] = links
            }
        }
        var targets = [Int32](repeating: -1, count: store.referenceTable.count)
        var citers = [Set<Int32>](repeating: [], count: documents)
        var linked = 0
        for links in found {
            for link in links {
                targets[link.reference] = link.target
                citers[Int(link.target)].insert(link.citing)
                linked += 1
            }
        }
        return CitationIndex(targets: targets, citedBy: citers.map { Int32($0.count) }, linked: linked)
    }

    /// Each document's title words as sorted hashes, made once in parallel.
    package static func titleWords(_ store: DocumentStore) -> [[UInt64]] {
        var words = [[UInt64]](repeating: [], count: store.count)
        words.withUnsafeMutableBufferPointer { out in
            let out = out
            Parallel.forEachChunk(store.count, chunks: Parallel.chunkCount(store.count, perWorker: 8)) { _, rows in
                for row in rows { out[row] = wordHashes(store.title.string(row)) }
            }
        }
        return words
    }

    private static func match(_ i: Int, _ refs: ReferenceTable, _ store: DocumentStore, _ byDOI: [String: Int],
                              _ byID: [String: Int], _ byAuthorYear: [UInt64: [Int]], _ titleWords: [[UInt64]]) -> Int? {
        if let doi = refs.doi.optional(i), let row = byDOI[DOI.key(doi)] { return row }
        if !byID.isEmpty {
            let raw = refs.raw.string(i)
            if raw.hasPrefix("https://openalex.org/W") { return byID[String(raw.dropFirst("https://openalex.org/".count))] }
        }
        guard let key = refs.raw.withBytes(i, { authorYearKey(refs.authorNames.of(base: $0), refs.authors.range(i), refs.year[i]) }),
              var candidates = byAuthorYear[key] else { return nil }
        // A reference whose DOI is no document's is never the work of a document with a DOI.
        if !refs.doi.isEmpty(i) { candidates = candidates.filter { store.doi.isEmpty($0) } }
        if let title = refs.title.optional(i) {
            let words = wordHashes(title)
            let passing = candidates.filter { dice(words, titleWords[$0]) >= titleThreshold }
            return passing.count == 1 ? passing[0] : nil
        }
        if let written = refs.container.optional(i) {
            let source = withoutVolume(written)
            let passing = candidates.filter { row in store.journal.optional(row).map { abbreviates(source, $0) } ?? false }
            return passing.count == 1 ? passing[0] : nil
        }
        return nil
    }

    /// A source without a volume written after it ("ADVANCES IN CONSUMER RESEARCH, VOL 26").
    static func withoutVolume(_ source: String) -> String {
        for marker in [", VOL ", ", Vol ", ", Vol. ", " VOL "] {
            if let r = source.range(of: marker, options: .backwards), source[r.upperBound...].allSatisfy({ $0.isNumber || $0 == " " }) {
                return String(source[..<r.lowerBound])
            }
        }
        return source
    }

    /// A hash of the first author's family name (folded for case and accents, letters and digits
    /// only, and "ae", "oe", "ue" read as the bare vowel, as a database that writes "Meyer-Broetz"
    /// for "Meyer-Brötz" and one that writes "Meyer-Brotz" differ) and the year.
    package static func authorYearKey(_ names: some AuthorValues, _ range: Range<Int>, _ year: Int?) -> UInt64? {
        guard let year, let first = range.first else { return nil }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var letters = 0
        func add(_ c: UInt8) { h = (h ^ UInt64(c)) &* 0x100_0000_01B3 }
        let ascii: Bool = names.withFamily(first) { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            var previous: UInt8 = 0
            for c in bytes {
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                guard (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) else { continue }
                if lower == 0x65 && (previous == 0x61 || previous == 0x6F || previous == 0x75) { previous = lower; continue }
                add(lower)
                letters += 1
                previous = lower
            }
            return true
        }
        if !ascii {
            let family = names.withFamily(first) { String(decoding: $0, as: UTF8.self) }
            for c in MatchKeys.familyKey(family).utf8 { add(c); letters += 1 }
        }
        guard letters > 0 else { return nil }
        return (h ^ UInt64(bitPattern: Int64(year))) &* 0x100_0000_01B3
    }

    /// The distinct words of a text as sorted 64-bit hashes (FNV-1a of the normalised word).
    package static func wordHashes(_ text: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for c in MatchKeys.normalisedWords(text).utf8 {
            if c == 0x20 {
                if inWord { hashes.append(h) }
                h = 0xCBF2_9CE4_8422_2325
                inWord = false
            } else {
                h = (h ^ UInt64(c)) &* 0x100_0000_01B3
                inWord = true
            }
        }
        if inWord { hashes.append(h) }
        hashes.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(hashes.count)
        for x in hashes where unique.last != x { unique.append(x) }
        return unique
    }

    /// The Dice coefficient of two sorted hash sets, by merging them.
    package static func dice(_ a: [UInt64], _ b: [UInt64]) -> Double {
        let total = a.count + b.count
        guard total > 0 else { return 0 }
        // Dice can reach the threshold only when the sizes are close enough.
        if Double(2 * min(a.count, b.count)) / Double(total) < titleThreshold { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return 2 * Double(common) / Double(total)
    }

    private static let skippable: Set<String> = ["of", "the", "and", "part", "a", "b", "c", "d", "for", "in", "on", "de", "la", "und", "der"]

    /// True when each word of `short` begins a word of `full`, in order, skipping only short
    /// function words and letters of `full` ("J POLYM SCI POL PHYS" and "Journal of Polymer
    /// Science Part B-Polymer Physics").
    package static func abbreviates(_ short: String, _ full: String) -> Bool {
        let s = MatchKeys.normalisedWords(short).split(separator: " ")
        let f = MatchKeys.normalisedWords(full).split(separator: " ")
        guard !s.isEmpty else { return false }
        var k = 0
        for word in s {
            while k < f.count && !f[k].hasPrefix(word) {
                guard skippable.contains(String(f[k])) else { return false }
                k += 1
            }
            guard k < f.count else { return false }
            k += 1
        }
        return f[k...].allSatisfy { skippable.contains(String($0)) }
    }
}
