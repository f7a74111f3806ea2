// ReferenceParser.swift: splits a reference as written into its fields: authors, title,
// container, publication year, volume, issue, pages, DOI and language note. Works for the
// Russian-journal style ("Family I. I. Title. *Journal*. 2017. No. 8. Pp. 6-12. (In Russ.)"),
// for books ("... *Title*. Moscow: Publisher, 1960. 836 p.") and degrades gracefully on others:
// the raw text is always kept, non-Latin text is never dropped.
import Foundation

public enum ReferenceParser {
    /// The latest year accepted as a publication year.
    static let latestYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1

    public static func parse(_ raw: String, number: Int? = nil) -> Reference {
        let s = Array(raw.unicodeScalars)
        var reference = Reference(number: number, raw: raw)
        var end = s.count
        if let note = languageNote(s) {
            reference.languageNote = note.text
            reference.language = languageCode(forNote: note.text)
            end = note.start
        }
        if reference.language == nil { reference.language = scriptLanguage(s) }
        reference.doi = doi(in: raw)

        var position = 0
        reference.authors = authors(s, from: &position)
        let body = Array(s[position ..< max(position, end)])
        let (title, container, after) = titleAndContainer(body)
        reference.title = title
        reference.container = container
        let details = tokens(after)
        reference.volume = value(after: ["vol.", "т."], in: details)
        reference.issue = value(after: ["no.", "iss.", "issue", "№", "вып."], in: details)
        reference.pages = value(after: ["pp.", "p.", "с.", "c."], in: details)
        if reference.language == nil, let title = reference.title {
            reference.language = LanguageGuesser.guess(title)
        }
        reference.year = publicationYear(tokens(Array(s[0 ..< end])))
        return reference
    }

    // MARK: language

    private static let noteLanguages: [(String, String)] = [
        ("russ", "ru"), ("mong", "mn"), ("eng", "en"), ("ukr", "uk"), ("kaz", "kk"), ("bel", "be"),
        ("chin", "zh"), ("jap", "ja"), ("germ", "de"), ("ger", "de"), ("fr", "fr"), ("span", "es"),
        ("ital", "it"), ("pol", "pl"), ("tat", "tt"), ("uzb", "uz"), ("kyrg", "ky"), ("arm", "hy"),
        ("georg", "ka"), ("azerb", "az"), ("turk", "tr"), ("kor", "ko"), ("kalm", "xal"), ("bur", "bua"),
    ]

    /// A trailing "(In Russ.)" or "(In Russ. and Mong.)": its text and where it starts.
    static func languageNote(_ s: [Unicode.Scalar]) -> (text: String, start: Int)? {
        var close = s.count - 1
        while close >= 0 && (s[close] == " " || s[close] == ".") { close -= 1 }
        guard close > 4, s[close] == ")" else { return nil }
        guard let open = s[..<close].lastIndex(of: "(") else { return nil }
        let inner = String(String.UnicodeScalarView(s[(open + 1) ..< close])).trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("In ") else { return nil }
        return (inner, open)
    }

    static func languageCode(forNote note: String) -> String? {
        let word = note.dropFirst(3).prefix { $0.isLetter }.lowercased()
        return noteLanguages.first { word.hasPrefix($0.0) }?.1
    }

    /// The language a non-Latin script implies, when the text is mostly in it.
    static func scriptLanguage(_ s: [Unicode.Scalar]) -> String? {
        var cyrillic = 0, latin = 0, greek = 0
        var ukrainian = false
        for c in s {
            switch c.value {
            case 0x41...0x5A, 0x61...0x7A: latin += 1
            case 0x400...0x4FF:
                cyrillic += 1
                if [0x456, 0x457, 0x454, 0x491].contains(c.value) { ukrainian = true }
            case 0x370...0x3FF: greek += 1
            default: break
            }
        }
        if cyrillic > latin { return ukrainian ? "uk" : "ru" }
        if greek > latin { return "el" }
        return nil
    }

    // MARK: DOI

    static func doi(in text: String) -> String? {
        guard let range = text.range(of: #"10\.\d{4,9}/[^\s]+"#, options: .regularExpression) else { return nil }
        var value = String(text[range])
        while let last = value.last, ".,;)]>".contains(last) { value.removeLast() }
        return value
    }

    // MARK: authors

    static func isUpper(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }
    static func isLower(_ c: Unicode.Scalar) -> Bool { c.properties.isLowercase }
    static func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }

    /// Parses "Family I. I., Family I.I., ..." from `position`, advancing it past the list.
    static func authors(_ s: [Unicode.Scalar], from position: inout Int) -> [AuthorName] {
        var result: [AuthorName] = []
        var p = position
        while let (name, end) = author(s, at: p) {
            result.append(name)
            p = end
            position = end
            // ", " then another author, or ", et al."
            var q = p
            guard q < s.count, s[q] == "," else { break }
            q += 1
            while q < s.count && s[q] == " " { q += 1 }
            if matches(s, at: q, "et al.") {
                position = q + 6
                break
            }
            p = q
        }
        guard !result.isEmpty else { return [] }
        // An editor's note after the names: "(eds.)", "(ed.)", "(comp.)".
        var q = position
        while q < s.count && s[q] == " " { q += 1 }
        for note in ["(eds.)", "(ed.)", "(Eds.)", "(Ed.)", "(comp.)", "(comps.)"] where matches(s, at: q, note) {
            position = q + note.unicodeScalars.count
        }
        return result
    }

    /// One "Family I. I." at `p`: the name and the index after its last initial.
    static func author(_ s: [Unicode.Scalar], at start: Int) -> (AuthorName, Int)? {
        var p = start
        guard p < s.count, isUpper(s[p]) else { return nil }
        var letters = 0
        while p < s.count {
            if isLetter(s[p]) { letters += 1; p += 1; continue }
            if (s[p] == "-" || s[p] == "'" || s[p] == "’") && p + 1 < s.count && isLetter(s[p + 1]) { p += 1; continue }
            break
        }
        guard letters >= 2 else { return nil }
        let familyEnd = p
        guard p < s.count, s[p] == " " else { return nil }
        while p < s.count && s[p] == " " { p += 1 }
        let initialsStart = p
        var initialsEnd = -1
        while p < s.count, isUpper(s[p]) {
            var q = p + 1
            if q < s.count && isLower(s[q]) { q += 1 }
            guard q < s.count, s[q] == "." else { break }
            // A lone capital followed by a lower-case letter and "." could be a word ("Ya." is an
            // initial; "No." after a name is not reached here because names end at ", " or ". ").
            initialsEnd = q + 1
            p = q + 1
            if p < s.count && (s[p] == "-") { p += 1; continue }
            let afterSpaces = p + (p < s.count && s[p] == " " ? 1 : 0)
            if afterSpaces + 1 < s.count, isUpper(s[afterSpaces]),
               s[afterSpaces + 1] == "." || (afterSpaces + 2 < s.count && isLower(s[afterSpaces + 1]) && s[afterSpaces + 2] == ".")
            {
                p = afterSpaces
                continue
            }
            break
        }
        guard initialsEnd > 0 else { return nil }
        let family = String(String.UnicodeScalarView(s[start ..< familyEnd]))
        let initialsText = String(String.UnicodeScalarView(s[initialsStart ..< initialsEnd]))
        let written = String(String.UnicodeScalarView(s[start ..< initialsEnd]))
        return (AuthorName(written: written, family: family, initials: AuthorName.normaliseInitials(initialsText)), initialsEnd)
    }

    static func matches(_ s: [Unicode.Scalar], at p: Int, _ text: String) -> Bool {
        let t = Array(text.unicodeScalars)
        return p + t.count <= s.count && Array(s[p ..< p + t.count]) == t
    }

    // MARK: title and container

    /// Title, container and the text after them, from what follows the authors.
    static func titleAndContainer(_ body: [Unicode.Scalar]) -> (String?, String?, [Unicode.Scalar]) {
        var b = body[...]
        while let f = b.first, f == " " || f == "." || f == "," { b.removeFirst() }
        if let open = b.firstIndex(of: "*"), let close = b[(open + 1)...].firstIndex(of: "*") {
            let before = clean(String(String.UnicodeScalarView(b[b.startIndex ..< open])), droppingLeadIn: true)
            let italic = clean(String(String.UnicodeScalarView(b[(open + 1) ..< close])), droppingLeadIn: false)
            let after = Array(b[(close + 1)...])
            if let before, !before.isEmpty { return (before, italic, after) }
            return (italic, nil, after)
        }
        let end = sentenceEnd(Array(b))
        let title = clean(String(String.UnicodeScalarView(b.prefix(end))), droppingLeadIn: false)
        return (title, nil, Array(b.dropFirst(end)))
    }

    private static let abbreviations: Set<String> = [
        "vol", "vols", "no", "pp", "p", "ed", "eds", "rev", "suppl", "ser", "etc", "st", "dr", "univ",
        "publ", "transl", "comp", "cand", "sc", "dr", "inst", "acad", "nauk", "im", "t", "g", "s",
    ]

    /// The index of the first ". " that ends a sentence (not an initial or an abbreviation).
    static func sentenceEnd(_ s: [Unicode.Scalar]) -> Int {
        var i = 0
        while i < s.count {
            if s[i] == "." && (i + 1 == s.count || s[i + 1] == " ") {
                var w = i
                while w > 0 && isLetter(s[w - 1]) { w -= 1 }
                let word = String(String.UnicodeScalarView(s[w ..< i])).lowercased()
                let isInitial = (i - w) <= 2 && w < i && isUpper(s[w]) && (i - w == 1 || isLower(s[w + 1]))
                if !isInitial && !abbreviations.contains(word) { return i }
            }
            i += 1
        }
        return s.count
    }

    /// Trims spaces and punctuation, and a trailing "In:" lead-in before a container.
    static func clean(_ text: String, droppingLeadIn: Bool) -> String? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if droppingLeadIn {
            for leadIn in ["In:", "In :", "// ", "//", "Ser.:"] where t.hasSuffix(leadIn) {
                t = String(t.dropLast(leadIn.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        while let last = t.last, ".,:;/".contains(last) || last == " " { t.removeLast() }
        while let first = t.first, ".,:; ".contains(first) { t.removeFirst() }
        return t.isEmpty ? nil : t
    }

    // MARK: numbers

    static func tokens(_ s: [Unicode.Scalar]) -> [String] {
        String(String.UnicodeScalarView(s)).split(whereSeparator: { $0 == " " }).map(String.init)
    }

    private static let numberMarkers: Set<String> = ["pp.", "p.", "no.", "vol.", "vols.", "iss.", "issue", "c.", "с.", "№", "т.", "вып."]

    /// The token after one of `markers`, trimmed of trailing punctuation ("No. 1 (4)" gives "1 (4)").
    static func value(after markers: Set<String>, in tokens: [String]) -> String? {
        guard let i = tokens.firstIndex(where: { markers.contains($0.lowercased()) }), i + 1 < tokens.count else { return nil }
        var v = tokens[i + 1]
        if i + 2 < tokens.count, tokens[i + 2].hasPrefix("("), tokens[i + 2].dropLast().hasSuffix(")") || tokens[i + 2].hasSuffix(")") {
            v += " " + tokens[i + 2]
        }
        while let last = v.last, ".,;:".contains(last) { v.removeLast() }
        return v.isEmpty ? nil : v
    }

    /// The last plausible year, ignoring numbers that follow page, issue and volume markers and
    /// numbers inside DOIs.
    static func publicationYear(_ tokens: [String]) -> Int? {
        var year: Int?
        for (i, token) in tokens.enumerated() {
            if i > 0 && numberMarkers.contains(tokens[i - 1].lowercased()) { continue }
            if token.contains("/") || token.hasPrefix("10.") { continue }
            var run = 0
            var value = 0
            for c in token.unicodeScalars + [" "] {
                if let d = c.properties.numericType != nil ? Int(String(c)) : nil, c.isASCII {
                    run += 1
                    value = value * 10 + d
                } else {
                    if run == 4 && value >= 1500 && value <= latestYear { year = value }
                    run = 0
                    value = 0
                }
            }
        }
        return year
    }
}
