// CorpusCache.swift: the parsed documents of a corpus kept on disk, so a scheduled job that reads
// the same large corpus again re-parses only what changed. One pack file per corpus (per list of
// paths) holds the corpus's columns and, for each source file, its key (path, size, modification
// time, content hash), its format, its diagnostics and the rows it gave. A file whose size and
// time match its key is taken from the pack without being read; a file touched without changing
// (same content hash) is taken too; a new or changed file is parsed. A change of less than a
// tenth of the rows goes to a delta pack beside the pack (whose entries override the pack's); a
// larger one, or a deleted file, rewrites the pack whole (atomically) and drops the delta. Packs
// are Arrow IPC files (`StorePack`), mapped and used in place; their list of files carries a
// checksum, and their columns are checked as they are mapped: a damaged pack, or one of another
// version, is ignored and rebuilt, never trusted.
import Arrow
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

package final class CorpusCache: @unchecked Sendable {
    package let folder: URL
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0, rejected: 0)

    package init(folder: URL) {
        self.folder = folder
    }

    /// Since the cache was opened: files taken from it, files parsed, and packs found damaged.
    package var statistics: (hits: Int, misses: Int, rejected: Int) {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    package func count(hits: Int = 0, misses: Int = 0, rejected: Int = 0) {
        lock.lock()
        counts.hits += hits
        counts.misses += misses
        counts.rejected += rejected
        lock.unlock()
    }

    /// The pack of the corpus given by `paths`.
    package func packURL(_ paths: [String]) -> URL {
        folder.appendingPathComponent(String(ContentHash.of(Array(paths.joined(separator: "\u{0}").utf8)), radix: 16) + ".arrow")
    }

    /// The identity of a source file: what its entry must match.
    package struct Key: Equatable {
        package var path: String
        package var size: Int
        package var modified: Int64
        package var contentHash: UInt64
        /// The format forced with --format, if any.
        package var format: String
    }

    /// One source file's entry: its key, what reading it gave, and its rows in the pack's store.
    package struct Entry {
        package var key: Key
        package var format: CorpusFormat?
        package var diagnostics: [Diagnostic]
        package var rows: Range<Int>
    }

    /// A corpus's pack as loaded: the entries by path and the store they index.
    package struct Pack {
        package var entries: [String: Entry]
        package var store: DocumentStore
        /// The store's groups of duplicate rows (a whole pack's; none for a delta pack), found when
        /// it was written, so that a load with nothing changed does not look for them again.
        package var duplicates: [[Int]]? = nil
        package static let empty = Pack(entries: [:], store: DocumentStore())
    }

    /// Size and modification time (in nanoseconds) of a file, from one stat call.
    package static func stamp(_ path: String) -> (size: Int, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    // MARK: Reading and writing packs

    /// The delta pack of a corpus: the files parsed since its pack was last written whole.
    package func deltaURL(_ paths: [String]) -> URL { packURL(paths).deletingPathExtension().appendingPathExtension("delta.arrow") }

    /// Reads the pack of a corpus; a missing pack is empty, a damaged one is counted and empty.
    package func open(_ paths: [String]) -> Pack { read(packURL(paths)) }

    /// Reads the delta pack of a corpus, if any.
    package func openDelta(_ paths: [String]) -> Pack { read(deltaURL(paths)) }

    package func removeDelta(_ paths: [String]) { try? FileManager.default.removeItem(at: deltaURL(paths)) }

    private func read(_ url: URL) -> Pack {
        guard FileManager.default.fileExists(atPath: url.path) else { return .empty }
        guard let pack = try? Self.readPack(url.path) else {
            count(rejected: 1)
            return .empty
        }
        return pack
    }

    /// A pack's entries and store (its columns mapped in place); throws when it is not a pack of
    /// this version, its entries do not match their checksum, or its columns do not fit.
    static func readPack(_ path: String) throws -> Pack {
        let file = try ArrowFile(path: path)
        let metadata = file.schema.metadata
        guard let text = metadata.first(where: { $0.key == entriesKey })?.value,
              let sum = metadata.first(where: { $0.key == checksumKey })?.value else {
            throw ArrowError("the pack's list of files is missing")
        }
        let groups = metadata.first(where: { $0.key == duplicatesKey })?.value
        guard sum == checksum(text, groups) else { throw ArrowError("the pack's list of files is damaged") }
        let store = try StorePack.read(file)
        let entries = try EntryList.decode(text, rows: store.count)
        return Pack(entries: entries, store: store, duplicates: try groups.map { try decodeGroups($0, rows: store.count) })
    }

    private static let entriesKey = "scriptorium.cache.files", checksumKey = "scriptorium.cache.checksum"
    private static let duplicatesKey = "scriptorium.cache.duplicates"

    private static func checksum(_ entries: String, _ groups: String?) -> String {
        String(ContentHash.of(Array((entries + "\u{0}" + (groups ?? "")).utf8)), radix: 16)
    }

    /// Groups of duplicate rows, a line each, rows apart by spaces.
    private static func encodeGroups(_ groups: [[Int]]) -> String {
        groups.map { $0.map(String.init).joined(separator: " ") + "\n" }.joined()
    }

    private static func decodeGroups(_ text: String, rows: Int) throws -> [[Int]] {
        try text.split(separator: "\n").map { line in
            let group = line.split(separator: " ").compactMap { Int($0) }
            guard group.count >= 2, group.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw ArrowError("the pack's duplicates are damaged") }
            return group
        }
    }

    /// Writes a corpus's pack, or its delta pack (renamed into place, so a reader never sees half).
    /// Returns the duplicate groups a whole pack keeps (found here, for the load to merge by).
    @discardableResult
    package func write(_ paths: [String], entries: [Entry], store: DocumentStore, delta: Bool = false) -> [[Int]]? {
        let url = delta ? deltaURL(paths) : packURL(paths)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = EntryList.encode(entries)
        // A whole pack keeps its duplicate groups; a delta pack is never the corpus as it is.
        let duplicates = delta ? nil : DocumentMerger.duplicateGroups(store)
        let groups = duplicates.map(Self.encodeGroups)
        var metadata = [ArrowKeyValue(key: Self.entriesKey, value: text), ArrowKeyValue(key: Self.checksumKey, value: Self.checksum(text, groups))]
        if let groups { metadata.append(ArrowKeyValue(key: Self.duplicatesKey, value: groups)) }
        // A pack that cannot be written is only a cache miss next time.
        try? StorePack.write(store, to: url.path, metadata: metadata)
        return duplicates
    }
}

/// A pack's list of files as its metadata keeps it: a line per file (path, size, modification time,
/// content hash, forced format, format, first and last row, number of diagnostics), then a line per
/// diagnostic (severity, line, path, message); fields apart by tabs, each escaped (%, tab and
/// line feed as %25, %09, %0A). Read by hand: a decoder of JSON took half of a cached load.
enum EntryList {
    static func encode(_ entries: [CorpusCache.Entry]) -> String {
        var out = ""
        func escape(_ s: String) -> String {
            s.contains(where: { $0 == "%" || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                ? s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
                    .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
                : s
        }
        for e in entries {
            let fields = [escape(e.key.path), String(e.key.size), String(e.key.modified), String(e.key.contentHash, radix: 16), escape(e.key.format),
                          e.format?.rawValue ?? "", String(e.rows.lowerBound), String(e.rows.upperBound), String(e.diagnostics.count)]
            out += fields.joined(separator: "\t") + "\n"
            for d in e.diagnostics {
                out += [d.severity.rawValue, d.line.map(String.init) ?? "", escape(d.path), escape(d.message)].joined(separator: "\t") + "\n"
            }
        }
        return out
    }

    static func decode(_ text: String, rows: Int) throws -> [String: CorpusCache.Entry] {
        var text = text
        return try text.withUTF8 { try decode(bytes: $0, rows: rows) }
    }

    /// Decodes the list from its bytes, field by field (splitting the text as Strings took half
    /// of a cached load).
    private static func decode(bytes b: UnsafeBufferPointer<UInt8>, rows: Int) throws -> [String: CorpusCache.Entry] {
        let bad = ArrowError("the pack's list of files is damaged")
        var at = 0
        /// The fields of the next line.
        func line() -> [Range<Int>]? {
            guard at < b.count else { return nil }
            var fields: [Range<Int>] = []
            var start = at
            while at < b.count && b[at] != 0x0A {
                if b[at] == 0x09 { fields.append(start ..< at); start = at + 1 }
                at += 1
            }
            fields.append(start ..< at)
            at += 1
            return fields
        }
        func text(_ r: Range<Int>) -> String {
            let s = String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
            guard b[r].contains(0x25) else { return s }
            return s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
                .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
        }
        func number(_ r: Range<Int>, radix: UInt64 = 10) -> UInt64? {
            guard !r.isEmpty, r.count <= 20 else { return nil }
            var v: UInt64 = 0
            var negative = false
            for k in r {
                let c = b[k]
                if k == r.lowerBound && c == 0x2D { negative = true; continue }
                let d: UInt64
                switch c {
                case 0x30 ... 0x39: d = UInt64(c - 0x30)
                case 0x61 ... 0x66 where radix == 16: d = UInt64(c - 0x61 + 10)
                default: return nil
                }
                let (m, o1) = v.multipliedReportingOverflow(by: radix)
                let (n, o2) = m.addingReportingOverflow(d)
                guard !o1, !o2 else { return nil }
                v = n
            }
            return negative ? UInt64(bitPattern: -Int64(clamping: v)) : v
        }
        var entries: [String: CorpusCache.Entry] = [:]
        entries.reserveCapacity(b.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
        while let f = line() {
            guard f.count == 9, let size = number(f[1]), let modified = number(f[2]), let hash = number(f[3], radix: 16),
                  let low = number(f[6]), let high = number(f[7]), let count = number(f[8]),
                  low <= high, high <= UInt64(rows), count <= UInt64(b.count) else { throw bad }
            var diagnostics: [Diagnostic] = []
            for _ in 0 ..< Int(count) {
                guard let d = line(), d.count == 4, let severity = Diagnostic.Severity(rawValue: text(d[0])) else { throw bad }
                diagnostics.append(Diagnostic(severity, path: text(d[2]), line: number(d[1]).map { Int(clamping: $0) }, message: text(d[3])))
            }
            let path = text(f[0])
            entries[path] = CorpusCache.Entry(
                key: CorpusCache.Key(path: path, size: Int(clamping: size), modified: Int64(bitPattern: modified), contentHash: hash, format: text(f[4])),
                format: CorpusFormat(rawValue: text(f[5])), diagnostics: diagnostics, rows: Int(low) ..< Int(high))
        }
        return entries
    }
}

package extension CorpusLoader {
    /// Where a file's documents come from in a cached load.
    private enum Source {
        /// From the pack (`inDelta` false) or the delta pack.
        case pack(CorpusCache.Entry, inDelta: Bool, rekeyed: Bool)
        case parsed(chunk: Int, rows: Range<Int>, entry: CorpusCache.Entry)
        case unreadable(Diagnostic)
    }

    /// Parses through the cache: files that match the pack come from it, the others are parsed in
    /// parallel; the store keeps the order of `files`.
    /// The duplicate groups come along when the corpus is the pack's store as it is, or was just
    /// written as a whole pack.
    static func parse(files: [String], options: LoadOptions, paths: [String], cache: CorpusCache)
        -> (DocumentStore, [Diagnostic], [FileReport], duplicates: [[Int]]?) {
        let pack = cache.open(paths), delta = cache.openDelta(paths)
        let forced = options.format?.rawValue ?? ""
        let chunkCount = Parallel.chunkCount(files.count, perWorker: 8, threads: options.threads)
        let results = ChunkResults(chunks: chunkCount, files: files.count)
        Parallel.forEachChunk(files.count, chunks: chunkCount) { chunk, range in
            var store = DocumentStore()
            var buffer: [UInt8] = []
            var sources: [(Int, Source)] = []
            for index in range {
                let path = files[index]
                let inDelta = delta.entries[path] != nil
                let known = delta.entries[path] ?? pack.entries[path]
                let stamp = CorpusCache.stamp(path)
                // Size and time unchanged: the entry stands without reading the file.
                if let known, let stamp, known.key.size == stamp.size, known.key.modified == stamp.modified, known.key.format == forced {
                    sources.append((index, .pack(known, inDelta: inDelta, rekeyed: false)))
                    continue
                }
                guard FileSystem.read(path, into: &buffer) else {
                    sources.append((index, .unreadable(Diagnostic(path: path, message: "cannot be read, skipped"))))
                    continue
                }
                let key = CorpusCache.Key(path: path, size: stamp?.size ?? buffer.count, modified: stamp?.modified ?? 0,
                                          contentHash: ContentHash.of(buffer), format: forced)
                // Touched but not changed: the same content under a new time.
                if var known, known.key.contentHash == key.contentHash, known.key.size == key.size, known.key.format == forced {
                    known.key = key
                    sources.append((index, .pack(known, inDelta: inDelta, rekeyed: true)))
                    continue
                }
                let before = store.count
                let (format, diagnostics) = readBytes(&buffer, path: path, format: options.format, into: &store)
                let entry = CorpusCache.Entry(key: key, format: format, diagnostics: diagnostics, rows: 0 ..< 0)
                sources.append((index, .parsed(chunk: chunk, rows: before ..< store.count, entry: entry)))
            }
            results.deliver(chunk, store, sources)
        }
        // Rows of a pack keep their references' fields as text of their own: the rows of parsed
        // files do too when the two are joined, so that both copy in runs, not value by value.
        if results.sources.contains(where: { if case .pack = $0 { true } else { false } }),
           results.sources.contains(where: { if case .parsed = $0 { true } else { false } }) { results.makeWhole() }
        // Assemble in file order, copying runs of consecutive rows from one store at a time.
        // Stores: -1 the pack's, -2 the delta pack's, 0... the chunks'.
        func storeOf(_ source: Int) -> DocumentStore {
            source == -1 ? pack.store : source == -2 ? delta.store : results.stores[source]
        }
        var store = DocumentStore()
        var diagnostics: [Diagnostic] = []
        var reports: [FileReport] = []
        var entries: [CorpusCache.Entry] = []
        /// Files whose rows a delta pack would hold: parsed, touched, or already in the delta.
        var fresh: [(entry: CorpusCache.Entry, source: Int, rows: Range<Int>)] = []
        var hits = 0, misses = 0, touched = false, unchanged = false
        var run: (source: Int, rows: Range<Int>)?
        func flush() {
            guard let r = run, !r.rows.isEmpty else { run = nil; return }
            // Nothing changed: the pack's store is the corpus as it is.
            if store.count == 0, r.source == -1, r.rows == 0 ..< pack.store.count {
                store = pack.store
                unchanged = true
                run = nil
                return
            }
            if store.count == 0 {
                // Room for every store the rows come from, so that the copies are made once
                // (into pages asked for in one call each), never moved as the corpus grows.
                store.reserveCapacity(adding: [pack.store, delta.store] + results.stores)
            }
            store.append(rows: r.rows, of: storeOf(r.source))
            run = nil
        }
        func take(_ source: Int, _ rows: Range<Int>) {
            if let r = run, r.source == source, r.rows.upperBound == rows.lowerBound { run = (source, r.rows.lowerBound ..< rows.upperBound); return }
            flush()
            run = (source, rows)
        }
        for (index, source) in results.sources.enumerated() {
            let path = files[index]
            let start = store.count + (run?.rows.count ?? 0)
            switch source {
            case .pack(let entry, let inDelta, let rekeyed):
                hits += 1
                if rekeyed { touched = true }
                take(inDelta ? -2 : -1, entry.rows)
                entries.append(CorpusCache.Entry(key: entry.key, format: entry.format, diagnostics: entry.diagnostics, rows: start ..< start + entry.rows.count))
                if inDelta || rekeyed { fresh.append((entry, inDelta ? -2 : -1, entry.rows)) }
                diagnostics.append(contentsOf: entry.diagnostics)
                reports.append(FileReport(path: path, format: entry.format, documents: entry.rows.count, warnings: entry.diagnostics.count))
            case .parsed(let chunk, let rows, var entry):
                misses += 1
                take(chunk, rows)
                if entry.format != nil { fresh.append((entry, chunk, rows)) }
                entry.rows = start ..< start + rows.count
                if entry.format != nil { entries.append(entry) }
                diagnostics.append(contentsOf: entry.diagnostics)
                reports.append(FileReport(path: path, format: entry.format, documents: rows.count, warnings: entry.diagnostics.count))
            case .unreadable(let diagnostic):
                diagnostics.append(diagnostic)
                reports.append(FileReport(path: path, format: nil, documents: 0, warnings: 1))
            case .none:
                break
            }
        }
        flush()
        cache.count(hits: hits, misses: misses)
        // A file of the packs that was not listed: deleted. Each file listed and found used one
        // entry, so only when fewer were found than the packs hold is the listing searched.
        let known = pack.entries.count + delta.entries.keys.reduce(0) { $0 + (pack.entries[$1] == nil ? 1 : 0) }
        var deleted = false
        if hits < known {
            let listed = Set(files)
            deleted = pack.entries.keys.contains { !listed.contains($0) } || delta.entries.keys.contains { !listed.contains($0) }
        }
        guard misses > 0 || touched || deleted else { return (store, diagnostics, reports, unchanged ? pack.duplicates : nil) }
        // A small change goes to the delta pack, beside the pack as it is; a large one, or a
        // deleted file, rewrites the pack whole.
        let freshRows = fresh.reduce(0) { $0 + $1.rows.count }
        if !deleted, pack.store.count > 0, freshRows * 10 < pack.store.count {
            var deltaStore = DocumentStore()
            var deltaEntries: [CorpusCache.Entry] = []
            for item in fresh {
                let begin = deltaStore.count
                deltaStore.append(rows: item.rows, of: storeOf(item.source))
                var entry = item.entry
                entry.rows = begin ..< deltaStore.count
                deltaEntries.append(entry)
            }
            cache.write(paths, entries: deltaEntries, store: deltaStore, delta: true)
            return (store, diagnostics, reports, nil)
        }
        let duplicates = cache.write(paths, entries: entries, store: store)
        cache.removeDelta(paths)
        return (store, diagnostics, reports, duplicates)
    }

    /// The chunks' stores and each file's source, filled from several threads.
    private final class ChunkResults: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var stores: [DocumentStore]
        private(set) var sources: [Source?]

        package init(chunks: Int, files: Int) {
            stores = Array(repeating: DocumentStore(), count: chunks)
            sources = Array(repeating: nil, count: files)
        }

        /// Makes the chunks' reference tables whole (as a pack's), a chunk on each core.
        func makeWhole() {
            let chunks = stores
            let tables = (try? Parallel.map(Array(chunks.indices), chunkSize: 1, check: nil) { ks in ks.map { chunks[$0].referenceTable.madeWhole() } })?
                .flatMap { $0 } ?? []
            for (k, t) in tables.enumerated() { stores[k].referenceTable = t }
        }

        package func deliver(_ chunk: Int, _ store: DocumentStore, _ found: [(Int, Source)]) {
            lock.lock()
            stores[chunk] = store
            for (index, source) in found { sources[index] = source }
            lock.unlock()
        }
    }
}
