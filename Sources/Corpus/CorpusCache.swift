// CorpusCache.swift: the parsed documents of a corpus kept on disk, so a scheduled job that reads
// the same large corpus again re-parses only what changed. One pack file per corpus (per list of
// paths) holds the corpus's columns and, for each source file, its key (path, size, modification
// time, content hash), its format, its diagnostics and the rows it gave (`EntryList`). A file whose size and
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

    /// A corpus's pack as loaded: its list of files and the store they index.
    struct Pack {
        var list: EntryList
        var store: DocumentStore
        /// The store's groups of duplicate rows (a whole pack's; none for a delta pack), found when
        /// it was written, so that a load with nothing changed does not look for them again.
        var duplicates: [[Int]]? = nil
        static let empty = Pack(list: .empty, store: DocumentStore())
    }

    // MARK: Reading and writing packs

    /// The delta pack of a corpus: the files parsed since its pack was last written whole.
    package func deltaURL(_ paths: [String]) -> URL { packURL(paths).deletingPathExtension().appendingPathExtension("delta.arrow") }

    /// A corpus's pack and its delta pack.
    struct Packs {
        var pack: Pack
        var delta: Pack
    }

    /// Reads the pack and the delta pack of a corpus; a missing pack is empty, a damaged one is
    /// counted and empty.
    func open(_ paths: [String]) -> Packs { Packs(pack: read(packURL(paths)), delta: read(deltaURL(paths))) }

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
        return Pack(list: try EntryList(text: text, rows: store.count), store: store, duplicates: try groups.map { try decodeGroups($0, rows: store.count) })
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

extension CorpusLoader {
    /// Where a file's documents come from in a cached load.
    private enum Source {
        /// From line `line` of the pack's list (`inDelta` false) or the delta pack's; `key` is the
        /// file's new key when it was touched without changing.
        case pack(line: Int, inDelta: Bool, key: CorpusCache.Key?)
        case parsed(chunk: Int, rows: Range<Int>, entry: CorpusCache.Entry)
        case unreadable(Diagnostic)
    }

    /// A listed file: where its documents come from, and its lines in the pack's and the delta
    /// pack's lists (so that files of the packs no longer listed are known to be deleted).
    private struct Found {
        var source: Source
        var packLine: Int?
        var deltaLine: Int?
    }

    /// Parses through the cache: files that match the pack come from it, the others are parsed in
    /// parallel; the store keeps the order of `files`.
    /// The duplicate groups come along when the corpus is the pack's store as it is, or was just
    /// written as a whole pack.
    static func parse(files: [String], options: LoadOptions, paths: [String], cache: CorpusCache, packs: CorpusCache.Packs)
        -> (DocumentStore, [Diagnostic], [FileReport], duplicates: [[Int]]?) {
        let pack = packs.pack, delta = packs.delta
        let forced = options.format?.rawValue ?? "", forcedFormat = options.format
        let chunkCount = Parallel.chunkCount(files.count, perWorker: 8, threads: options.threads)
        let results = ChunkResults(chunks: chunkCount, files: files.count)
        Parallel.forEachChunk(files.count, chunks: chunkCount) { chunk, range in
            var store = DocumentStore()
            var buffer: [UInt8] = []
            var found: [(Int, Found)] = []
            let stamper = FileSystem.Stamper()
            let packList = pack.list, deltaList = delta.list
            // Where the pack's list is against the listing: 0 until files were added or deleted.
            var shift = 0
            for index in range {
                let path = files[index]
                let packLine = packList.position(of: path, guess: index + shift)
                if let packLine { shift = packLine - index }
                let deltaLine = deltaList.count == 0 ? nil : deltaList.position(of: path, guess: -1)
                let known: (line: Int, inDelta: Bool)? = deltaLine.map { ($0, true) } ?? packLine.map { ($0, false) }
                let line = known.map { $0.inDelta ? deltaList.lines[$0.line] : packList.lines[$0.line] }
                let stamp = stamper.stamp(path)
                func note(_ source: Source) { found.append((index, Found(source: source, packLine: packLine, deltaLine: deltaLine))) }
                // Size and time unchanged: the entry stands without reading the file.
                if let known, let line, let stamp, line.size == stamp.size, line.modified == stamp.modified, line.forced == forcedFormat {
                    note(.pack(line: known.line, inDelta: known.inDelta, key: nil))
                    continue
                }
                guard FileSystem.read(path, into: &buffer) else {
                    note(.unreadable(Diagnostic(path: path, message: "cannot be read, skipped")))
                    continue
                }
                let key = CorpusCache.Key(path: path, size: stamp?.size ?? buffer.count, modified: stamp?.modified ?? 0,
                                          contentHash: ContentHash.of(buffer), format: forced)
                // Touched but not changed: the same content under a new time.
                if let known, let line, line.contentHash == key.contentHash, line.size == key.size, line.forced == forcedFormat {
                    note(.pack(line: known.line, inDelta: known.inDelta, key: key))
                    continue
                }
                let before = store.count
                let (format, diagnostics) = readBytes(&buffer, path: path, format: options.format, into: &store)
                let entry = CorpusCache.Entry(key: key, format: format, diagnostics: diagnostics, rows: 0 ..< 0)
                note(.parsed(chunk: chunk, rows: before ..< store.count, entry: entry))
            }
            results.deliver(chunk, store, found)
        }
        let found = results.found.map { $0! }
        // Rows of a pack keep their references' fields as text of their own: the rows of parsed
        // files do too when the two are joined, so that both copy in runs, not value by value.
        if found.contains(where: { if case .pack = $0.source { true } else { false } }),
           found.contains(where: { if case .parsed = $0.source { true } else { false } }) { results.makeWhole() }
        // Assemble in file order, copying runs of consecutive rows from one store at a time.
        // Stores: -1 the pack's, -2 the delta pack's, 0... the chunks'.
        func storeOf(_ source: Int) -> DocumentStore {
            source == -1 ? pack.store : source == -2 ? delta.store : results.stores[source]
        }
        var store = DocumentStore()
        var diagnostics: [Diagnostic] = []
        var reports: [FileReport] = []
        reports.reserveCapacity(files.count)
        /// Each file's first row in the corpus.
        var starts: [Int] = []
        starts.reserveCapacity(files.count)
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
        // Lines of the packs' lists whose file is listed: the others were deleted.
        var seen = [Bool](repeating: false, count: pack.list.count), seenDelta = [Bool](repeating: false, count: delta.list.count)
        for (index, file) in found.enumerated() {
            let path = files[index]
            starts.append(store.count + (run?.rows.count ?? 0))
            if let k = file.packLine { seen[k] = true }
            if let k = file.deltaLine { seenDelta[k] = true }
            switch file.source {
            case .pack(let k, let inDelta, let key):
                hits += 1
                if key != nil { touched = true }
                let list = inDelta ? delta.list : pack.list, line = list.lines[k]
                take(inDelta ? -2 : -1, line.rows)
                if line.diagnosticCount > 0 { diagnostics.append(contentsOf: list.diagnostics(k)) }
                reports.append(FileReport(path: path, format: line.format, documents: line.rows.count, warnings: line.diagnosticCount))
            case .parsed(let chunk, let rows, let entry):
                misses += 1
                take(chunk, rows)
                diagnostics.append(contentsOf: entry.diagnostics)
                reports.append(FileReport(path: path, format: entry.format, documents: rows.count, warnings: entry.diagnostics.count))
            case .unreadable(let diagnostic):
                diagnostics.append(diagnostic)
                reports.append(FileReport(path: path, format: nil, documents: 0, warnings: 1))
            }
        }
        flush()
        cache.count(hits: hits, misses: misses)
        let deleted = seen.contains(false) || seenDelta.contains(false)
        guard misses > 0 || touched || deleted else { return (store, diagnostics, reports, unchanged ? pack.duplicates : nil) }
        // The list of files to write: each read file's entry, its rows where they are now; and
        // the files a delta pack would hold (parsed, touched, or already in the delta), with
        // where their rows are taken from.
        var entries: [CorpusCache.Entry] = []
        var fresh: [(entry: CorpusCache.Entry, source: Int, rows: Range<Int>)] = []
        for (index, file) in found.enumerated() {
            switch file.source {
            case .pack(let k, let inDelta, let key):
                var entry = (inDelta ? delta.list : pack.list).entry(k, path: files[index])
                if let key { entry.key = key }
                if inDelta || key != nil { fresh.append((entry, inDelta ? -2 : -1, entry.rows)) }
                entry.rows = starts[index] ..< starts[index] + entry.rows.count
                entries.append(entry)
            case .parsed(let chunk, let rows, var entry):
                guard entry.format != nil else { continue }
                fresh.append((entry, chunk, rows))
                entry.rows = starts[index] ..< starts[index] + rows.count
                entries.append(entry)
            case .unreadable:
                continue
            }
        }
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
        private(set) var found: [Found?]

        init(chunks: Int, files: Int) {
            stores = Array(repeating: DocumentStore(), count: chunks)
            found = Array(repeating: nil, count: files)
        }

        /// Makes the chunks' reference tables whole (as a pack's), a chunk on each core.
        func makeWhole() {
            let chunks = stores
            let tables = (try? Parallel.map(Array(chunks.indices), chunkSize: 1, check: nil) { ks in ks.map { chunks[$0].referenceTable.madeWhole() } })?
                .flatMap { $0 } ?? []
            for (k, t) in tables.enumerated() { stores[k].referenceTable = t }
        }

        func deliver(_ chunk: Int, _ store: DocumentStore, _ files: [(Int, Found)]) {
            lock.lock()
            stores[chunk] = store
            for (index, file) in files { found[index] = file }
            lock.unlock()
        }
    }
}
