// JSONWorks.swift: the JSON formats: Crossref REST responses (one work, a message.items list, or
// JSON Lines of works), OpenAlex works (a results list, one work, or JSON Lines; the abstract
// rebuilt from abstract_inverted_index), and CSL-JSON (the item array Zotero and pandoc use). A
// file is parsed with our own JSONParser, a list of works one work at a time; a bad line of a
// JSON Lines file is reported with its number and the others are read.
import CorpusModel
import CorpusBytes
import Foundation

package enum JSONWorks {
    package typealias Object = JSONObject

    /// Calls `body` with each work object of a file and its line (for JSON Lines) and index: a
    /// top-level array, a Crossref message (or message.items), an OpenAlex results list, a single
    /// object, or one object a line. The works of a whole-file list are parsed one at a time, as
    /// their turn comes; a file that is not one JSON value is read one value a line.
    package static func forEachObject(_ whole: UnsafeBufferPointer<UInt8>, path: String, into contents: inout FileContents,
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

    package static func object(_ v: JSONValue) -> Object? {
        if case .object(let o) = v { return o }
        return nil
    }

    /// The objects of an array value; none for anything else.
    package static func objects(_ v: JSONValue?) -> [Object] {
        if case .array(let items)? = v { return items.compactMap(object) }
        return []
    }

    /// The strings of an array value that holds only strings; none for anything else.
    package static func strings(_ v: JSONValue?) -> [String] {
        guard case .array(let items)? = v else { return [] }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item else { return [] }
            out.append(s)
        }
        return out
    }

    package static func string(_ o: Object, _ key: String) -> String? {
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
    package static func numberText(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    package static func int(_ o: Object, _ key: String) -> Int? { int(o[key]) }

    /// An integer from a number (its fraction dropped) or a string of digits.
    package static func int(_ v: JSONValue?) -> Int? {
        switch v {
        case .number(let d)?: return d.isFinite && abs(d) < 9e18 ? Int(d) : nil
        case .string(let s)?: return Int(s)
        default: return nil
        }
    }

    /// A publication year as a source gives it, or nil for one no record can have (negative, or
    /// far in the future).
    package static func plausibleYear(_ year: Int?) -> Int? {
        guard let year, (1...2200).contains(year) else { return nil }
        return year
    }

    /// The year of a CSL or Crossref date ({"date-parts": [[2019, 5, 1]]}).
    package static func year(_ date: JSONValue?) -> Int? {
        guard let date, let d = object(date) else { return nil }
        if case .array(let parts)? = d["date-parts"], case .array(let first)? = parts.first, let y = first.first {
            return plausibleYear(int(y))
        }
        if case .string(let raw)? = d["raw"] { return RISReader.leadingYear(raw) }
        if case .string(let literal)? = d["literal"] { return RISReader.leadingYear(literal) }
        return nil
    }

    package static func person(_ p: Object) -> AuthorName? {
        if let family = string(p, "family") {
            let given = string(p, "given")
            return AuthorName.parse(given.map { "\(family), \($0)" } ?? family, order: .familyFirst)
        }
        return string(p, "name").map { AuthorName(written: $0, family: $0, initials: "") }
            ?? string(p, "literal").flatMap { AuthorName.parse($0, order: .givenFirst) }
    }

    /// Text with JATS or HTML markup removed ("<jats:p>Text</jats:p>"): a block tag (a paragraph,
    /// a section title, a line break) becomes a space, an inline one (italics, sub- and
    /// superscripts, small capitals: "TiO<sub>2</sub>", "<scp>T</scp>reebase") nothing; `&lt;`,
    /// `&gt;` and `&amp;` are decoded, and runs of white space (Unicode's too) become one space,
    /// in one pass over the UTF-8 bytes.
    package static func withoutMarkup(_ s: String?) -> String? {
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
                    if !isInlineTag(b, at: i) { pendingSpace = true }
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

    /// Whether the tag starting at `i` (its "<") is one of those that mark up a part of a word
    /// or sentence and stand for no space: the name, without "/" and a namespace prefix, is
    /// compared without case.
    private static func isInlineTag(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var k = i + 1
        if k < b.count && b[k] == UInt8(ascii: "/") { k += 1 }
        var name: [UInt8] = []
        while k < b.count, b[k] != UInt8(ascii: ">"), b[k] != 0x20, b[k] != UInt8(ascii: "/"), name.count < 24 {
            name.append(b[k] | (b[k] >= 0x41 && b[k] <= 0x5A ? 0x20 : 0))
            k += 1
        }
        if let colon = name.firstIndex(of: UInt8(ascii: ":")) {
            if name[..<colon].elementsEqual("mml".utf8) { return true }
            name.removeSubrange(...colon)
        }
        return inlineTags.contains(name)
    }

    private static let inlineTags: Set<[UInt8]> = Set([
        "i", "b", "u", "em", "strong", "sub", "sup", "scp", "sc", "small", "span", "a", "tt", "font", "italic", "bold",
        "underline", "monospace", "sans-serif", "roman", "named-content", "styled-content", "inline-formula", "tex-math",
        "overline", "strike", "abbrev",
    ].map { Array($0.utf8) })

    /// `&lt;`, `&gt;` or `&amp;` at `i`: the byte it stands for and its length.
    private static func entity(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt8, Int)? {
        if b.hasPrefix("&lt;", at: i) { return (UInt8(ascii: "<"), 4) }
        if b.hasPrefix("&gt;", at: i) { return (UInt8(ascii: ">"), 4) }
        if b.hasPrefix("&amp;", at: i) { return (UInt8(ascii: "&"), 5) }
        return nil
    }

    private static func untitled(_ path: String, _ line: Int?, _ index: Int, _ what: String) -> Diagnostic {
        Diagnostic(path: path, line: line, message: (line == nil ? "item \(index + 1)" : "work") + " has no title\(what); kept with an empty title")
    }

    /// "http://orcid.org/0000-0002-1825-0097" as "0000-0002-1825-0097".
    package static func orcid(_ o: Object?) -> String? {
        o.flatMap { string($0, "ORCID") ?? string($0, "orcid") }.map(MedlineReader.orcid)
    }

    /// Affiliations named per author (Crossref's and OpenAlex's authorships): the distinct ones in
    /// order of first mention, and for each the authors (indices) naming it.
    package static func linkedAffiliations(_ perAuthor: [[String]]) -> ([String], [[Int]]) {
        var names: [String] = []
        var links: [[Int]] = []
        for (a, list) in perAuthor.enumerated() {
            for n in list {
                if let k = names.firstIndex(of: n) {
                    if !links[k].contains(a) { links[k].append(a) }
                } else {
                    names.append(n)
                    links.append([a])
                }
            }
        }
        return (names, links)
    }

    // MARK: Crossref

    package static func crossref(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, w, line, index in
            let title = withoutMarkup(string(w, "title"))
            if title == nil { contents.diagnostics.append(untitled(path, line, index, string(w, "DOI").map { " (DOI \($0))" } ?? "")) }
            let subtitle = withoutMarkup(string(w, "subtitle"))
            let people = objects(w["author"]).compactMap { p in person(p).map { (p, $0) } }
            let (affiliations, links) = linkedAffiliations(people.map { objects($0.0["affiliation"]).compactMap { string($0, "name") } })
            // The issued date is the publication's; `created` is when the record was deposited.
            let year = year(w["issued"]) ?? year(w["published"]) ?? year(w["published-print"]) ?? year(w["published-online"])
            let doi = string(w, "DOI")
            var d = Document(
                id: doi.map { "doi:" + $0 } ?? "\(FileContents.stem(path))#\(index + 1)",
                title: title.map { t in subtitle.map { "\(t): \($0)" } ?? t } ?? "",
                authors: people.map { p in var a = p.1; a.orcid = orcid(p.0); return a }, affiliations: affiliations,
                abstract: withoutMarkup(string(w, "abstract")), doi: doi, year: year,
                language: LanguageNames.code(string(w, "language")), journal: string(w, "container-title"),
                citations: int(w, "is-referenced-by-count"), source: SourceLocation(path: path, line: line))
            if links.contains(where: { !$0.isEmpty }) { d.affiliationAuthors = links }
            d.categories = strings(w["subject"])
            d.typeLabel = string(w, "type")
            d.type = d.typeLabel.flatMap { DocumentType.of(label: $0) }
            d.volume = string(w, "volume")
            d.issue = string(w, "issue")
            d.pages = string(w, "page") ?? string(w, "article-number")
            let typed = objects(w["issn-type"])
            d.issn = typed.isEmpty ? strings(w["ISSN"])
                : (typed.filter { string($0, "type") == "print" } + typed.filter { string($0, "type") != "print" }).compactMap { string($0, "value") }
            d.publisher = string(w, "publisher")
            d.funding = objects(w["funder"]).compactMap { f in
                string(f, "name").map { name in strings(f["award"]).isEmpty ? name : "\(name) [\(strings(f["award"]).joined(separator: ", "))]" }
            }
            d.editors = objects(w["editor"]).compactMap(person).map(\.display)
            contents.documents.append(d) { add in
                for (n, r) in objects(w["reference"]).enumerated() { crossrefReference(r, number: n + 1, add) }
            }
        }
        return contents
    }

    /// Hands one reference of a work to `add`: one with a text of its own as a `Reference`, a
    /// structured one (most) as byte ranges of the text made of its parts.
    private static func crossrefReference(_ r: Object, number: Int, _ add: (FileDocuments.PendingReference) -> Void) {
        // Each key is looked up once: a reference list is most of a work.
        let articleTitle = string(r, "article-title"), journalTitle = string(r, "journal-title")
        let unstructured = string(r, "unstructured"), doi = string(r, "DOI")
        let authorText = string(r, "author"), year = string(r, "year"), volume = string(r, "volume")
        let firstPage = string(r, "first-page"), volumeTitle = string(r, "volume-title")
        if articleTitle == nil && journalTitle == nil, let text = unstructured {
            // The text parsed, with the fields Crossref gives structured winning over the parse.
            var parsed = CitationText.freeText(text, number: number)
            if let doi { parsed.doi = DOI.clean(doi) }
            if let author = authorText.flatMap(crossrefAuthor),
               parsed.authors.first.map({ MatchKeys.familyKey($0.family) != MatchKeys.familyKey(author.family) }) ?? true {
                if parsed.authors.isEmpty { parsed.authors = [author] } else { parsed.authors[0] = author }
            }
            if let y = year.flatMap(RISReader.leadingYear) { parsed.year = y }
            if let volume { parsed.volume = volume }
            if let issue = string(r, "issue") { parsed.issue = issue }
            if let firstPage, !(parsed.pages?.hasPrefix(firstPage) ?? false) { parsed.pages = firstPage }
            return add(.reference(parsed))
        }
        let title = articleTitle ?? volumeTitle ?? string(r, "series-title")
        let container = journalTitle ?? (articleTitle != nil ? volumeTitle : nil)
        if let unstructured {
            let author = authorText.flatMap(crossrefAuthor)
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
                } else if let name = crossrefAuthor(author) {
                    parsed.names = [name]
                }
            }
            parsed.title = ranges[2]
            parsed.container = ranges[3]
            parsed.volume = ranges[4]
            parsed.pages = ranges[5]
            parsed.year = year.flatMap(RISReader.leadingYear)
            parsed.issueText = string(r, "issue")
            parsed.doiText = doi.map(DOI.clean)
            parsed.language = parsed.title.flatMap { LanguageGuesser.guess(b, $0) } ?? ReferenceParser.scriptLanguage(b, 0 ..< b.count)
            add(.parsed(parsed, text: b, number: number))
        }
    }

    /// A Crossref reference's `author`: most often the first author's family name alone, which
    /// keeps its particle ("de Kraker"); a full name is read given names first.
    static func crossrefAuthor(_ text: String) -> AuthorName? {
        let name = text.trimmingSpaces
        guard !name.isEmpty else { return nil }
        let words = name.split(separator: " ")
        if !name.contains(","), words.count == 1 || words.dropLast().allSatisfy({ $0.first?.isLowercase == true }) {
            return AuthorName(written: name, family: name, initials: "")
        }
        return AuthorName.parse(name, order: .givenFirst)
    }

    // MARK: OpenAlex

    package static func openAlex(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, w, line, index in
            let title = withoutMarkup(string(w, "title") ?? string(w, "display_name"))
            if title == nil { contents.diagnostics.append(untitled(path, line, index, string(w, "id").map { " (\($0))" } ?? "")) }
            let authorships = objects(w["authorships"]).compactMap { a -> (Object, AuthorName)? in
                let author = a["author"].flatMap(object)
                let name = author.flatMap { string($0, "display_name") } ?? string(a, "raw_author_name")
                guard var parsed = name.flatMap({ AuthorName.parse($0, order: .givenFirst) }) else { return nil }
                parsed.orcid = orcid(author)
                parsed.id = author.flatMap { string($0, "id") }.map(openAlexID)
                return (a, parsed)
            }
            let (affiliations, links) = linkedAffiliations(authorships.map { a, _ in
                // An institution with its country, as OpenAlex gives its code ("Peking University, China").
                let names = objects(a["institutions"]).compactMap { i in
                    string(i, "display_name").map { name in
                        string(i, "country_code").flatMap { Countries.name($0.uppercased()) }.map { name + ", " + $0 } ?? name
                    }
                }
                return names.isEmpty ? strings(a["raw_affiliation_strings"]) : names
            })
            let references = strings(w["referenced_works"]).enumerated().map { n, id in
                Reference(number: n + 1, raw: id)
            }
            let location = w["primary_location"].flatMap(object)
            let source = location?["source"].flatMap(object) ?? w["host_venue"].flatMap(object)
            var d = Document(
                id: string(w, "id").map(openAlexID) ?? "\(FileContents.stem(path))#\(index + 1)", title: title ?? "",
                authors: authorships.map(\.1), affiliations: affiliations,
                abstract: invertedAbstract(w["abstract_inverted_index"].flatMap(object)),
                doi: string(w, "doi").map(DOI.clean), year: plausibleYear(int(w, "publication_year")),
                references: references, language: LanguageNames.code(string(w, "language")),
                journal: source.flatMap { string($0, "display_name") }, citations: int(w, "cited_by_count"),
                source: SourceLocation(path: path, line: line))
            if links.contains(where: { !$0.isEmpty }) { d.affiliationAuthors = links }
            // OpenAlex's keywords, topics and concepts are assigned by OpenAlex, not by the authors.
            var terms: [String] = []
            for t in objects(w["keywords"]).compactMap({ string($0, "display_name") ?? string($0, "keyword") })
                + objects(w["topics"]).compactMap({ string($0, "display_name") }) where !terms.contains(t) { terms.append(t) }
            d.indexTerms = terms.isEmpty ? objects(w["concepts"]).compactMap { string($0, "display_name") } : terms
            d.typeLabel = string(w, "type")
            d.type = d.typeLabel.flatMap { DocumentType.of(label: $0) }
            let biblio = w["biblio"].flatMap(object)
            d.volume = biblio.flatMap { string($0, "volume") }
            d.issue = biblio.flatMap { string($0, "issue") }
            d.pages = RecordFields.pages(first: biblio.flatMap { string($0, "first_page") }, last: biblio.flatMap { string($0, "last_page") })
            d.issn = source.map { strings($0["issn"]) } ?? []
            d.publisher = source.flatMap { string($0, "host_organization_name") ?? string($0, "publisher") }
            d.funding = objects(w["grants"]).compactMap { g in
                string(g, "funder_display_name").map { name in string(g, "award_id").map { "\(name) [\($0)]" } ?? name }
            }
            if let k = authorships.firstIndex(where: { if case .bool(true)? = $0.0["is_corresponding"] { true } else { false } }) {
                d.correspondingName = authorships[k].1.written
                d.correspondingAddress = strings(authorships[k].0["raw_affiliation_strings"]).first
            }
            contents.documents.append(d)
        }
        return contents
    }

    /// "https://openalex.org/W2741809807" gives "W2741809807".
    package static func openAlexID(_ url: String) -> String {
        url.hasPrefix("https://openalex.org/") ? String(url.dropFirst("https://openalex.org/".count)) : url
    }

    /// The abstract from {"word": [positions]}: each word put back at its positions.
    package static func invertedAbstract(_ index: Object?) -> String? {
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

    package static func csl(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        forEachObject(text, path: path, into: &contents) { contents, item, line, index in
            let title = withoutMarkup(string(item, "title"))
            if title == nil { contents.diagnostics.append(untitled(path, line, index, string(item, "id").map { " (id \($0))" } ?? "")) }
            let keywords = (string(item, "keyword") ?? "").split(whereSeparator: { $0 == "," || $0 == ";" })
                .map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            var d = Document(
                id: string(item, "id") ?? "\(FileContents.stem(path))#\(index + 1)", title: title ?? "",
                authors: objects(item["author"]).compactMap(person),
                abstract: withoutMarkup(string(item, "abstract")), doi: string(item, "DOI").map(DOI.clean),
                year: year(item["issued"]), keywords: keywords, language: LanguageNames.code(string(item, "language")),
                journal: string(item, "container-title"), source: SourceLocation(path: path, line: line))
            d.typeLabel = string(item, "type")
            // CSL's "article" is a preprint or working paper; its journal article is "article-journal".
            d.type = d.typeLabel == "article" ? "preprint" : d.typeLabel.flatMap { DocumentType.of(label: $0) }
            d.volume = string(item, "volume")
            d.issue = string(item, "issue")
            d.pages = string(item, "page")?.replacingOccurrences(of: "–", with: "-")
            d.issn = strings(item["ISSN"]).isEmpty ? (string(item, "ISSN").map { [$0] } ?? []) : strings(item["ISSN"])
            d.publisher = string(item, "publisher")
            d.editors = objects(item["editor"]).compactMap(person).map(\.display)
            contents.documents.append(d)
        }
        return contents
    }
}
