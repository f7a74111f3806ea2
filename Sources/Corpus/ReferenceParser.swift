// ReferenceParser.swift: splits a reference as written into its fields: authors, title,
// container, publication year, volume, issue, pages, DOI and language note. Works for the
// Russian-journal style ("Family I. I. Title. *Journal*. 2017. No. 8. Pp. 6-12. (In Russ.)"),
// for books ("... *Title*. Moscow: Publisher, 1960. 836 p.") and degrades gracefully on others:
// the raw text is always kept and non-Latin text is never dropped. It reads the UTF-8 bytes in
// place; strings are made only for the fields it returns.
import Foundation

public enum ReferenceParser {
    /// The latest year accepted as a publication year.
    static let latestYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1

    public static func parse(_ raw: String, number: Int? = nil) -> Reference {
        var text = raw
        return text.withUTF8 { parse(bytes: $0, raw: raw, number: number) }
    }

    static func parse(bytes b: Bytes, raw: String, number: Int?) -> Reference {
        var reference = Reference(number: number, raw: raw)
        var end = b.count
        if let note = languageNote(b) {
            reference.languageNote = b.string(note.text)
            reference.language = languageCode(forNote: b, note.text)
            end = note.start
        }
        if reference.language == nil { reference.language = scriptLanguage(b, 0 ..< b.count) }
        reference.doi = doi(in: b, 0 ..< b.count)

        var position = 0
        reference.authors = authors(b, from: &position, end: end)
        let (title, container, after) = titleAndContainer(b, max(position, 0) ..< max(position, end))
        reference.title = title.map { b.string($0) }
        reference.container = container.map { b.string($0) }
        let details = tokens(b, after)
        reference.volume = value(after: volumeMarkers, in: details, b)
        reference.issue = value(after: issueMarkers, in: details, b)
        reference.pages = value(after: pageMarkers, in: details, b)
        reference.year = publicationYear(b, tokens(b, 0 ..< end))
        if reference.language == nil, let title {
            reference.language = LanguageGuesser.guess(b, title)
        }
        return reference
    }

    // MARK: language

    private static let noteLanguages: [(String, String)] = [
        ("russ", "ru"), ("mong", "mn"), ("eng", "en"), ("ukr", "uk"), ("kaz", "kk"), ("bel", "be"),
        ("chin", "zh"), ("jap", "ja"), ("germ", "de"), ("ger", "de"), ("fr", "fr"), ("span", "es"),
        ("ital", "it"), ("pol", "pl"), ("tat", "tt"), ("uzb", "uz"), ("kyrg", "ky"), ("arm", "hy"),
        ("georg", "ka"), ("azerb", "az"), ("turk", "tr"), ("kor", "ko"), ("kalm", "xal"), ("bur", "bua"),
    ]

    /// A trailing "(In Russ.)" or "(In Russ. and Mong.)": the note's text and where "(" starts.
    static func languageNote(_ b: Bytes) -> (text: Range<Int>, start: Int)? {
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

    static func languageCode(forNote b: Bytes, _ note: Range<Int>) -> String? {
        var word = ""
        var i = note.lowerBound + 3
        while i < note.upperBound, b[i] < 0x80, (b[i] | 0x20) >= 0x61, (b[i] | 0x20) <= 0x7A {
            word.append(Character(Unicode.Scalar(b[i] | 0x20)))
            i += 1
        }
        return noteLanguages.first { word.hasPrefix($0.0) }?.1
    }

    /// The language a non-Latin script implies, when the text is mostly in it.
    static func scriptLanguage(_ b: Bytes, _ range: Range<Int>) -> String? {
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

    /// The first "10.NNNN/suffix" in the range, trailing punctuation removed.
    static func doi(in b: Bytes, _ range: Range<Int>) -> String? {
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            if b[i] == 0x31 && b[i + 1] == 0x30 && b[i + 2] == 0x2E && (i == range.lowerBound || !b.isDigit(at: i - 1)) {
                var j = i + 3
                while j < range.upperBound && b.isDigit(at: j) { j += 1 }
                if j - (i + 3) >= 4 && j - (i + 3) <= 9 && j < range.upperBound && b[j] == UInt8(ascii: "/") {
                    var k = j + 1
                    while k < range.upperBound && !UTF8Class.isSpace(b[k]) { k += 1 }
                    while k > j + 1, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ")"),
                                      UInt8(ascii: "]"), UInt8(ascii: ">")].contains(b[k - 1]) { k -= 1 }
                    if k > j + 1 { return b.string(i ..< k) }
                }
            }
            i += 1
        }
        return nil
    }

    public static func doi(in text: String) -> String? {
        var text = text
        return text.withUTF8 { doi(in: $0, 0 ..< $0.count) }
    }

    // MARK: authors

    /// Parses "Family I. I., Family I.I., ..." from `position`, advancing it past the list.
    static func authors(_ b: Bytes, from position: inout Int, end: Int) -> [AuthorName] {
        var result: [AuthorName] = []
        var p = position
        while let (name, after) = author(b, at: p, end: end) {
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
        guard !result.isEmpty else { return [] }
        // An editor's note after the names: "(eds.)", "(ed.)", "(comp.)".
        var q = position
        while q < end && b[q] == 0x20 { q += 1 }
        for note: StaticString in ["(eds.)", "(ed.)", "(Eds.)", "(Ed.)", "(comp.)", "(comps.)"] where b.hasPrefix(note, at: q) {
            position = q + note.utf8CodeUnitCount
        }
        return result
    }

    /// One "Family I. I." at `start`: the name and the index after its last initial.
    static func author(_ b: Bytes, at start: Int, end: Int) -> (AuthorName, Int)? {
        guard start < end, b.isUpper(at: start) else { return nil }
        var p = start
        var letters = 0
        while p < end {
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
        let name = AuthorName(written: b.string(start ..< initialsEnd), family: b.string(start ..< familyEnd),
                              initials: AuthorName.normaliseInitials(b.string(initialsStart ..< initialsEnd)))
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
    static func titleAndContainer(_ b: Bytes, _ range: Range<Int>) -> (Range<Int>?, Range<Int>?, Range<Int>) {
        var lo = range.lowerBound
        while lo < range.upperBound, [0x20, 0x2E, 0x2C].contains(b[lo]) { lo += 1 }
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
    static func sentenceEnd(_ b: Bytes, _ range: Range<Int>) -> Int {
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
    static func clean(_ b: Bytes, _ range: Range<Int>, droppingLeadIn: Bool) -> Range<Int>? {
        var r = b.trimmed(range)
        if droppingLeadIn {
            for leadIn: StaticString in ["In:", "In :", "//", "Ser.:"] {
                let n = leadIn.utf8CodeUnitCount
                if r.count >= n && b.hasPrefix(leadIn, at: r.upperBound - n) { r = b.trimmed(r.lowerBound ..< r.upperBound - n) }
            }
        }
        let punctuation: [UInt8] = [0x2E, 0x2C, 0x3A, 0x3B, 0x2F, 0x20]
        var lo = r.lowerBound, hi = r.upperBound
        while hi > lo && punctuation.contains(b[hi - 1]) { hi -= 1 }
        while lo < hi && punctuation.contains(b[lo]) && b[lo] != 0x2F { lo += 1 }
        return lo < hi ? lo ..< hi : nil
    }

    // MARK: numbers

    static func tokens(_ b: Bytes, _ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound && b[i] == 0x20 { i += 1 }
            let start = i
            while i < range.upperBound && b[i] != 0x20 { i += 1 }
            if i > start { result.append(start ..< i) }
        }
        return result
    }

    /// Markers before numbers, as UTF-8 bytes (matched ignoring ASCII case; Cyrillic in both cases).
    private static let volumeMarkers = markerBytes(["vol.", "т.", "Т."])
    private static let issueMarkers = markerBytes(["no.", "iss.", "issue", "№", "вып.", "Вып."])
    private static let pageMarkers = markerBytes(["pp.", "p.", "с.", "С.", "c."])
    private static let numberMarkers = volumeMarkers + issueMarkers + pageMarkers + markerBytes(["vols."])

    private static func markerBytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    private static func isMarker(_ b: Bytes, _ token: Range<Int>, _ markers: [[UInt8]]) -> Bool {
        guard token.count <= 6 else { return false }
        return markers.contains { m in
            m.count == token.count && zip(m, token).allSatisfy { UTF8Class.asciiLower(b[$0.1]) == $0.0 }
        }
    }

    /// The token after one of `markers`, trimmed of trailing punctuation ("No. 1 (4)" gives "1 (4)").
    static func value(after markers: [[UInt8]], in tokens: [Range<Int>], _ b: Bytes) -> String? {
        guard let i = tokens.firstIndex(where: { isMarker(b, $0, markers) }), i + 1 < tokens.count else { return nil }
        var v = tokens[i + 1]
        if i + 2 < tokens.count, b[tokens[i + 2].lowerBound] == UInt8(ascii: "("),
           b.firstIndex(of: UInt8(ascii: ")"), in: tokens[i + 2]) != nil
        {
            v = v.lowerBound ..< tokens[i + 2].upperBound
        }
        var hi = v.upperBound
        while hi > v.lowerBound, [0x2E, 0x2C, 0x3B, 0x3A].contains(b[hi - 1]) { hi -= 1 }
        return hi > v.lowerBound ? b.string(v.lowerBound ..< hi) : nil
    }

    /// The last plausible year, ignoring numbers after page, issue and volume markers and numbers
    /// inside DOIs.
    static func publicationYear(_ b: Bytes, _ tokens: [Range<Int>]) -> Int? {
        var year: Int?
        for (n, token) in tokens.enumerated() {
            if n > 0 && isMarker(b, tokens[n - 1], numberMarkers) { continue }
            if b.firstIndex(of: UInt8(ascii: "/"), in: token) != nil || b.hasPrefix("10.", at: token.lowerBound) { continue }
            var i = token.lowerBound
            while i < token.upperBound {
                guard b.isDigit(at: i) else { i += 1; continue }
                let start = i
                var value = 0
                while i < token.upperBound && b.isDigit(at: i) { value = value * 10 + Int(b[i] - 0x30); i += 1 }
                if i - start == 4 && value >= 1500 && value <= latestYear { year = value }
            }
        }
        return year
    }
}
