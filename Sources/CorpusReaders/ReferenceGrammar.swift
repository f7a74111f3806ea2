// ReferenceGrammar.swift: a reference in any of the common citation styles (Vancouver and NLM,
// AMA, APA, Harvard, Chicago, MLA, IEEE, ACS, AIP and APS, Nature, GOST, DIN) split into its
// fields. It finds each part by its own form rather than by one style's order: the DOI and the URL
// by their syntax, the authors by the shapes names take at the start (family first with initials,
// "Family, Given", given first), the year by the places styles put it (after the authors, in
// parentheses, before the volume, at the end) and never inside a page range or an access date, the
// numbers by their markers and punctuation ("48(23):8574-83", "vol. 48, no. 23, pp. 8574-8583",
// "Т. 48, № 3. С. 12-20", "48, 8574 (2015)"). Title and container are what lies between the authors
// and the numbers: a quoted or starred title, else the first sentence. It reads the bytes in
// place and returns byte ranges, as the store keeps them.
import CorpusModel
import CorpusBytes

package enum ReferenceGrammar {
    package static func parse(_ raw: String) -> Reference {
        var text = raw
        return text.withUTF8 { parse(bytes: $0).reference($0, raw: raw, number: nil) }
    }

    /// Whether the reference starts with its authors followed by the year ("Smith, J. (2015).",
    /// "Smith J (2015) Title"): an author-date style, not Scopus's "Title (2015) Journal".
    package static func yearFollowsAuthors(_ b: Bytes) -> Bool {
        let scan = Scan(b: b)
        let start = scan.leadingNumber()
        var authors = Authors(b: b, end: b.count)
        let after = authors.read(from: start)
        return after > start && scan.yearAfterAuthors(at: after, end: b.count) != nil
    }

    package static func parse(bytes b: Bytes) -> ParsedReference {
        var r = ParsedReference()
        var scan = Scan(b: b)
        let start = scan.leadingNumber()
        let tail = scan.tail(from: start)
        r.doi = tail.doi
        r.issueText = nil
        let body = start ..< tail.start
        var authors = Authors(b: b, end: body.upperBound)
        var afterAuthors = authors.read(from: body.lowerBound)
        if authors.names.isEmpty, let organisation = scan.organisation(body) {
            authors.names = [Authors.Entry(ranges: ParsedAuthor(written: organisation, family: organisation,
                                                                 initials: organisation.upperBound ..< organisation.upperBound))]
            afterAuthors = organisation.upperBound
        }
        // "Biochem J. 1975 Sep;149(3):749-55" (PubMed's citations of a source alone): what reads as
        // one author followed by nothing but numbers is the source.
        var source: Range<Int>?
        if authors.names.count == 1, authors.names[0].full == nil, afterAuthors < body.upperBound,
           let next = (afterAuthors ..< body.upperBound).first(where: { b[$0] != 0x20 && b[$0] != 0x2E }), b.isDigit(at: next),
           scan.onlyNumbers(afterAuthors ..< body.upperBound), scan.yearAt(next) != nil {
            source = scan.trimmed(body.lowerBound ..< afterAuthors)
            authors.names = []
        }
        if authors.names.allSatisfy({ $0.full == nil }) {
            r.authors = authors.names.map(\.ranges)
        } else {
            // Full given names: read whole, as `AuthorName.parse` splits them.
            r.names = authors.names.map { a in
                guard let (range, order) = a.full else { return a.ranges.name(b) }
                let text = b.string(range)
                return AuthorName.parse(text, order: order) ?? AuthorName(written: text, family: text, initials: "")
            }
        }
        var p = afterAuthors
        // Author-date styles: the year right after the authors, "(2015)." or "2015."
        var year = scan.yearAfterAuthors(at: p, end: body.upperBound)
        if let y = year { p = y.after }
        scan.yearRead = year?.value
        let (title, container, numbers) = source.map { (nil, $0, afterAuthors ..< body.upperBound) } ?? scan.titleAndContainer(p ..< body.upperBound)
        r.title = title
        r.container = container
        let found = scan.numbers(numbers)
        r.volume = found.volume
        r.issue = found.issue
        r.pages = found.pages
        if year == nil { year = scan.year(in: numbers, avoiding: found.taken) ?? scan.year(in: p ..< body.upperBound, avoiding: found.taken) }
        r.year = year?.value
        return r
    }
}

// MARK: scanning helpers

private let latestYear = ReferenceParser.latestYear

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
@inline(__always) private func isASCIIUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
@inline(__always) private func isASCIILower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
/// Hyphen, en dash, em dash or minus between page numbers, as bytes at `i` (its width, or 0).
@inline(__always) private func dashWidth(_ b: Bytes, _ i: Int) -> Int {
    guard i < b.count else { return 0 }
    if b[i] == 0x2D { return 1 }
    if b[i] == 0xE2 && i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x93 || b[i + 2] == 0x94 || b[i + 2] == 0x90 || b[i + 2] == 0x91) { return 3 }
    return 0
}

private struct Scan {
    let b: Bytes
    /// The year already read after the authors (author-date styles), so that the same year in
    /// a name ("In: AFRICON 2009. IEEE") stays in the name.
    var yearRead: Int?

    init(b: Bytes) {
        self.b = b
    }

    /// Past a leading "[12] ", "12. " or "12) ".
    func leadingNumber() -> Int {
        var i = 0
        while i < b.count && b[i] == 0x20 { i += 1 }
        var j = i
        let bracket = j < b.count && b[j] == UInt8(ascii: "[")
        if bracket { j += 1 }
        let digits = j
        while j < b.count && isDigit(b[j]) { j += 1 }
        guard j > digits, j - digits <= 4, j < b.count else { return i }
        if bracket ? b[j] == UInt8(ascii: "]") : (b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ")")) {
            j += 1
            guard j < b.count, b[j] == 0x20 else { return i }
            while j < b.count && b[j] == 0x20 { j += 1 }
            return j
        }
        return i
    }

    /// Where the reference's own text ends: at the DOI's lead-in, a URL, an access date or a PubMed
    /// id, whichever comes first after `start`; and the DOI.
    func tail(from start: Int) -> (start: Int, doi: Range<Int>?) {
        var end = b.count
        let doi = DOIText.find(b, start ..< b.count)
        if let doi { end = min(end, doi.leadIn) }
        for marker: StaticString in ["http://", "https://", "www.", " Available from", " Available at", " Accessed", " accessed",
                                     "[cited", "(cited", " Retrieved from", " PMID:", " PMID ", " URL "] {
            if let k = firstOffset(marker, in: start ..< end) { end = k }
        }
        while end > start && (b[end - 1] == 0x20 || b[end - 1] == 0x2E || b[end - 1] == 0x2C || b[end - 1] == 0x3B) { end -= 1 }
        return (end, doi?.value)
    }

    func firstOffset(_ s: StaticString, in range: Range<Int>) -> Int? {
        UnsafeBufferPointer(rebasing: b[range]).firstOffset(of: s).map { range.lowerBound + $0 }
    }

    /// An organisation as the author: a name of capitalised words ("WHO", "American Cancer
    /// Society") that the year follows, as author-date styles write it.
    func organisation(_ body: Range<Int>) -> Range<Int>? {
        var k = body.lowerBound
        while k < body.upperBound && k - body.lowerBound < 160 {
            if (b[k] == 0x2E || b[k] == 0x2C) && k + 1 < body.upperBound && b[k + 1] == 0x20 || b[k] == 0x20 && k + 1 < body.upperBound && b[k + 1] == 0x28 { break }
            k += 1
        }
        guard k > body.lowerBound, k < body.upperBound, readsAsSource(body.lowerBound ..< k),
              !(body.lowerBound ..< k).contains(where: { isDigit(b[$0]) }) else { return nil }
        let name = body.lowerBound ..< k
        return yearAfterAuthors(at: k, end: body.upperBound) != nil || namesAnOrganisation(name) ? name : nil
    }

    /// Whether a name is an organisation's: an acronym ("WHO") or a name with a word such as
    /// "Society", "Panel" or "Registry".
    func namesAnOrganisation(_ r: Range<Int>) -> Bool {
        if r.count >= 2 && r.count <= 8 && r.allSatisfy({ isASCIIUpper(b[$0]) }) { return true }
        return Scan.organisationWords.contains { firstOffset($0, in: r) != nil }
    }

    private static let organisationWords: [StaticString] = ["Society", "Association", "Organization", "Organisation", "Panel", "Group",
                                                            "Committee", "Institute", "Council", "Consortium", "Agency", "Department",
                                                            "Ministry", "Registry", "Collaboration", "Network", "Foundation", "Office",
                                                            "Board", "Commission", "Center", "Centre", "Union", "Investigators", "Team"]

    // MARK: year

    /// A year as a reference writes it: four digits from 1500 to next year, with no digit or
    /// letter joined before it, and at most a letter suffix ("2015a") after it.
    func yearAt(_ i: Int) -> (value: Int, end: Int)? {
        guard i + 4 <= b.count, (i..<(i + 4)).allSatisfy({ isDigit(b[$0]) }) else { return nil }
        if i > 0 && (isDigit(b[i - 1]) || b.isLetter(at: i - 1)) { return nil }
        var end = i + 4
        if end < b.count && isDigit(b[end]) { return nil }
        if end < b.count && isASCIILower(b[end]) && (end + 1 == b.count || !b.isLetter(at: end + 1)) { end += 1 }
        let value = (i..<(i + 4)).reduce(0) { $0 * 10 + Int(b[$1] - 0x30) }
        guard value >= 1500 && value <= latestYear else { return nil }
        return (value, end)
    }

    /// "(2015)", "(2015a)", "(2015, March 3)" or "2015." right at `p` (after the authors).
    func yearAfterAuthors(at p: Int, end: Int) -> (value: Int, after: Int)? {
        var i = p
        while i < end && (b[i] == 0x20 || b[i] == 0x2C || b[i] == 0x2E) { i += 1 }
        let paren = i < end && (b[i] == UInt8(ascii: "(") || b[i] == UInt8(ascii: "["))
        if paren { i += 1 }
        guard let y = yearAt(i), y.end <= end else { return nil }
        var j = y.end
        if paren {
            while j < end && b[j] != UInt8(ascii: ")") && b[j] != UInt8(ascii: "]") && j - y.end < 24 { j += 1 }
            guard j < end else { return nil }
            j += 1
        } else {
            // A bare year after the authors must end its sentence ("Smith, J. 2015. Title").
            guard j < end, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ",") || b[j] == UInt8(ascii: ":") else { return nil }
        }
        while j < end && (b[j] == 0x20 || b[j] == 0x2E || b[j] == 0x2C || b[j] == 0x3A) { j += 1 }
        return (y.value, j)
    }

    /// The publication year among the years in `range`: one in parentheses first, then one before
    /// ";" (Vancouver's "2015;48"), then the first; never one inside `taken` (pages, volume) or
    /// one that opens or closes a range of numbers.
    func year(in range: Range<Int>, avoiding taken: [Range<Int>]) -> (value: Int, after: Int)? {
        var candidates: [(value: Int, start: Int, end: Int, rank: Int)] = []
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            if let y = yearAt(i), y.end <= range.upperBound, !taken.contains(where: { $0.contains(i) }) {
                let before = i > range.lowerBound ? b[i - 1] : 0x20
                let closesRange = i > 0 && (dashWidth(b, i - 1) == 1 || (i >= 3 && dashWidth(b, i - 3) == 3))
                let opensRange = dashWidth(b, y.end) > 0 && y.end + dashWidth(b, y.end) < b.count && isDigit(b[y.end + dashWidth(b, y.end)])
                if !closesRange && !opensRange && before != UInt8(ascii: ":") {
                    let after = y.end < range.upperBound ? b[y.end] : 0x2E
                    let rank = before == UInt8(ascii: "(") ? 0 : (after == UInt8(ascii: ";") ? 1 : 2)
                    candidates.append((y.value, i, y.end, rank))
                }
                i = y.end
                continue
            }
            i += 1
        }
        guard let best = candidates.min(by: { ($0.rank, $0.start) < ($1.rank, $1.start) }) else { return nil }
        return (best.value, best.end)
    }

    // MARK: title and container

    /// Title, container and the rest (where the numbers are) of `range`, which follows the
    /// authors (and the year, in author-date styles).
    func titleAndContainer(_ range: Range<Int>) -> (Range<Int>?, Range<Int>?, Range<Int>) {
        var lo = range.lowerBound
        while lo < range.upperBound && (b[lo] == 0x20 || b[lo] == 0x2E || b[lo] == 0x2C || b[lo] == 0x3A) { lo += 1 }
        guard lo < range.upperBound else { return (nil, nil, range.upperBound ..< range.upperBound) }
        // A quoted title: "…", “…”, «…» or '…'.
        if let quoted = quoted(at: lo, end: range.upperBound) {
            let (container, rest) = containerAndRest(quoted.after ..< range.upperBound)
            return (quoted.inner, container, rest)
        }
        let numbers = numbersBlockStart(lo ..< range.upperBound) ?? range.upperBound
        let rest = numbers ..< range.upperBound
        let head = lo ..< numbers
        // "in AFRICON 2009 (IEEE, 2009)", "In: Tcl/Tk. Elsevier": a source without a title (APS's
        // chapters and proceedings).
        // A title may start with "In " ("In vitro activity of ..."): then a sentence ends before
        // the numbers.
        if b.hasPrefix("in ", at: lo) || b.hasPrefix("In: ", at: lo) || b.hasPrefix("in: ", at: lo)
            || (b.hasPrefix("In ", at: lo) && sentenceEnds(head).isEmpty) {
            let source = skipLeadIn(lo, end: numbers)
            return (nil, trimmed(source ..< sourceEnd(source ..< numbers)), rest)
        }
        // GOST: "Title // Journal".
        if let slashes = firstOffset(" //", in: head) {
            let source = skipLeadIn(slashes + 1, end: numbers)
            return (trimmed(lo ..< slashes), trimmed(source ..< sourceEnd(source ..< numbers)), rest)
        }
        // ", in: Book" and ", in Book" (Elsevier's, APS's chapters) start the source.
        for leadIn: StaticString in [", in: ", ", in ", ". In: "] {
            if let k = firstOffset(leadIn, in: head), k + leadIn.utf8CodeUnitCount < numbers, b.isUpper(at: k + leadIn.utf8CodeUnitCount) || isDigit(b[k + leadIn.utf8CodeUnitCount]) {
                let source = k + leadIn.utf8CodeUnitCount
                return (trimmed(lo ..< k), trimmed(source ..< sourceEnd(source ..< numbers)), rest)
            }
        }
        // The title is the sentences up to the first whose rest reads as a source's name; a head
        // of one sentence is a title, or (without title words: AIP, APS) a source.
        if isAbbreviated(head) && !hasTitleWords(head) && head.contains(where: { b[$0] == 0x2E }) {
            return (nil, trimmed(head), rest)
        }
        let ends = sentenceEnds(head)
        guard !ends.isEmpty else {
            if let comma = lastCommaBeforeSource(head), comma > lo + 2 {
                return (trimmed(lo ..< comma), trimmed(comma ..< sourceEnd(comma ..< numbers)), rest)
            }
            return hasTitleWords(head) || numbers == range.upperBound ? (trimmed(head), nil, rest) : (nil, trimmed(head), rest)
        }
        // A book's "In ..." starts the source; else the first sentence whose rest reads as a
        // source's name; else a comma before such a name; else the last sentence.
        let chosen = ends.first { b.hasPrefix("In ", at: $0.next) || b.hasPrefix("In: ", at: $0.next) }
            ?? ends.first { readsAsSource(skipLeadIn($0.next, end: numbers) ..< numbers) }
        // "Title, J. Magn. Magn. Mater.": a comma before the source comes before its periods.
        if let comma = firstCommaBeforeSource(lo ..< (chosen?.end ?? numbers)), hasTitleWords(lo ..< comma) {
            return (trimmed(lo ..< comma), trimmed(comma ..< sourceEnd(comma ..< numbers)), rest)
        }
        let split = chosen ?? ends[ends.count - 1]
        let source = skipLeadIn(split.next, end: numbers)
        return (trimmed(lo ..< split.end), trimmed(source ..< sourceEnd(source ..< numbers)), rest)
    }

    /// The sentence ends of `range`: each ". ", "? " or "! " that ends a sentence (not an initial
    /// or an abbreviation), with where the next sentence starts.
    func sentenceEnds(_ range: Range<Int>) -> [(end: Int, next: Int)] {
        var ends: [(end: Int, next: Int)] = []
        var from = range.lowerBound
        while from < range.upperBound {
            let e = sentenceEnd(from ..< range.upperBound)
            guard e < range.upperBound else { break }
            var next = e + 1
            while next < range.upperBound && (b[next] == 0x20 || b[next] == 0x2E) { next += 1 }
            guard next < range.upperBound else { break }
            ends.append((b[e] == 0x2E ? e : e + 1, next))
            from = next
        }
        return ends
    }

    /// Whether a span reads as the name of a journal or a book rather than a sentence of a title:
    /// every word capitalised, abbreviated, a number or a short connecting word.
    func readsAsSource(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var i = range.lowerBound
        var words = 0
        while i < range.upperBound {
            while i < range.upperBound && (b[i] == 0x20 || b[i] == 0x3A || b[i] == 0x2C || b[i] == 0x26 || b[i] == 0x28 || b[i] == 0x29) { i += 1 }
            let start = i
            while i < range.upperBound && b[i] != 0x20 { i += 1 }
            guard i > start else { continue }
            words += 1
            if b.isUpper(at: start) || isDigit(b[start]) { continue }
            if Scan.connectors.contains(where: { $0.utf8CodeUnitCount == i - start && b.hasPrefix($0, at: start) }) { continue }
            return false
        }
        return words > 0
    }

    private static let connectors: [StaticString] = ["of", "and", "the", "for", "in", "on", "de", "la", "le", "der", "die", "das", "und",
                                                     "für", "a", "an", "to", "y", "e", "et", "di", "du", "des", "del", "van", "im", "zur",
                                                     "zum", "at", "with", "&", "–", "-", "i", "и"]

    /// In a head without sentence ends ("Title, Journal"), the last ", " after which the rest
    /// reads as a source: where the source starts.
    func lastCommaBeforeSource(_ range: Range<Int>) -> Int? {
        var k = range.upperBound - 1
        while k > range.lowerBound {
            if b[k] == 0x2C && k + 1 < range.upperBound && b[k + 1] == 0x20 {
                return readsAsSource(k + 2 ..< range.upperBound) ? k + 2 : nil
            }
            k -= 1
        }
        return nil
    }

    /// The first ", " in `range` after which the rest of the head (to `range`'s end and on to
    /// the numbers) reads as a source, without a sentence end before the source's own periods.
    func firstCommaBeforeSource(_ range: Range<Int>) -> Int? {
        var k = range.lowerBound
        var depth = 0
        while k + 2 < range.upperBound {
            if b[k] == 0x28 { depth += 1 } else if b[k] == 0x29 { depth -= 1 }
            if depth == 0 && b[k] == 0x2C && b[k + 1] == 0x20 && readsAsSource(k + 2 ..< range.upperBound) && isAbbreviated(k + 2 ..< range.upperBound)
                && !hasLongWordSentenceEnd(k + 2 ..< range.upperBound)
                && !(k + 2 ..< range.upperBound).contains(where: { b[$0] == 0x28 || b[$0] == 0x29 }) {
                return k + 2
            }
            k += 1
        }
        return nil
    }

    /// Whether a ". " in `range` follows a word of seven letters or more (a sentence's end, not an
    /// abbreviation's period).
    func hasLongWordSentenceEnd(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            if b[i] == 0x2E && b[i + 1] == 0x20 {
                var w = i
                while w > range.lowerBound && b.isLetter(at: w - 1) { w -= 1 }
                if i - w >= 7 { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether a span is a few capitalised abbreviations ("J. Magn", "Phys. Rev"): what a source's
    /// name is when its periods would otherwise end sentences.
    func isAbbreviated(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound, words = 0
        while i < range.upperBound {
            while i < range.upperBound && b[i] == 0x20 { i += 1 }
            let start = i
            while i < range.upperBound && b[i] != 0x20 && b[i] != 0x2E { i += 1 }
            guard i > start else { i += 1; continue }
            words += 1
            if i - start > 8 || !b.isUpper(at: start) { return false }
        }
        return words > 0 && words <= 6
    }

    /// Where the numbers (volume, issue, pages, year) start: the first number or marker from which
    /// to the end there is no word of a title or a source (months and markers aside), that is the
    /// first after the last such word.
    func numbersBlockStart(_ range: Range<Int>) -> Int? {
        // A volume marker with its number ("Bd. 14", "Vol. 3") starts the numbers even when a
        // publisher's name follows (DIN's "In: Journal Bd. 2, Walter de Gruyter GmbH (2009), Nr. 2").
        var i = range.lowerBound + 1
        let afterWords = max(range.lowerBound + 1, lastWordEnd(range) ?? range.lowerBound)
        while i < afterWords {
            if b[i - 1] == 0x20, let m = marker(at: i), m.kind == 0, b[i + m.length - 1] == 0x2E || b[i + m.length - 1] == 0x20,
               i + m.length < range.upperBound, isDigit(b[i + m.length]), !b.hasPrefix("V.", at: i),
               let n = numberEnd(at: i + m.length, range: false), n < range.upperBound, b[n] == 0x2C {
                // Not a book's "Vol. 4: March 1921 - ..." in its title: the number and a comma.
                return i - 1
            }
            i += 1
        }
        i = afterWords
        while i < range.upperBound {
            let boundary = b[i - 1] == 0x20 || b[i - 1] == 0x2C || b[i - 1] == 0x3B || b[i - 1] == 0x28 || b[i - 1] == 0x2E || b[i - 1] == 0x2A
            if boundary && (isDigit(b[i]) || isMarker(at: i)) {
                // A year that is part of a name ("AFRICON 2009. IEEE, 2009"): the reference
                // gives the year again after it, or gave it after the authors.
                if b[i - 1] == 0x20, i >= 2, b.isLetter(at: i - 2), let year = yearAt(i), year.end + 1 < range.upperBound,
                   b[year.end] == 0x2E || b[year.end] == 0x2C || b[year.end] == 0x20,
                   year.value == yearRead || (year.end ..< range.upperBound).contains(where: { yearAt($0)?.value == year.value }) {
                    i = year.end
                    continue
                }
                var start = i
                while start > range.lowerBound && (b[start - 1] == 0x20 || b[start - 1] == 0x28 || b[start - 1] == 0x2A) { start -= 1 }
                // "Suppl 40": the supplement's word belongs to the numbers.
                for word: StaticString in ["Suppl. ", "Suppl ", "Suppl."] {
                    let n = word.utf8CodeUnitCount
                    if i - n >= range.lowerBound, b.hasPrefix(word, at: i - n) { start = i - n; break }
                }
                return start
            }
            i += 1
        }
        return nil
    }

    /// Whether `range` holds only numbers, markers, months and punctuation.
    func onlyNumbers(_ range: Range<Int>) -> Bool {
        lastWordEnd(range) == nil
    }

    /// The end of the last word in `range` that is not part of the numbers (markers, months, an
    /// article number's letter and short words such as "Suppl" are), or nil when there is none.
    func lastWordEnd(_ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        var last: Int?
        while i < range.upperBound {
            if let m = marker(at: i) { i += m.length; continue }
            guard b.isLetter(at: i) else { i += b[i] < 0x80 ? 1 : b.scalar(at: i).1; continue }
            let start = i
            while i < range.upperBound && b.isLetter(at: i) { i += b.scalar(at: i).1 }
            let length = i - start
            if length <= 5 || Scan.numberWords.contains(where: { $0.utf8CodeUnitCount == length && b.hasPrefix($0, at: start) }) { continue }
            last = i
        }
        return last
    }

    private static let numberWords: [StaticString] = ["January", "February", "March", "April", "August", "September", "October",
                                                      "November", "December", "Supplement", "Volume", "volume", "Article", "article",
                                                      "Number", "number", "Issue", "pages", "Special"]

    /// The quotes a title may stand in, opening and closing, and the brackets and stars that
    /// mark a title the same way.
    private static let quotes: [(StaticString, StaticString)] = [("\"", "\""), ("\u{201C}", "\u{201D}"), ("\u{00AB}", "\u{00BB}"),
                                                                 ("*", "*"), ("'", "'"), ("\u{2018}", "\u{2019}"), ("[", "]")]

    /// The text of a quoted span at `i` and the index after its closing quote.
    func quoted(at i: Int, end: Int) -> (inner: Range<Int>, after: Int)? {
        for (open, close) in Scan.quotes where i < end && b.hasPrefix(open, at: i) {
            let from = i + open.utf8CodeUnitCount
            var search = from
            var found: Int?
            while search < end, let k = firstOffset(close, in: search ..< end) {
                let after = k + close.utf8CodeUnitCount
                if after >= end || !b.isLetter(at: after) { found = k; break }
                search = k + 1
            }
            guard let k = found, k > from else { continue }
            var inner = from ..< k
            while inner.upperBound > inner.lowerBound && (b[inner.upperBound - 1] == 0x2C || b[inner.upperBound - 1] == 0x2E || b[inner.upperBound - 1] == 0x20) {
                inner = inner.lowerBound ..< inner.upperBound - 1
            }
            return (inner, k + close.utf8CodeUnitCount)
        }
        return nil
    }

    /// The container (up to where the numbers start) and the rest.
    func containerAndRest(_ range: Range<Int>) -> (Range<Int>?, Range<Int>) {
        var lo = range.lowerBound
        while lo < range.upperBound && (b[lo] == 0x20 || b[lo] == 0x2E || b[lo] == 0x2C) { lo += 1 }
        lo = skipLeadIn(lo, end: range.upperBound)
        if lo < range.upperBound, b[lo] == UInt8(ascii: "*"), let starred = quoted(at: lo, end: range.upperBound) {
            return (starred.inner, starred.after ..< range.upperBound)
        }
        let stop = numbersBlockStart(lo ..< range.upperBound) ?? range.upperBound
        return (trimmed(lo ..< sourceEnd(lo ..< stop)), stop ..< range.upperBound)
    }

    /// Where a source's name ends in `range`: before a book's publisher (". Publisher", ", City,
    /// ST: Publisher", " (Publisher, 2012)", "; Publisher"), else at the range's end.
    func sourceEnd(_ range: Range<Int>) -> Int {
        var i = range.lowerBound
        while i + 1 < range.upperBound {
            let c = b[i]
            if c == 0x28 && i > range.lowerBound && b[i - 1] == 0x20 && publisherFollows(i + 1 ..< range.upperBound) { return i }
            if (c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A) && b[i + 1] == 0x20 {
                var w = i
                while w > range.lowerBound && b.isLetter(at: w - 1) { w -= 1 }
                // Not after an abbreviation ("J. Phys."): a word of five letters or more, unless
                // a publisher's name comes next ("Tcl/Tk. Elsevier").
                if (c != 0x2E || i - w >= 5 || placeFollows(i + 2 ..< range.upperBound) || publisherStarts(i + 2, range.upperBound))
                    && publisherFollows(i + 2 ..< range.upperBound) { return i }
            }
            i += 1
        }
        return range.upperBound
    }

    private static let publisherWords: [StaticString] = ["Press", "Publish", "Verlag", "Springer", "Elsevier", "Wiley", "Apress", "IEEE",
                                                         "ACM", "Inc", "Ltd", "LLC", "CRC", "Academic", "Learning", "Books", "Editora",
                                                         "Taylor", "Routledge", "Sage", "SAGE", "Oxford", "Cambridge", "MIT", "Chapman",
                                                         "Boca Raton", "New York", "London", "Berlin", "Berkeley", "iSchools", "European Association",
                                                         "Verfügbar", "Available", "Retrieved"]

    /// Whether a publisher's name (one of `publisherWords`, capitalised) starts right at `i`.
    func publisherStarts(_ i: Int, _ end: Int) -> Bool {
        Scan.publisherWords.contains { word in
            let n = word.utf8CodeUnitCount
            return i + n <= end && b.hasPrefix(word, at: i) && (i + n == end || !b.isLetter(at: i + n) || b.isLower(at: i + n)) && b.isUpper(at: i)
        }
    }

    /// Whether `range` starts with a publication place and its publisher: a colon within its
    /// first three words ("Berkeley, CA: Apress", "New York: Springer").
    func placeFollows(_ range: Range<Int>) -> Bool {
        var spaces = 0
        for j in range {
            if b[j] == 0x3A { return j + 1 < range.upperBound && b[j + 1] == 0x20 }
            if b[j] == 0x20 { spaces += 1; if spaces > 3 { return false } }
        }
        return false
    }

    /// Whether `range` starts with a publisher or a publication place ("Apress", "Berkeley, CA:",
    /// "Springer New York").
    func publisherFollows(_ range: Range<Int>) -> Bool {
        guard range.lowerBound < range.upperBound else { return false }
        let head = range.lowerBound ..< min(range.upperBound, range.lowerBound + 40)
        return Scan.publisherWords.contains { word in
            guard let k = firstOffset(word, in: head) else { return false }
            // The word in the first three words of the rest.
            var spaces = 0
            for j in range.lowerBound ..< k where b[j] == 0x20 { spaces += 1 }
            return spaces <= 2
        }
    }

    /// Whether a span reads like a title (lower-case words of three letters or more) rather than
    /// an abbreviated source ("Phys. Rev. B", "J. Am. Chem. Soc.").
    func hasTitleWords(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        var lowerWords = 0
        while i < range.upperBound {
            while i < range.upperBound && b[i] == 0x20 { i += 1 }
            let start = i
            while i < range.upperBound && b[i] != 0x20 { i += 1 }
            let word = start ..< i
            if word.count >= 3 && b.isLower(at: word.lowerBound) && b[word.upperBound - 1] != 0x2E
                && !Scan.connectors.contains(where: { $0.utf8CodeUnitCount == word.count && b.hasPrefix($0, at: word.lowerBound) }) { lowerWords += 1 }
        }
        return lowerWords >= 1
    }

    /// Past "In:", "In ", "//", "Retrieved", at `i`.
    func skipLeadIn(_ i: Int, end: Int) -> Int {
        var i = i
        for leadIn: StaticString in ["In: ", "In ", "in: ", "in ", "// ", "//", "In:"] where i + leadIn.utf8CodeUnitCount <= end && b.hasPrefix(leadIn, at: i) {
            i += leadIn.utf8CodeUnitCount
            break
        }
        while i < end && b[i] == 0x20 { i += 1 }
        return i
    }

    /// The first sentence end in `range` (see `ReferenceParser.sentenceEnd`), also at "? " and "! ".
    func sentenceEnd(_ range: Range<Int>) -> Int {
        var end = ReferenceParser.sentenceEnd(b, range)
        // "ADAPT vs. Balloon", "e.g. models": abbreviations inside a title.
        while end < range.upperBound, end >= 2, b.hasPrefix("vs", at: end - 2) || b.hasPrefix("cf", at: end - 2) || b.hasPrefix(".g", at: end - 2) || b.hasPrefix(".e", at: end - 2) {
            end = ReferenceParser.sentenceEnd(b, end + 1 ..< range.upperBound)
        }
        var i = range.lowerBound
        while i + 1 < end {
            if (b[i] == 0x3F || b[i] == 0x21) && b[i + 1] == 0x20 { end = i + 1; break }
            i += 1
        }
        return end
    }

    func trimmed(_ range: Range<Int>) -> Range<Int>? {
        let r = b.trimmed(range, " .,:;/")
        // "PeerJ [Internet]": the medium's note is not part of the name.
        if r.count > 11 && b.hasPrefix(" [Internet]", at: r.upperBound - 11) { return trimmed(r.lowerBound ..< r.upperBound - 11) }
        return r.isEmpty ? nil : r
    }


    // MARK: numbers

    private static let volumeMarkers: [StaticString] = ["vol.", "Vol.", "VOL.", "vol ", "Vol ", "Volume ", "volume ", "Bd.", "Jg.", "Т.", "Том ", "V."]
    private static let issueMarkers: [StaticString] = ["no.", "No.", "NO.", "Nr.", "nr.", "№", "issue ", "Issue ", "iss.", "Iss.", "H.", "Heft "]
    private static let pageMarkers: [StaticString] = ["pp.", "Pp.", "PP.", "p.", "P.", "S.", "С.", "pages ", "page ", "S "]

    func isMarker(at i: Int) -> Bool {
        marker(at: i) != nil
    }

    /// Which kind of number the marker at `i` introduces (0 volume, 1 issue, 2 pages) and its length.
    @inline(__always)
    func marker(at i: Int) -> (kind: Int, length: Int)? {
        guard Scan.canStartMarker(b[i]) else { return nil }
        return markerFrom(i)
    }

    /// The bytes a marker can start with (`markers`' first bytes): most bytes are none, and are
    /// passed over without a call.
    @inline(__always)
    static func canStartMarker(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "v"), UInt8(ascii: "V"), UInt8(ascii: "B"), UInt8(ascii: "J"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "i"), UInt8(ascii: "I"), UInt8(ascii: "H"), UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "S"),
             0xD0, 0xE2: return true
        default: return false
        }
    }

    private func markerFrom(_ i: Int) -> (kind: Int, length: Int)? {
        guard i == 0 || !b.isLetter(at: i - 1) || b[i - 1] == 0x2A else { return nil }
        for (kind, m) in Scan.markers where m.utf8Start.pointee == b[i] && b.hasPrefix(m, at: i) {
            var j = i + m.utf8CodeUnitCount
            while j < b.count && b[j] == 0x20 { j += 1 }
            if j < b.count && (isDigit(b[j]) || isASCIIUpper(b[j]) && kind != 1) { return (kind, j - i) }
        }
        return nil
    }

    /// Every marker with its kind (0 volume, 1 issue, 2 pages), in that order: made once, as
    /// `marker(at:)` is asked at every byte of a reference's numbers.
    private static let markers: [(kind: Int, marker: StaticString)] = {
        let all = [volumeMarkers, issueMarkers, pageMarkers].enumerated().flatMap { kind, list in list.map { (kind, $0) } }
        assert(all.allSatisfy { canStartMarker($0.1.utf8Start.pointee) }, "a marker starts with a byte canStartMarker does not list")
        return all
    }()

    /// A number (or a range "8574-83", or an article number "e0123") at `i`: its end.
    func numberEnd(at i: Int, range: Bool) -> Int? {
        var j = i
        if j < b.count && (b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E")) && j + 1 < b.count && isDigit(b[j + 1]) { j += 1 }
        let digits = j
        while j < b.count && (isDigit(b[j]) || (j > digits && isASCIIUpper(b[j]) && j + 1 < b.count && !b.isLetter(at: j + 1))) { j += 1 }
        guard j > digits else { return nil }
        if range {
            var k = j
            while k < b.count && b[k] == 0x20 { k += 1 }
            let d = dashWidth(b, k)
            if d > 0 {
                var m = k + d
                while m < b.count && b[m] == 0x20 { m += 1 }
                let start = m
                if m < b.count && (b[m] == UInt8(ascii: "e") || b[m] == UInt8(ascii: "E")) { m += 1 }
                while m < b.count && isDigit(b[m]) { m += 1 }
                if m > start { j = m }
            }
        }
        return j
    }

    /// Volume, issue and pages in `range`, and the spans they took (so that the year is not
    /// looked for there).
    func numbers(_ range: Range<Int>) -> (volume: Range<Int>?, issue: Range<Int>?, pages: Range<Int>?, taken: [Range<Int>]) {
        var volume: Range<Int>?, issue: Range<Int>?, pages: Range<Int>?
        var taken: [Range<Int>] = []
        var i = range.lowerBound
        var lastWasVolume = false
        while i < range.upperBound {
            if let m = marker(at: i) {
                let start = i + m.length
                let end = start < range.upperBound ? min(range.upperBound, numberEnd(at: start, range: m.kind == 2) ?? start) : start
                if end > start {
                    switch m.kind {
                    case 0: if volume == nil { volume = start ..< end }
                    case 1: if issue == nil { issue = start ..< end }
                    default: if pages == nil { pages = start ..< end }
                    }
                    taken.append(i ..< end)
                    lastWasVolume = m.kind == 0
                    i = end
                    continue
                }
            }
            let articleNumber = (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) && i + 1 < range.upperBound && isDigit(b[i + 1])
                && i > range.lowerBound && (b[i - 1] == 0x3A || b[i - 1] == 0x20 || b[i - 1] == 0x2C)
            if articleNumber {
                // "e14688": an article number, in place of pages.
                let end = min(range.upperBound, numberEnd(at: i, range: true) ?? i + 1)
                if pages == nil { pages = i ..< end }
                taken.append(i ..< end)
                lastWasVolume = false
                i = end
                continue
            }
            if isDigit(b[i]) && (i == range.lowerBound || !b.isLetter(at: i - 1) && !isDigit(b[i - 1])) {
                let opensRange = dashWidth(b, i + 4) > 0 && i + 4 + dashWidth(b, i + 4) < b.count && isDigit(b[i + 4 + dashWidth(b, i + 4)])
                let afterColon = i > range.lowerBound && b[i - 1] == UInt8(ascii: ":")
                if yearAt(i) != nil && !opensRange && !afterColon && !(volume == nil && followedByIssue(i)) {
                    i += 4
                    lastWasVolume = false
                    continue
                }
                let end = min(range.upperBound, numberEnd(at: i, range: true) ?? i + 1)
                let isRange = (i ..< end).contains { b[$0] == 0x2D || b[$0] == 0xE2 }
                let inParens = i > range.lowerBound && b[i - 1] == UInt8(ascii: "(")
                if inParens && lastWasVolume && issue == nil && !isRange {
                    issue = i ..< end
                } else if lastWasVolume && issue == nil && pages == nil && !isRange && beforePagesOrYear(end, range.upperBound) {
                    // Scopus's "Journal, 45, 6, pp. 2512-2520, (1974)": the issue after the volume.
                    issue = i ..< end
                } else if volume == nil && !isRange && pages == nil && !inParens {
                    volume = i ..< end
                    lastWasVolume = true
                    taken.append(i ..< end)
                    i = end
                    continue
                } else if pages == nil && !inParens {
                    pages = i ..< end
                } else if issue == nil && inParens && !isRange {
                    issue = i ..< end
                }
                taken.append(i ..< end)
                lastWasVolume = false
                i = end
                continue
            }
            if b[i] != 0x20 && b[i] != 0x28 && b[i] != 0x29 && b[i] != 0x2A { lastWasVolume = lastWasVolume && (b[i] == 0x2C) }
            i += 1
        }
        return (volume, issue, pages, taken)
    }

    /// Whether ", pp.", ", p." or ", (year)" follows `i`.
    func beforePagesOrYear(_ i: Int, _ end: Int) -> Bool {
        guard i + 2 < end, b[i] == 0x2C, b[i + 1] == 0x20 else { return false }
        let j = i + 2
        if b.hasPrefix("pp.", at: j) || b.hasPrefix("p.", at: j) { return true }
        return b[j] == UInt8(ascii: "(") && yearAt(j + 1) != nil
    }

    /// Whether the number at `i` is followed by "(issue)": then it is a volume even if it looks
    /// like a year.
    func followedByIssue(_ i: Int) -> Bool {
        var j = i
        while j < b.count && isDigit(b[j]) { j += 1 }
        return j < b.count && b[j] == UInt8(ascii: "(")
    }
}

// MARK: DOI

/// A DOI in a reference: where its lead-in ("doi:", "https://doi.org/", "DOI") starts and the DOI
/// itself, which ends where DOI syntax ends: at white space, without trailing sentence punctuation,
/// a closing bracket it did not open, or a "[doi]" tag.
package enum DOIText {
    package static func find(_ b: Bytes, _ range: Range<Int>) -> (leadIn: Int, value: Range<Int>)? {
        var from = range.lowerBound
        while from < range.upperBound, let j = b.firstIndex(of: 0x2F, in: from ..< range.upperBound) {
            from = j + 1
            var d = j
            while d > range.lowerBound && j - d < 10 && isDigit(b[d - 1]) { d -= 1 }
            let i = d - 3
            guard j - d >= 4, j - d <= 9, i >= range.lowerBound, b[i] == 0x31, b[i + 1] == 0x30, b[i + 2] == 0x2E,
                  i == range.lowerBound || !isDigit(b[i - 1]) else { continue }
            var k = j + 1
            while k < range.upperBound && !UTF8Class.isSpace(b[k]) && b[k] != 0x22 && b[k] != 0x3C && b[k] != 0x3E && !(b[k] == 0x3B && k + 1 < range.upperBound && b[k + 1] == 0x20) { k += 1 }
            // "[doi]" joined to the DOI.
            if k - (j + 1) > 5 && b.hasPrefix("[doi]", at: k - 5) { k -= 5 }
            while k > j + 1 {
                let c = b[k - 1]
                if c == 0x2E || c == 0x2C || c == 0x3B || c == 0x3A { k -= 1; continue }
                if c == 0x29 || c == 0x5D {
                    let open: UInt8 = c == 0x29 ? 0x28 : 0x5B
                    var depth = 0
                    for m in i ..< k { if b[m] == open { depth += 1 } else if b[m] == c { depth -= 1 } }
                    if depth < 0 { k -= 1; continue }
                }
                break
            }
            guard k > j + 1 else { continue }
            return (leadIn(b, before: i, from: range.lowerBound), i ..< k)
        }
        return nil
    }

    /// Where the DOI at `i`'s lead-in starts: "doi:", "DOI", "https://doi.org/" and the like, with
    /// the space and punctuation before them.
    static func leadIn(_ b: Bytes, before i: Int, from lo: Int) -> Int {
        var s = i
        var moved = true
        while moved {
            moved = false
            while s > lo && (b[s - 1] == 0x20 || b[s - 1] == 0x5B || b[s - 1] == 0x28 || b[s - 1] == 0x3A) { s -= 1; moved = true }
            for word: StaticString in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/",
                                       "doi", "DOI", "Doi", "https://doi.org", "http://dx.doi.org"] {
                let n = word.utf8CodeUnitCount
                if s - n >= lo && b.hasPrefix(word, at: s - n) { s -= n; moved = true; break }
            }
        }
        return s
    }
}

// MARK: authors

/// The author list at the start of a reference, in whichever form it is written.
private struct Authors {
    let b: Bytes
    let end: Int
    /// An author as byte ranges, or (`full`) a name with its given names written in full, read
    /// whole in the given order.
    struct Entry {
        var ranges: ParsedAuthor
        var full: (Range<Int>, AuthorName.NameOrder)?
    }

    var names: [Entry] = []

    init(b: Bytes, end: Int) {
        self.b = b
        self.end = end
    }

    /// What stands for the authors not listed, longest first.
    static let etAl: [StaticString] = ["[et al.]", "et al.", "et al", "и др.", "и др", "u. a.", "u.a.", "and others", "et coll."]

    private static let particles: [StaticString] = ["van der ", "van den ", "van de ", "van ", "von der ", "von ", "de la ", "de los ", "de ", "del ",
                                                     "della ", "der ", "den ", "da ", "das ", "dos ", "du ", "di ", "le ", "la ", "ter ", "ten ", "bin ", "al-", "el-"]

    private static let capitalParticles: [StaticString] = ["Van der ", "Van den ", "Van de ", "Van ", "Von ", "De la ", "De ", "Del ",
                                                            "Della ", "Da ", "Di ", "Du ", "Le ", "La ", "Ter ", "Ten ", "Dos ", "Das "]

    /// A word of letters (with inner hyphens and apostrophes) at `i`: its end, or nil.
    func word(at i: Int) -> Int? {
        var p = i
        var letters = 0
        while p < end {
            let c = b[p]
            if c < 0x80 {
                if (c | 0x20) &- 0x61 < 26 { letters += 1; p += 1; continue }
                if (c == 0x2D || c == 0x27) && letters > 0 && p + 1 < end && b.isLetter(at: p + 1) { p += 1; continue }
                break
            }
            let (s, width) = b.scalar(at: p)
            if UTF8Class.isLetter(s) { letters += 1; p += width; continue }
            if (s == 0x2019 || s == 0x2010) && letters > 0 && p + width < end && b.isLetter(at: p + width) { p += width; continue }
            break
        }
        return letters > 0 ? p : nil
    }

    /// The initials at `i` ("J.", "J. A.", "J.-P.", "JA", "J A", "Zh."): their end, or nil. Bare
    /// capitals (without periods) count only when `bare`.
    func initials(at i: Int, bare: Bool) -> (end: Int, dotted: Bool)? {
        var p = i
        var count = 0
        var dotted = false
        var lastEnd = -1
        while let one = initial(at: p, bare: bare) {
            count += 1
            dotted = dotted || one.dotted
            lastEnd = one.end
            p = one.end
            if p < end && b[p] == 0x2D { p += 1; continue }
            // "H.H.", "R.-J.B.": the next initial straight after a period.
            if one.dotted, p < end, let next = initial(at: p, bare: false), next.dotted { continue }
            // Another initial after a space ("J. A.", "J A"), not a word ("J. Smith").
            if p + 1 < end && b[p] == 0x20, let next = initial(at: p + 1, bare: bare), next.dotted || !one.dotted {
                p += 1
                continue
            }
            break
        }
        return count > 0 ? (lastEnd, dotted) : nil
    }

    /// One initial at `i`: a capital with a period ("J.", "Zh."), or with `bare` one to three
    /// capitals that no letter follows ("J", "JA").
    func initial(at i: Int, bare: Bool) -> (end: Int, dotted: Bool)? {
        guard i < end, b.isUpper(at: i) else { return nil }
        var q = i + b.scalar(at: i).1
        if q < end && b.isLower(at: q) {
            let r = q + b.scalar(at: q).1
            if r < end && b[r] == 0x2E { return (r + 1, true) }
        }
        if q < end && b[q] == 0x2E { return (q + 1, true) }
        guard bare else { return nil }
        var capitals = 1
        while q < end && b.isUpper(at: q) && capitals < 3 { q += b.scalar(at: q).1; capitals += 1 }
        if q < end && b.isLetter(at: q) { return nil }
        return (q, false)
    }

    /// One to three capitals and nothing else ("JA"): initials written bare, not a name.
    func isBareInitials(_ r: Range<Int>) -> Bool {
        r.count <= 5 && r.allSatisfy { isASCIIUpper(b[$0]) || b[$0] == 0x2D } && isASCIIUpper(b[r.lowerBound])
    }

    /// A family name at `i`: particles, then one or more capitalised words (hyphenated or not);
    /// `words` is how many words it may take.
    func family(at i: Int, words maxWords: Int) -> Int? {
        var p = i
        let first = i < end ? b[i] : 0
        for particle in Authors.particles where particle.utf8Start.pointee == first && b.hasPrefix(particle, at: p) {
            p += particle.utf8CodeUnitCount
            break
        }
        // "La Vecchia", "Van Dijk": a capitalised particle, when a name follows it ("Du J" is
        // the family name Du).
        for particle in Authors.capitalParticles where p == i && particle.utf8Start.pointee == first && b.hasPrefix(particle, at: p) {
            let q = p + particle.utf8CodeUnitCount
            if q < end, b.isUpper(at: q), let w = word(at: q), w - q > b.scalar(at: q).1 { p = q }
            break
        }
        guard p < end, b.isUpper(at: p), let w = word(at: p), w - p > b.scalar(at: p).1 || (w < end && b[w] == 0x27) else { return nil }
        var e = w
        var taken = 1
        while taken < maxWords, e + 1 < end, b[e] == 0x20 {
            // "Jansen van Vuren": a particle between the family name's words.
            var m = e + 1
            for particle in Authors.particles where particle.utf8Start.pointee == b[m] && b.hasPrefix(particle, at: m) { m += particle.utf8CodeUnitCount; break }
            guard m < end, b.isUpper(at: m), let next = word(at: m), next - m > b.scalar(at: m).1, next >= end || b[next] != 0x2E,
                  !isBareInitials(m ..< next), suffixEnd(e) == nil else { break }
            e = next
            taken += 1
        }
        return e
    }

    /// After a name's last part at `e`: the end of a suffix that follows it (" Jr.", ", Jr",
    /// " III"), or nil.
    func suffixEnd(_ e: Int) -> Int? {
        var k = e
        if k < end && b[k] == 0x2C { k += 1 }
        guard k < end, b[k] == 0x20 else { return nil }
        for suffix: StaticString in [" Jr.", " Jr", " Sr.", " Sr", " III", " II", " IV"] where b.hasPrefix(suffix, at: k) {
            let after = k + suffix.utf8CodeUnitCount
            if after >= end || !b.isLetter(at: after) { return after }
        }
        return nil
    }

    /// Reads the list from `start`; returns the index after it (past "et al." and an editors'
    /// note), or `start` when no author is there.
    mutating func read(from start: Int) -> Int {
        var p = start
        while p < end && b[p] == 0x20 { p += 1 }
        var form: Form?
        var after = start
        var last = false
        while true {
            guard let (name, next, nameForm) = author(at: p, preferring: form) ?? organisation(at: p, after: form) else { break }
            names.append(name)
            form = form ?? nameForm
            after = next
            // The author after "and" or "&" is the last ("L. Qi and T. Wang, J. Electron. Imag.").
            if last { break }
            // A separator, then another author: ", " "; " " and " " & " ", and ".
            var q = next
            var sawSeparator = false
            while q < end {
                if b[q] == 0x20 { q += 1; continue }
                if b[q] == 0x2C || b[q] == 0x3B { q += 1; sawSeparator = true; continue }
                if b[q] == 0x26 { q += 1; sawSeparator = true; last = true; continue }
                if b.hasPrefix("and ", at: q) || b.hasPrefix("und ", at: q) { q += 4; sawSeparator = true; last = true; continue }
                if b.hasPrefix("\u{2026}", at: q) { q += 3; sawSeparator = true; continue }
                if b.hasPrefix("и ", at: q) && !b.hasPrefix("и др", at: q) { q += 3; sawSeparator = true; last = true; continue }
                break
            }
            if let etAl = Authors.etAl.first(where: { b.hasPrefix($0, at: q) }) {
                after = min(end, q + etAl.utf8CodeUnitCount)
                break
            }
            guard sawSeparator, q < end else { break }
            p = q
        }
        guard !names.isEmpty else { return start }
        // An editors' note: "(eds.)", "(Ed.)", ", editors", "(Hrsg.)".
        var q = after
        while q < end && (b[q] == 0x20 || b[q] == 0x2C) { q += 1 }
        for note: StaticString in ["(eds.)", "(ed.)", "(Eds.)", "(Ed.)", "(Hrsg.)", "(eds)", "(Eds)", "editors", "editor", "eds.", "Eds.", "ed.", "Ed."] where b.hasPrefix(note, at: q) {
            after = min(end, q + note.utf8CodeUnitCount)
            break
        }
        return after
    }

    enum Form { case familyInitials, familyCommaGiven, givenFirst }

    /// An organisation among the authors, after the first ("..., Zaidat OO, North American
    /// Solitaire Acute Stroke Registry."): a name of capitalised words with an organisation's
    /// word in it, up to ". ", ", " or " (".
    func organisation(at p: Int, after form: Form?) -> (Entry, Int, Form)? {
        guard let form else { return nil }
        let scan = Scan(b: b)
        var k = p
        while k + 1 < end && !((b[k] == 0x2E || b[k] == 0x2C) && b[k + 1] == 0x20) && !(b[k] == 0x20 && b[k + 1] == 0x28) { k += 1 }
        if k + 1 >= end { k = end }
        let name = p ..< k
        guard name.count > 3, scan.readsAsSource(name), scan.namesAnOrganisation(name), !name.contains(where: { isDigit(b[$0]) }) else { return nil }
        return (Entry(ranges: ParsedAuthor(written: name, family: name, initials: k ..< k)), k, form)
    }

    /// Whether a name may end at `e`: the list's end, or (after spaces) a comma, semicolon,
    /// period, colon, "and", "&" or "(".
    func endsName(_ e: Int) -> Bool {
        var k = e
        while k < end && b[k] == 0x20 { k += 1 }
        guard k < end else { return true }
        let c = b[k]
        if c == 0x2C || c == 0x3B || c == 0x3A || c == 0x26 || c == 0x28 || (c == 0x2E && k == e) { return true }
        // "Marshall, David V. 1987.": the year of an author-date style.
        if k > e, Scan(b: b).yearAt(k) != nil { return true }
        return k > e && (b.hasPrefix("and ", at: k) || b.hasPrefix("und ", at: k) || b.hasPrefix("et al", at: k) || b.hasPrefix("и др", at: k))
    }

    /// One author at `p`: the name, the index after it and its form.
    func author(at p: Int, preferring preferred: Form?) -> (Entry, Int, Form)? {
        guard p < end else { return nil }
        // Given first: "J. A. Smith", "J.-P. Sartre".
        if let ini = initials(at: p, bare: false), ini.dotted {
            var q = ini.end
            while q < end && b[q] == 0x20 { q += 1 }
            if let f = family(at: q, words: 2), q > ini.end || b[ini.end - 1] == 0x2E, !(f < end && b[f] == 0x2E && f - q <= 2) {
                let e = suffixEnd(f) ?? f
                return (Entry(ranges: ParsedAuthor(written: p ..< e, family: q ..< f, initials: p ..< ini.end)), e, .givenFirst)
            }
        }
        // A later author with bare initials first ("N E Allen", Chicago from some sources).
        if preferred == .familyCommaGiven || preferred == .givenFirst, let ini = initials(at: p, bare: true), !ini.dotted,
           ini.end < end, b[ini.end] == 0x20, let f = family(at: ini.end + 1, words: 2), endsName(suffixEnd(f) ?? f) {
            let e = suffixEnd(f) ?? f
            return (Entry(ranges: ParsedAuthor(written: p ..< e, family: ini.end + 1 ..< f, initials: p ..< ini.end, bare: true)), e, .givenFirst)
        }
        guard let familyEnd = family(at: p, words: preferred == nil || preferred == .familyInitials ? 3 : 2) else {
            return givenNamesFirst(at: p)
        }
        var q = familyEnd
        // "Family, I. I." and "Family, Given": the comma form.
        if q < end && b[q] == 0x2C && preferred != .familyInitials {
            var g = q + 1
            while g < end && b[g] == 0x20 { g += 1 }
            if let ini = initials(at: g, bare: false), ini.dotted {
                let e = suffixEnd(ini.end) ?? ini.end
                return (Entry(ranges: ParsedAuthor(written: p ..< e, family: p ..< familyEnd, initials: g ..< ini.end)), e, .familyCommaGiven)
            }
            if let ini = initials(at: g, bare: true), ini.end < end, endsName(ini.end) || b[ini.end] == 0x20 && suffixEnd(ini.end) != nil {
                let e = suffixEnd(ini.end) ?? ini.end
                return (Entry(ranges: ParsedAuthor(written: p ..< e, family: p ..< familyEnd, initials: g ..< ini.end, bare: true)), e, .familyCommaGiven)
            }
            // "Smith, John", "Smith, John A.", "Suh, Chong Hyun", "Tweed, Emily J" (MLA, Chicago,
            // DIN): given names written in full, up to three words and initials.
            if preferred == nil || preferred == .familyCommaGiven, let given = word(at: g), b.isUpper(at: g), given - g >= 2 {
                var e = given
                var words = 1
                while words < 3, e + 1 < end, b[e] == 0x20, b.isUpper(at: e + 1) {
                    if let ini = initial(at: e + 1, bare: true), ini.end - (e + 1) <= 2 || ini.dotted { e = ini.end; words += 1; continue }
                    guard let w = word(at: e + 1) else { break }
                    e = w
                    words += 1
                }
                e = suffixEnd(e) ?? e
                // Only when what follows ends the name (a comma, a period, "and").
                if endsName(e) {
                    let ranges = ParsedAuthor(written: p ..< e, family: p ..< familyEnd, initials: g ..< e)
                    return (Entry(ranges: ranges, full: (p ..< e, .familyFirst)), e, .familyCommaGiven)
                }
            }
            // "Zhen Li, and Yan Zhang": a later author written given names first.
            return preferred == nil ? nil : givenNamesFirst(at: p)
        }
        // "Family I. I." and "Family II" (Vancouver, GOST, the seed's style).
        if q < end && b[q] == 0x20 {
            q += 1
            if let ini = initials(at: q, bare: true) {
                // After "Lamb, Clayton T.", "Sophie L. Gilbert" is given names first (Chicago).
                if preferred == .familyCommaGiven, let given = givenNamesFirst(at: p), given.1 > ini.end { return given }
                // "Smith JA Title" is not a name: the initials end at a separator or the list's end.
                let e = suffixEnd(ini.end) ?? ini.end
                if endsName(e) || ini.dotted && b[e] == 0x20 || b[e] == 0x28 {
                    return (Entry(ranges: ParsedAuthor(written: p ..< e, family: p ..< familyEnd, initials: q ..< ini.end, bare: !ini.dotted)), e, .familyInitials)
                }
            }
        }
        if preferred == .givenFirst || preferred == .familyCommaGiven { return givenNamesFirst(at: p) }
        return nil
    }

    /// "John A. Smith" or "Jane Doe", given names first (a later author in MLA and Chicago, every
    /// author in IEEE with full names): the last capitalised word is the family name, and the name
    /// must end at a separator.
    func givenNamesFirst(at p: Int) -> (Entry, Int, Form)? {
        guard b.isUpper(at: p), let first = word(at: p), first - p >= 2 else { return nil }
        var e = first
        var lastStart = p
        var words = 1
        while e + 1 < end, b[e] == 0x20, words < 4, suffixEnd(e) == nil {
            let n = e + 1
            if let ini = initials(at: n, bare: false), ini.dotted, ini.end < end, b[ini.end] == 0x20 { e = ini.end; continue }
            if let ini = initial(at: n, bare: true), !ini.dotted, ini.end - n == 1, ini.end < end, b[ini.end] == 0x20 { e = ini.end; continue }
            var m = n
            for particle in Authors.particles where b.hasPrefix(particle, at: m) { m += particle.utf8CodeUnitCount; break }
            guard b.isUpper(at: m), let w = word(at: m) else { break }
            lastStart = n
            e = w
            words += 1
        }
        let familyEnd = e
        e = suffixEnd(e) ?? e
        guard words >= 2, endsName(e) else { return nil }
        let ranges = ParsedAuthor(written: p ..< e, family: lastStart ..< familyEnd, initials: p ..< max(p, lastStart - 1))
        return (Entry(ranges: ranges, full: (p ..< e, .givenFirst)), e, .givenFirst)
    }
}
