// CacheEntryList.swift: a cache pack's list of files, as its metadata keeps it and as a load reads
// it. A line per file (path, size, modification time, content hash, forced format, format, first
// and last row, number of diagnostics), then a line per diagnostic (severity, line, path,
// message); fields apart by tabs, each escaped (%, tab, line feed and carriage return as %25,
// %09, %0A, %0D). The list is in the corpus's file order, so a load with nothing changed finds
// each file at its own position: paths are compared as bytes where they lie in the metadata and
// never become Strings; a dictionary by path is made only when a file is not where it was.
import Arrow
import CorpusReaders
import CorpusModel
import Foundation

final class EntryList: @unchecked Sendable {
    /// One file's line, its path left in the list's bytes (plain values only, so that reading
    /// a line copies no reference).
    struct Line {
        var path: Range<Int>
        var size: Int
        var modified: Int64
        var contentHash: UInt64
        /// The format forced with --format when the file was read (nil for none).
        var forced: CorpusFormat?
        var format: CorpusFormat?
        var rows: Range<Int>
        var diagnosticCount: Int
        /// Whether the path was written with escapes (so it is compared decoded).
        var escaped: Bool
    }

    private let bytes: [UInt8]
    let lines: [Line]
    /// The diagnostics of the lines that have any.
    private let diagnosticsByLine: [Int: [Diagnostic]]
    private let lock = NSLock()
    private var positions: [String: Int]?

    static let empty = EntryList()

    private init() {
        bytes = []
        lines = []
        diagnosticsByLine = [:]
    }

    func diagnostics(_ i: Int) -> [Diagnostic] { lines[i].diagnosticCount == 0 ? [] : diagnosticsByLine[i] ?? [] }

    var count: Int { lines.count }

    /// The line of `path`: tried first at `guess` (where it is when nothing before it changed).
    func position(of path: String, guess: Int) -> Int? {
        if guess >= 0, guess < lines.count, isPath(guess, path) { return guess }
        return byPath()[path]
    }

    /// Whether line `i` is the file `path`.
    func isPath(_ i: Int, _ path: String) -> Bool {
        let line = lines[i]
        if line.escaped { return self.path(i) == path }
        var path = path
        return path.withUTF8 { p in
            p.count == line.path.count && bytes.withUnsafeBufferPointer { b in
                p.count == 0 || memcmp(b.baseAddress! + line.path.lowerBound, p.baseAddress!, p.count) == 0
            }
        }
    }

    func path(_ i: Int) -> String { Self.unescaped(bytes[lines[i].path]) }

    /// Lines by path, made the first time a file is not found at its position.
    private func byPath() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let positions { return positions }
        var made: [String: Int] = [:]
        made.reserveCapacity(lines.count)
        for i in lines.indices { made[path(i)] = i }
        positions = made
        return made
    }

    /// The entry of line `i`, under the listing's own spelling of its path.
    func entry(_ i: Int, path: String) -> CorpusCache.Entry {
        let l = lines[i]
        return CorpusCache.Entry(key: CorpusCache.Key(path: path, size: l.size, modified: l.modified, contentHash: l.contentHash, format: l.forced?.rawValue ?? ""),
                                 format: l.format, diagnostics: diagnostics(i), rows: l.rows)
    }

    // MARK: Writing

    static func encode(_ entries: [CorpusCache.Entry]) -> String {
        var out = ""
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

    private static func escape(_ s: String) -> String {
        s.contains(where: { $0 == "%" || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            ? s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
                .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
            : s
    }

    private static func unescaped(_ field: ArraySlice<UInt8>) -> String {
        let s = String(decoding: field, as: UTF8.self)
        guard field.contains(0x25) else { return s }
        return s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }

    // MARK: Reading

    /// Reads the list of a store of `rows` rows; throws when a line does not parse or points past
    /// the store.
    init(text: String, rows: Int) throws {
        bytes = Array(text.utf8)
        (lines, diagnosticsByLine) = try bytes.withUnsafeBufferPointer { try Self.lines(of: $0, rows: rows) }
    }

    private static let formats = CorpusFormat.allCases.map { (Array($0.rawValue.utf8), $0) }

    private static func lines(of b: UnsafeBufferPointer<UInt8>, rows: Int) throws -> ([Line], [Int: [Diagnostic]]) {
        let bad = ArrowError("the pack's list of files is damaged")
        var at = 0
        var fields: [Range<Int>] = []
        /// The fields of the next line, into `fields`.
        func line() -> Bool {
            guard at < b.count else { return false }
            fields.removeAll(keepingCapacity: true)
            var start = at
            while at < b.count && b[at] != 0x0A {
                if b[at] == 0x09 { fields.append(start ..< at); start = at + 1 }
                at += 1
            }
            fields.append(start ..< at)
            at += 1
            return true
        }
        func text(_ r: Range<Int>) -> String { unescaped(ArraySlice(b[r])) }
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
        func format(_ r: Range<Int>) throws -> CorpusFormat? {
            guard !r.isEmpty else { return nil }
            guard let known = formats.first(where: { $0.0.elementsEqual(b[r]) }) else { throw bad }
            return known.1
        }
        var lines: [Line] = []
        var diagnosticsByLine: [Int: [Diagnostic]] = [:]
        while line() {
            guard fields.count == 9, let size = number(fields[1]), let modified = number(fields[2]), let hash = number(fields[3], radix: 16),
                  let low = number(fields[6]), let high = number(fields[7]), let count = number(fields[8]),
                  low <= high, high <= UInt64(rows), count <= UInt64(b.count) else { throw bad }
            let path = fields[0], forced = try format(fields[4]), format = try format(fields[5])
            var diagnostics: [Diagnostic] = []
            for _ in 0 ..< Int(count) {
                guard line(), fields.count == 4, let severity = Diagnostic.Severity(rawValue: text(fields[0])) else { throw bad }
                diagnostics.append(Diagnostic(severity, path: text(fields[2]), line: number(fields[1]).map { Int(clamping: $0) }, message: text(fields[3])))
            }
            if !diagnostics.isEmpty { diagnosticsByLine[lines.count] = diagnostics }
            lines.append(Line(path: path, size: Int(clamping: size), modified: Int64(bitPattern: modified), contentHash: hash, forced: forced,
                              format: format, rows: Int(low) ..< Int(high), diagnosticCount: diagnostics.count, escaped: b[path].contains(0x25)))
        }
        return (lines, diagnosticsByLine)
    }
}
