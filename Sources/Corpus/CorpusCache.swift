// CorpusCache.swift: the parsed documents of each corpus file kept on disk, so a scheduled job that
// reads the same large corpus again re-parses only what changed. An entry holds one file's
// columns as they are in memory, keyed by the file's path, size, modification time and a hash of
// its content, and ends with a checksum: an entry that does not match its file or fails its
// checksum is ignored and rebuilt, never trusted.
import Foundation

public final class CorpusCache: @unchecked Sendable {
    public let folder: URL
    private let lock = NSLock()
    private var counts = (hits: 0, misses: 0, rejected: 0)

    static let magic: [UInt8] = Array("SCRCACHE".utf8)
    static let version: UInt64 = 1

    public init(folder: URL) {
        self.folder = folder
    }

    /// Entries used, files parsed, and entries found damaged or stale, since the cache was opened.
    public var statistics: (hits: Int, misses: Int, rejected: Int) {
        lock.lock(); defer { lock.unlock() }
        return counts
    }

    private func count(_ update: (inout (hits: Int, misses: Int, rejected: Int)) -> Void) {
        lock.lock(); update(&counts); lock.unlock()
    }

    /// The identity of a source file: what its entry must match.
    struct Key: Equatable {
        var path: String
        var size: Int
        var modified: Double
        var contentHash: UInt64
        /// The format forced with --format, if any.
        var format: String

        func write(to writer: inout ColumnWriter) {
            writer.write(Array(path.utf8))
            writer.write(UInt64(size))
            writer.write(modified.bitPattern)
            writer.write(contentHash)
            writer.write(Array(format.utf8))
        }

        static func read(from reader: inout ColumnReader) throws -> Key {
            Key(path: String(decoding: try reader.read(UInt8.self), as: UTF8.self), size: Int(clamping: try reader.readUInt64()),
                modified: Double(bitPattern: try reader.readUInt64()), contentHash: try reader.readUInt64(),
                format: String(decoding: try reader.read(UInt8.self), as: UTF8.self))
        }
    }

    static func write(_ diagnostics: [Diagnostic], to writer: inout ColumnWriter) {
        writer.write(UInt64(diagnostics.count))
        for d in diagnostics {
            writer.write(d.severity == .error ? 1 : 0)
            writer.write(Array(d.path.utf8))
            writer.write(UInt64(bitPattern: Int64(d.line ?? -1)))
            writer.write(Array(d.message.utf8))
        }
    }

    static func readDiagnostics(from reader: inout ColumnReader) throws -> [Diagnostic] {
        let n = try reader.readUInt64()
        guard n <= UInt64(reader.remaining / 32) else { throw ColumnReadError(message: "\(n) diagnostics do not fit") }
        return try (0..<Int(n)).map { _ in
            let severity: Diagnostic.Severity = try reader.readUInt64() == 1 ? .error : .warning
            let path = String(decoding: try reader.read(UInt8.self), as: UTF8.self)
            let line = Int64(bitPattern: try reader.readUInt64())
            let message = String(decoding: try reader.read(UInt8.self), as: UTF8.self)
            return Diagnostic(severity, path: path, line: line < 0 ? nil : Int(line), message: message)
        }
    }

    func entryURL(_ path: String) -> URL {
        folder.appendingPathComponent(String(ContentHash.of(Array(path.utf8)), radix: 16) + ".bin")
    }

    static func key(path: String, bytes: [UInt8], format: CorpusFormat?) -> Key? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.intValue,
              let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 else { return nil }
        return Key(path: path, size: size, modified: modified, contentHash: ContentHash.of(bytes), format: format?.rawValue ?? "")
    }

    /// The cached store, detected format and diagnostics of a file, when a sound entry matches it.
    func load(_ key: Key) -> (DocumentStore, CorpusFormat?, [Diagnostic])? {
        guard let data = FileManager.default.contents(atPath: entryURL(key.path).path) else {
            count { $0.misses += 1 }
            return nil
        }
        let found: (DocumentStore, CorpusFormat?, [Diagnostic])? = data.withUnsafeBytes { raw in
            guard raw.count > Self.magic.count + 16, Array(raw.prefix(Self.magic.count)) == Self.magic else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[0 ..< raw.count - 8])
            var stored: UInt64 = 0
            withUnsafeMutableBytes(of: &stored) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[(raw.count - 8)...])) }
            guard UInt64(littleEndian: stored) == ContentHash.of(body) else { return nil }
            var reader = ColumnReader(body, offset: Self.magic.count)
            do {
                guard try reader.readUInt64() == Self.version, try Key.read(from: &reader) == key else { return nil }
                let format = CorpusFormat(rawValue: String(decoding: try reader.read(UInt8.self), as: UTF8.self))
                let diagnostics = try Self.readDiagnostics(from: &reader)
                var store = DocumentStore()
                try store.read(from: &reader)
                guard reader.remaining == 0, store.isConsistent else { return nil }
                return (store, format, diagnostics)
            } catch {
                return nil
            }
        }
        if found == nil {
            count { $0.rejected += 1; $0.misses += 1 }
        } else {
            count { $0.hits += 1 }
        }
        return found
    }

    /// Writes a file's entry (to a temporary file renamed into place, so readers never see half).
    func save(_ key: Key, store: DocumentStore, format: CorpusFormat?, diagnostics: [Diagnostic]) {
        var writer = ColumnWriter()
        writer.write(bytes: Self.magic)
        writer.write(Self.version)
        key.write(to: &writer)
        writer.write(Array((format?.rawValue ?? "").utf8))
        Self.write(diagnostics, to: &writer)
        store.write(to: &writer)
        var bytes = writer.bytes
        let checksum = bytes.withUnsafeBytes { ContentHash.of($0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
        let url = entryURL(key.path)
        let temporary = url.appendingPathExtension("tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Removes the entries of files that no longer exist. Returns how many were removed.
    @discardableResult
    public func dropDeleted() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed = 0
        for name in names where name.hasSuffix(".bin") {
            let url = folder.appendingPathComponent(name)
            guard let path = Self.sourcePath(of: url) else {
                try? FileManager.default.removeItem(at: url)
                removed += 1
                continue
            }
            if !FileManager.default.fileExists(atPath: path) {
                try? FileManager.default.removeItem(at: url)
                removed += 1
            }
        }
        return removed
    }

    /// The source path an entry was made for, read from its header.
    static func sourcePath(of url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 * 1024) else { return nil }
        return head.withUnsafeBytes { raw -> String? in
            guard raw.count > magic.count + 16, Array(raw.prefix(magic.count)) == magic else { return nil }
            var reader = ColumnReader(raw, offset: magic.count)
            guard (try? reader.readUInt64()) == version, let key = try? Key.read(from: &reader) else { return nil }
            return key.path
        }
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
