// JSONWorks.swift: the JSON formats: Crossref REST responses (one work, a message.items list, or
// JSON Lines of works), OpenAlex works (a results list, one work, or JSON Lines; the abstract
// rebuilt from abstract_inverted_index), and CSL-JSON (the item array Zotero and pandoc use). A
// file is parsed with our own JSONParser, a list of works one work at a time; a bad line of a
// JSON Lines file is reported with its number and the others are read.
import Foundation

enum JSONWorks {
    typealias Object = JSONObject

    /// Calls `body` with each work object of a file and its line (for JSON Lines) and index: a
    /// top-level array, a Crossref message (or message.items), an OpenAlex results list, a single
    /// object, or one object a line. The works of a whole-file list are parsed one at a time, as
    /// their turn comes; a file that is not one JSON value is read one value a line.
    static func forEachObject(_ whole: UnsafeBufferPointer<UInt8>, path: String, into contents: inout FileContents,
                              _ body: (inout FileContents, Object, Int?, Int) -> Void) {
        if let read = readWhole(whole, contents, body) {
            contents = read
            return
        }
        let text = String(decoding: whole, as: UTF8.self)
        var number = 0
        var bad = 0
        var index = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            var copy = String(line)
            guard let value = try? copy.withUTF8({ try JSONParser.parse($0, deferringElementsAt: workLists) }),
                  let works = try? copy.withUTF8({ b in try unwrap(value).map { try parsed($0, b) } }) else {
                bad += 1
                if bad <= 5 { contents.diagnostics.append(Diagnostic(path: path, line: number, message: "not a JSON value, line skipped")) }
                continue
            }
            for work in works.compactMap(object) {
                body(&contents, work, number, index)
                index += 1
            }
        }
        if bad > 5 { contents.diagnostics.append(Diagnostic(path: path, message: "\(bad - 5) more lines were not JSON values")) }
    }

    /// `contents` with the works of a file that is one JSON value, read one at a time; nil when
    /// the file is not one JSON value (any of its works included).
    private static func readWhole(_ b: UnsafeBufferPointer<UInt8>, _ contents: FileContents,
                                  _ body: (inout FileContents, Object, Int?, Int) -> Void) -> FileContents? {
        guard let skeleton = try? JSONParser.parse(b, deferringElementsAt: workLists) else { return nil }
        var read = contents
        var index = 0
        for element in unwrap(skeleton) {
            guard let value = try? parsed(element, b) else { return nil }
            guard let work = object(value) else { continue }
            body(&read, work, nil, index)
            index += 1
        }
        // Works of a list the file repeats, or of one it does not use, are checked all the same:
        // a file that is not valid JSON is read one value a line, as a whole.
        guard uncheckedElements(skeleton, used: unwrap(skeleton)).allSatisfy({ (try? parsed($0, b)) != nil }) else { return nil }
        return read
    }

    /// Where the lists of works are: the top-level array, message.items and results.
    private static let workLists: [[String]] = [[], ["message", "items"], ["results"]]

    /// An element as a value, parsed from its bytes when it was left unparsed.
    private static func parsed(_ element: JSONValue, _ b: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        guard case .unparsed(let range) = element else { return element }
        return try JSONParser.parse(UnsafeBufferPointer(rebasing: b[range]))
    }

    /// The unparsed elements of the skeleton that `used` does not hold.
    private static func uncheckedElements(_ skeleton: JSONValue, used: [JSONValue]) -> [JSONValue] {
        var all: [JSONValue] = []
        func collect(_ v: JSONValue) {
            switch v {
            case .unparsed: all.append(v)
            case .array(let items): items.forEach(collect)
            case .object(let o): for (_, member) in o { collect(member) }
            default: break
            }
        }
        collect(skeleton)
        guard all.count != used.count else { return [] }
        var usedStarts = Set<Int>()
        for case .unparsed(let r) in used { usedStarts.insert(r.lowerBound) }
        return all.filter { if case .unparsed(let r) = $0 { return !usedStarts.contains(r.lowerBound) } else { return false } }
    }

    /// The elements that are works: of a top-level array, of message.items (or the message
    /// itself), of results, or the one top-level object.
    private static func unwrap(_ value: JSONValue) -> [JSONValue] {
        switch value {
        case .array(let items): return items
        case .object(let o):
            if let message = o["message"].flatMap(object) {
                if case .array(let items)? = message["items"] { return items }
                return [.object(message)]
            }
            if case .array(let results)? = o["results"] { return results }
            return [value]
        default: return []
        }
    }

    // MARK: field helpers

    static func object(_ v: JSONValue) -> Object? {
        if case .object(let o) = v { return o }
        return nil
    }

    /// The objects of an array value; none for anything else.
    static func objects(_ v: JSONValue?) -> [Object] {
        if case .array(let items)? = v { return items.compactMap(object) }
        return []
    }

    /// The strings of an array value that holds only strings; none for anything else.
    static func strings(_ v: JSONValue?) -> [String] {
        guard case .array(let items)? = v else { return [] }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { return [] }
            out.append(s)
        }
        return out
    }

    static func string(_ o: Object, _ key: String) -> String? {
        switch o[key] {
        case .string(let s)?: return s.nilIfEmpty
        case .array(let a)?:
            if case .string(let s)? = a.first { return s.nilIfEmpty }
            return nil
        case .number(let d)?: return numberText(d)
        case .bool(let b)?: return b ? "1" : "0"
        default: return nil
        }
    }

    /// A number as text: an integer without a fraction ("2019"), else as Swift writes it.
    static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    static func int(_ o: Object, _ key: String) -> Int? { int(o[key]) }

    /// An integer from a number (its fraction dropped) or a string of digits.
    static func int(_ v: JSONValue?) -> Int? {
        switch v {
        case .number(let d)?: return d.isFinite && abs(d) < 9e18 ? Int(d) : nil
        case .string(let s)?: return Int(s)
        default: return nil
        }
    }

    /// A publication year as a source gives it, or nil for one no record can have (negative, or
    /// far in the future).
    static func plausibleYear(_ year: Int?) -> Int? {
        guard let year, (1...2200).contains(year) else { return nil }
        return year
    }

    /// The year of a CSL or Crossref date ({"date-parts": [[2019, 5, 1]]}).
    static func year(_ date: JSONValue?) -> Int? {
        guard let date, let d = object(date) else { return nil }
        if case .array(let parts)? = d["date-parts"], case .array(let first)? = parts.first, let y = first.first {
            return plausibleYear(int(y))
        }
        if case .string(let raw)? = d["raw"] { return RISReader.leadingYear(raw) }
        if case .string(let literal)? = d["literal"] { return RISReader.leadingYear(literal) }
        return nil
    }

    static func person(_ p: Object) -> AuthorName? {
        if let family = string(p, "family") {
            let given = string(p, "given")
            return AuthorName.parse(given.map { "\(family), \($0)" } ?? family, order: .familyFirst)
        }
        return string(p, "name").map { AuthorName(written: $0, family: $0, initials: "") }
            ?? string(p, "literal").flatMap { AuthorName.parse($0, order: .givenFirst) }
    }

    /// Text with JATS or HTML markup removed ("<jats:p>Text</jats:p>"): each tag becomes a space,
    /// `&lt;`, `&gt;` and `&amp;` are decoded, and runs of white space (Unicode's too) become one
    /// space, in one pass over the UTF-8 bytes.
    static func withoutMarkup(_ s: String?) -> String? {
        guard var s else { return nil }
        let out: [UInt8] = s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pendingSpace = false
            var inTag = false
            func emit(_ c: UInt8) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(c)
            }
            var i = 0
            while i < b.count {
                let c = b[i]
                if inTag {
                    if c == UInt8(ascii: ">") { inTag = false }
                    i += 1
                } else if c == UInt8(ascii: "<") {
                    inTag = true
                    pendingSpace = true
                    i += 1
                } else if let width = UTF8Class.whitespaceWidth(b, at: i) {
                    pendingSpace = true
                    i += width
                } else if c == UInt8(ascii: "&"), let (decoded, width) = entity(b, at: i) {
                    emit(decoded)
                    i += width
                } else {
                    emit(c)
                    i += 1
                }
            }
            return out
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// `&lt;`, `&gt;` or `&amp;` at `i`: the byte it stands for and its length.
    private static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int)? {
        if b.hasPrefix("&lt;", at: i) { return (UInt8(ascii: "<"), 4) }
        if b.hasPrefix("&gt;", at: i) { return (UInt8(ascii: ">"), 4) }
        if b.hasPrefix("&amp;", at: i) { return (UInt8(ascii: "&"), 5) }
        return nil
    }

    private static func skipped(_ path: String, _ line: Int?, _ index: Int, _ what: String) -> Diagnostic {
        Diagnostic(path: path, line: line, message: line == nil ? "item \(index + 1) has no title, skipped\(what)" : "work has no title, skipped\(what)")
    }

    // MARK: Crossref

    static func crossref(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, w, line, index in
            guard let title = withoutMarkup(string(w, "title")) else {
                contents.diagnostics.append(skipped(path, line, index, string(w, "DOI").map { " (DOI \($0))" } ?? ""))
                return
            }
            let subtitle = withoutMarkup(string(w, "subtitle"))
            let authors = objects(w["author"]).compactMap(person)
            let affiliations = objects(w["author"]).flatMap { objects($0["affiliation"]).compactMap { string($0, "name") } }
            let year = year(w["published-print"]) ?? year(w["issued"]) ?? year(w["published-online"]) ?? year(w["created"])
            let doi = string(w, "DOI")
            let document = Document(
                id: doi.map { "doi:" + $0 } ?? "\(FileContents.stem(path))#\(index + 1)",
                title: subtitle.map { "\(title): \($0)" } ?? title, authors: authors, affiliations: Array(Set(affiliations)).sorted(),
                abstract: withoutMarkup(string(w, "abstract")), doi: doi, year: year,
                keywords: strings(w["subject"]),
                language: LanguageNames.code(string(w, "language")), journal: string(w, "container-title"),
                citations: int(w, "is-referenced-by-count"), source: SourceLocation(path: path, line: line))
            contents.documents.append(document) { add in
                for (n, r) in objects(w["reference"]).enumerated() { crossrefReference(r, number: n + 1, add) }
            }
        }
        return contents
    }

    /// Hands one reference of a work to `add`: one with a text of its own as a `Reference`, a
    /// structured one (most) as byte ranges of the text made of its parts.
    private static func crossrefReference(_ r: Object, number: Int, _ add: (DocumentSink.PendingReference) -> Void) {
        // Each key is looked up once: a reference list is most of a work.
        let articleTitle = string(r, "article-title"), journalTitle = string(r, "journal-title")
        let unstructured = string(r, "unstructured"), doi = string(r, "DOI")
        if articleTitle == nil && journalTitle == nil, let text = unstructured {
            var parsed = CitationText.freeText(text, number: number)
            if let doi { parsed.doi = doi }
            return add(.reference(parsed))
        }
        let authorText = string(r, "author"), year = string(r, "year"), volume = string(r, "volume")
        let firstPage = string(r, "first-page"), volumeTitle = string(r, "volume-title")
        let title = articleTitle ?? volumeTitle ?? string(r, "series-title")
        let container = journalTitle ?? (articleTitle != nil ? volumeTitle : nil)
        if let unstructured {
            let author = authorText.flatMap { AuthorName.parse($0, order: .givenFirst) }
            return add(.reference(CitationText.structured(
                raw: unstructured, authors: author.map { [$0] } ?? [], title: title, container: container,
                year: year.flatMap(RISReader.leadingYear), volume: volume, issue: string(r, "issue"), pages: firstPage,
                doi: doi, number: number)))
        }
        // The text is the parts joined by ", " (the year in parentheses); the fields are its ranges.
        var raw: [UInt8] = []
        raw.reserveCapacity(128)
        var ranges: [Range<Int>?] = [nil, nil, nil, nil, nil, nil]
        for (k, part) in [authorText, year, title, container, volume, firstPage].enumerated() {
            guard let part else { continue }
            if !raw.isEmpty { raw.append(contentsOf: [0x2C, 0x20]) }
            if k == 1 { raw.append(0x28) }
            let start = raw.count
            raw.append(contentsOf: part.utf8)
            ranges[k] = start ..< raw.count
            if k == 1 { raw.append(0x29) }
        }
        raw.withUnsafeBufferPointer { b in
            var parsed = ParsedReference()
            if let a = ranges[0], let author = authorText {
                if let name = AuthorName.parsedRanges(b, a) {
                    parsed.authors = [name]
                } else if let name = AuthorName.parse(author, order: .givenFirst) {
                    parsed.names = [name]
                }
            }
            parsed.title = ranges[2]
            parsed.container = ranges[3]
            parsed.volume = ranges[4]
            parsed.pages = ranges[5]
            parsed.year = year.flatMap(RISReader.leadingYear)
            parsed.issueText = string(r, "issue")
            parsed.doiText = doi.map(CitationText.cleanDOI)
            parsed.language = parsed.title.flatMap { LanguageGuesser.guess(b, $0) } ?? ReferenceParser.scriptLanguage(b, 0 ..< b.count)
            add(.parsed(parsed, text: b, number: number))
        }
    }

    // MARK: OpenAlex

    static func openAlex(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, w, line, index in
            guard let title = withoutMarkup(string(w, "title") ?? string(w, "display_name")) else {
                contents.diagnostics.append(skipped(path, line, index, string(w, "id").map { " (\($0))" } ?? ""))
                return
            }
            let authorships = objects(w["authorships"])
            let authors = authorships.compactMap { a -> AuthorName? in
                let name = a["author"].flatMap(object).flatMap { string($0, "display_name") } ?? string(a, "raw_author_name")
                return name.flatMap { AuthorName.parse($0, order: .givenFirst) }
            }
            var affiliations: [String] = []
            for a in authorships {
                let names = objects(a["institutions"]).compactMap { string($0, "display_name") }
                for n in (names.isEmpty ? strings(a["raw_affiliation_strings"]) : names) where !affiliations.contains(n) {
                    affiliations.append(n)
                }
            }
            let keywords = objects(w["keywords"]).compactMap { string($0, "display_name") ?? string($0, "keyword") }
            let references = strings(w["referenced_works"]).enumerated().map { n, id in
                Reference(number: n + 1, raw: id)
            }
            let source = w["primary_location"].flatMap(object)?["source"].flatMap(object) ?? w["host_venue"].flatMap(object)
            contents.documents.append(Document(
                id: string(w, "id").map(openAlexID) ?? "\(FileContents.stem(path))#\(index + 1)", title: title,
                authors: authors, affiliations: affiliations,
                abstract: invertedAbstract(w["abstract_inverted_index"].flatMap(object)),
                doi: string(w, "doi").map(CitationText.cleanDOI), year: plausibleYear(int(w, "publication_year")),
                keywords: keywords, references: references, language: LanguageNames.code(string(w, "language")),
                journal: source.flatMap { string($0, "display_name") }, citations: int(w, "cited_by_count"),
                source: SourceLocation(path: path, line: line)))
        }
        return contents
    }

    /// "https://openalex.org/W2741809807" gives "W2741809807".
    static func openAlexID(_ url: String) -> String {
        url.hasPrefix("https://openalex.org/") ? String(url.dropFirst("https://openalex.org/".count)) : url
    }

    /// The abstract from {"word": [positions]}: each word put back at its positions.
    static func invertedAbstract(_ index: Object?) -> String? {
        guard let index, !index.isEmpty else { return nil }
        var slots: [Int: String] = [:]
        for (word, positions) in index {
            guard case .array(let list) = positions else { continue }
            for p in list {
                if let n = int(p) { slots[n] = word }
            }
        }
        guard let last = slots.keys.max() else { return nil }
        return (0...last).compactMap { slots[$0] }.joined(separator: " ")
    }

    // MARK: CSL-JSON

    static func csl(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, item, line, index in
            guard let title = withoutMarkup(string(item, "title")) else {
                contents.diagnostics.append(skipped(path, line, index, string(item, "id").map { " (id \($0))" } ?? ""))
                return
            }
            let keywords = (string(item, "keyword") ?? "").split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            contents.documents.append(Document(
                id: string(item, "id") ?? "\(FileContents.stem(path))#\(index + 1)", title: title,
                authors: objects(item["author"]).compactMap(person),
                abstract: withoutMarkup(string(item, "abstract")), doi: string(item, "DOI").map(CitationText.cleanDOI),
                year: year(item["issued"]), keywords: keywords, language: LanguageNames.code(string(item, "language")),
                journal: string(item, "container-title"), source: SourceLocation(path: path, line: line)))
        }
        return contents
    }
}
