// TaggedText.swift: the field-tagged line formats shared by Web of Science plain text
// ("AU Sun, ZW" with three-space continuation lines, records ended by "ER"), RIS ("AU  - Sun, Z.",
// records ended by "ER  -") and MEDLINE/nbib ("FAU - Sun, Zhiwei", six-space continuations,
// records separated by blank lines). It splits a file into records of tagged fields, each with
// its line number, and reports lines it cannot place.

/// One tagged field: its tag, its lines (continuations included) and the line it starts on.
struct TaggedField {
    var tag: String
    var lines: [String]
    var line: Int
}

/// One record of a tagged file.
struct TaggedRecord {
    var fields: [TaggedField] = []
    /// The 1-based line the record starts on.
    var line: Int
    /// False when the file ended before the record's end tag.
    var closed = false

    /// Every line of every field with `tag`, in order (repeated tags and continuations alike).
    func values(_ tag: String) -> [String] {
        fields.filter { $0.tag == tag }.flatMap(\.lines).filter { !$0.isEmpty }
    }

    /// The first field with `tag`, its lines joined by spaces.
    func text(_ tag: String) -> String? {
        guard let f = fields.first(where: { $0.tag == tag }) else { return nil }
        let joined = f.lines.joined(separator: " ").trimmingSpaces
        return joined.isEmpty ? nil : joined
    }

    /// The first of `tags` that has a value.
    func text(_ tags: [String]) -> String? {
        for t in tags { if let v = text(t) { return v } }
        return nil
    }

    func has(_ tag: String) -> Bool { fields.contains { $0.tag == tag } }
}

enum TaggedStyle {
    case webOfScience, ris, medline

    @inline(__always)
    private static func isTagByte(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) }

    /// The tag's length and where the value starts, when the line is a tag line.
    func tagLine(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> (tagLength: Int, valueStart: Int)? {
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
            return (2, p + min(6, n))
        case .medline:
            // "PMID- 123", "AU  - Name", "FAU - Name": a tag of up to four characters, padded.
            guard n >= 5, at(4) == 0x2D, Self.isTagByte(at(0)) else { return nil }
            var k = 1
            while k < 4 && Self.isTagByte(at(k)) { k += 1 }
            for j in k ..< 4 where at(j) != 0x20 { return nil }
            return (k, p + min(6, n))
        }
    }

    func isContinuation(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        switch self {
        case .webOfScience: return line.count >= 3 && b[line.lowerBound] == 0x20 && b[line.lowerBound + 1] == 0x20 && b[line.lowerBound + 2] == 0x20
        case .medline: return line.count >= 6 && (0 ..< 6).allSatisfy { b[line.lowerBound + $0] == 0x20 }
        case .ris: return tagLine(b, line) == nil   // RIS wraps long notes onto untagged lines
        }
    }

    var endTag: String? { self == .medline ? nil : "ER" }
    var startTags: Set<String> {
        switch self {
        case .webOfScience: return ["PT"]
        case .ris: return ["TY"]
        case .medline: return ["PMID"]
        }
    }
}

enum TaggedText {
    /// Splits `text` into records; lines outside any record that are not blank, and lines that
    /// are neither a tag nor a continuation, are reported.
    static func records(_ text: String, style: TaggedStyle, path: String) -> ([TaggedRecord], [Diagnostic]) {
        var copy = text
        return copy.withUTF8 { records(bytes: $0, style: style, path: path) }
    }

    static func records(bytes b: UnsafeBufferPointer<UInt8>, style: TaggedStyle, path: String) -> ([TaggedRecord], [Diagnostic]) {
        var records: [TaggedRecord] = []
        var diagnostics: [Diagnostic] = []
        var current: TaggedRecord?
        var number = 0
        let startTags = style.startTags
        let endTag = style.endTag
        func finish(closed: Bool) {
            guard var r = current else { return }
            r.closed = closed
            records.append(r)
            current = nil
        }
        func string(_ r: Range<Int>) -> String {
            var lo = r.lowerBound, hi = r.upperBound
            while lo < hi && (b[lo] == 0x20 || b[lo] == 0x09) { lo += 1 }
            while hi > lo && (b[hi - 1] == 0x20 || b[hi - 1] == 0x09) { hi -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[lo ..< hi]), as: UTF8.self)
        }
        var i = TextDecoding.byteOrderMarkLength(b)
        while i < b.count {
            var end = i
            while end < b.count && b[end] != 0x0A && b[end] != 0x0D { end += 1 }
            let line = i ..< end
            // Past the line break: LF, CRLF or a lone CR.
            i = end < b.count && b[end] == 0x0D && end + 1 < b.count && b[end + 1] == 0x0A ? end + 2 : end + 1
            number += 1
            if line.allSatisfy({ b[$0] == 0x20 || b[$0] == 0x09 }) {
                if style == .medline { finish(closed: true) }
                continue
            }
            if current != nil, !current!.fields.isEmpty, style.isContinuation(b, line) {
                current!.fields[current!.fields.count - 1].lines.append(string(line))
                continue
            }
            guard let (tagLength, valueStart) = style.tagLine(b, line) else {
                let shown = String(decoding: UnsafeBufferPointer(rebasing: b[line.lowerBound ..< min(line.upperBound, line.lowerBound + 60)]), as: UTF8.self)
                diagnostics.append(Diagnostic(path: path, line: number, message: "line is not a tagged field, skipped: \(shown)"))
                continue
            }
            let tag = String(decoding: UnsafeBufferPointer(rebasing: b[line.lowerBound ..< line.lowerBound + tagLength]), as: UTF8.self)
            if startTags.contains(tag), current != nil {
                diagnostics.append(Diagnostic(path: path, line: current!.line, message: "record has no end tag; read up to line \(number - 1)"))
                finish(closed: false)
            }
            if tag == endTag {
                if current == nil {
                    diagnostics.append(Diagnostic(path: path, line: number, message: "end tag outside a record, skipped"))
                }
                finish(closed: true)
                continue
            }
            if current == nil {
                guard startTags.contains(tag) || style == .ris else {
                    // Web of Science's FN/VR header, and anything else before the first record.
                    if !(style == .webOfScience && (tag == "FN" || tag == "VR" || tag == "EF")) {
                        diagnostics.append(Diagnostic(path: path, line: number, message: "field \(tag) outside a record, skipped"))
                    }
                    continue
                }
                current = TaggedRecord(line: number)
            }
            current!.fields.append(TaggedField(tag: tag, lines: [string(valueStart ..< line.upperBound)], line: number))
        }
        if let open = current {
            if style == .medline {
                finish(closed: true)
            } else {
                diagnostics.append(Diagnostic(path: path, line: open.line, message: "file ends inside a record (no end tag); the record was read as far as it goes"))
                finish(closed: false)
            }
        }
        return (records, diagnostics)
    }
}
