// CorpusLoader.swift: turns paths (files and folders, searched recursively) into a Corpus,
// reading files in parallel across cores and collecting a diagnostic for everything skipped.
import Arrow
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

package enum CorpusError: Error, CustomStringConvertible, Equatable {
    case pathNotFound(String)
    case noDocuments([String])
    case strictFailure(Int)
    /// A file given as a pack that is not one (or is damaged), and why.
    case badPack(String, String)
    /// A pack given with other corpus paths.
    case packNotAlone(String)

    package var description: String {
        switch self {
        case .badPack(let p, let why): return "'\(p)' cannot be read as a Scriptorium pack: \(why)"
        case .packNotAlone(let p): return "the pack '\(p)' is a whole corpus: give it as the only --corpus path"
        case .pathNotFound(let p): return "corpus path '\(p)' does not exist"
        case .noDocuments(let paths): return "no readable document in \(paths.map { "'\($0)'" }.joined(separator: ", "))"
        case .strictFailure(let n): return "--strict: \(n) warning\(n == 1 ? "" : "s") while loading the corpus"
        }
    }
}

package struct LoadOptions: Sendable {
    /// Fail when any file produces a warning.
    package var strict: Bool
    /// Threads used for parsing; 0 for one per core.
    package var threads: Int
    /// Read every file as this format instead of recognising each one.
    package var format: CorpusFormat?
    /// Merge records of the same document found in several files (or twice in one).
    package var merge: Bool
    /// Keep each file's parsed documents here and reuse them while the file is unchanged.
    package var cache: CorpusCache?
    /// Told of each file read.
    package var progress: ProgressSink?

    package init(strict: Bool = false, threads: Int = 0, format: CorpusFormat? = nil, merge: Bool = true, cache: CorpusCache? = nil,
                progress: ProgressSink? = nil) {
        self.progress = progress
        self.strict = strict
        self.threads = threads
        self.format = format
        self.merge = merge
        self.cache = cache
    }
}

/// What was read from one file.
package struct FileReport: Sendable, Equatable {
    package var path: String
    package var format: CorpusFormat?
    /// Documents read from the file.
    package var documents: Int
    /// Warnings about the file (records skipped, lines not understood).
    package var warnings: Int
}

package enum CorpusLoader {
    /// File extensions picked up when a folder is searched.
    package static let recordExtensions: Set<String> = CorpusFormat.fileExtensions

    /// Loads every record under `paths`. Throws when a path is missing, when nothing could be read,
    /// and (with `strict`) when anything produced a warning.
    package static func load(paths: [String], options: LoadOptions = LoadOptions()) throws -> Corpus {
        if let pack = paths.first(where: isPack) { return try loadPack(pack, paths: paths) }
        let (files, packs) = try list(paths, cache: options.cache)
        options.progress?.begin("loading", total: files.count, unit: "files")
        defer { options.progress?.finish() }
        var store: DocumentStore, diagnostics: [Diagnostic], reports: [FileReport], duplicates: DuplicateFinder?
        var known: [[Int]]?
        if let cache = options.cache, let packs {
            let groups: [[Int]]?
            (store, diagnostics, reports, groups) = parse(files: files, options: options, paths: paths, cache: cache, packs: packs)
            duplicates = nil
            known = groups
        } else {
            (store, diagnostics, reports, duplicates) = parse(files: files, options: options)
        }
        var merged = 0
        if options.merge {
            (store, merged) = DocumentMerger.merge(store, groups: known ?? duplicates?.groups() ?? DocumentMerger.duplicateGroups(store))
        }
        AuthorIdentities.unify(&store)
        if options.strict && !diagnostics.isEmpty {
            throw CorpusLoadFailure(error: .strictFailure(diagnostics.count), diagnostics: diagnostics)
        }
        guard store.count > 0 else {
            throw CorpusLoadFailure(error: .noDocuments(paths), diagnostics: diagnostics)
        }
        return Corpus(store: store, diagnostics: diagnostics, paths: paths, files: reports, merged: merged)
    }

    /// Whether `path` names a pack (`scriptorium convert --to arrow`): a file ending in `.arrow`.
    package static func isPack(_ path: String) -> Bool { path.hasSuffix(".arrow") && FileSystem.kind(path) == .file }

    /// The corpus a pack holds, its columns mapped in place (merged and linked when it was written).
    private static func loadPack(_ path: String, paths: [String]) throws -> Corpus {
        guard paths.count == 1 else { throw CorpusError.packNotAlone(path) }
        var store: DocumentStore
        do { store = try StorePack.read(try ArrowFile(path: path)) } catch {
            throw CorpusError.badPack(path, "\(error)")
        }
        AuthorIdentities.unify(&store)
        guard store.count > 0 else { throw CorpusLoadFailure(error: .noDocuments(paths), diagnostics: []) }
        return Corpus(store: store, diagnostics: [], paths: paths,
                      files: [FileReport(path: path, format: nil, documents: store.count, warnings: 0)], merged: 0)
    }

    /// The files under `paths` and, with a cache, the corpus's packs, opened while the folders
    /// are listed (the two take about as long).
    private static func list(_ paths: [String], cache: CorpusCache?) throws -> ([String], CorpusCache.Packs?) {
        guard let cache else { return (try expand(paths), nil) }
        var listing: Result<[String], Error> = .success([])
        var packs: CorpusCache.Packs?
        Parallel.perform(iterations: 2) { k in
            if k == 0 { packs = cache.open(paths) } else { listing = Result { try expand(paths) } }
        }
        return (try listing.get(), packs)
    }

    /// The files under `paths`, folders searched recursively (hidden entries skipped), sorted.
    package static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            switch FileSystem.kind(path) {
            case .missing: throw CorpusError.pathNotFound(path)
            case .directory: files.append(contentsOf: FileSystem.sorted(FileSystem.files(under: path, extensions: recordExtensions)))
            case .file, .other: files.append(path)
            }
        }
        return files
    }

    /// Parses files in parallel; the store keeps the order of `files`. When `options.merge` asks
    /// for merging, the duplicate records are found as the chunks are joined (nil otherwise).
    package static func parse(files: [String], options: LoadOptions) -> (DocumentStore, [Diagnostic], [FileReport], DuplicateFinder?) {
        guard !files.isEmpty else { return (DocumentStore(), [], [], options.merge ? DuplicateFinder() : nil) }
        let chunkCount = Parallel.chunkCount(files.count, perWorker: 32, threads: options.threads)
        // Chunks are parsed in parallel and joined in order as soon as they can be, so only the
        // chunks in flight are held besides the growing corpus.
        let merger = OrderedMerger(chunks: chunkCount, findingDuplicates: options.merge)
        let spares = SpareStores()
        Parallel.forEachChunk(files.count, chunks: chunkCount) { chunk, range in
            var store = spares.take()
            var diagnostics: [Diagnostic] = []
            var reports: [FileReport] = []
            var buffer: [UInt8] = []
            for path in files[range] {
                let before = store.count
                let (format, found) = readFile(path, format: options.format, buffer: &buffer, into: &store)
                diagnostics.append(contentsOf: found)
                reports.append(FileReport(path: path, format: format, documents: store.count - before, warnings: found.count))
                options.progress?.advance()
            }
            merger.deliver(chunk, store, diagnostics, reports, keys: options.merge ? DuplicateFinder.keys(store) : [])
            spares.put(&store)
        }
        return merger.result()
    }

    /// Reads one file of any format into `store`: its format (nil when it could not be read) and
    /// its diagnostics.
    package static func readFile(_ path: String, format forced: CorpusFormat?, buffer: inout [UInt8],
                         into store: inout DocumentStore) -> (CorpusFormat?, [Diagnostic]) {
        guard FileSystem.read(path, into: &buffer) else {
            return (nil, [Diagnostic(path: path, message: "cannot be read, skipped")])
        }
        return readBytes(&buffer, path: path, format: forced, into: &store)
    }

    /// Reads the bytes of one file (possibly gzip-compressed) into `store`: its format (nil when
    /// it could not be read) and its diagnostics. `path` names the source in diagnostics and ids.
    package static func readBytes(_ buffer: inout [UInt8], path: String, format forced: CorpusFormat?,
                                  into store: inout DocumentStore) -> (CorpusFormat?, [Diagnostic]) {
        let compressed = buffer.withUnsafeBufferPointer { Gzip.isCompressed($0) }
        if compressed {
            do {
                buffer = try buffer.withUnsafeBufferPointer { try Gzip.inflate($0) }
            } catch {
                return (nil, [Diagnostic(path: path, message: "\(error), skipped")])
            }
        }
        let format = forced ?? buffer.withUnsafeBufferPointer { CorpusFormat.detect(path: path, bytes: $0) }
        if format == .record {
            let id = FileContents.stem(path)
            let diagnostics = buffer.withUnsafeBufferPointer { readRecord($0, id: id, path: path, into: &store, recognising: forced == nil) }
            return (diagnostics.first?.message == RecordReader.unrecognised ? nil : format, diagnostics)
        }
        if buffer.isEmpty { return (format, [Diagnostic(path: path, message: "empty file, skipped")]) }
        var diagnostics: [Diagnostic] = []
        let contents: FileContents? = buffer.withUnsafeBufferPointer { bytes in
            if let nul = TextDecoding.binaryMarker(bytes) {
                diagnostics.append(Diagnostic(path: path, message: "binary file (NUL byte at offset \(nul)), skipped"))
                return nil
            }
            let (offsets, invalid) = TextDecoding.invalidSequences(bytes)
            guard invalid > 0 else { return format.read(bytes, path: path) }
            // The readers take valid UTF-8: the text with each bad sequence replaced.
            let more = invalid > 1 ? " and \(invalid - 1) more" : ""
            diagnostics.append(Diagnostic(path: path, message: "invalid UTF-8 at byte offset \(offsets[0])\(more); decoded with replacement characters"))
            var repaired = String(decoding: bytes, as: UTF8.self)
            return repaired.withUTF8 { format.read($0, path: path) }
        }
        guard let contents else { return (format, diagnostics) }
        if store.count == 0 { store = contents.documents.store } else { store.append(contentsOf: contents.documents.store) }
        diagnostics.append(contentsOf: contents.diagnostics)
        if contents.documents.isEmpty && contents.diagnostics.isEmpty {
            diagnostics.append(Diagnostic(path: path, message: "no \(format.title) records found"))
        }
        return (format, diagnostics)
    }

    /// Reads one file in the record layout.
    package static func readRecordFile(_ path: String) -> RecordReader.Result {
        var buffer: [UInt8] = []
        var store = DocumentStore()
        let diagnostics = readRecordFile(path, buffer: &buffer, into: &store)
        return RecordReader.Result(document: store.count > 0 ? store.document(0) : nil, diagnostics: diagnostics)
    }

    /// Reads one file in the record layout into `store`, reusing `buffer` for its bytes.
    package static func readRecordFile(_ path: String, buffer: inout [UInt8], into store: inout DocumentStore) -> [Diagnostic] {
        guard FileSystem.read(path, into: &buffer) else {
            return [Diagnostic(path: path, message: "cannot be read, skipped")]
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let id = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        return buffer.withUnsafeBufferPointer { readRecord($0, id: id, path: path, into: &store) }
    }

    /// Reads one record from a file's bytes into `store`.
    package static func readRecord(_ bytes: UnsafeBufferPointer<UInt8>, id: String, path: String, into store: inout DocumentStore,
                           recognising: Bool = false) -> [Diagnostic] {
        if bytes.isEmpty { return [Diagnostic(path: path, message: "empty file, skipped")] }
        if let nul = TextDecoding.binaryMarker(bytes) {
            return [Diagnostic(path: path, message: "binary file (NUL byte at offset \(nul)), skipped")]
        }
        let bom = TextDecoding.byteOrderMarkLength(bytes)
        let body = UnsafeBufferPointer(rebasing: bytes[bom...])
        let (offsets, invalid) = TextDecoding.invalidSequences(body, base: bom)
        guard invalid > 0 else { return RecordReader.read(bytes: body, id: id, path: path, into: &store, recognising: recognising) }
        var text = String(decoding: body, as: UTF8.self)
        let more = invalid > 1 ? " and \(invalid - 1) more" : ""
        let warning = Diagnostic(path: path, message: "invalid UTF-8 at byte offset \(offsets[0])\(more); decoded with replacement characters")
        return [warning] + text.withUTF8 { RecordReader.read(bytes: $0, id: id, path: path, into: &store, recognising: recognising) }
    }
}

/// A load that failed, with the diagnostics gathered before it did.
package struct CorpusLoadFailure: Error, CustomStringConvertible {
    package var error: CorpusError
    package var diagnostics: [Diagnostic]
    package var description: String { error.description }
}

/// Stores emptied after their chunk was joined, kept for the next chunks: their buffers are
/// already in memory, where a new store's would be mapped and faulted in page by page again.
private final class SpareStores: @unchecked Sendable {
    private let lock = NSLock()
    private var spares: [DocumentStore] = []

    package func take() -> DocumentStore {
        lock.lock()
        defer { lock.unlock() }
        return spares.popLast() ?? DocumentStore()
    }

    /// Empties `store` and keeps it. Its buffers are kept only when the chunk has been joined
    /// already; while the merger still holds the chunk, emptying it starts new buffers.
    package func put(_ store: inout DocumentStore) {
        store.removeAllKeepingCapacity()
        lock.lock()
        defer { lock.unlock() }
        spares.append(store)
        store = DocumentStore()
    }
}

/// Joins parsed chunks into one store in chunk order, whichever order they finish in.
private final class OrderedMerger: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: (DocumentStore, [Diagnostic], [FileReport], [DuplicateFinder.Keys])] = [:]
    private var next = 0
    private let chunks: Int
    private var store = DocumentStore()
    private var duplicates: DuplicateFinder?

    package init(chunks: Int, findingDuplicates: Bool) {
        self.chunks = chunks
        duplicates = findingDuplicates ? DuplicateFinder() : nil
    }
    private var diagnostics: [Diagnostic] = []
    private var reports: [FileReport] = []

    package func deliver(_ chunk: Int, _ part: DocumentStore, _ partDiagnostics: [Diagnostic], _ partReports: [FileReport],
                 keys: [DuplicateFinder.Keys]) {
        lock.lock()
        defer { lock.unlock() }
        waiting[chunk] = (part, partDiagnostics, partReports, keys)
        while let ready = waiting.removeValue(forKey: next) {
            duplicates?.add(ready.3)
            if next == 0 {
                // The first part becomes the store, with room for as many more parts as there are
                // chunks (and a tenth more), so that later parts are copied in once, never moved
                // again as the store grows. Room not written to costs no memory.
                store = ready.0
                let expected = (chunks - 1) + chunks / 10
                if expected > 0 { store.reserveCapacity(adding: [ready.0], times: expected) }
            } else {
                store.append(contentsOf: ready.0)
            }
            diagnostics.append(contentsOf: ready.1)
            reports.append(contentsOf: ready.2)
            next += 1
        }
    }

    package func result() -> (DocumentStore, [Diagnostic], [FileReport], DuplicateFinder?) {
        lock.lock()
        defer { lock.unlock() }
        return (store, diagnostics, reports, duplicates)
    }
}
