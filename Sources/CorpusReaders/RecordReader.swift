// RecordReader.swift: reads the plain-text article record layout: a title, the authors, the
// affiliations, then "Abstract", a (structured) abstract and the DOI link, "Keywords", and a
// numbered "References" list, blocks separated by blank lines. It works on the UTF-8 bytes in
// place, with LF or CRLF line ends.
import CorpusStore
import CorpusModel
import CorpusBytes

package enum RecordReader {
    package struct Result {
        package var document: Document?
        package var diagnostics: [Diagnostic]

        package init(document: Document?, diagnostics: [Diagnostic]) {
            self.document = document
            self.diagnostics = diagnostics
        }
    }

    /// Parses one record. `id` names the document; `path` is used in diagnostics.
    package static func parse(_ text: String, id: String, path: String) -> Result {
        var text = text
        return text.withUTF8 { parse(bytes: $0, id: id, path: path) }
    }

    package static func parse(bytes b: Bytes, id: String, path: String) -> Result {
        var store = DocumentStore()
        let diagnostics = read(bytes: b, id: id, path: path, into: &store)
        return Result(document: store.count > 0 ? store.document(0) : nil, diagnostics: diagnostics)
    }

    /// Parses one record and appends it to `store` (nothing is appended when it cannot be read).
    /// The record's fields go from the file's bytes to the store's columns; no `Document` is made.
    /// Whether `b` is laid out as an article record: its first line is not markup (a Markdown
    /// heading, a tag, a BibTeX entry, a JSON object), and it has an Abstract, Keywords or
    /// References heading or a DOI line, or else only short blocks (a title, authors and
    /// affiliations; prose outside an abstract is some other text). A file that is none of the
    /// known formats and not this either is reported as unrecognised, never read as records.
    package static func isRecord(_ b: Bytes, lines: [Range<Int>], markers m: Markers) -> Bool {
        guard let first = lines.first(where: { !b.trimmed($0).isEmpty }).map({ b.trimmed($0) }) else { return true }
        if [UInt8(ascii: "#"), UInt8(ascii: "<"), UInt8(ascii: "{"), UInt8(ascii: "@")].contains(b[first.lowerBound]) { return false }
        if m.abstract != nil || m.keywords != nil || m.references != nil || lines.contains(where: { isDOILine(b, $0) }) { return true }
        return blocks(lines, 0 ..< lines.count).allSatisfy { block in
            lines[block.lines].reduce(0) { $0 + $1.count } <= longestHeaderBlock
        }
    }

    package static let unrecognised = "not a file of any supported format (no reader recognises it), skipped; --format names one to read it as"

    /// The most bytes a block of a record's header holds (a long title, or many authors).
    package static let longestHeaderBlock = 1_000

    /// Reads the record in `b` into `store`; with `recognising`, a file that is not laid out as a
    /// record (`isRecord`) is reported as unrecognised instead (a file whose format was not named).
    package static func read(bytes b: Bytes, id: String, path: String, into store: inout some DocumentSink, recognising: Bool = false) -> [Diagnostic] {
        let (record, references, diagnostics) = fields(b, path: path, recognising: recognising)
        guard let record else { return diagnostics }
        let document = RecordDocument(fields: record, file: b, id: id, path: path)
        let own = document.selfCitation
        store.append(document) { table in
            var parsed = ParsedReference()  // one for all the references, its author list's room reused
            for item in references {
                if item.more.isEmpty {
                    let r = UnsafeBufferPointer(rebasing: b[item.first])
                    ReferenceParser.parse(bytes: r, into: &parsed)
                    table.appendDeferred(parsed, bytes: r, number: item.number, own: own)
                } else {
                    joinedBytes(b, CollectionOfOne(item.first) + item.more).withUnsafeBufferPointer { r in
                        ReferenceParser.parse(bytes: r, into: &parsed)
                        table.appendDeferred(parsed, bytes: r, number: item.number, own: own)
                    }
                }
            }
        }
        return diagnostics
    }

    /// A record's own fields, as ranges of the file's bytes or as bytes built from them.
    package struct Fields {
        /// The record's first line (its title's), 1-based.
        package var line: Int
        package var title: [UInt8]
        /// The authors as ranges of `authorText` (the usual case), or as names when they are
        /// written otherwise (see `readAuthors`).
        package var authorText: [UInt8] = []
        package var parsedAuthors: [ParsedAuthor] = []
        package var authors: [AuthorName] = []
        /// Lines of the file.
        package var affiliations: [Range<Int>] = []
        /// The plain text of the abstract, empty when there is none, and its sections.
        package var abstract: [UInt8] = []
        package var sections: [StructuredAbstract.Part] = []
        /// A range of the file.
        package var doi: Range<Int>?
        /// The keywords, as ranges of `keywordText`.
        package var keywordText: [UInt8] = []
        package var keywords: [Range<Int>] = []
        package var year: Int?
        package var language: String?
    }

    /// A reference of the list: its number, its first line and the lines that continue it (most
    /// references have none, and an empty array costs no allocation).
    package struct ReferenceItem {
        package var number: Int?
        package var first: Range<Int>
        package var more: [Range<Int>] = []
    }

    /// The record's own fields and its reference items.
    package static func fields(_ b: Bytes, path: String, recognising: Bool = false) -> (Fields?, [ReferenceItem], [Diagnostic]) {
        let lines = splitLines(b)
        guard lines.contains(where: { !$0.isEmpty }) else {
            return (nil, [], [Diagnostic(path: path, message: "empty record, skipped")])
        }
        let markers = findMarkers(b, lines)
        if recognising && !isRecord(b, lines: lines, markers: markers) {
            return (nil, [], [Diagnostic(path: path, message: RecordReader.unrecognised)])
        }
        let header = blocks(lines, 0 ..< markers.end(after: -1, lineCount: lines.count))
        guard let titleBlock = header.first else {
            let line = lines.firstIndex { !$0.isEmpty } ?? 0
            return (nil, [], [Diagnostic(path: path, line: line + 1, message: "no title before the '\(b.string(lines[line]))' line, record skipped")])
        }
        var diagnostics: [Diagnostic] = []
        var record = Fields(line: titleBlock.lines.lowerBound + 1, title: joinedBytes(b, lines[titleBlock.lines]))
        if header.count > 1 {
            record.authorText = joinedBytes(b, lines[header[1].lines])
            (record.parsedAuthors, record.authors) = readAuthors(record.authorText)
            if record.parsedAuthors.isEmpty && record.authors.isEmpty {
                let text = String(decoding: record.authorText, as: UTF8.self)
                diagnostics.append(Diagnostic(path: path, line: header[1].lines.lowerBound + 1, message: "no author names found in '\(text)'"))
            }
        }
        for block in header.dropFirst(2) {
            for line in lines[block.lines] where !isDOILine(b, line) { record.affiliations.append(line) }
        }

        // The abstract's paragraphs, joined as they are read (see `appendParagraph`).
        var paragraphs: [UInt8] = []
        if let start = markers.abstract {
            for block in blocks(lines, (start + 1) ..< markers.end(after: start, lineCount: lines.count)) {
                let first = lines[block.lines.lowerBound]
                if block.lines.count == 1, isDOILine(b, first) || b.hasPrefix("<http", at: first.lowerBound),
                   let doi = ReferenceParser.doiRange(in: b, first)
                {
                    record.doi = doi
                    continue
                }
                appendParagraph(b, lines[block.lines], to: &paragraphs)
            }
        }
        if record.doi == nil {
            // The record's own lines only: a DOI in its reference list is another work's.
            let own = lines[..<(markers.references ?? lines.count)]
            record.doi = own.lazy.filter { isDOILine(b, $0) }.compactMap { ReferenceParser.doiRange(in: b, $0) }.first
        }
        (record.abstract, record.sections) = StructuredAbstract.parts(paragraphs)

        if let start = markers.keywords {
            let end = markers.references.map { $0 > start ? $0 : lines.count } ?? lines.count
            (record.keywordText, record.keywords) = splitKeywords(b, lines[(start + 1) ..< end])
        }
        let references = markers.references.map { referenceItems(b, lines, from: $0 + 1) } ?? []
        record.year = record.doi.flatMap { DOIYear.year(in: UnsafeBufferPointer(rebasing: b[$0])) }
        record.language = record.title.withUnsafeBufferPointer { t in
            record.abstract.withUnsafeBufferPointer { a in LanguageGuesser.guess(t, then: a) }
        }
        return (record, references, diagnostics)
    }

    // MARK: layout

    /// Line ranges without their line ends and trailing spaces (LF, CRLF or CR).
    package static func splitLines(_ b: Bytes) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(b.count / 48 + 8)  // a record's lines average well over 48 bytes
        if b.firstIndex(of: 0x0D, in: 0 ..< b.count) == nil {
            // No CR anywhere (the usual case): memchr finds each line end.
            var start = 0
            while start < b.count, let end = b.firstIndex(of: 0x0A, in: start ..< b.count) {
                lines.append(b.trimmedTrailing(start ..< end))
                start = end + 1
            }
            if start < b.count { lines.append(b.trimmedTrailing(start ..< b.count)) }
        } else {
            var start = 0
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0A || c == 0x0D {
                    lines.append(b.trimmedTrailing(start ..< i))
                    if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            if start < b.count { lines.append(b.trimmedTrailing(start ..< b.count)) }
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    package struct Markers {
        package var abstract, keywords, references: Int?

        /// Where a part starting after line `start` ends: at the first marker after it, else at
        /// the last line.
        package func end(after start: Int, lineCount: Int) -> Int {
            var end = lineCount
            for marker in [abstract, keywords, references] { if let m = marker, m > start, m < end { end = m } }
            return end
        }
    }

    package static func findMarkers(_ b: Bytes, _ lines: [Range<Int>]) -> Markers {
        var m = Markers()
        for (i, line) in lines.enumerated() where line.count <= 24 {
            var r = b.trimmed(line)
            if r.count > 0 && b[r.upperBound - 1] == UInt8(ascii: ":") { r = r.lowerBound ..< r.upperBound - 1 }
            if m.abstract == nil && (b.equalsIgnoringASCIICase(r, "abstract") || b.equalsIgnoringASCIICase(r, "summary")) {
                m.abstract = i
            } else if m.keywords == nil && (b.equalsIgnoringASCIICase(r, "keywords") || b.equalsIgnoringASCIICase(r, "key words")) {
                m.keywords = i
            } else if m.references == nil && (b.equalsIgnoringASCIICase(r, "references") || b.equalsIgnoringASCIICase(r, "bibliography")
                                                || b.equalsIgnoringASCIICase(r, "literature")) {
                m.references = i
            }
        }
        return m
    }

    /// A run of non-blank lines: its line numbers.
    package struct Block { var lines: Range<Int> }

    /// Runs of non-blank lines within `range` of line numbers.
    package static func blocks(_ lines: [Range<Int>], _ range: Range<Int>) -> [Block] {
        var result: [Block] = []
        result.reserveCapacity(8)  // a record's header has a title, authors and a few affiliations
        var start: Int?
        for i in range {
            if lines[i].isEmpty {
                if let s = start { result.append(Block(lines: s ..< i)) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { result.append(Block(lines: s ..< range.upperBound)) }
        return result
    }

    /// The lines' text joined by single spaces, blank lines left out.
    package static func joinedBytes<Lines: Collection<Range<Int>>>(_ b: Bytes, _ lines: Lines) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count + 1 })
        appendJoined(b, lines, to: &out)
        return out
    }

    /// Appends the lines' text joined by single spaces, blank lines left out.
    private static func appendJoined<Lines: Collection<Range<Int>>>(_ b: Bytes, _ lines: Lines, to out: inout [UInt8]) {
        let start = out.count
        for line in lines {
            let r = b.trimmed(line)
            if r.isEmpty { continue }
            if out.count > start { out.append(0x20) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
        }
    }

    /// Appends a paragraph (its lines joined) to the paragraphs before it in `text`, after a blank
    /// line, except that a paragraph starting in lower case continues the one before (a page
    /// break in the source).
    package static func appendParagraph(_ b: Bytes, _ lines: ArraySlice<Range<Int>>, to text: inout [UInt8]) {
        guard let first = lines.first(where: { !b.trimmed($0).isEmpty }) else { return }
        if !text.isEmpty {
            if b.isLower(at: b.trimmed(first).lowerBound) { text.append(0x20) } else { text.append(0x0A); text.append(0x0A) }
        }
        appendJoined(b, lines, to: &text)
    }

    // MARK: fields

    package static func isDOILine(_ b: Bytes, _ line: Range<Int>) -> Bool {
        (line.count > 4 && b.equalsIgnoringASCIICase(line.lowerBound ..< line.lowerBound + 4, "doi:")) || containsDOIHost(b, line)
    }

    /// Whether "doi.org/" (in any case) occurs in `line`: memchr finds each "/", then the seven
    /// bytes before it are compared.
    private static func containsDOIHost(_ b: Bytes, _ line: Range<Int>) -> Bool {
        var from = line.lowerBound
        while from < line.upperBound, let slash = b.firstIndex(of: 0x2F, in: from ..< line.upperBound) {
            if slash - 7 >= line.lowerBound && b.equalsIgnoringASCIICase(slash - 7 ..< slash, "doi.org") { return true }
            from = slash + 1
        }
        return false
    }

    /// The authors line: as ranges of `text` when it is a reference-style list ("Dudin P.N.,
    /// Khusainov Z.F."), else as names ("Pavel N. Dudin; Zufar F. Khusainov", "Li Wei") split on
    /// ";" or ",".
    package static func readAuthors(_ text: [UInt8]) -> (parsed: [ParsedAuthor], names: [AuthorName]) {
        let parsed: [ParsedAuthor]? = text.withUnsafeBufferPointer { b in
            var position = 0
            let names = ReferenceParser.parsedAuthors(b, from: &position, end: b.count)
            return !names.isEmpty && position >= b.count - 1 ? names : nil
        }
        if let parsed { return (parsed, []) }
        let string = String(decoding: text, as: UTF8.self)
        let separator: Character = string.contains(";") ? ";" : ","
        return ([], string.split(separator: separator).compactMap { AuthorName.parse(String($0), order: .familyFirst) })
    }

    /// The keywords' text (the lines joined) and each keyword's range in it: split at ";" (else
    /// at ","), trimmed, a final period dropped, empty ones left out.
    package static func splitKeywords(_ b: Bytes, _ lines: ArraySlice<Range<Int>>) -> ([UInt8], [Range<Int>]) {
        let text = joinedBytes(b, lines)
        let ranges = text.withUnsafeBufferPointer { t in
            let separator: UInt8 = t.firstIndex(of: UInt8(ascii: ";"), in: 0 ..< t.count) != nil ? UInt8(ascii: ";") : UInt8(ascii: ",")
            var result: [Range<Int>] = []
            result.reserveCapacity(16)
            var start = 0
            for i in 0...t.count where i == t.count || t[i] == separator {
                var r = t.trimmed(start ..< i)
                if r.count > 0 && t[r.upperBound - 1] == UInt8(ascii: ".") { r = r.lowerBound ..< r.upperBound - 1 }
                if !r.isEmpty { result.append(r) }
                start = i + 1
            }
            return result
        }
        return (text, ranges)
    }

    /// "- [N] text", "[N] text" and "N. text" start a reference; other lines continue it.
    package static func referenceItems(_ b: Bytes, _ lines: [Range<Int>], from start: Int) -> [ReferenceItem] {
        var items: [ReferenceItem] = []
        items.reserveCapacity(lines.count - start)
        for line in lines[start...] where !line.isEmpty {
            var r = b.trimmed(line)
            if r.count > 2 && (b.hasPrefix("- ", at: r.lowerBound) || b.hasPrefix("* ", at: r.lowerBound)) {
                r = r.lowerBound + 2 ..< r.upperBound
            }
            if let (number, rest) = numbered(b, r) {
                items.append(ReferenceItem(number: number, first: rest))
            } else if !items.isEmpty {
                items[items.count - 1].more.append(r)
            } else {
                items.append(ReferenceItem(number: nil, first: r))
            }
        }
        return items
    }

    private static func numbered(_ b: Bytes, _ r: Range<Int>) -> (Int, Range<Int>)? {
        var i = r.lowerBound
        let bracket = i < r.upperBound && b[i] == UInt8(ascii: "[")
        if bracket { i += 1 }
        var n = 0
        let digitsStart = i
        while i < r.upperBound && b.isDigit(at: i) && i - digitsStart < 5 { n = n * 10 + Int(b[i] - 0x30); i += 1 }
        guard i > digitsStart, i < r.upperBound else { return nil }
        if bracket {
            guard b[i] == UInt8(ascii: "]") else { return nil }
            i += 1
        } else {
            guard b[i] == UInt8(ascii: "."), i + 1 < r.upperBound, b[i + 1] == 0x20 else { return nil }
            i += 1
        }
        while i < r.upperBound && b[i] == 0x20 { i += 1 }
        return (n, i ..< r.upperBound)
    }
}

package extension UnsafeBufferPointer where Element == UInt8 {
    func trimmedTrailing(_ range: Range<Int>) -> Range<Int> {
        var hi = range.upperBound
        while hi > range.lowerBound && UTF8Class.isSpace(self[hi - 1]) { hi -= 1 }
        return range.lowerBound ..< hi
    }
}

/// The year a DOI carries in its suffix, as in 10.22162/2619-0990-2021-54-2-226-237: the first
/// plausible four-digit group that is not followed by another four-digit group (so an ISSN such as
/// "2619-0990" is passed over) and, when there is a choice, not the suffix's last group (often an
/// article number).
package enum DOIYear {
    /// The year a DOI gives after its prefix ("10.1000/jos-2019-4-12" gives 2019): the first
    /// group of four digits that reads as a plausible year and does not open a range ("2001-2002").
    package static func year(in doi: String?) -> Int? {
        guard var doi else { return nil }
        return doi.withUTF8 { year(in: $0) }
    }

    package static func year(in b: Bytes) -> Int? {
        guard let slash = b.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        // The runs of ASCII digits after the slash, each looked at with the one after it.
        var group = digitRun(b, from: slash + 1)
        while let current = group {
            let next = digitRun(b, from: current.upperBound)
            if current.count == 4 {
                var y = 0
                for k in current { y = y * 10 + Int(b[k] - 0x30) }
                let opensRange = next.map { $0.count == 4 && b[current.upperBound] == UInt8(ascii: "-") && $0.lowerBound == current.upperBound + 1 } ?? false
                if y >= 1900, y <= ReferenceParser.latestYear, !opensRange { return y }
            }
            group = next
        }
        return nil
    }

    /// The first run of ASCII digits at or after `i`.
    private static func digitRun(_ b: Bytes, from i: Int) -> Range<Int>? {
        var i = i
        while i < b.count && !b.isDigit(at: i) { i += 1 }
        guard i < b.count else { return nil }
        let start = i
        while b.isDigit(at: i) { i += 1 }
        return start ..< i
    }
}

/// A record read by `RecordReader` as the store takes it: its fields are byte ranges of the file
/// `file` or of the record's own buffers, handed over without making a `Document`.
package struct RecordDocument: DocumentFields {
    package let fields: RecordReader.Fields
    package let file: UnsafeBufferPointer<UInt8>
    package let id: String
    package let path: String

    package var source: SourceLocation { SourceLocation(path: path, line: fields.line) }
    package var year: Int? { fields.year }
    package var language: String? { fields.language }
    package var citations: Int? { nil }
    package var mergedSources: [SourceLocation] { [] }
    package var schemaValues: Document? { nil }

    /// The record's authors' keys, for flagging its references' self-citations.
    package var selfCitation: SelfCitation {
        fields.parsedAuthors.isEmpty ? SelfCitation(authors: fields.authors)
            : fields.authorText.withUnsafeBufferPointer { SelfCitation(parsed: fields.parsedAuthors, base: $0) }
    }

    package func withText<R>(_ field: DocumentText, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch field {
        case .title: fields.title.withUnsafeBufferPointer(body)
        case .abstract: fields.abstract.withUnsafeBufferPointer(body)
        case .doi: body(fields.doi.map { UnsafeBufferPointer(rebasing: file[$0]) } ?? UnsafeBufferPointer(start: nil, count: 0))
        case .journal: body(UnsafeBufferPointer(start: nil, count: 0))
        }
    }

    package func appendAuthors(to table: inout AuthorTable) {
        if fields.parsedAuthors.isEmpty {
            for a in fields.authors { table.append(a) }
        } else {
            fields.authorText.withUnsafeBufferPointer { t in for a in fields.parsedAuthors { table.append(a, base: t) } }
        }
    }

    package func forEachAffiliation(_ body: (UnsafeBufferPointer<UInt8>, [Int]) -> Void) {
        for line in fields.affiliations { body(UnsafeBufferPointer(rebasing: file[line]), []) }
    }

    package func forEachKeyword(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        fields.keywordText.withUnsafeBufferPointer { text in
            for k in fields.keywords { body(UnsafeBufferPointer(rebasing: text[k])) }
        }
    }

    package func forEachSection(_ body: (String, UnsafeBufferPointer<UInt8>) -> Void) {
        fields.abstract.withUnsafeBufferPointer { text in
            for part in fields.sections { body(part.label, UnsafeBufferPointer(rebasing: text[part.text])) }
        }
    }
}
