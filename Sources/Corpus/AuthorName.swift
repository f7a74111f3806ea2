// AuthorName.swift: personal names as written and normalised for matching, so that
// "Dudin P. N.", "Dudin P.N." and "Dudin, P. N." are one person.

/// An author's name: as written, and split into family name, given names and initials.
package struct AuthorName: Hashable, Sendable, Codable {
    /// The name as the source wrote it.
    package var written: String
    package var family: String
    /// Full given names, when the source gives them ("Pavel Nikolaevich").
    package var given: String?
    /// Initials in one spelling: "P.N.", "Zh.", "S.L.".
    package var initials: String
    /// The ORCID iD ("0000-0002-1825-0097"), when the source gives it.
    package var orcid: String?
    /// The source's own identifier of the person (a Scopus author id, an OpenAlex author), when given.
    package var id: String?

    package init(written: String, family: String, given: String? = nil, initials: String, orcid: String? = nil, id: String? = nil) {
        self.written = written
        self.family = family
        self.given = given
        self.initials = initials
        self.orcid = orcid
        self.id = id
    }

    /// The identity key, lower-cased: family name and full given names when the source gives them
    /// ("cheng, yang" and "cheng, yan" stay apart), else family name and initials ("dudin, p.n.").
    package var key: String {
        if let given, !given.isEmpty { return family.lowercased() + ", " + given.lowercased() }
        return initialsKey
    }

    /// Family name and initials, lower-cased ("dudin, p.n."): what a reference list gives, so the
    /// key for matching a reference's authors to a document's.
    package var initialsKey: String {
        initials.isEmpty ? family.lowercased() : family.lowercased() + ", " + initials.lowercased()
    }

    /// A key's bytes, lower-cased on the bytes (`Lowercase`): `family`, then ", " and `second`
    /// (the full given names or the initials) when there is one. The author columns' keys and a
    /// citing document's own keys are made by it.
    static func appendKey(family: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        Lowercase.append(family, to: &out)
        guard !second.isEmpty else { return }
        out.append(0x2C)
        out.append(0x20)
        Lowercase.append(second, to: &out)
    }

    /// The normalised display form: "Dudin P.N.", or "Cheng, Yang" when the given names are known.
    package var display: String {
        if let given, !given.isEmpty { return family + ", " + given }
        return initials.isEmpty ? family : family + " " + initials
    }

    /// Which comes first in a name written without a comma or initials ("Li Wei", "Wei Li").
    package enum NameOrder: Sendable { case familyFirst, givenFirst }

    /// Parses a name written as "Family I. I.", "Family I.I.", "Family, I. I.",
    /// "Family, Given Names", or (by `order`) "Family Given" / "Given Family"; nil when no family
    /// name can be found.
    package static func parse(_ text: String, order: NameOrder = .givenFirst) -> AuthorName? {
        var copy = text
        if let single = copy.withUTF8({ b in oneWord(b, 0 ..< b.count).map { $0 == 0 ..< b.count ? text : b.string($0) } }) {
            return single.isEmpty ? nil : AuthorName(written: single, family: single, initials: "")
        }
        if let name = parseInitialsForm(text) { return name }
        let written = text.trimmingSpaces
        guard !written.isEmpty else { return nil }
        if let comma = written.firstIndex(of: ",") {
            let family = String(written[..<comma]).trimmingSpaces
            let rest = String(written[written.index(after: comma)...]).trimmingSpaces
            guard !family.isEmpty else { return nil }
            return make(written: written, family: family, givenPart: rest)
        }
        // "Family I. I." : the family name is the words before the first initial.
        let words = written.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let firstInitial = words.firstIndex(where: { isInitials($0) }), firstInitial > 0 {
            let family = words[..<firstInitial].joined(separator: " ")
            return make(written: written, family: family, givenPart: words[firstInitial...].joined(separator: " "))
        }
        // "Dudin P N", "Dudin PN": initials without periods after the family name.
        if words.count >= 2, words.dropFirst().allSatisfy({ $0.count <= 3 && $0.allSatisfy(\.isUppercase) }) {
            let initials = words.dropFirst().flatMap { $0.map { String($0) + "." } }.joined()
            return AuthorName(written: written, family: words[0], initials: initials)
        }
        // No comma and no initials: the order decides.
        if words.count >= 2 {
            switch order {
            case .givenFirst:
                return make(written: written, family: words.last!, givenPart: words.dropLast().joined(separator: " "))
            case .familyFirst:
                return make(written: written, family: words[0], givenPart: words.dropFirst().joined(separator: " "))
            }
        }
        return AuthorName(written: written, family: written, initials: "")
    }

    /// `range` of `b` trimmed, when it is one word (no space and no comma: a family name alone,
    /// as Crossref's references give most authors), possibly empty; nil for anything else.
    private static func oneWord(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        let t = b.trimmedSpaces(range)
        guard b.firstIndex(of: 0x20, in: t) == nil, b.firstIndex(of: 0x2C, in: t) == nil else { return nil }
        return t
    }

    /// The forms reference lists use most, read straight from the bytes: "Family, I.I.",
    /// "Family I.I.", "Family IIJ" and "Family, IJ" with ASCII initials, and "Family, Given"
    /// with ASCII given names; nil for anything else.
    static func parseInitialsForm(_ text: String) -> AuthorName? {
        var copy = text
        return copy.withUTF8 { b -> AuthorName? in
            switch initialsLayout(b, 0 ..< b.count) {
            case .initials(let author)?: return author.name(b)
            case .givenNames(let written, let family, let given)?: return fullGivenNames(b, written: written, family: family, given: given)
            case nil: return nil
            }
        }
    }

    /// The name in `range` of `b` as byte ranges, read as `parse` reads it, when it is one word
    /// (a family name alone) or written with initials in a form `parseInitialsForm` reads; nil
    /// for anything else (full given names among them), which `parse` is left to read.
    static func parsedRanges(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ParsedAuthor? {
        if let t = oneWord(b, range), !t.isEmpty {
            return ParsedAuthor(written: t, family: t, initials: t.upperBound ..< t.upperBound)
        }
        return initialsForm(b, range)
    }

    /// The name in `range` of `b` as byte ranges when it is written "Family, I.I.", "Family I.I.",
    /// "Family IIJ" or "Family, IJ" with ASCII initials (as `parseInitialsForm` reads it); nil
    /// for anything else.
    static func initialsForm(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ParsedAuthor? {
        if case .initials(let author)? = initialsLayout(b, range) { return author }
        return nil
    }

    /// How a name written in one of the forms of `parseInitialsForm` divides.
    private enum InitialsLayout {
        case initials(ParsedAuthor)
        /// "Family, Given Names": the given names still to be checked by `fullGivenNames`.
        case givenNames(written: Range<Int>, family: Range<Int>, given: Range<Int>)
    }

    private static func initialsLayout(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> InitialsLayout? {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && u[lo] == 0x20 { lo += 1 }
        while hi > lo && u[hi - 1] == 0x20 { hi -= 1 }
        guard hi > lo else { return nil }
        func isCapital(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        // The initials part: the text after the comma, or the last word.
        var split = hi
        var comma = false
        if let c = u.firstIndex(of: 0x2C, in: lo ..< hi) {
            guard u.firstIndex(of: 0x2C, in: (c + 1) ..< hi) == nil else { return nil }
            split = c
            comma = true
        } else {
            // The trailing run of initial-like words ("P. N.", "W", "J.-P.").
            var start = hi
            while let space = u.lastIndex(of: 0x20, in: lo ..< start) {
                let word = (space + 1) ..< start
                guard !word.isEmpty, word.count <= 6, isCapital(u[word.lowerBound]),
                      word.allSatisfy({ isCapital(u[$0]) || u[$0] == 0x2E || u[$0] == 0x2D }) else { break }
                start = space
                while start > lo && u[start - 1] == 0x20 { start -= 1 }
            }
            guard start < hi, start > lo else { return nil }
            split = start
        }
        var familyEnd = split
        while familyEnd > lo && u[familyEnd - 1] == 0x20 { familyEnd -= 1 }
        var givenStart = split + 1
        while givenStart < hi && u[givenStart] == 0x20 { givenStart += 1 }
        guard familyEnd > lo, givenStart < hi else { return nil }
        let given = givenStart ..< hi
        let withPeriods = u.firstIndex(of: 0x2E, in: given) != nil
            && given.allSatisfy { isCapital(u[$0]) || u[$0] == 0x2E || u[$0] == 0x2D || u[$0] == 0x20 }
        let bare = given.count <= 4 && given.allSatisfy { isCapital(u[$0]) }
        // "Dudin P N": bare initials in several words are left to the general parser.
        guard withPeriods || bare else {
            return comma ? .givenNames(written: lo ..< hi, family: lo ..< familyEnd, given: given) : nil
        }
        // Without a comma, "Family I.I." needs the family part to be a name, not more initials.
        if !comma && u.firstIndex(of: 0x2E, in: lo ..< familyEnd) != nil { return nil }
        return .initials(ParsedAuthor(written: lo ..< hi, family: lo ..< familyEnd, initials: given, bare: bare))
    }

    /// "Sun, Zhiwei", "Russell, Thomas P.", "Uzan, Jean-Philippe" with ASCII given names: the
    /// initials are the first letters of the given names ("T.P.", "J.-P."); nil for other text.
    private static func fullGivenNames(_ u: UnsafeBufferPointer<UInt8>, written: Range<Int>, family: Range<Int>, given: Range<Int>) -> AuthorName? {
        func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        guard u[given].allSatisfy({ isLetter($0) || $0 == 0x20 || $0 == 0x2E || $0 == 0x2D || $0 == 0x27 }),
              u[given].contains(where: { $0 >= 0x61 && $0 <= 0x7A }), let first = u[given].first, isLetter(first) else { return nil }
        var initials: [UInt8] = []
        var atWordStart = true
        for c in u[given] {
            if c == 0x20 || c == 0x2E {
                atWordStart = true
            } else if c == 0x2D {
                if initials.last == 0x2E { initials.append(0x2D) }
                atWordStart = true
            } else if atWordStart && isLetter(c) {
                initials.append(c >= 0x61 ? c - 0x20 : c)
                initials.append(0x2E)
                atWordStart = false
            }
        }
        return AuthorName(written: String(decoding: u[written], as: UTF8.self), family: String(decoding: u[family], as: UTF8.self),
                          given: String(decoding: u[given], as: UTF8.self), initials: String(decoding: initials, as: UTF8.self))
    }

    private static func make(written: String, family: String, givenPart: String) -> AuthorName {
        // "Sun, ZW" (Web of Science, PubMed): capital initials run together without periods.
        if (1...4).contains(givenPart.count), givenPart.allSatisfy({ $0.isUppercase && $0.isLetter }) {
            return AuthorName(written: written, family: family, initials: givenPart.map { "\($0)." }.joined())
        }
        let parts = givenPart.replacingDots.split(separator: " ").map(String.init)
        let words = givenPart.split(separator: " ").map(String.init)
        let onlyInitials = words.allSatisfy { isInitials($0) || isBareInitial($0) }
        if onlyInitials {
            return AuthorName(written: written, family: family, given: nil, initials: normaliseInitials(givenPart))
        }
        let initials = parts.compactMap { part -> String? in
            // "Jean-Paul" gives "J.-P."
            let pieces = part.split(separator: "-").compactMap { $0.first.map { String($0) + "." } }
            return pieces.isEmpty ? nil : pieces.joined(separator: "-")
        }.joined()
        return AuthorName(written: written, family: family, given: givenPart, initials: initials)
    }

    /// "P. N." and "P.N." both give "P.N."; "Zh." stays "Zh."; "P N" gives "P.N.".
    static func normaliseInitials(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: ReferenceParser.normalisedInitials($0, 0 ..< $0.count), as: UTF8.self) }
    }

    /// True for "P.", "Zh.", "P.N.", "S.-L.".
    static func isInitials(_ word: String) -> Bool {
        guard word.hasSuffix("."), let first = word.first, first.isUppercase else { return false }
        let letters = word.split(whereSeparator: { $0 == "." || $0 == "-" })
        return !letters.isEmpty && letters.allSatisfy { $0.count <= 2 && $0.first!.isUppercase }
    }

    private static func isBareInitial(_ word: String) -> Bool {
        word.count <= 2 && (word.first?.isUppercase ?? false) && word.dropFirst().allSatisfy(\.isLowercase)
    }
}

extension String {
    /// Without leading and trailing white space (ASCII white space and the no-break space).
    var trimmingSpaces: String {
        var copy = self
        return copy.withUTF8 { b in
            let r = b.trimmedSpaces(0 ..< b.count)
            return r == 0 ..< b.count ? self : b.string(r)
        }
    }

    fileprivate var replacingDots: String {
        String(map { $0 == "." ? " " : $0 })
    }
}
