// ReferenceParser.swift: splits a reference as written into its fields: authors, title,
// container, publication year, volume, issue, pages, DOI and language note. Works for the
// Russian-journal style ("Family I. I. Title. *Journal*. 2017. No. 8. Pp. 6-12. (In Russ.)"),
// for books ("... *Title*. Moscow: Publisher, 1960. 836 p.") and degrades gracefully on others:
// the raw text is always kept and non-Latin text is never dropped. It reads the UTF-8 bytes in
// place; strings are made only for the fields it returns.
import CorpusModel
import CorpusBytes
import Foundation

package enum ReferenceParser {
    /// The latest year accepted as a publication year.
    package static let latestYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1

    package static func parse(_ raw: String, number: Int? = nil) -> Reference {
        var text = raw
        return text.withUTF8 { b in
            let parsed = parse(bytes: b)
            return parsed.reference(b, raw: raw, number: number)
        }
    }

    /// The fields of the reference in `b`, as byte ranges of `b` (no string is made).
    package static func parse(bytes b: Bytes) -> ParsedReference {
        var reference = ParsedReference()
        parse(bytes: b, into: &reference)
        return reference
    }

    /// Parses the reference in `b` into `reference`, replacing all its fields. A caller parsing
    /// many references passes the same value each time, so that its author list's room is reused.
    package static func parse(bytes b: Bytes, into reference: inout ParsedReference) {
        var end = b.count
        var note: Range<Int>?
        var language: String?
        if let found = languageNote(b) {
            note = found.text
            language = languageCode(forNote: b, found.text)
            end = found.start
        }
        if language == nil { language = scriptLanguage(b, 0 ..< b.count) }

        var position = 0
        reference.authors.removeAll(keepingCapacity: true)
        parsedAuthors(b, from: &position, end: end, into: &reference.authors)
        let (title, container, after) = titleAndContainer(b, max(position, 0) ..< max(position, end))
        let (volume, issue, pages, year) = numbers(b, end: end, detailsStart: after.lowerBound)
        if language == nil, let title {
            language = LanguageGuesser.guess(b, title)
        }
        if !reference.names.isEmpty { reference.names = [] }
        reference.title = title
        reference.container = container
        reference.volume = volume
        reference.issue = issue
        reference.pages = pages
        reference.doi = doiRange(in: b, 0 ..< b.count)
        reference.note = note
        reference.language = language
        reference.year = year
        reference.issueText = nil
        reference.doiText = nil
    }

    // MARK: language

    private static let noteLanguages: [(String, String)] = [
        ("russ", "ru"), ("mong", "mn"), ("eng", "en"), ("ukr", "uk"), ("kaz", "kk"), ("bel", "be"),
        ("chin", "zh"), ("jap", "ja"), ("germ", "de"), ("ger", "de"), ("fr", "fr"), ("span", "es"),
        ("ital", "it"), ("pol", "pl"), ("tat", "tt"), ("uzb", "uz"), ("kyrg", "ky"), ("arm", "hy"),
        ("georg", "ka"), ("azerb", "az"), ("turk", "tr"), ("kor", "ko"), ("kalm", "xal"), ("bur", "bua"),
    ]

    /// A trailing "(In Russ.)" or "(In Russ. and Mong.)": the note's text and where "(" starts.
    package static func languageNote(_ b: Bytes) -> (text: Range<Int>, start: Int)? {
        var close = b.count - 1
        while close >= 0 && (b[close] == 0x20 || b[close] == 0x2E) { close -= 1 }
        guard close > 4, b[close] == UInt8(ascii: ")") else { return nil }
        var open = close - 1
        while open >= 0 && b[open] != UInt8(ascii: "(") && b[open] != UInt8(ascii: ")") { open -= 1 }
        guard open >= 0, b[open] == UInt8(ascii: "(") else { return nil }
        let inner = b.trimmed((open + 1) ..< close)
        guard b.hasPrefix("In ", at: inner.lowerBound) else { return nil }
        return (inner, open)
    }

    /// The language of the note's first word ("Russ." gives "ru"), matched in lower case on the
    /// bytes against the prefixes of `noteLanguages`, in their order.
    package static func languageCode(forNote b: Bytes, _ note: Range<Int>) -> String? {
        let start = note.lowerBound + 3
        var end = start
        while end < note.upperBound, b[end] < 0x80, (b[end] | 0x20) >= 0x61, (b[end] | 0x20) <= 0x7A { end += 1 }
        // The word's first five letters in lower case, packed first byte highest, against each
        // prefix packed the same way and compared on its own length.
        var word: UInt64 = 0
        for i in 0 ..< 5 { word = word << 8 | (start + i < end ? UInt64(b[start + i] | 0x20) : 0) }
        let length = end - start
        return packedNoteLanguages.first { $0.length <= length && word >> (8 * (5 - $0.length)) == $0.prefix }?.code
    }

    /// `noteLanguages` with each prefix (five letters at most) packed into an integer.
    private static let packedNoteLanguages: [(prefix: UInt64, length: Int, code: String)] = noteLanguages.map { prefix, code in
        (prefix.utf8.reduce(0) { $0 << 8 | UInt64($1) }, prefix.utf8.count, code)
    }

    /// The language a non-Latin script implies, when the text is mostly in it.
    package static func scriptLanguage(_ b: Bytes, _ range: Range<Int>) -> String? {
        // Text of ASCII alone (most Latin-script references) has no Cyrillic or Greek letter.
        guard !b.isASCII(range) else { return nil }
        var cyrillic = 0, latin = 0, greek = 0
        var ukrainian = false
        var i = range.lowerBound
        while i < range.upperBound {
            let c = b[i]
            if c < 0x80 {
                if (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A { latin += 1 }
                i += 1
                continue
            }
            let (s, width) = b.scalar(at: i)
            if s >= 0x400 && s < 0x500 {
                cyrillic += 1
                if s == 0x456 || s == 0x457 || s == 0x454 || s == 0x491 { ukrainian = true }
            } else if s >= 0x370 && s < 0x400 {
                greek += 1
            }
            i += width
        }
        if cyrillic > latin { return ukrainian ? "uk" : "ru" }
        if greek > latin { return "el" }
        return nil
    }

    // MARK: DOI

    /// The first DOI in the range, where DOI syntax ends it (`DOIText`).
    @inline(__always)
    package static func doiRange(in b: Bytes, _ range: Range<Int>) -> Range<Int>? {
        DOIText.find(b, range)?.value
    }

    // MARK: authors

    /// Parses "Family I. I., Family I.I., ..." from `position`, advancing it past the list.
    package static func parsedAuthors(_ b: Bytes, from position: inout Int, end: Int) -> [ParsedAuthor] {
        var result: [ParsedAuthor] = []
        parsedAuthors(b, from: &position, end: end, into: &result)
        return result
    }

    /// Appends the authors to `result` (which is empty).
    package static func parsedAuthors(_ b: Bytes, from position: inout Int, end: Int, into result: inout [ParsedAuthor]) {
        var p = position
        while let (name, after) = author(b, at: p, end: end) {
            if result.capacity == 0 { result.reserveCapacity(4) }  // one allocation for most lists
            result.append(name)
            p = after
            position = after
            // ", " then another author, or ", et al."
            var q = p
            guard q < end, b[q] == UInt8(ascii: ",") else { break }
            q += 1
            while q < end && b[q] == 0x20 { q += 1 }
            if b.hasPrefix("et al.", at: q) {
                position = q + 6
                break
            }
            p = q
        }
        guard !result.isEmpty else { return }
        // An editor's note after the names: "(eds.)", "(ed.)", "(comp.)".
        var q = position
        while q < end && b[q] == 0x20 { q += 1 }
        guard q < end, b[q] == UInt8(ascii: "(") else { return }
        for note: StaticString in ["(eds.)", "(ed.)", "(Eds.)", "(Ed.)", "(comp.)", "(comps.)"] where b.hasPrefix(note, at: q) {
            position = q + note.utf8CodeUnitCount
        }
    }

    /// One "Family I. I." at `start`: the name and the index after its last initial.
    package static func author(_ b: Bytes, at start: Int, end: Int) -> (ParsedAuthor, Int)? {
        guard start < end, b.isUpper(at: start) else { return nil }
        var p = start
        var letters = 0
        while p < end {
            let c = b[p]
            if c < 0x80 {
                // ASCII, the usual case, without decoding a scalar.
                if (c | 0x20) &- 0x61 < 26 { letters += 1; p += 1; continue }
                if (c == 0x2D || c == 0x27) && p + 1 < end && b.isLetter(at: p + 1) { p += 1; continue }
                break
            }
            let (s, width) = b.scalar(at: p)
            if UTF8Class.isLetter(s) { letters += 1; p += width; continue }
            if (s == 0x2D || s == 0x27 || s == 0x2019) && p + width < end && b.isLetter(at: p + width) { p += width; continue }
            break
        }
        guard letters >= 2, p < end, b[p] == 0x20 else { return nil }
        let familyEnd = p
        while p < end && b[p] == 0x20 { p += 1 }
        let initialsStart = p
        var initialsEnd = -1
        while p < end, b.isUpper(at: p) {
            var q = p + b.scalar(at: p).1
            if q < end && b.isLower(at: q) { q += b.scalar(at: q).1 }
            guard q < end, b[q] == UInt8(ascii: ".") else { break }
            initialsEnd = q + 1
            p = q + 1
            if p < end && b[p] == UInt8(ascii: "-") { p += 1; continue }
            let next = p + (p < end && b[p] == 0x20 ? 1 : 0)
            if next < end && b.isUpper(at: next) && initialFollows(b, next, end) {
                p = next
                continue
            }
            break
        }
        guard initialsEnd > 0 else { return nil }
        let name = ParsedAuthor(written: start ..< initialsEnd, family: start ..< familyEnd, initials: initialsStart ..< initialsEnd)
        return (name, initialsEnd)
    }

    /// True when an initial ("P." or "Zh.") starts at `i`.
    private static func initialFollows(_ b: Bytes, _ i: Int, _ end: Int) -> Bool {
        var q = i + b.scalar(at: i).1
        if q < end && b.isLower(at: q) { q += b.scalar(at: q).1 }
        return q < end && b[q] == UInt8(ascii: ".")
    }

    // MARK: title and container

    /// Title, container and the range after them, from what follows the authors.
    package static func titleAndContainer(_ b: Bytes, _ range: Range<Int>) -> (Range<Int>?, Range<Int>?, Range<Int>) {
        var lo = range.lowerBound
        while lo < range.upperBound, b[lo] == 0x20 || b[lo] == 0x2E || b[lo] == 0x2C { lo += 1 }
        let body = lo ..< range.upperBound
        if let open = b.firstIndex(of: UInt8(ascii: "*"), in: body),
           let close = b.firstIndex(of: UInt8(ascii: "*"), in: (open + 1) ..< body.upperBound)
        {
            let before = clean(b, lo ..< open, droppingLeadIn: true)
            let italic = clean(b, (open + 1) ..< close, droppingLeadIn: false)
            let after = (close + 1) ..< body.upperBound
            if let before { return (before, italic, after) }
            return (italic, nil, after)
        }
        let end = sentenceEnd(b, body)
        return (clean(b, lo ..< end, droppingLeadIn: false), nil, end ..< body.upperBound)
    }

    /// Words that end with a period without ending a sentence, packed as lower-case ASCII.
    private static let abbreviations: Set<UInt64> = Set([
        "vol", "vols", "no", "pp", "p", "ed", "eds", "rev", "suppl", "ser", "etc", "st", "dr", "univ",
        "publ", "transl", "comp", "cand", "sc", "inst", "acad", "nauk", "im", "t", "g", "s",
    ].map { word in word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } })

    /// The index of the first ". " that ends a sentence (not an initial or an abbreviation).
    package static func sentenceEnd(_ b: Bytes, _ range: Range<Int>) -> Int {
        var i = range.lowerBound
        while i < range.upperBound {
            if b[i] == UInt8(ascii: ".") && (i + 1 == range.upperBound || b[i + 1] == 0x20) {
                var w = i
                var key: UInt64 = 0
                var shift: UInt64 = 0
                while w > range.lowerBound && b[w - 1] < 0x80 && b.isLetter(at: w - 1) && i - w < 8 {
                    w -= 1
                    key |= UInt64(UTF8Class.asciiLower(b[w])) << shift
                    shift += 8
                }
                let letters = i - w
                let wholeWord = w == range.lowerBound || !b.isLetter(at: w - 1)
                let isInitial = wholeWord && letters >= 1 && letters <= 2 && b.isUpper(at: w) && (letters == 1 || b.isLower(at: w + 1))
                if !isInitial && !(wholeWord && letters > 0 && abbreviations.contains(key)) { return i }
            }
            i += 1
        }
        return range.upperBound
    }

    /// Trims spaces and punctuation, and a trailing "In:" lead-in before a container.
    package static func clean(_ b: Bytes, _ range: Range<Int>, droppingLeadIn: Bool) -> Range<Int>? {
        var r = b.trimmed(range)
        if droppingLeadIn {
            // Each lead-in ends with ":" or "/": only then is any of them compared, in order.
            func dropLeadIn(_ leadIn: StaticString) {
                let n = leadIn.utf8CodeUnitCount
                if r.count >= n && b.hasPrefix(leadIn, at: r.upperBound - n) { r = b.trimmed(r.lowerBound ..< r.upperBound - n) }
            }
            if let last = r.last, b[last] == UInt8(ascii: ":") || b[last] == UInt8(ascii: "/") {
                dropLeadIn("In:")
                dropLeadIn("In :")
                dropLeadIn("//")
                dropLeadIn("Ser.:")
            }
        }
        // ". , : ; / " and space, without a list made for each call.
        func isPunctuation(_ c: UInt8) -> Bool {
            c == 0x2E || c == 0x2C || c == 0x3A || c == 0x3B || c == 0x2F || c == 0x20
        }
        var lo = r.lowerBound, hi = r.upperBound
        while hi > lo && isPunctuation(b[hi - 1]) { hi -= 1 }
        while lo < hi && isPunctuation(b[lo]) && b[lo] != 0x2F { lo += 1 }
        return lo < hi ? lo ..< hi : nil
    }

    // MARK: numbers

    /// Kinds of marker before a number, as bits of a `PackedWordTable` mask.
    package enum Marker {
        package static let volume: UInt8 = 1, issue: UInt8 = 2, pages: UInt8 = 4, other: UInt8 = 8
    }

    /// Markers before numbers, as UTF-8 bytes (matched ignoring ASCII case; Cyrillic in both cases).
    private static let markers = PackedWordTable([
        ("vol.", Marker.volume), ("т.", Marker.volume), ("Т.", Marker.volume), ("vols.", Marker.other),
        ("no.", Marker.issue), ("iss.", Marker.issue), ("issue", Marker.issue), ("№", Marker.issue),
        ("вып.", Marker.issue), ("Вып.", Marker.issue),
        ("pp.", Marker.pages), ("p.", Marker.pages), ("с.", Marker.pages), ("С.", Marker.pages), ("c.", Marker.pages),
    ].map { (PackedWordTable.pack(Array($0.0.utf8))!, $0.1) })

    /// The marker kind of a token (0 when it is none), its ASCII letters compared in lower case.
    @inline(__always)
    private static func markerKind(_ b: Bytes, _ token: Range<Int>, _ table: PackedWordTable) -> UInt8 {
        // Every marker ends with "." except "issue" and "№", and starts with a letter or "№":
        // reject most tokens (numbers, words) at once.
        let first = b[token.lowerBound]
        guard token.count <= 8, first >= 0x80 || (first | 0x20) &- 0x61 < 26,
              b[token.upperBound - 1] == 0x2E || token.count == 5 || token.count == 3 else { return 0 }
        var key: UInt64 = 0
        for i in token { key = key << 8 | UInt64(UTF8Class.asciiLower(b[i])) }
        return table.mask(key) ?? 0
    }

    /// Volume, issue, pages and publication year, read in one pass over the space-separated tokens
    /// before `end`. A number field is the token after the first marker of its kind at or after
    /// `detailsStart` ("No. 1 (4)" gives "1 (4)"); the year is the last plausible one, ignoring
    /// numbers after markers and inside DOIs.
    package static func numbers(_ b: Bytes, end: Int, detailsStart: Int) -> (volume: Range<Int>?, issue: Range<Int>?, pages: Range<Int>?, year: Int?) {
        let table = markers
        let latest = latestYear
        var volume: Range<Int>?, issue: Range<Int>?, pages: Range<Int>?
        var found: UInt8 = 0          // kinds whose first marker has been seen
        var awaiting: UInt8 = 0       // kinds whose value is the next token
        var extending: UInt8 = 0      // kinds whose value may take a following "(4)"
        var afterMarker = false
        var year: Int?

        // The details (numbers and markers) are the tokens starting at or after `detailsStart`;
        // the year is the last plausible one, so the earlier tokens are read only when the
        // details have none.
        var p = min(max(detailsStart, 0), end)
        if p > 0 { while p < end && b[p - 1] != 0x20 { p += 1 } }
        afterMarker = previousToken(b, before: p).map { markerKind(b, $0, table) != 0 } ?? false
        forEachToken(b, p ..< end) { token, digit, slash in
            if extending != 0 {
                if b[token.lowerBound] == UInt8(ascii: "("), b.firstIndex(of: UInt8(ascii: ")"), in: token) != nil {
                    func extended(_ value: Range<Int>?) -> Range<Int>? { value.map { $0.lowerBound ..< token.upperBound } }
                    if extending & Marker.volume != 0 { volume = extended(volume) }
                    if extending & Marker.issue != 0 { issue = extended(issue) }
                    if extending & Marker.pages != 0 { pages = extended(pages) }
                }
                extending = 0
            }
            if awaiting != 0 {
                if awaiting & Marker.volume != 0 { volume = token }
                if awaiting & Marker.issue != 0 { issue = token }
                if awaiting & Marker.pages != 0 { pages = token }
                extending = awaiting
                awaiting = 0
            }
            let kind = markerKind(b, token, table)
            let first = kind & ~Marker.other & ~found
            found |= first
            awaiting = first
            if !afterMarker && digit && !slash { year = plausibleYear(b, token, latest: latest) ?? year }
            afterMarker = kind != 0
        }
        if year == nil {
            afterMarker = false
            forEachToken(b, 0 ..< p) { token, digit, slash in
                let kind = markerKind(b, token, table)
                if !afterMarker && digit && !slash { year = plausibleYear(b, token, latest: latest) ?? year }
                afterMarker = kind != 0
            }
        }
        return (numberValue(b, volume), numberValue(b, issue), numberValue(b, pages), year)
    }

    /// A number field's token without the punctuation that follows it ("12." gives "12").
    private static func numberValue(_ b: Bytes, _ value: Range<Int>?) -> Range<Int>? {
        guard let v = value else { return nil }
        var hi = v.upperBound
        while hi > v.lowerBound, b[hi - 1] == 0x2E || b[hi - 1] == 0x2C || b[hi - 1] == 0x3B || b[hi - 1] == 0x3A { hi -= 1 }
        return hi > v.lowerBound ? v.lowerBound ..< hi : nil
    }

    /// Calls `body` with each space-separated token in `range`, and whether it holds a digit or
    /// a "/" (most tokens are words, which need no closer look).
    @inline(__always)
    private static func forEachToken(_ b: Bytes, _ range: Range<Int>, _ body: (Range<Int>, Bool, Bool) -> Void) {
        let kinds = tokenByteKinds
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound && b[i] == 0x20 { i += 1 }
            let start = i
            // The kinds of the token's bytes, gathered until a space ends it.
            var seen: UInt8 = 0
            while i < range.upperBound {
                let kind = kinds[b[i]]
                if kind == TokenByte.space { break }
                seen |= kind
                i += 1
            }
            guard i > start else { return }
            body(start ..< i, seen & TokenByte.digit != 0, seen & TokenByte.slash != 0)
        }
    }

    /// What a byte can be to `forEachToken`, as bits.
    private enum TokenByte {
        package static let space: UInt8 = 1, digit: UInt8 = 2, slash: UInt8 = 4
    }

    private static let tokenByteKinds = ByteTable { c in
        c == 0x20 ? TokenByte.space : c &- 0x30 < 10 ? TokenByte.digit : c == 0x2F ? TokenByte.slash : 0
    }

    /// The last token ending at or before `position`.
    private static func previousToken(_ b: Bytes, before position: Int) -> Range<Int>? {
        var q = position
        while q > 0 && b[q - 1] == 0x20 { q -= 1 }
        let tokenEnd = q
        while q > 0 && b[q - 1] != 0x20 { q -= 1 }
        return q < tokenEnd ? q ..< tokenEnd : nil
    }

    /// The last four-digit number from 1500 to `latest` in a token that is not part of a DOI or URL
    /// (the caller has checked that the token has no "/").
    @inline(__always)
    private static func plausibleYear(_ b: Bytes, _ token: Range<Int>, latest: Int) -> Int? {
        guard token.count >= 4, !b.hasPrefix("10.", at: token.lowerBound) else { return nil }
        var year: Int?
        var i = token.lowerBound
        while i < token.upperBound {
            guard b.isDigit(at: i) else { i += 1; continue }
            let start = i
            var value = 0
            // Only the length matters past four digits; a long digit run must not overflow.
            while i < token.upperBound && b.isDigit(at: i) {
                if i - start < 5 { value = value * 10 + Int(b[i] - 0x30) }
                i += 1
            }
            if i - start == 4 && value >= 1500 && value <= latest { year = value }
        }
        return year
    }
}
