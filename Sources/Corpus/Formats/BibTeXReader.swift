// BibTeXReader.swift: BibTeX and BibLaTeX files: entries in braces or parentheses, @string macros
// (and the month names) with concatenation by #, nested braces and quoted values, crossref
// inheritance, TeX turned into Unicode, "A and B" name lists with von and Jr parts, and the fields
// Scopus adds (abstract, author_keywords, references, note = {cited By N}).
import Foundation

enum BibTeXReader {
    /// One entry as written: its type, key, line, and field values still in TeX.
    struct Entry {
        var type: String
        var key: String
        var line: Int
        var fields: [String: String] = [:]
    }

    static func read(_ text: String, path: String) -> FileContents {
        var parser = BibTeXParser(text: text, path: path)
        let entries = parser.entries()
        var contents = FileContents(diagnostics: parser.diagnostics)
        let byKey = Dictionary(entries.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for var entry in entries where entry.type != "set" && entry.type != "xdata" {
            inherit(&entry, byKey)
            guard let title = entry.fields["title"].map(TeXText.plain), !title.isEmpty else {
                contents.diagnostics.append(Diagnostic(path: path, line: entry.line, message: "entry '\(entry.key)' has no title, skipped"))
                continue
            }
            contents.documents.append(document(entry, title: title, path: path), freeTextReferences: referenceTexts(entry))
        }
        return contents
    }

    /// Fields the entry lacks, taken from the entry its `crossref` names (BibLaTeX's mapping of a
    /// parent's title to the child's booktitle included).
    private static func inherit(_ entry: inout Entry, _ byKey: [String: Entry]) {
        guard let parentKey = entry.fields["crossref"], let parent = byKey[parentKey.lowercased()] else { return }
        for (name, value) in parent.fields where name != "crossref" {
            var target = name
            if name == "title" { target = parent.type.hasPrefix("mv") ? "maintitle" : "booktitle" }
            if name == "subtitle" { target = "booksubtitle" }
            if entry.fields[target] == nil { entry.fields[target] = value }
        }
    }

    private static func document(_ e: Entry, title: String, path: String) -> Document {
        func field(_ names: String...) -> String? {
            for n in names { if let v = e.fields[n].map(TeXText.plain), !v.isEmpty { return v } }
            return nil
        }
        var fullTitle = title
        if let subtitle = field("subtitle") { fullTitle += ": " + subtitle }
        // Scopus appends the original-language title in brackets: "English title [Оригинал]".
        let fromScopus = field("source") == "Scopus" || field("url")?.contains("scopus.com") == true
        if fromScopus, fullTitle.hasSuffix("]"), let open = fullTitle.range(of: " [", options: .backwards) {
            fullTitle = String(fullTitle[..<open.lowerBound])
        }
        let year = field("year", "date").flatMap(RISReader.leadingYear)
        let keywords = (field("author_keywords", "keywords") ?? "")
            .split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        let cited = field("note").flatMap { note -> Int? in
            guard let r = note.firstRange(of: "cited By ") else { return nil }
            return Int(note[r.upperBound...].prefix { $0.isNumber })
        }
        return Document(
            id: e.key, title: fullTitle, authors: names(e.fields["author"] ?? e.fields["editor"]),
            affiliations: semicolonList(field("affiliation", "affiliations")),
            abstract: field("abstract"), doi: field("doi").map(CitationText.cleanDOI), year: year,
            keywords: keywords,
            language: LanguageNames.code(field("langid", "language")),
            journal: field("journal", "journaltitle", "booktitle", "maintitle", "publisher"), citations: cited,
            source: SourceLocation(path: path, line: e.line))
    }

    /// The texts of Scopus's "references" field, one reference each (read by the sink as
    /// `CitationText.freeText` reads them).
    private static func referenceTexts(_ e: Entry) -> [String] {
        (e.fields["references"].map(TeXText.plain) ?? "").split(on: "; ").map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    /// "Aks{\i}n, {\"O}zge and T{\"u}rkmen, Hayati and van der Berg, Jr., Jan and Ludwig van Beethoven".
    static func names(_ tex: String?) -> [AuthorName] {
        guard let tex else { return [] }
        let spaced = tex.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return splitTopLevel(spaced, on: " and ").compactMap { raw -> AuthorName? in
            let parts = splitTopLevel(raw, on: ",").map { TeXText.plain($0) }
            guard let first = parts.first, !first.isEmpty else { return nil }
            if first == "others" { return nil }
            let written = parts.joined(separator: ", ")
            if parts.count >= 2 {
                // "von Last, First" or "von Last, Jr, First"
                let given = parts.count >= 3 ? parts[2] : parts[1]
                return AuthorName.parse(first + ", " + given, order: .familyFirst).map { var n = $0; n.written = written; return n }
            }
            // "First von Last": the family name starts at the first lower-case word, else is the last word.
            let words = first.split(separator: " ").map(String.init)
            guard words.count >= 2 else { return AuthorName(written: written, family: first, initials: "") }
            let von = words.dropLast().firstIndex { $0.first?.isLowercase == true } ?? words.count - 1
            let family = words[von...].joined(separator: " ")
            let given = words[..<von].joined(separator: " ")
            return AuthorName.parse(family + ", " + given, order: .familyFirst).map { var n = $0; n.written = written; return n }
        }
    }

    /// Splits at `separator` outside braces.
    static func splitTopLevel(_ s: String, on separator: String) -> [String] {
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

/// The scanner: entries, macros and values, with line numbers for diagnostics. It walks the
/// UTF-8 bytes; every delimiter is ASCII, and a value is the bytes between its delimiters.
struct BibTeXParser {
    private let chars: [UInt8]
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

    init(text: String, path: String) {
        chars = Array(text.utf8)
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

    mutating func entries() -> [BibTeXReader.Entry] {
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

    struct ParseError: Error { var message: String }

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
            entry.fields[name] = String(value.filter { $0 != "{" && $0 != "}" })
        }
        return entry.fields.isEmpty ? nil : entry
    }

    private mutating func identifier() -> String {
        let start = i
        while !atEnd, Self.isNameByte(chars[i]) { advance() }
        return text(start ..< i)
    }

    private mutating func entry(startLine: Int) throws -> BibTeXReader.Entry? {
        let type = identifier().lowercased()
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
            let name = identifier().lowercased()
            skipSpace()
            guard !atEnd, chars[i] == Self.equals else { throw ParseError(message: "@string '\(name)' has no '='") }
            advance()
            macros[name] = try value(close: close)
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
            var name = identifier().lowercased()
            guard !name.isEmpty else { throw ParseError(message: "unexpected '\(shown(chars[i]))' in entry '\(key)' at line \(fieldLine)") }
            // Scopus writes "funding_text 1 = {...}": a name with a (no-break) space in it.
            while !atEnd {
                let gap = chars[i] == 0x20 ? 1 : (chars[i] == 0xC2 && i + 1 < chars.count && chars[i + 1] == 0xA0 ? 2 : 0)
                guard gap > 0, i + gap < chars.count, Self.isNameByte(chars[i + gap]), chars[i + gap] < 0x80 else { break }
                i += gap
                name += " " + identifier().lowercased()
            }
            skipSpace()
            guard !atEnd, chars[i] == Self.equals else { throw ParseError(message: "field '\(name)' of entry '\(key)' has no '=' (line \(fieldLine))") }
            advance()
            entry.fields[name] = try value(close: close)
            afterComma = false
        }
        return entry
    }

    /// A field value: pieces ({...}, "...", numbers, macro names) joined by #.
    private mutating func value(close: UInt8) throws -> String {
        var result = ""
        while true {
            skipSpace()
            guard !atEnd else { throw ParseError(message: "value is not closed before the end of the file") }
            switch chars[i] {
            case Self.openBrace:
                advance()
                result += try balanced(until: Self.closeBrace)
            case Self.quote:
                advance()
                result += try quoted()
            default:
                let word = identifier()
                guard !word.isEmpty else { throw ParseError(message: "a value was expected at line \(line), found '\(shown(chars[i]))'") }
                if word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { result += word }
                else if let m = macros[word.lowercased()] { result += m }
                else {
                    diagnostics.append(Diagnostic(path: path, line: line, message: "unknown @string macro '\(word)', kept as written"))
                    result += word
                }
            }
            skipSpace()
            if !atEnd && chars[i] == Self.hash { advance(); continue }
            return result
        }
    }

    /// Text up to the matching `until` (braces inside kept), consuming it.
    private mutating func balanced(until: UInt8) throws -> String {
        var depth = 0
        let start = i
        while !atEnd {
            let c = chars[i]
            if depth == 0 && c == until { let value = text(start ..< i); advance(); return value }
            if c == Self.openBrace { depth += 1 } else if c == Self.closeBrace { depth -= 1 }
            if c == Self.at && depth <= 0 && startsLine(i) && until == Self.closeBrace {
                throw ParseError(message: "unbalanced braces")
            }
            advance()
        }
        throw ParseError(message: "unbalanced braces: the file ends inside a value")
    }

    /// A "quoted" value; braces inside may hold quotes.
    private mutating func quoted() throws -> String {
        var depth = 0
        let start = i
        while !atEnd {
            let c = chars[i]
            if c == Self.openBrace { depth += 1 } else if c == Self.closeBrace { depth -= 1 }
            if c == Self.quote && depth == 0 { let value = text(start ..< i); advance(); return value }
            advance()
        }
        throw ParseError(message: "a quoted value is not closed before the end of the file")
    }
}
