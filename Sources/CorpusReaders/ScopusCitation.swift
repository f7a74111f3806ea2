// ScopusCitation.swift: Scopus's reference style, as its CSV, RIS and BibTeX exports write it:
// "Roberts, A.P., Heslop, D., Title, (2014) Rev. Geophys., 52 (3), pp. 557-602." or, in newer
// exports, "Family, I., Title (2014) Source, 52, pp. 1-9.". It reads the reference's UTF-8 bytes
// in place: the parts between ", " are byte ranges, and strings are made only for the fields kept.
import CorpusModel
import CorpusBytes

package extension CitationText {
    static func scopus(_ raw: String, number: Int? = nil) -> Reference {
        var copy = raw
        return copy.withUTF8 { ScopusCitation(bytes: $0).parse().reference($0, raw: raw, number: number) }
    }

    /// A Scopus-style reference's fields as byte ranges of `bytes` (for appending straight to the
    /// columns).
    static func scopus(bytes: UnsafeBufferPointer<UInt8>) -> ParsedReference {
        ScopusCitation(bytes: bytes).parse()
    }
}

/// One Scopus reference being read; every range is a range of `b`.
private struct ScopusCitation {
    package let b: UnsafeBufferPointer<UInt8>

    package init(bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    package func parse() -> ParsedReference {
        var reference = ParsedReference()
        var text = b.trimmedSpaces(0 ..< b.count)
        if let marker = doiMarker(in: text) {
            var k = marker.upperBound
            while k < text.upperBound && UTF8Class.whitespaceWidth(b, at: k) == nil && b[k] != UInt8(ascii: ";") && b[k] != UInt8(ascii: ",") { k += 1 }
            reference.doi = b.trimmed(marker.upperBound ..< k, ".)")
            text = b.trimmedSpaces(text.lowerBound ..< marker.lowerBound)
            while let last = text.last, b[last] == UInt8(ascii: ",") || b[last] == UInt8(ascii: ".") {
                text = b.trimmedSpaces(text.lowerBound ..< text.upperBound - 1)
            }
        }
        // Authors: "Family, I.I.," pairs (or "Family I.I.,") from the start.
        let parts = split(text)
        var first = 0
        // Authors as ranges while every one reads as "Family, I.I."; as names, in order, from the
        // first that does not.
        var ranged: [ParsedAuthor] = []
        ranged.reserveCapacity(parts.count / 2)
        var names: [AuthorName] = []
        func add(_ name: AuthorName) {
            if names.isEmpty { names = ranged.map { $0.name(b) } }
            ranged = []
            names.append(name)
        }
        func add(_ author: Author) {
            switch author {
            case .ranges(let a) where names.isEmpty: ranged.append(a)
            case .ranges(let a): names.append(a.name(b))
            case .name(let name): add(name)
            }
        }
        while parts.count - first >= 2 {
            let family = parts[first], initials = parts[first + 1]
            if isInitialsPart(initials), b.firstIndex(of: UInt8(ascii: "("), in: family) == nil, family.count < 90 {
                if names.isEmpty, let author = AuthorName.initialsForm(b, family.lowerBound ..< initials.upperBound) {
                    ranged.append(author)
                } else if let name = AuthorName.parse(string(family.lowerBound ..< initials.upperBound)) {
                    add(name)
                } else if let author = familyWithInitials(family) {
                    add(author)
                    first += 1
                    continue
                } else {
                    break
                }
                first += 2
            } else if let author = familyWithInitials(family) {
                add(author)
                first += 1
            } else {
                break
            }
        }
        if first < parts.count && (equals(parts[first], "et al.") || equals(parts[first], "Et al.")) { first += 1 }
        reference.authors = ranged
        reference.names = names
        // What is left, as the parts joined again: the bytes from the first part left to the end.
        let rest = first < parts.count ? parts[first].lowerBound ..< text.upperBound : text.upperBound ..< text.upperBound
        // "(2014)" splits what comes before (title) from what comes after (source and numbers).
        if let year = CitationText.yearInParentheses(b, rest) {
            // Four digits between the parentheses (as yearInParentheses found them).
            reference.year = (year.lowerBound + 1 ..< year.upperBound - 1).reduce(0) { $0 * 10 + Int(b[$1] &- 0x30) }
            let before = b.trimmed(b.trimmedSpaces(rest.lowerBound ..< year.lowerBound), ", ")
            let after = b.trimmedSpaces(year.upperBound ..< rest.upperBound)
            var afterParts = split(after, trimmingSpaces: true)
            if after.isEmpty || isNumbersPart(afterParts[0]) {
                // The year came last: "Title, Source, 52, pp. 1-9, (2014)" or "Title (2014)".
                var beforeParts = split(before)
                while let last = beforeParts.last, isNumbersPart(last) {
                    afterParts.insert(last, at: 0)
                    beforeParts.removeLast()
                }
                // The last part is the source when there is a title before it, or when volume
                // and pages follow it (an article cited without its title).
                if beforeParts.count >= 2 || (beforeParts.count == 1 && afterParts.contains { !$0.isEmpty }) {
                    reference.container = beforeParts.removeLast()
                }
                if let firstPart = beforeParts.first, let lastPart = beforeParts.last, firstPart.lowerBound < lastPart.upperBound {
                    reference.title = firstPart.lowerBound ..< lastPart.upperBound
                }
            } else {
                reference.title = before.isEmpty ? nil : before
                reference.container = b.trimmed(afterParts.removeFirst(), ", ")
            }
            numbers(afterParts, into: &reference)
        } else {
            reference.title = rest.isEmpty ? nil : rest
        }
        if var t = reference.title {
            // Scopus sometimes quotes a title with a stray "'" before it, or both sides.
            if b[t.lowerBound] == UInt8(ascii: "'") { t = t.lowerBound + 1 ..< t.upperBound }
            if !t.isEmpty && b[t.upperBound - 1] == UInt8(ascii: "'") { t = t.lowerBound ..< t.upperBound - 1 }
            reference.title = t.isEmpty ? nil : t
        }
        reference.language = reference.title.flatMap { LanguageGuesser.guess(b, $0) } ?? ReferenceParser.scriptLanguage(b, 0 ..< b.count)
        return reference
    }

    /// "52 (3)", "pp. 557-602", "6": volume, issue and pages.
    private func numbers(_ parts: [Range<Int>], into reference: inout ParsedReference) {
        for part in parts {
            let p = b.trimmed(part, ". ")
            if b.hasPrefix("pp. ", at: p.lowerBound) && p.count >= 4 || b.hasPrefix("p. ", at: p.lowerBound) && p.count >= 3 {
                let space = b.firstIndex(of: 0x20, in: p)!
                reference.pages = space + 1 ..< p.upperBound
            } else if reference.volume != nil, reference.issue == nil, reference.pages == nil, !p.isEmpty, allNumbers(p) {
                reference.issue = p   // "66, 6, pp. 2683-2696": volume, then issue
            } else if reference.volume == nil, !p.isEmpty, startsWithNumber(p) {
                // "52" or "52 (3)"
                if let open = b.firstIndex(of: UInt8(ascii: "("), in: p), let close = b.firstIndex(of: UInt8(ascii: ")"), in: p), open < close {
                    reference.volume = b.trimmedSpaces(p.lowerBound ..< open)
                    reference.issue = open + 1 ..< close
                } else {
                    reference.volume = p
                }
            }
        }
    }

    // MARK: parts

    /// "I.D.", "A.P.", "C.-I.", "S.-C.L.L.": a Scopus initials part.
    private func isInitialsPart(_ r: Range<Int>) -> Bool {
        guard let last = r.last, b[last] == 0x2E, r.count <= 20 else { return false }
        let first = b[r.lowerBound]
        guard first >= 0x41 && first <= 0x5A else {
            // Other scripts ("Ж.-Б."): parts of at most two letters, each starting with a capital.
            let s = string(r)
            guard let f = s.first, f.isUppercase else { return false }
            return s.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == " " }).allSatisfy { $0.count <= 2 && $0.first!.isUppercase }
        }
        // ASCII: runs of one capital and at most one lower-case letter, between . - and spaces.
        var run = 0
        for i in r {
            let c = b[i]
            if c == 0x2E || c == 0x2D || c == 0x20 { run = 0; continue }
            run += 1
            if run == 1 ? !(c >= 0x41 && c <= 0x5A) : (run > 2 || c >= 0x80) { return false }
        }
        return true
    }

    /// An author read as byte ranges, or (in the forms only `AuthorName.parse` reads) as a name.
    private enum Author {
        case ranges(ParsedAuthor)
        case name(AuthorName)
    }

    /// "Mayergoyz I.D.": family and initials in one part.
    private func familyWithInitials(_ r: Range<Int>) -> Author? {
        var space = r.upperBound - 1
        while space >= r.lowerBound && b[space] != 0x20 { space -= 1 }
        guard space >= r.lowerBound, isInitialsPart(space + 1 ..< r.upperBound) else { return nil }
        let family = r.lowerBound ..< space
        if b.isASCII(family) {
            guard family.count < 40, !family.contains(where: { b[$0] &- 0x30 < 10 }) else { return nil }
        } else {
            let text = string(family)
            guard text.count < 40, !text.contains(where: \.isNumber) else { return nil }
        }
        if let author = AuthorName.initialsForm(b, r) { return .ranges(author) }
        return AuthorName.parse(string(r)).map(Author.name)
    }

    private func isNumbersPart(_ r: Range<Int>) -> Bool {
        let p = b.trimmedSpaces(r)
        if b.hasPrefix("pp.", at: p.lowerBound) && p.count >= 3 || b.hasPrefix("p.", at: p.lowerBound) && p.count >= 2 { return true }
        guard !p.isEmpty, startsWithNumber(p) else { return false }
        return b.isASCII(p) ? p.count < 16 : string(p).count < 16
    }

    // MARK: bytes

    private func string(_ r: Range<Int>) -> String { b.string(r) }

    private func allNumbers(_ r: Range<Int>) -> Bool {
        b.isASCII(r) ? r.allSatisfy { b[$0] &- 0x30 < 10 } : string(r).allSatisfy(\.isNumber)
    }

    private func startsWithNumber(_ r: Range<Int>) -> Bool {
        b[r.lowerBound] < 0x80 ? b[r.lowerBound] &- 0x30 < 10 : string(r).first?.isNumber == true
    }

    private func equals(_ r: Range<Int>, _ word: StaticString) -> Bool {
        r.count == word.utf8CodeUnitCount && b.hasPrefix(word, at: r.lowerBound)
    }

    /// The parts of `r` between occurrences of ", " (empty parts kept), each trimmed of spaces
    /// when asked.
    private func split(_ r: Range<Int>, trimmingSpaces trim: Bool = false) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        parts.reserveCapacity(16)
        func add(_ part: Range<Int>) { parts.append(trim ? b.trimmedSpaces(part) : part) }
        var start = r.lowerBound
        var from = r.lowerBound
        // memchr finds each comma; one followed by a space ends a part.
        while from + 1 < r.upperBound, let comma = b.firstIndex(of: 0x2C, in: from ..< r.upperBound - 1) {
            if b[comma + 1] == 0x20 {
                add(start ..< comma)
                start = comma + 2
                from = start
            } else {
                from = comma + 1
            }
        }
        add(start ..< r.upperBound)
        return parts
    }

    /// The first "https://doi.org/" in `r`, else the first "http://dx.doi.org/", else the first
    /// "DOI: ". All three hold a colon, which few references do otherwise: memchr finds each
    /// colon, and the marker around it is compared.
    private func doiMarker(in r: Range<Int>) -> Range<Int>? {
        var dx: Range<Int>?, label: Range<Int>?
        var from = r.lowerBound
        while from < r.upperBound, let colon = b.firstIndex(of: 0x3A, in: from ..< r.upperBound) {
            if let m = marker("https://doi.org/", colonAt: 5, colon, in: r) { return m }
            if dx == nil { dx = marker("http://dx.doi.org/", colonAt: 4, colon, in: r) }
            if label == nil { label = marker("DOI: ", colonAt: 3, colon, in: r) }
            from = colon + 1
        }
        return dx ?? label
    }

    /// The range of `text` in `r` when it is there with its colon (at `colonAt`) at `colon`.
    private func marker(_ text: StaticString, colonAt: Int, _ colon: Int, in r: Range<Int>) -> Range<Int>? {
        let start = colon - colonAt, end = start + text.utf8CodeUnitCount
        guard start >= r.lowerBound, end <= r.upperBound, b.hasPrefix(text, at: start) else { return nil }
        return start ..< end
    }
}
