// AuthorName.swift: personal names as written and normalised for matching, so that
// "Dudin P. N.", "Dudin P.N." and "Dudin, P. N." are one person, and "George A. Akerlof",
// "Akerlof, George A.", "Ludwig van Beethoven" and "Beethoven, Ludwig van" each one too.
import CorpusBytes

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
    package static func appendKey(family: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
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
    /// "Family, Given Names", "Given I. Family", or (by `order`) "Family Given" / "Given Family".
    /// Particles ("van der", "bin") and suffixes ("Jr.", "III") go with the family name. Nil when
    /// no family name can be found.
    package static func parse(_ text: String, order: NameOrder = .givenFirst) -> AuthorName? {
        var copy = text
        if let single = copy.withUTF8({ b in oneWord(b, 0 ..< b.count).map { $0 == 0 ..< b.count ? text : b.string($0) } }) {
            return single.isEmpty ? nil : AuthorName(written: single, family: single, initials: "")
        }
        if let name = parseInitialsForm(text) { return name }
        let written = text.trimmingSpaces
        guard !written.isEmpty else { return nil }
        if let name = withSuffix(written, order: order) { return name }
        if written.contains(",") { return commaForm(written) }
        let words = written.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        return wordsForm(words, written: written, order: order)
    }

    /// "Martin Luther King Jr.", "King, Martin Luther, Jr.", "Dodd GD III": the name before the
    /// suffix, read as `parse` reads it, with the suffix after its family name ("King Jr."), so
    /// that each spelling has one key; nil when the name ends in no suffix.
    private static func withSuffix(_ written: String, order: NameOrder) -> AuthorName? {
        var copy = written
        guard let (rest, suffix) = copy.withUTF8({ b in suffix(b, 0 ..< b.count).map { (b.string($0.rest), b.string($0.suffix)) } }),
              var name = parse(rest, order: order) else { return nil }
        name.family += " " + spelledSuffix(suffix)
        name.written = written
        return name
    }

    /// "Family, Given" and "Family, I. I." read as words: a suffix between ("King, Jr., Martin
    /// Luther", BibTeX's "von Last, Jr, First") and particles after the given names ("Beethoven,
    /// Ludwig van", "Berg, J. van der") go with the family name.
    private static func commaForm(_ written: String) -> AuthorName? {
        let comma = written.firstIndex(of: ",")!
        var family = String(written[..<comma]).trimmingSpaces
        var rest = String(written[written.index(after: comma)...]).trimmingSpaces
        guard !family.isEmpty else { return nil }
        let parts = rest.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        if parts.count == 2, isSuffix(parts[0]) {
            family += " " + spelledSuffix(parts[0])
            rest = parts[1]
        }
        var words = rest.split(separator: " ").map(String.init)
        var particles: [String] = []
        while let last = words.last, particleSet.contains(last) { particles.insert(words.removeLast(), at: 0) }
        if !particles.isEmpty {
            family = (particles + [family]).joined(separator: " ")
            rest = words.joined(separator: " ")
        }
        return make(written: written, family: withSuffixSpelled(family), givenPart: rest)
    }

    /// A name without a comma, by its words: "Family I. I." (initials last), "Given I. Family"
    /// (initials before a name, OpenAlex's and CSL's display names), "van der Berg Jan", else as
    /// `order` says ("Li Wei", "Wei Li").
    private static func wordsForm(_ words: [String], written: String, order: NameOrder) -> AuthorName {
        guard words.count >= 2 else { return AuthorName(written: written, family: written, initials: "") }
        if let name = withTrailingParticles(words, written: written) { return name }
        let run = initialsStart(words)
        if run < words.count, !isInitials(words[0]) || isParticle(words[0], before: words[1]) {
            return familyThenInitials(words, initialsFrom: run, written: written)
        }
        // "George A. Akerlof", "J. A. Smith", "M. González Mantilla": the words after the last
        // initial are the family name.
        if let last = words.dropLast().lastIndex(where: isGivenInitial) {
            return split(words, familyFrom: last + 1, written: written)
        }
        if leadingParticles(words) > 0 { return familyThenGiven(words, written: written) }
        switch order {
        case .givenFirst: return givenThenFamily(words, written: written)
        case .familyFirst: return familyThenGiven(words, written: written)
        }
    }

    /// Where the initials after a family name start ("Dudin P. N.", "Smith JA", "GARCIA LOPEZ J"),
    /// as `initialsLayout` divides the bytes: the last word is initials with periods or up to four
    /// capitals; a word before it is initials with periods or of one or two capitals ("Dudin P N"),
    /// so that a capitals word such as "LOPEZ" is a name. The first word is the family name's;
    /// `words.count` when the last word is no initials.
    private static func initialsStart(_ words: [String]) -> Int {
        var start = words.count
        while start > 1 {
            let word = words[start - 1]
            let capitals = word.count <= (start == words.count ? 4 : 2) && word.allSatisfy { $0.isUppercase && $0.isLetter }
            guard capitals || isInitials(word) && !isSuffix(word) else { break }
            start -= 1
        }
        return start
    }

    /// "Sousa L. de", "Berg J. van der": family-first initials followed by lower-case particles,
    /// which go before the family name ("de Sousa"); nil for other names.
    private static func withTrailingParticles(_ words: [String], written: String) -> AuthorName? {
        var core = words
        while core.count > 2, let last = core.last, particleSet.contains(last) { core.removeLast() }
        guard core.count < words.count, initialsStart(core) < core.count, !isInitials(core[0]) else { return nil }
        var name = familyThenInitials(core, initialsFrom: initialsStart(core), written: written)
        name.family = words[core.count...].joined(separator: " ") + " " + name.family
        return name
    }

    /// True for an initial of a given-first name ("A.", "J.A.", "Zh."), not a suffix ("Jr.") or
    /// a particle ("St.").
    private static func isGivenInitial(_ word: String) -> Bool {
        isInitials(word) && !isSuffix(word) && !particleSet.contains(word.lowercased())
    }

    /// "Dudin P. N.", "Dudin P N", "DE LA CRUZ JM": the words before `run` are the family name.
    private static func familyThenInitials(_ words: [String], initialsFrom run: Int, written: String) -> AuthorName {
        let family = withSuffixSpelled(words[..<run].joined(separator: " "))
        let initials = words[run...]
        // Bare capitals ("P N", "ZW"): a period after each letter.
        if !initials.contains(where: { $0.contains(".") }) {
            return AuthorName(written: written, family: family, initials: initials.joined().map { "\($0)." }.joined())
        }
        return make(written: written, family: family, givenPart: initials.joined(separator: " "))
    }

    /// "George A. Akerlof", "Ludwig van Beethoven", "José Ortega y Gasset": the family name is the
    /// last word with the particles before it (and a name joined to it by "y"); the first word is
    /// always a given name ("Van Morrison").
    private static func givenThenFamily(_ words: [String], written: String) -> AuthorName {
        var start = words.count - 1
        while start > 1 {
            if isParticle(words[start - 1], before: words[start]) {
                start -= 1
            } else if words[start - 1] == "y", start > 2 {
                start -= 2
            } else {
                break
            }
        }
        return split(words, familyFrom: start, written: written)
    }

    /// "Li Wei", "van der Berg Jan", "Van der Grift": the family name is the first word with the
    /// particles before it.
    private static func familyThenGiven(_ words: [String], written: String) -> AuthorName {
        split(words, familyUpTo: leadingParticles(words), written: written)
    }

    /// How many particles begin the name: lower-case ones ("van der Berg"), and a capitalised
    /// first one when another particle follows it ("Van der Grift", "De La Cruz"; not "Le Van
    /// Thanh", Vietnamese Lê Văn). At least one word is left for the family name.
    private static func leadingParticles(_ words: [String]) -> Int {
        let capitalised = words.count > 2 && !particleSet.contains(words[0]) && isParticle(words[0], before: words[1])
            && words[1] != "Van" && isParticle(words[1], before: words[2])
        var n = capitalised ? 2 : 0
        while n < words.count - 1 && particleSet.contains(words[n]) { n += 1 }
        return min(n, words.count - 1)
    }

    /// The name with the family name from word `start` on, the given names before it.
    private static func split(_ words: [String], familyFrom start: Int, written: String) -> AuthorName {
        make(written: written, family: words[start...].joined(separator: " "), givenPart: words[..<start].joined(separator: " "))
    }

    /// The name with the family name up to word `end`, the given names after it.
    private static func split(_ words: [String], familyUpTo end: Int, written: String) -> AuthorName {
        make(written: written, family: words[...end].joined(separator: " "), givenPart: words[(end + 1)...].joined(separator: " "))
    }

    // MARK: particles and suffixes

    /// Lower-case particles that begin a family name ("van der Berg", "de la Cruz", "dos Santos",
    /// "bin Ahmad", "ibn Hanbal", "St. Denis"): Dutch, German, Romance, Arabic and Malay ones.
    private static let particleSet: Set<String> = ["van", "von", "der", "den", "de", "del", "della", "degli", "di", "da", "dos", "das", "do",
                                                    "du", "des", "la", "le", "ter", "ten", "te", "zu", "bin", "binti", "binte", "bint",
                                                    "ibn", "al", "el", "st.", "ste."]
    /// Particles that, capitalised, are as likely a name of their own (Vietnamese Đỗ, Chinese Zu):
    /// only the lower-case ones count.
    private static let lowerCaseOnlyParticles: Set<String> = ["do", "te", "zu"]
    /// Vietnamese family names, before which a capitalised "Van" is the middle name Văn ("Thanh
    /// Van Nguyen") rather than the Dutch particle ("Herman Van Rompuy").
    private static let vietnameseFamilyNames: Set<String> = ["nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang",
                                                             "bui", "do", "ho", "ngo", "duong", "ly", "dinh", "truong", "dao", "luong"]

    /// True when `word`, before `next`, is a particle of the family name: a lower-case one, or a
    /// capitalised one ("Van Der Berg", "De Gaulle", "Bin Ahmad") since a name follows it.
    private static func isParticle(_ word: String, before next: String) -> Bool {
        if particleSet.contains(word) { return true }
        let lower = word.lowercased()
        guard particleSet.contains(lower), word.first?.isUppercase == true, !lowerCaseOnlyParticles.contains(lower) else { return false }
        return lower != "van" || !vietnameseFamilyNames.contains(next.lowercased())
    }

    /// True for the generational suffixes "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV".
    private static func isSuffix(_ word: String) -> Bool {
        ["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"].contains(word)
    }

    /// One spelling of a suffix, so that "King Jr" and "King Jr." are one key: "Jr." and "Sr.".
    private static func spelledSuffix(_ suffix: String) -> String {
        suffix == "Jr" || suffix == "Sr" ? suffix + "." : suffix
    }

    /// A family name ending in "Jr" or "Sr" ("Brown Jr, W.F.") with the suffix spelled "Jr.", "Sr.".
    private static func withSuffixSpelled(_ family: String) -> String {
        family.hasSuffix(" Jr") || family.hasSuffix(" Sr") ? family + "." : family
    }

    /// The generational suffix ending the name in `range` (trimmed), and the name before it
    /// without the comma between: "Jr", "Jr.", "Sr", "Sr." after a name, "II", "III", "IV" after
    /// two words or more (after a family name alone, "Androulakis II", "Wang, IV", they are
    /// initials). Nil when the name ends in none; all-caps "JR" and "SR" are initials.
    private static func suffix(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (rest: Range<Int>, suffix: Range<Int>)? {
        let hi = range.upperBound
        guard hi - range.lowerBound > 3 else { return nil }
        switch u[hi - 1] {
        case 0x72, 0x2E, 0x49, 0x56: break  // r . I V: most names end in none
        default: return nil
        }
        var start = hi
        while start > range.lowerBound && hi - start < 4 && u[start - 1] != 0x20 && u[start - 1] != 0x2C { start -= 1 }
        guard start > range.lowerBound, u[start - 1] == 0x20 || u[start - 1] == 0x2C else { return nil }
        let word = start ..< hi
        func isWord(_ s: StaticString) -> Bool { word.count == s.utf8CodeUnitCount && u.hasPrefix(s, at: start) }
        let roman = isWord("II") || isWord("III") || isWord("IV")
        guard roman || isWord("Jr") || isWord("Jr.") || isWord("Sr") || isWord("Sr.") else { return nil }
        var end = start
        while end > range.lowerBound && (u[end - 1] == 0x20 || u[end - 1] == 0x2C) { end -= 1 }
        let rest = range.lowerBound ..< end
        guard !rest.isEmpty, !roman || u.firstIndex(of: 0x20, in: rest) != nil || u.firstIndex(of: 0x2C, in: rest) != nil else { return nil }
        return (rest, word)
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
    package static func parseInitialsForm(_ text: String) -> AuthorName? {
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
    package static func parsedRanges(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ParsedAuthor? {
        if let t = oneWord(b, range), !t.isEmpty {
            return ParsedAuthor(written: t, family: t, initials: t.upperBound ..< t.upperBound)
        }
        return initialsForm(b, range)
    }

    /// The name in `range` of `b` as byte ranges when it is written "Family, I.I.", "Family I.I.",
    /// "Family IIJ" or "Family, IJ" with ASCII initials (as `parseInitialsForm` reads it); nil
    /// for anything else.
    package static func initialsForm(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> ParsedAuthor? {
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
        guard hi > lo, suffix(u, lo ..< hi) == nil else { return nil }
        func isCapital(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        // The initials part: the text after the comma, or the last word.
        var split = hi
        var comma = false
        if let c = u.firstIndex(of: 0x2C, in: lo ..< hi) {
            guard u.firstIndex(of: 0x2C, in: (c + 1) ..< hi) == nil else { return nil }
            split = c
            comma = true
        } else {
            // The trailing run of initial-like words ("P. N.", "W", "J.-P."). Before the last word,
            // one without a period is initials only of one or two capitals ("Dudin P N"): a longer
            // one is a name ("GARCIA LOPEZ J", "Cavin III R.K."), as `initialsStart` reads words.
            var start = hi
            while let space = u.lastIndex(of: 0x20, in: lo ..< start) {
                let word = (space + 1) ..< start
                guard !word.isEmpty, word.count <= 6, isCapital(u[word.lowerBound]),
                      word.allSatisfy({ isCapital(u[$0]) || u[$0] == 0x2E || u[$0] == 0x2D }),
                      start == hi || word.count <= 2 || u.firstIndex(of: 0x2E, in: word) != nil else { break }
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
        // "Brown Jr, W.F.": `parse` spells the suffix "Jr.".
        if familyEnd - lo > 3 && (u.hasPrefix(" Jr", at: familyEnd - 3) || u.hasPrefix(" Sr", at: familyEnd - 3)) { return nil }
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
              u[given].contains(where: { $0 >= 0x61 && $0 <= 0x7A }), let first = u[given].first, isLetter(first),
              !endsWithParticle(u, given) else { return nil }
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

    /// True when the given names in `given` end with a lower-case particle ("Beethoven, Ludwig
    /// van"), which `parse` puts before the family name.
    private static func endsWithParticle(_ u: UnsafeBufferPointer<UInt8>, _ given: Range<Int>) -> Bool {
        let start = u.lastIndex(of: 0x20, in: given).map { $0 + 1 } ?? given.lowerBound
        guard start < given.upperBound, u[start] >= 0x61 && u[start] <= 0x7A else { return false }
        return particleSet.contains(u.string(start ..< given.upperBound))
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
            let pieces = part.split(separator: "-").compactMap { $0.first.map { $0.uppercased() + "." } }
            return pieces.isEmpty ? nil : pieces.joined(separator: "-")
        }.joined()
        return AuthorName(written: written, family: family, given: givenPart, initials: initials)
    }

    /// "P. N." and "P.N." both give "P.N."; "Zh." stays "Zh."; "P N" gives "P.N.".
    package static func normaliseInitials(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { String(decoding: AuthorName.normalisedInitials($0, 0 ..< $0.count), as: UTF8.self) }
    }

    /// True for "P.", "Zh.", "P.N.", "S.-L.".
    package static func isInitials(_ word: String) -> Bool {
        guard word.hasSuffix("."), let first = word.first, first.isUppercase else { return false }
        let letters = word.split(whereSeparator: { $0 == "." || $0 == "-" })
        return !letters.isEmpty && letters.allSatisfy { $0.count <= 2 && $0.first!.isUppercase }
    }

    private static func isBareInitial(_ word: String) -> Bool {
        word.count <= 2 && (word.first?.isUppercase ?? false) && word.dropFirst().allSatisfy(\.isLowercase)
    }
}

package extension String {
    fileprivate var replacingDots: String {
        String(map { $0 == "." ? " " : $0 })
    }
}

package extension AuthorName {
    /// "P. N." and "P.N." both give "P.N."; "Zh." stays "Zh."; "S.-L." stays "S.-L.".
    static func normalisedInitials(_ b: Bytes, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        normalisedInitials(b, range, lowercased: false, into: &out)
        return out
    }

    /// Appends initials as "P.N." (each run of letters followed by a dot, hyphens kept), lower-cased
    /// when asked, without building anything in between.
    static func normalisedInitials(_ b: Bytes, _ range: Range<Int>, lowercased: Bool, into out: inout [UInt8]) {
        var run = -1
        func endRun(_ end: Int) {
            guard run >= 0 else { return }
            let letters = UnsafeBufferPointer(rebasing: b[run ..< end])
            if lowercased { Lowercase.append(letters, to: &out) } else { out.append(contentsOf: letters) }
            out.append(UInt8(ascii: "."))
            run = -1
        }
        for i in range {
            let c = b[i]
            if c == UInt8(ascii: ".") || c == 0x20 {
                endRun(i)
            } else if c == UInt8(ascii: "-") {
                endRun(i)
                out.append(c)
            } else if run < 0 {
                run = i
            }
        }
        endRun(range.upperBound)
    }
}
