// TaggedText.swift: the field-tagged line formats shared by Web of Science plain text
// ("AU Sun, ZW" with three-space continuation lines, records ended by "ER"), RIS ("AU  - Sun, Z.",
// records ended by "ER  -") and MEDLINE/nbib ("FAU - Sun, Zhiwei", six-space continuations,
// records separated by blank lines). It splits a file into records of tagged fields, each with
// its line number, and reports lines it cannot place.
import CorpusModel
import CorpusBytes

/// One tagged field: its tag, its lines (continuations included) and the line it starts on.
package struct TaggedField {
    /// The tag's bytes (2 to 4 ASCII characters), packed by `TaggedRecord.pack`.
    package var tag: UInt32
    /// Its lines: a range of the record's `lineRanges`.
    package var lines: Range<Int>
    package var line: Int
}

/// One record of a tagged file, as byte ranges of the file: strings are made only of the fields
/// a reader asks for, and a field can be read on the bytes (a reference list) with none made.
package struct TaggedRecord {
    /// The file's bytes, valid while the record is handed to the reader.
    package let bytes: UnsafeBufferPointer<UInt8>
    fileprivate(set) var fields: [TaggedField] = []
    /// Each line's value, spaces and tabs trimmed; a field's lines are consecutive.
    fileprivate(set) var lineRanges: [Range<Int>] = []
    /// The 1-based line the record starts on.
    fileprivate(set) var line = 0
    /// The record's place among the file's records, from 0 (records skipped by the reader
    /// included).
    fileprivate(set) var index = -1
    /// False when the file ended before the record's end tag.
    fileprivate(set) var closed = false

    fileprivate init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// A tag's characters packed into an integer, as fields keep them.
    package static func pack<Tag: Collection<UInt8>>(_ tag: Tag) -> UInt32 {
        tag.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The fields with `tag`, in order.
    package func fields(_ tag: String) -> [TaggedField] {
        let packed = TaggedRecord.pack(tag.utf8)
        return fields.filter { $0.tag == packed }
    }

    /// The lines of `field` as strings.
    package func lines(of field: TaggedField) -> [String] {
        lineRanges[field.lines].map { bytes.string($0) }
    }

    /// Calls `body` with the bytes of every non-empty line of every field with `tag`, in order
    /// (repeated tags and continuations alike).
    package func forEachValue(_ tag: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let packed = TaggedRecord.pack(tag.utf8)
        for f in fields where f.tag == packed {
            for r in lineRanges[f.lines] where !r.isEmpty { body(UnsafeBufferPointer(rebasing: bytes[r])) }
        }
    }

    /// Every non-empty line of every field with `tag`, in order.
    package func values(_ tag: String) -> [String] {
        var result: [String] = []
        forEachValue(tag) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// Every field with `tag`, each with its lines joined by spaces (a MeSH heading or a grant
    /// continued on the next line is one value).
    package func joinedValues(_ tag: String) -> [String] {
        let packed = TaggedRecord.pack(tag.utf8)
        return fields.filter { $0.tag == packed }.map(joinedText).filter { !$0.isEmpty }
    }

    /// The lines of `field` joined by spaces.
    package func joinedText(_ field: TaggedField) -> String {
        field.lines.count == 1 ? bytes.string(lineRanges[field.lines.lowerBound]) : lines(of: field).joined(separator: " ")
    }

    /// The first field with `tag`, its lines joined by spaces.
    package func text(_ tag: String) -> String? {
        let packed = TaggedRecord.pack(tag.utf8)
        guard let f = fields.first(where: { $0.tag == packed }) else { return nil }
        if f.lines.count == 1 {
            let r = bytes.trimmedSpaces(lineRanges[f.lines.lowerBound])
            return r.isEmpty ? nil : bytes.string(r)
        }
        var joined: [UInt8] = []
        for (k, r) in lineRanges[f.lines].enumerated() {
            if k > 0 { joined.append(0x20) }
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[r]))
        }
        return joined.withUnsafeBufferPointer { b in
            let r = b.trimmedSpaces(0 ..< b.count)
            return r.isEmpty ? nil : b.string(r)
        }
    }

    /// The first of `tags` that has a value.
    package func text(_ tags: [String]) -> String? {
        for t in tags { if let v = text(t) { return v } }
        return nil
    }

    package func has(_ tag: String) -> Bool {
        let packed = TaggedRecord.pack(tag.utf8)
        return fields.contains { $0.tag == packed }
    }

    fileprivate mutating func start(line: Int) {
        fields.removeAll(keepingCapacity: true)
        lineRanges.removeAll(keepingCapacity: true)
        self.line = line
        index += 1
        closed = false
    }

    fileprivate mutating func addField(tag: UInt32, value: Range<Int>, line: Int) {
        lineRanges.append(value)
        fields.append(TaggedField(tag: tag, lines: lineRanges.count - 1 ..< lineRanges.count, line: line))
    }

    fileprivate mutating func continueField(_ value: Range<Int>) {
        lineRanges.append(value)
        fields[fields.count - 1].lines = fields[fields.count - 1].lines.lowerBound ..< lineRanges.count
    }
}

package enum TaggedStyle {
    case webOfScience, ris, medline

    @inline(__always)
    private static func isTagByte(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) }

    /// The tag's length and where the value starts, when the line is a tag line.
    package func tagLine(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (tagLength: Int, valueStart: Int)? {
        let n = line.count
        let p = line.lowerBound
        func at(_ k: Int) -> UInt8 { b[p + k] }
        switch self {
        case .webOfScience:
            guard n >= 2, Self.isTagByte(at(0)), Self.isTagByte(at(1)), n == 2 || at(2) == 0x20 else { return nil }
            return (2, p + min(3, n))
        case .ris:
            // "TY  - JOUR"; some exporters write "ER  -" with no trailing space.
            guard n >= 5, Self.isTagByte(at(0)), Self.isTagByte(at(1)), at(2) == 0x20, at(3) == 0x20, at(4) == 0x2D else { return nil }
            // The value starts after the hyphen; the space that usually follows it is trimmed.
            return (2, p + 5)
        case .medline:
            // "PMID- 123", "AU  - Name", "FAU - Name": a tag of up to four characters, padded.
            guard n >= 5, at(4) == 0x2D, Self.isTagByte(at(0)) else { return nil }
            var k = 1
            while k < 4 && Self.isTagByte(at(k)) { k += 1 }
            for j in k ..< 4 where at(j) != 0x20 { return nil }
            return (k, p + 5)
        }
    }

    package func isContinuation(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        switch self {
        case .webOfScience: return line.count >= 3 && b[line.lowerBound] == 0x20 && b[line.lowerBound + 1] == 0x20 && b[line.lowerBound + 2] == 0x20
        case .medline: return line.count >= 6 && (0 ..< 6).allSatisfy { b[line.lowerBound + $0] == 0x20 }
        case .ris: return tagLine(b, line) == nil   // RIS wraps long notes onto untagged lines
        }
    }

    package var endTag: String? { self == .medline ? nil : "ER" }
    package var startTags: Set<String> {
        switch self {
        case .webOfScience: return ["PT"]
        case .ris: return ["TY"]
        case .medline: return ["PMID"]
        }
    }
}

package enum TaggedText {
    /// Splits the text `b` into records and hands each to `read` as soon as it ends; `read` returns why
    /// it skipped a record, or nil. Returns the diagnostics: what could not be placed (lines
    /// outside any record that are not blank, lines that are neither a tag nor a continuation),
    /// then the records `read` skipped.
    package static func readRecords(_ b: UnsafeBufferPointer<UInt8>, style: TaggedStyle, path: String, _ read: (TaggedRecord) -> Diagnostic?) -> [Diagnostic] {
        var skipped: [Diagnostic] = []
        let diagnostics = forEachRecord(bytes: b, style: style, path: path) { if let d = read($0) { skipped.append(d) } }
        return diagnostics + skipped
    }

    private static func forEachRecord(bytes b: UnsafeBufferPointer<UInt8>, style: TaggedStyle, path: String,
                                      _ body: (TaggedRecord) -> Void) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var current = TaggedRecord(bytes: b)
        var inRecord = false
        var number = 0
        // A tag or two each: compared in turn, not hashed.
        let startTags = style.startTags.map { TaggedRecord.pack($0.utf8) }
        let endTag = style.endTag.map { TaggedRecord.pack($0.utf8) }
        let outsideTags = style == .webOfScience ? ["FN", "VR", "EF"].map { TaggedRecord.pack($0.utf8) } : []
        // Without a CR anywhere (the usual file), memchr finds each line's end.
        let onlyLF = b.firstIndex(of: 0x0D, in: 0 ..< b.count) == nil
        func finish(closed: Bool) {
            guard inRecord else { return }
            current.closed = closed
            body(current)
            inRecord = false
        }
        func value(_ r: Range<Int>) -> Range<Int> {
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi && (b[lo] == 0x20 || b[lo] == 0x09) { lo += 1 }
            while hi > lo && (b[hi - 1] == 0x20 || b[hi - 1] == 0x09) { hi -= 1 }
            return lo ..< hi
        }
        var i = TextDecoding.byteOrderMarkLength(b)
        while i < b.count {
            var end = i
            if onlyLF {
                end = b.firstIndex(of: 0x0A, in: i ..< b.count) ?? b.count
            } else {
                while end < b.count && b[end] != 0x0A && b[end] != 0x0D { end += 1 }
            }
            let line = i ..< end
            // Past the line break: LF, CRLF or a lone CR.
            i = end < b.count && b[end] == 0x0D && end + 1 < b.count && b[end + 1] == 0x0A ? end + 2 : end + 1
            number += 1
            if line.allSatisfy({ b[$0] == 0x20 || b[$0] == 0x09 }) {
                if style == .medline { finish(closed: true) }
                continue
            }
            if inRecord, !current.fields.isEmpty, style.isContinuation(b, line) {
                current.continueField(value(line))
                continue
            }
            guard let (tagLength, valueStart) = style.tagLine(b, line) else {
                let shown = b.string(line.lowerBound ..< min(line.upperBound, line.lowerBound + 60))
                diagnostics.append(Diagnostic(path: path, line: number, message: "line is not a tagged field, skipped: \(shown)"))
                continue
            }
            let tagBytes = UnsafeBufferPointer(rebasing: b[line.lowerBound ..< line.lowerBound + tagLength])
            let tag = TaggedRecord.pack(tagBytes)
            if startTags.contains(tag), inRecord {
                diagnostics.append(Diagnostic(path: path, line: current.line, message: "record has no end tag; read up to line \(number - 1)"))
                finish(closed: false)
            }
            if tag == endTag {
                if !inRecord {
                    diagnostics.append(Diagnostic(path: path, line: number, message: "end tag outside a record, skipped"))
                }
                finish(closed: true)
                continue
            }
            if !inRecord {
                // A MEDLINE record is a block between blank lines, whatever its first tag (ERIC
                // exports and PMC-only blocks start with other tags than PMID).
                guard startTags.contains(tag) || style == .ris || style == .medline else {
                    // Web of Science's FN/VR header, and anything else before the first record.
                    if !outsideTags.contains(tag) {
                        diagnostics.append(Diagnostic(path: path, line: number, message: "field \(String(decoding: tagBytes, as: UTF8.self)) outside a record, skipped"))
                    }
                    continue
                }
                current.start(line: number)
                inRecord = true
            }
            current.addField(tag: tag, value: value(valueStart ..< line.upperBound), line: number)
        }
        if inRecord {
            if style == .medline {
                finish(closed: true)
            } else {
                diagnostics.append(Diagnostic(path: path, line: current.line, message: "file ends inside a record (no end tag); the record was read as far as it goes"))
                finish(closed: false)
            }
        }
        return diagnostics
    }
}
