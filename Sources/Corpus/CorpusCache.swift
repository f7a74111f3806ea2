// CorpusCache.swift: the parsed documents of each corpus file kept on disk, so a scheduled job that
// reads the same large corpus again re-parses only what changed. The entries of one corpus (one
// list of paths) live in one pack file, each keyed by its file's path, size, modification time and
// a hash of its content, and each with its own checksum. A file whose size and time match its
// entry is not read again; one whose time changed but whose content hash matches is reused; any
// other file is parsed. An entry that fails its checksum is ignored and rebuilt, never trusted.
// After a load the pack is rewritten (atomically) when anything changed, which also drops the
// entries of deleted files.
import Foundation

public final class CorpusCache: @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0, rejected: 0)

    static let magic: [UInt8] = Array("SCRPACK1".utf8)

    public init(folder: URL) {
        self.folder = folder
    }

    /// Since the cache was opened: files taken from it, files parsed, and entries found damaged.
    public var statistics: (hits: Int, misses: Int, rejected: Int) {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    func count(hit: Bool = false, miss: Bool = false, rejected: Bool = false) {
        lock.lock()
        if hit { counts.hits += 1 }
        if miss { counts.misses += 1 }
        if rejected { counts.rejected += 1 }
        lock.unlock()
    }

    /// The pack of the corpus given by `paths`.
    func packURL(_ paths: [String]) -> URL {
        folder.appendingPathComponent(String(ContentHash.of(Array(paths.joined(separator: "\u{0}").utf8)), radix: 16) + ".pack")
    }

    // MARK: Keys

    /// The identity of a source file: what its entry must match.
    struct Key: Equatable {
        var path: String
        var size: Int
        var modified: Int64
        var contentHash: UInt64
        /// The format forced with --format, if any.
        var format: String

        func write(to writer: inout ColumnWriter) {
            writer.write(Array(path.utf8))
            writer.write(UInt64(size))
            writer.write(UInt64(bitPattern: modified))
            writer.write(contentHash)
            writer.write(Array(format.utf8))
        }

        static func read(from reader: inout ColumnReader) throws -> Key {
            Key(path: String(decoding: try reader.read(UInt8.self), as: UTF8.self), size: Int(clamping: try reader.readUInt64()),
                modified: Int64(bitPattern: try reader.readUInt64()), contentHash: try reader.readUInt64(),
                format: String(decoding: try reader.read(UInt8.self), as: UTF8.self))
        }
    }

    /// Size and modification time (in nanoseconds) of a file, from one stat call.
    static func stamp(_ path: String) -> (size: Int, modified: Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    // MARK: Packs

    /// One loaded pack: its bytes and where each file's entry lies.
    final class Pack: @unchecked Sendable {
        let data: Data
        /// Entry of each path: its key and the range of its body (key to store, checksum after it).
        let entries: [String: (key: Key, body: Range<Int>)]

        init(data: Data, entries: [String: (key: Key, body: Range<Int>)]) {
            self.data = data
            self.entries = entries
        }

        static let empty = Pack(data: Data(), entries: [:])
    }

    /// Reads the pack of a corpus, indexing its entries; an unreadable pack is an empty one.
    func open(_ paths: [String]) -> Pack {
        guard let data = FileManager.default.contents(atPath: packURL(paths).path) else { return .empty }
        var entries: [String: (key: Key, body: Range<Int>)] = [:]
        data.withUnsafeBytes { raw in
            guard raw.count >= Self.magic.count, Array(raw.prefix(Self.magic.count)) == Self.magic else {
                count(rejected: true)
                return
            }
            var reader = ColumnReader(raw, offset: Self.magic.count)
            while reader.remaining > 0 {
                guard let length = try? reader.readUInt64(), length <= UInt64(reader.remaining), reader.remaining - Int(length) >= 8 else {
                    count(rejected: true)   // a truncated pack: the entries before the damage still count
                    return
                }
                let start = reader.offset
                var keyReader = ColumnReader(raw, offset: start)
                if let key = try? Key.read(from: &keyReader) { entries[key.path] = (key, start ..< start + Int(length)) }
                _ = try? reader.readBytes(Int(length) + 8)
            }
        }
        return Pack(data: data, entries: entries)
    }

    /// The body of a new entry.
    static func entry(_ key: Key, format: CorpusFormat?, diagnostics: [Diagnostic], store: DocumentStore) -> [UInt8] {
        var writer = ColumnWriter()
        key.write(to: &writer)
        writer.write(Array((format?.rawValue ?? "").utf8))
        writer.write(UInt64(diagnostics.count))
        for d in diagnostics {
            writer.write(d.severity == .error ? 1 : 0)
            writer.write(Array(d.path.utf8))
            writer.write(UInt64(bitPattern: Int64(d.line ?? -1)))
            writer.write(Array(d.message.utf8))
        }
        store.write(to: &writer)
        return writer.bytes
    }

    /// Decodes an entry body after checking its checksum; nil for a damaged entry.
    func decode(_ pack: Pack, _ body: Range<Int>) -> (DocumentStore, CorpusFormat?, [Diagnostic])? {
        let decoded: (DocumentStore, CorpusFormat?, [Diagnostic])? = pack.data.withUnsafeBytes { raw in
            guard body.upperBound + 8 <= raw.count else { return nil }
            var sum = ColumnReader(raw, offset: body.upperBound)
            guard let stored = try? sum.readUInt64(), stored == ContentHash.of(UnsafeRawBufferPointer(rebasing: raw[body])) else { return nil }
            var reader = ColumnReader(UnsafeRawBufferPointer(rebasing: raw[..<body.upperBound]), offset: body.lowerBound)
            do {
                _ = try Key.read(from: &reader)
                let format = CorpusFormat(rawValue: String(decoding: try reader.read(UInt8.self), as: UTF8.self))
                let n = try reader.readUInt64()
                guard n <= UInt64(reader.remaining / 32) else { return nil }
                var diagnostics: [Diagnostic] = []
                for _ in 0..<Int(n) {
                    let severity: Diagnostic.Severity = try reader.readUInt64() == 1 ? .error : .warning
                    let path = String(decoding: try reader.read(UInt8.self), as: UTF8.self)
                    let line = Int64(bitPattern: try reader.readUInt64())
                    let message = String(decoding: try reader.read(UInt8.self), as: UTF8.self)
                    diagnostics.append(Diagnostic(severity, path: path, line: line < 0 ? nil : Int(line), message: message))
                }
                var store = DocumentStore()
                try store.read(from: &reader)
                guard reader.remaining == 0, store.isConsistent else { return nil }
                return (store, format, diagnostics)
            } catch {
                return nil
            }
        }
        if decoded == nil { count(rejected: true) }
        return decoded
    }

    /// Writes a corpus's pack from entry bodies in file order (to a temporary file renamed into
    /// place, so a reader never sees half a pack).
    func write(_ paths: [String], entries: [[UInt8]]) {
        var bytes = Self.magic
        bytes.reserveCapacity(entries.reduce(bytes.count) { $0 + $1.count + 16 })
        for body in entries {
            withUnsafeBytes(of: UInt64(body.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: body)
            withUnsafeBytes(of: body.withUnsafeBytes { ContentHash.of($0) }.littleEndian) { bytes.append(contentsOf: $0) }
        }
        let url = packURL(paths)
        let temporary = url.appendingPathExtension("tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

/// What a load through the cache did with one file, and the entry the new pack keeps for it.
struct CachedRead {
    var format: CorpusFormat?
    var diagnostics: [Diagnostic]
    /// The entry body for the new pack, and whether it differs from the old pack's.
    var entry: [UInt8]?
    var changed: Bool
}

extension CorpusLoader {
    /// Reads one file through the cache into `store`.
    static func readFile(_ path: String, format forced: CorpusFormat?, cache: CorpusCache, pack: CorpusCache.Pack,
                         buffer: inout [UInt8], into store: inout DocumentStore) -> CachedRead {
        let known = pack.entries[path]
        let stamp = CorpusCache.stamp(path)
        func reuse(_ key: CorpusCache.Key, _ body: Range<Int>, rekeyed: Bool) -> CachedRead? {
            guard let (cached, format, diagnostics) = cache.decode(pack, body) else { return nil }
            cache.count(hit: true)
            store.append(contentsOf: cached)
            let entry = rekeyed ? CorpusCache.entry(key, format: format, diagnostics: diagnostics, store: cached) : Array(pack.data[body])
            return CachedRead(format: format, diagnostics: diagnostics, entry: entry, changed: rekeyed)
        }
        // Size and time unchanged: the entry stands without reading the file.
        var damaged = false
        if let known, let stamp, known.key.size == stamp.size, known.key.modified == stamp.modified,
           known.key.format == (forced?.rawValue ?? "") {
            if let read = reuse(known.key, known.body, rekeyed: false) { return read }
            damaged = true
        }
        guard FileSystem.read(path, into: &buffer) else {
            return CachedRead(format: nil, diagnostics: [Diagnostic(path: path, message: "cannot be read, skipped")], entry: nil, changed: true)
        }
        let key = CorpusCache.Key(path: path, size: stamp?.size ?? buffer.count, modified: stamp?.modified ?? 0,
                                  contentHash: ContentHash.of(buffer), format: forced?.rawValue ?? "")
        // Touched but not changed: the same content under a new time.
        if !damaged, let known, known.key.contentHash == key.contentHash, known.key.size == key.size, known.key.format == key.format,
           let read = reuse(key, known.body, rekeyed: true) {
            return read
        }
        cache.count(miss: true)
        var parsed = DocumentStore()
        let (format, diagnostics) = readBytes(&buffer, path: path, format: forced, into: &parsed)
        store.append(contentsOf: parsed)
        let entry = format == nil ? nil : CorpusCache.entry(key, format: format, diagnostics: diagnostics, store: parsed)
        return CachedRead(format: format, diagnostics: diagnostics, entry: entry, changed: true)
    }
}

/// A fast 64-bit hash of bytes, eight at a time (for cache keys and checksums, not security).
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        let words = raw.count / 8
        for i in 0..<words {
            let w = raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
        }
        for i in (words * 8)..<raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3
        }
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}

extension DocumentStore {
    /// Every per-document column has a row per document, and every list stays inside its table.
    var isConsistent: Bool {
        let n = count
        let perDocument = [title.count, abstract.count, doi.count, year.count, language.count, sourcePath.count, sourceLine.count,
                           authors.count, affiliations.count, keywords.count, sections.count, references.count, journal.count,
                           citations.count, mergedSources.count]
        guard perDocument.allSatisfy({ $0 == n }) else { return false }
        func inside(_ index: ListIndex, _ children: Int) -> Bool { Int(index.ends.last ?? 0) <= children }
        return inside(authors, authorNames.count) && inside(affiliations, affiliationText.count) && inside(keywords, keywordText.count)
            && inside(sections, sectionTable.count) && inside(references, referenceTable.count)
            && inside(mergedSources, mergedSourcePath.count) && mergedSourcePath.count == mergedSourceLine.count
            && inside(referenceTable.authors, referenceTable.authorNames.count)
    }
}
