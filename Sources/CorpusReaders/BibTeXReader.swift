// BibTeXReader.swift: BibTeX and BibLaTeX files: entries in braces or parentheses, @string macros
// (and the month names) with concatenation by #, nested braces and quoted values, crossref
// inheritance, TeX turned into Unicode, "A and B" name lists with von and Jr parts, and the fields
// Scopus adds (abstract, author_keywords, references, note = {cited By N}).
import CorpusModel
import CorpusBytes
import Foundation

package enum BibTeXReader {
    /// One entry as written: its type, key, line, and field values still in TeX.
    package struct Entry {
        package var type: String
        package var key: String
        package var line: Int
        package var fields: [String: BibTeXValue] = [:]
    }

    package static func read(_ b: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var parser = BibTeXParser(bytes: b, path: path)
        let entries = parser.entries()
        var contents = FileContents(diagnostics: parser.diagnostics, reservingFor: b.count)
        let byKey = Dictionary(entries.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for var entry in entries where entry.type != "set" && entry.type != "xdata" {
            inherit(&entry, byKey, file: b)
            let fields = EntryFields(entry: entry, file: b)
            let title = fields.plain("title") ?? ""
            if title.isEmpty {
                contents.diagnostics.append(Diagnostic(path: path, line: entry.line, message: "entry '\(entry.key)' has no title; kept with an empty title"))
            }
            contents.documents.append(document(fields, title: title, path: path), freeTextReferences: fields.forEachReference)
        }
        return contents
    }

    /// Fields the entry lacks, taken from the entry its `crossref` names (BibLaTeX's mapping of a
    /// parent's title to the child's booktitle included).
    private static func inherit(_ entry: inout Entry, _ byKey: [String: Entry], file: UnsafeBufferPointer<UInt8>) {
        guard let parentKey = entry.fields["crossref"], let parent = byKey[parentKey.tex(file).lowercased()] else { return }
        for (name, value) in parent.fields where name != "crossref" {
            var target = name
            if name == "title" { target = parent.type.hasPrefix("mv") ? "maintitle" : "booktitle" }
            if name == "subtitle" { target = "booksubtitle" }
            if entry.fields[target] == nil { entry.fields[target] = value }
        }
    }

    private static func document(_ e: EntryFields, title: String, path: String) -> Document {
        var fullTitle = title
        if let subtitle = e.field("subtitle") { fullTitle += ": " + subtitle }
        // Scopus appends the original-language title in brackets: "English title [Оригинал]".
        let fromScopus = e.field("source") == "Scopus" || e.field("url")?.contains("scopus.com") == true
        if fromScopus, fullTitle.hasSuffix("]"), let open = fullTitle.range(of: " [", options: .backwards) {
            fullTitle = String(fullTitle[..<open.lowerBound])
        }
        let year = e.field("year", "date").flatMap(RISReader.leadingYear)
        func list(_ text: String?) -> [String] { listItems(text) { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") } }
        // Scopus writes author keywords as author_keywords and its index keywords as keywords.
        let scopusKeywords = fromScopus && e.field("author_keywords") != nil
        let cited = e.field("note").flatMap { note -> Int? in
            guard let r = note.firstRange(of: "cited By ") else { return nil }
            return Int(note[r.upperBound...].prefix { $0.isNumber })
        }
        var d = Document(
            id: e.entry.key, title: fullTitle, authors: e.withTeX("author", names) ?? [],
            affiliations: semicolonList(e.field("affiliation", "affiliations")),
            abstract: e.field("abstract"), doi: e.field("doi").map(DOI.clean), year: year,
            keywords: list(scopusKeywords ? e.field("author_keywords") : e.field("author_keywords", "keywords")),
            language: LanguageNames.code(e.field("langid", "language")),
            journal: e.field("journal", "journaltitle", "booktitle", "maintitle"), citations: cited,
            source: SourceLocation(path: path, line: e.entry.line))
        if scopusKeywords { d.indexTerms = semicolonList(e.field("keywords")) }
        d.editors = (e.withTeX("editor", names) ?? []).map(\.display)
        d.typeLabel = e.field("document_type") ?? e.entry.type
        d.type = DocumentType.of(label: d.typeLabel!) ?? DocumentType.of(label: e.entry.type)
        d.volume = e.field("volume")
        d.issue = e.field("number", "issue")
        d.pages = e.field("pages")?.replacingOccurrences(of: "–", with: "-") ?? e.field("art_number", "eid")
        d.issn = semicolonList(e.field("issn")).map(ScopusReader.hyphenatedISSN)
        d.publisher = e.field("publisher")
        d.funding = semicolonList(e.field("funding_details", "funding"))
        (d.correspondingName, d.correspondingAddress) = ScopusReader.corresponding(e.field("correspondence_address1", "correspondence_address"))
        return d
    }

    /// An entry's fields read from the file they were parsed from.
    private struct EntryFields {
        package let entry: Entry
        package let file: UnsafeBufferPointer<UInt8>

        /// Calls `body` with the named field's TeX as bytes; nil when the entry lacks the field.
        package func withTeX<R>(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            entry.fields[name]?.withBytes(file, body)
        }

        /// The named field as plain text.
        package func plain(_ name: String) -> String? { withTeX(name, TeXText.plain(bytes:)) }

        /// The first of the named fields whose plain text is not empty.
        package func field(_ names: String...) -> String? {
            for n in names { if let v = plain(n), !v.isEmpty { return v } }
            return nil
        }

        /// Calls `body` with the text of each reference of Scopus's "references" field (the plain
        /// text split at "; ", each trimmed; empty ones left out).
        package func forEachReference(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            _ = withTeX("references") { tex in
                TeXText.withPlainBytes(tex) { b in
                    var start = 0
                    var from = 0
                    func emit(_ end: Int) {
                        let r = b.trimmedSpaces(start ..< end)
                        if !r.isEmpty { body(UnsafeBufferPointer(rebasing: b[r])) }
                    }
                    while from + 1 < b.count, let semicolon = b.firstIndex(of: 0x3B, in: from ..< b.count - 1) {
                        if b[semicolon + 1] == 0x20 {
                            emit(semicolon)
                            start = semicolon + 2
                            from = start
                        } else {
                            from = semicolon + 1
                        }
                    }
                    emit(b.count)
                }
            }
        }
    }

    /// "Aks{\\i}n, {\\"O}zge and T{\\"u}rkmen, Hayati and van der Berg, Jr., Jan and Ludwig van Beethoven".
    package static func names(_ tex: String?) -> [AuthorName] {
        guard var tex else { return [] }
        return tex.withUTF8(names)
    }

    /// `names` of the TeX's bytes. Text whose every character is one that no neighbour joins
    /// (the usual case) is split on the bytes; other text is split Character by Character.
    package static func names(_ b: UnsafeBufferPointer<UInt8>) -> [AuthorName] {
        guard let spaced = collapsedSpaces(b) else { return namesByCharacters(String(decoding: b, as: UTF8.self)) }
        return spaced.withUnsafeBufferPointer { s in
            splitTopLevel(s, on: " and ").compactMap { raw in
                let parts = splitTopLevel(s, raw, on: ",")
                let braced = parts.count == 1 && isBraced(UnsafeBufferPointer(rebasing: s[raw]))
                return name(parts: parts.map { TeXText.plain(bytes: UnsafeBufferPointer(rebasing: s[$0])) }, braced: braced)
            }
        }
    }

    private static func namesByCharacters(_ tex: String) -> [AuthorName] {
        let spaced = tex.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return splitTopLevel(spaced, on: " and ").compactMap { raw -> AuthorName? in
            let parts = splitTopLevel(raw, on: ",")
            var copy = raw
            let braced = parts.count == 1 && copy.withUTF8(isBraced)
            return name(parts: parts.map { TeXText.plain($0) }, braced: braced)
        }
    }

    /// Whether the text is one group in braces ("{Barnes and Noble}"): a name BibTeX does not split.
    private static func isBraced(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 2, b[0] == 0x7B, b[b.count - 1] == 0x7D else { return false }
        var depth = 0
        for (k, c) in b.enumerated() {
            if c == 0x7B { depth += 1 } else if c == 0x7D { depth -= 1 }
            if depth == 0 && k < b.count - 1 { return false }
        }
        return true
    }

    /// One name from its comma-separated parts, made plain; a `braced` one ("{World Health
    /// Organization}") is a family name as it stands.
    private static func name(parts: [String], braced: Bool = false) -> AuthorName? {
        guard let first = parts.first, !first.isEmpty else { return nil }
        if first == "others" { return nil }
        if braced { return AuthorName(written: first, family: first, initials: "") }
        let written = parts.joined(separator: ", ")
        if parts.count >= 2 {
            // "von Last, First" or "von Last, Jr, First"; Scopus writes "Last, First, Jr.".
            let suffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"]
            let (jr, given) = parts.count >= 3
                ? (suffixes.contains(parts[2].lowercased()) ? (parts[2], parts[1]) : (parts[1], parts[2]))
                : ("", parts[1])
            return AuthorName.parse(first + ", " + given + (jr.isEmpty ? "" : ", " + jr), order: .familyFirst)
                .map { var n = $0; n.written = written; return n }
        }
        // "First von Last": the family name starts at the first lower-case word, else is the last word.
        let words = first.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return AuthorName(written: written, family: first, initials: "") }
        let von = words.dropLast().firstIndex { $0.first?.isLowercase == true } ?? words.count - 1
        let family = words[von...].joined(separator: " ")
        let given = words[..<von].joined(separator: " ")
        return AuthorName.parse(family + ", " + given, order: .familyFirst).map { var n = $0; n.written = written; return n }
    }

    /// The bytes with each run of white space made one space and none at either end, when every
    /// character is ASCII white space or a character that joins no neighbour and is no white space
    /// (`UTF8Class.neverJoinsPrevious`); nil for other text.
    package static func collapsedSpaces(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var space = false
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) {
                    space = true
                } else {
                    if space && !out.isEmpty { out.append(0x20) }
                    space = false
                    out.append(c)
                }
                i += 1
                continue
            }
            // A character no neighbour joins, and no white space (the Character path reads that).
            guard UTF8Class.neverJoinsPrevious(b, at: i), UTF8Class.whitespaceWidth(b, at: i) == nil else { return nil }
            let width = c >= 0xE0 ? 3 : 2
            guard i + width <= b.count else { return nil }
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i ..< i + width]))
            i += width
        }
        return out
    }

    /// The ranges of `b` between the separators outside braces, each trimmed; empty ones left out.
    package static func splitTopLevel(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>? = nil, on separator: StaticString) -> [Range<Int>] {
        let whole = range ?? 0 ..< b.count
        var parts: [Range<Int>] = []
        var depth = 0
        var start = whole.lowerBound
        var i = whole.lowerBound
        let first = separator.utf8Start.pointee, length = separator.utf8CodeUnitCount
        func close(_ end: Int) {
            let r = b.trimmedSpaces(start ..< end)
            if !r.isEmpty { parts.append(r) }
        }
        while i < whole.upperBound {
            let c = b[i]
            if c == 0x7B { depth += 1 } else if c == 0x7D { depth -= 1 }
            if depth == 0, c == first, i + length <= whole.upperBound, b.hasPrefix(separator, at: i) {
                close(i)
                i += length
                start = i
                continue
            }
            i += 1
        }
        close(whole.upperBound)
        return parts
    }

    /// Splits at `separator` outside braces.
    package static func splitTopLevel(_ s: String, on separator: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0, s[i...].hasPrefix(separator) {
                parts.append(current.trimmingSpaces)
                current = ""
                i = s.index(i, offsetBy: separator.count)
                continue
            }
            current.append(c)
            i = s.index(after: i)
        }
        parts.append(current.trimmingSpaces)
        return parts.filter { !$0.isEmpty }
    }
}

/// A field value as the parser found it.
package enum BibTeXValue {
    /// One braced or quoted piece: a range of the file's bytes, still in TeX (the usual value).
    case bytes(Range<Int>)
    /// Pieces joined by `#` (macros and numbers among them), or a value recovered line by line.
    case text(String)

    /// The TeX as a string.
    package func tex(_ file: UnsafeBufferPointer<UInt8>) -> String {
        switch self {
        case .bytes(let r): return String(decoding: UnsafeBufferPointer(rebasing: file[r]), as: UTF8.self)
        case .text(let s): return s
        }
    }

    /// Calls `body` with the TeX's bytes.
    package func withBytes<R>(_ file: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case .bytes(let r): return body(UnsafeBufferPointer(rebasing: file[r]))
        case .text(var s): return s.withUTF8(body)
        }
    }
}

/// The scanner: entries, macros and values, with line numbers for diagnostics. It walks the
/// UTF-8 bytes; every delimiter is ASCII, and a value is the bytes between its delimiters.
package struct BibTeXParser {
    private let chars: UnsafeBufferPointer<UInt8>
    private let path: String
    private var i = 0
    private var line = 1
    private(set) var diagnostics: [Diagnostic] = []
    private var macros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), openParen = UInt8(ascii: "(")
    private static let closeParen = UInt8(ascii: ")"), at = UInt8(ascii: "@"), comma = UInt8(ascii: ",")
    private static let equals = UInt8(ascii: "="), quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), newline: UInt8 = 0x0A

    /// A parser of the file whose UTF-8 bytes are `bytes` (which must outlive it).
    package init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        chars = bytes
        self.path = path
    }

    private var atEnd: Bool { i >= chars.count }

    private mutating func advance() {
        if chars[i] == Self.newline { line += 1 }
        i += 1
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C }

    private mutating func skipSpace() {
        while !atEnd, Self.isSpace(chars[i]) { advance() }
    }

    /// Letters and digits (any non-ASCII byte counts as a letter) and the punctuation keys use.
    private static func isNameByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
            || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: ":") || c == UInt8(ascii: ".")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "'") || c == UInt8(ascii: "!")
            || c == UInt8(ascii: "?") || c == UInt8(ascii: "&") || c == UInt8(ascii: "*")
    }

    private func shown(_ c: UInt8) -> String { c < 0x80 ? String(Character(Unicode.Scalar(c))) : "byte \(c)" }

    private func text(_ range: Range<Int>) -> String { String(decoding: chars[range], as: UTF8.self) }

    private func startsLine(_ k: Int) -> Bool { k > 0 && chars[k - 1] == Self.newline }

    package mutating func entries() -> [BibTeXReader.Entry] {
        var result: [BibTeXReader.Entry] = []
        while !atEnd {
            // Text between entries is a comment.
            while !atEnd && chars[i] != Self.at { advance() }
            guard !atEnd else { break }
            let start = line
            let resume = i + 1
            let resumeLine = line
            advance()
            do {
                if let entry = try entry(startLine: start) { result.append(entry) }
            } catch let error as ParseError {
                // Start again just after this "@", at the next entry that begins a line.
                i = resume
                line = resumeLine
                let from = i
                while !atEnd && !(chars[i] == Self.at && startsLine(i)) { advance() }
                if let recovered = lineByLine(text(from ..< i), startLine: start) {
                    diagnostics.append(Diagnostic(path: path, line: start, message: "\(error.message); entry read one field a line"))
                    result.append(recovered)
                } else {
                    diagnostics.append(Diagnostic(path: path, line: start, message: "\(error.message); entry skipped"))
                }
            } catch {}
        }
        return result
    }

    package struct ParseError: Error { var message: String }

    /// An entry whose braces do not balance, read as exporters write it, one `name={value},` a line
    /// (Scopus writes markup such as "{&lt;" inside abstracts); nil when it has no such lines.
    private func lineByLine(_ text: String, startLine: Int) -> BibTeXReader.Entry? {
        let lines: [String] = text.split(whereSeparator: \.isNewline).map { String($0) }
        guard let head = lines.first, let open = head.firstIndex(where: { $0 == "{" || $0 == "(" }) else { return nil }
        let type = String(head[..<open]).lowercased()
        let key = String(head[head.index(after: open)...]).trimming(", ")
        var entry = BibTeXReader.Entry(type: type, key: key, line: startLine)
        for line in lines.dropFirst() {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = String(line[..<eq]).trimmingSpaces.lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == " " || $0 == "-" }) else { continue }
            var value = String(line[line.index(after: eq)...]).trimmingSpaces
            if value.hasSuffix(",") { value.removeLast() }
            let braced = value.hasPrefix("{") && value.hasSuffix("}")
            let quoted = value.hasPrefix("\"") && value.hasSuffix("\"")
            if braced || quoted {
                value = String(value.dropFirst().dropLast())
            }
            entry.fields[name] = .text(String(value.filter { $0 != "{" && $0 != "}" }))
        }
        return entry.fields.isEmpty ? nil : entry
    }

    private mutating func identifier() -> String {
        let start = i
        while !atEnd, Self.isNameByte(chars[i]) { advance() }
        return text(start ..< i)
    }

    /// An identifier lower-cased (entry types, field and macro names), ASCII ones without a
    /// second string.
    private mutating func lowercasedIdentifier() -> String {
        let start = i
        var upper = false, ascii = true
        while !atEnd, Self.isNameByte(chars[i]) {
            let c = chars[i]
            if c >= 0x41 && c <= 0x5A { upper = true } else if c >= 0x80 { ascii = false }
            advance()
        }
        let range = start ..< i
        if !upper && ascii { return text(range) }
        guard ascii else { return text(range).lowercased() }
        return String(unsafeUninitializedCapacity: range.count) { out in
            for (k, c) in chars[range].enumerated() { out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            return range.count
        }
    }

    private mutating func entry(startLine: Int) throws -> BibTeXReader.Entry? {
        let type = lowercasedIdentifier()
        skipSpace()
        guard !atEnd, chars[i] == Self.openBrace || chars[i] == Self.openParen else {
            throw ParseError(message: "'@\(type)' is not followed by '{' or '('")
        }
        let close = chars[i] == Self.openBrace ? Self.closeBrace : Self.closeParen
        advance()
        skipSpace()
        if type == "comment" {
            _ = try balanced(until: close)
            return nil
        }
        if type == "preamble" {
            _ = try value(close: close)
            skipSpace(); if !atEnd && chars[i] == close { advance() }
            return nil
        }
        if type == "string" {
            skipSpace()
            let name = lowercasedIdentifier()
            skipSpace()
            guard !atEnd, chars[i] == Self.equals else { throw ParseError(message: "@string '\(name)' has no '='") }
            advance()
            macros[name] = try value(close: close).tex(chars)
            skipSpace()
            if !atEnd && chars[i] == close { advance() }
            return nil
        }
        let keyStart = i
        while !atEnd, chars[i] != Self.comma, chars[i] != close, !Self.isSpace(chars[i]) { advance() }
        let key = text(keyStart ..< i)
        var entry = BibTeXReader.Entry(type: type, key: key, line: startLine)
        var afterComma = true
        while true {
            skipSpace()
            guard !atEnd else { throw ParseError(message: "entry '\(key)' is not closed before the end of the file") }
            if chars[i] == close { advance(); break }
            if chars[i] == Self.comma { advance(); afterComma = true; continue }
            if chars[i] == Self.at { throw ParseError(message: "entry '\(key)' is not closed before the next entry") }
            let fieldLine = line
            if !entry.fields.isEmpty && !afterComma {
                diagnostics.append(Diagnostic(path: path, line: fieldLine, message: "no ',' before this field of entry '\(key)'; read anyway"))
            }
            var name = lowercasedIdentifier()
            guard !name.isEmpty else { throw ParseError(message: "unexpected '\(shown(chars[i]))' in entry '\(key)' at line \(fieldLine)") }
            // Scopus writes "funding_text 1 = {...}": a name with a (no-break) space in it.
            while !atEnd {
                let gap = chars[i] == 0x20 ? 1 : (chars[i] == 0xC2 && i + 1 < chars.count && chars[i + 1] == 0xA0 ? 2 : 0)
                guard gap > 0, i + gap < chars.count, Self.isNameByte(chars[i + gap]), chars[i + gap] < 0x80 else { break }
                i += gap
                name += " " + lowercasedIdentifier()
            }
            skipSpace()
            guard !atEnd, chars[i] == Self.equals else { throw ParseError(message: "field '\(name)' of entry '\(key)' has no '=' (line \(fieldLine))") }
            advance()
            entry.fields[name] = try value(close: close)
            afterComma = false
        }
        return entry
    }

    /// A field value: pieces ({...}, "...", numbers, macro names) joined by #. One braced or
    /// quoted piece, the usual value, stays a range of the file's bytes.
    private mutating func value(close: UInt8) throws -> BibTeXValue {
        var result: BibTeXValue?
        while true {
            skipSpace()
            guard !atEnd else { throw ParseError(message: "value is not closed before the end of the file") }
            let piece: BibTeXValue
            switch chars[i] {
            case Self.openBrace:
                advance()
                piece = .bytes(try balanced(until: Self.closeBrace))
            case Self.quote:
                advance()
                piece = .bytes(try quoted())
            default:
                let word = identifier()
                guard !word.isEmpty else { throw ParseError(message: "a value was expected at line \(line), found '\(shown(chars[i]))'") }
                if word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { piece = .text(word) }
                else if let m = macros[word.lowercased()] { piece = .text(m) }
                else {
                    diagnostics.append(Diagnostic(path: path, line: line, message: "unknown @string macro '\(word)', kept as written"))
                    piece = .text(word)
                }
            }
            result = result.map { .text($0.tex(chars) + piece.tex(chars)) } ?? piece
            skipSpace()
            if !atEnd && chars[i] == Self.hash { advance(); continue }
            return result ?? piece
        }
    }

    /// 1 for the bytes a value's scan stops at (braces, quote, parenthesis, "@", line end); the
    /// others are passed over in a tight loop.
    private static let valueStops: [UInt8] = {
        var stops = [UInt8](repeating: 0, count: 256)
        for c in [openBrace, closeBrace, quote, closeParen, at, newline] { stops[Int(c)] = 1 }
        return stops
    }()

    /// Moves past the bytes no value scan stops at.
    private mutating func skipValueText(_ stops: UnsafeBufferPointer<UInt8>) {
        while i < chars.count && stops[Int(chars[i])] == 0 { i += 1 }
    }

    /// The bytes up to the matching `until` (braces inside kept), consuming it.
    private mutating func balanced(until: UInt8) throws -> Range<Int> {
        try Self.valueStops.withUnsafeBufferPointer { try balanced(until: until, stops: $0) }
    }

    private mutating func balanced(until: UInt8, stops: UnsafeBufferPointer<UInt8>) throws -> Range<Int> {
        var depth = 0
        let start = i
        while true {
            skipValueText(stops)
            guard !atEnd else { break }
            let c = chars[i]
            if depth == 0 && c == until { advance(); return start ..< i - 1 }
            if c == Self.openBrace { depth += 1 } else if c == Self.closeBrace { depth -= 1 }
            if c == Self.at && depth <= 0 && startsLine(i) && until == Self.closeBrace {
                throw ParseError(message: "unbalanced braces")
            }
            advance()
        }
        throw ParseError(message: "unbalanced braces: the file ends inside a value")
    }

    /// A "quoted" value's bytes; braces inside may hold quotes.
    private mutating func quoted() throws -> Range<Int> {
        try Self.valueStops.withUnsafeBufferPointer { try quoted(stops: $0) }
    }

    private mutating func quoted(stops: UnsafeBufferPointer<UInt8>) throws -> Range<Int> {
        var depth = 0
        let start = i
        while true {
            skipValueText(stops)
            guard !atEnd else { break }
            let c = chars[i]
            if c == Self.openBrace { depth += 1 } else if c == Self.closeBrace { depth -= 1 }
            if c == Self.quote && depth == 0 { advance(); return start ..< i - 1 }
            advance()
        }
        throw ParseError(message: "a quoted value is not closed before the end of the file")
    }
}
