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

    /// The tag and value of a tag line, or nil when the line is not one.
    func tagLine(_ line: Substring) -> (tag: String, value: Substring)? {
        let u = Array(line.utf8.prefix(6))
        func isTagChar(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) }
        switch self {
        case .webOfScience:
            guard u.count >= 2, isTagChar(u[0]), isTagChar(u[1]), u.count == 2 || u[2] == 0x20 else { return nil }
            return (String(line.prefix(2)), line.dropFirst(min(3, line.count)))
        case .ris:
            // "TY  - JOUR"; some exporters write "ER  -" with no trailing space.
            guard u.count >= 5, isTagChar(u[0]), isTagChar(u[1]), u[2] == 0x20, u[3] == 0x20, u[4] == 0x2D else { return nil }
            return (String(line.prefix(2)), line.dropFirst(min(6, line.count)))
        case .medline:
            // "PMID- 123", "AU  - Name", "FAU - Name": a tag of up to four characters, padded.
            guard u.count >= 5, u[4] == 0x2D, isTagChar(u[0]) else { return nil }
            var n = 1
            while n < 4 && isTagChar(u[n]) { n += 1 }
            guard u[n ..< 4].allSatisfy({ $0 == 0x20 }) else { return nil }
            return (String(line.prefix(n)), line.dropFirst(min(6, line.count)))
        }
    }

    func isContinuation(_ line: Substring) -> Bool {
        switch self {
        case .webOfScience: return line.hasPrefix("   ")
        case .medline: return line.hasPrefix("      ")
        case .ris: return tagLine(line) == nil   // RIS wraps long notes onto untagged lines
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
        var records: [TaggedRecord] = []
        var diagnostics: [Diagnostic] = []
        var current: TaggedRecord?
        var number = 0
        func finish(closed: Bool) {
            guard var r = current else { return }
            r.closed = closed
            records.append(r)
            current = nil
        }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            var line = rawLine
            if number == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if style == .medline { finish(closed: true) }
                continue
            }
            if current != nil, style.isContinuation(line), !current!.fields.isEmpty {
                let value = String(line.drop { $0 == " " }).trimmingSpaces
                current!.fields[current!.fields.count - 1].lines.append(value)
                continue
            }
            guard let (tag, value) = style.tagLine(line) else {
                diagnostics.append(Diagnostic(path: path, line: number, message: "line is not a tagged field, skipped: \(line.prefix(60))"))
                continue
            }
            if style.startTags.contains(tag), current != nil {
                diagnostics.append(Diagnostic(path: path, line: current!.line, message: "record has no end tag; read up to line \(number - 1)"))
                finish(closed: false)
            }
            if tag == style.endTag {
                if current == nil {
                    diagnostics.append(Diagnostic(path: path, line: number, message: "end tag outside a record, skipped"))
                }
                finish(closed: true)
                continue
            }
            if current == nil {
                guard style.startTags.contains(tag) || style == .ris else {
                    // Web of Science's FN/VR header, and anything else before the first record.
                    if !(style == .webOfScience && (tag == "FN" || tag == "VR" || tag == "EF")) {
                        diagnostics.append(Diagnostic(path: path, line: number, message: "field \(tag) outside a record, skipped"))
                    }
                    continue
                }
                current = TaggedRecord(line: number)
            }
            current!.fields.append(TaggedField(tag: tag, lines: [String(value).trimmingSpaces], line: number))
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
