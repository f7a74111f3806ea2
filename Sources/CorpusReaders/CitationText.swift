// CitationText.swift: references as the export formats write them, parsed into the model's
// fields: Web of Science's "Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/..." and
// Scopus's "Roberts, A.P., Heslop, D., Title, (2014) Rev. Geophys., 52 (3), pp. 557-602." (also
// used in its RIS and BibTeX exports). Anything else goes to the record layout's parser, which
// degrades gracefully; the text as written is always kept.
import CorpusModel
import CorpusBytes
import Foundation

package enum CitationText {
    /// A reference built from fields a source gives separately (JATS, Crossref, PubMed).
    package static func structured(raw: String, authors: [AuthorName] = [], title: String? = nil, container: String? = nil,
                           year: Int? = nil, volume: String? = nil, issue: String? = nil, pages: String? = nil,
                           doi: String? = nil, number: Int? = nil) -> Reference {
        Reference(number: number, raw: raw, authors: authors, title: title, container: container, year: year,
                  volume: volume, issue: issue, pages: pages, doi: doi.map(DOI.clean),
                  language: language(title: title, raw: raw))
    }

    /// The language a reference is in, from its title's function words, else its script.
    package static func language(title: String?, raw: String) -> String? {
        if let title, let guess = LanguageGuesser.guess(title) { return guess }
        var copy = raw
        return copy.withUTF8 { ReferenceParser.scriptLanguage($0, 0 ..< $0.count) }
    }

    // MARK: Web of Science

    /// "Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/acs.macromol.5b02174".
    package static func webOfScience(_ raw: String, number: Int? = nil) -> Reference {
        var copy = raw
        return copy.withUTF8 { webOfScience(bytes: $0).reference($0, raw: raw, number: number) }
    }

    /// The same, read from the bytes: the parts between ", " are byte ranges, and the fields are
    /// ranges of them (for appending straight to the columns).
    package static func webOfScience(bytes b: UnsafeBufferPointer<UInt8>) -> ParsedReference {
        var reference = ParsedReference()
        var parts: [Range<Int>] = []
        parts.reserveCapacity(8)
        var start = 0
        var k = 0
        while k + 1 < b.count {
            if b[k] == 0x2C && b[k + 1] == 0x20 {
                parts.append(b.trimmed(start ..< k))
                k += 2
                start = k
            } else {
                k += 1
            }
        }
        parts.append(b.trimmed(start ..< b.count))
        func isDigits(_ r: Range<Int>) -> Bool { !r.isEmpty && r.allSatisfy { b.isDigit(at: $0) } }
        func text(_ r: Range<Int>) -> String { b.string(r) }
        func startsWithDigit(_ r: Range<Int>, after offset: Int) -> Bool { r.count > offset && b.isDigit(at: r.lowerBound + offset) }
        var i = 0
        if let first = parts.first, !isDigits(first) {
            if !b.hasPrefix("[Anonymous]", at: first.lowerBound) {
                if let author = AuthorName.parsedRanges(b, first) {
                    reference.authors = [author]
                } else if let name = AuthorName.parse(text(first), order: .familyFirst) {
                    reference.names = [name]
                }
            }
            i = 1
        }
        if i < parts.count, parts[i].count == 4, isDigits(parts[i]) {
            reference.year = Int(text(parts[i]))
            i += 1
        }
        for part in parts[i...] where !part.isEmpty {
            let c = b[part.lowerBound]
            if part.count >= 4, b.hasPrefix("DOI ", at: part.lowerBound) {
                // "DOI 10.1/x", "DOI DOI 10.1/x", "DOI https://doi.org/10.1/x" or a list, "DOI [10.1/x,
                // 10.2/y]" or "DOI [DOI 10.1/x, ...]" (split by ", " above): the first DOI.
                let d = webOfScienceDOI(b, (part.lowerBound + 4) ..< part.upperBound)
                if reference.doi == nil && d.count >= 3 && b.hasPrefix("10.", at: d.lowerBound) { reference.doi = d }
            } else if reference.doi == nil, reference.container != nil, let d = Optional(webOfScienceDOI(b, part)),
                      b.hasPrefix("10.", at: d.lowerBound), b.firstIndex(of: 0x2F, in: d) != nil {
                reference.doi = d
            } else if c == UInt8(ascii: "V"), part.count >= 2,
                      startsWithDigit(part, after: 1) && (isDigits((part.lowerBound + 1) ..< part.upperBound) || (reference.container != nil && reference.volume == nil))
                      || reference.container != nil && reference.volume == nil && isVolumeCode(b, (part.lowerBound + 1) ..< part.upperBound) {
                // "V48", and volumes that are codes ("VMAG3", "VE96C").
                reference.volume = (part.lowerBound + 1) ..< part.upperBound
            } else if c == UInt8(ascii: "P"), startsWithDigit(part, after: 1) || (part.count > 1 && b[part.lowerBound + 1] == UInt8(ascii: "P")) {
                reference.pages = (part.lowerBound + 1) ..< part.upperBound
            } else if reference.container == nil {
                reference.container = part
            }
        }
        reference.language = ReferenceParser.scriptLanguage(b, 0 ..< b.count)
        return reference
    }

    /// A DOI part of a WoS reference without the "[", "DOI " and resolver prefixes around it.
    private static func webOfScienceDOI(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var r = b.trimmed(range, "[] ")
        var moved = true
        while moved {
            moved = false
            for prefix: StaticString in ["DOI ", "doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "["]
            where r.count > prefix.utf8CodeUnitCount && b.hasPrefix(prefix, at: r.lowerBound) {
                r = b.trimmed((r.lowerBound + prefix.utf8CodeUnitCount) ..< r.upperBound, "[] ")
                moved = true
            }
        }
        return r
    }

    /// A volume written as a code of capitals and digits, with a digit ("MAG3", "E96C").
    private static func isVolumeCode(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        !r.isEmpty && r.count <= 8 && r.allSatisfy { b[$0] &- 0x41 < 26 || b[$0] &- 0x30 < 10 } && r.contains { b[$0] &- 0x30 < 10 }
    }

    // MARK: Scopus (the reference parser itself is in ScopusCitation.swift)

    /// The first "(1986)" (a year from 1500 to 2099 in parentheses) in the text.
    package static func yearInParentheses(_ s: String) -> Range<String.Index>? {
        var copy = s
        guard let r = copy.withUTF8({ yearInParentheses($0, 0 ..< $0.count) }) else { return nil }
        let u = s.utf8
        let start = u.index(u.startIndex, offsetBy: r.lowerBound)
        return start ..< u.index(start, offsetBy: r.count)
    }

    /// The same in `r` of `b`, as a byte range.
    package static func yearInParentheses(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int>? {
        var i = r.lowerBound
        while let open = b.firstIndex(of: UInt8(ascii: "("), in: i ..< r.upperBound) {
            if open + 5 < r.upperBound, b[open + 5] == UInt8(ascii: ")"), (open + 1 ... open + 4).allSatisfy({ b[$0] &- 0x30 < 10 }) {
                let first = b[open + 1], second = b[open + 2]
                if (first == 0x31 && second >= 0x35) || (first == 0x32 && second == 0x30) { return open ..< open + 6 }
            }
            i = open + 1
        }
        return nil
    }

    /// The first "1975 Sep 25;149(3):749-55" or "1966;17:503-12" (a year, optionally a month and
    /// day, then ";" and the numbers up to the next space).
    package static func vancouverDate(_ s: String) -> Range<String.Index>? {
        let u = Array(s.utf8)
        func isDigit(_ k: Int) -> Bool { k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
        var k = 0
        while k + 4 <= u.count {
            defer { k += 1 }
            guard isDigit(k), isDigit(k + 1), isDigit(k + 2), isDigit(k + 3), k == 0 || !isDigit(k - 1), !isDigit(k + 4) else { continue }
            guard (u[k] == 0x31 && u[k + 1] >= 0x35) || (u[k] == 0x32 && u[k + 1] == 0x30) else { continue }
            var end = k + 4
            // " Sep" and " 25"
            if end + 4 <= u.count, u[end] == 0x20, (0x41...0x5A).contains(u[end + 1]), (0x61...0x7A).contains(u[end + 2]), (0x61...0x7A).contains(u[end + 3]) {
                end += 4
                if end + 1 < u.count, u[end] == 0x20, isDigit(end + 1) {
                    var d = end + 1
                    while isDigit(d) && d < end + 3 { d += 1 }
                    end = d
                }
            }
            if end < u.count, u[end] == UInt8(ascii: ";") {
                while end < u.count && u[end] != 0x20 { end += 1 }
            }
            let utf8 = s.utf8
            return utf8.index(utf8.startIndex, offsetBy: k) ..< utf8.index(utf8.startIndex, offsetBy: end)
        }
        return nil
    }

    // MARK: choosing

    /// A free-text reference in an unknown style: Scopus's when a "(YYYY) " follows its title,
    /// else read by `ReferenceGrammar`, which knows the other styles.
    package static func freeText(_ raw: String, number: Int? = nil) -> Reference {
        var copy = raw
        return copy.withUTF8 { b in
            switch freeText(bytes: b, raw: raw, number: number) {
            case .reference(let r): return r
            case .ranges(let parsed): return parsed.reference(b, raw: raw, number: number)
            }
        }
    }

    /// A free-text reference as `freeText` reads it.
    package enum FreeText {
        /// An author–year reference (that style is read on strings).
        case reference(Reference)
        /// Any other, as byte ranges of its text.
        case ranges(ParsedReference)
    }

    /// `freeText`, from the reference's bytes `b` (its text `raw`, made from the bytes when not
    /// given): the one place its style is chosen, for readers that append references straight to
    /// the columns too.
    package static func freeText(bytes b: UnsafeBufferPointer<UInt8>, raw: String? = nil, number: Int?) -> FreeText {
        // Scopus writes "Authors, Title, (2014) Source, 52 (3), pp." and, without a title,
        // "Authors, (2014) Source": a comma before the year, or a title between the two.
        if let year = yearInParentheses(b, 0 ..< b.count), year.upperBound + 1 < b.count, b[year.upperBound] == 0x20,
           b.isUpper(at: year.upperBound + 1) || b.isDigit(at: year.upperBound + 1),
           year.lowerBound >= 2 && b[year.lowerBound - 2] == 0x2C || !ReferenceGrammar.yearFollowsAuthors(b) {
            var parsed = scopus(bytes: b)
            if parsed.doi == nil && parsed.doiText == nil { parsed.doi = DOIText.find(b, 0 ..< b.count)?.value }
            return .ranges(parsed)
        }
        return .ranges(ReferenceGrammar.parse(bytes: b))
    }
}

package extension Document {
    /// Finishes a document made by a reader (or in code): its language guessed from its text when
    /// the source does not give it, and its self-citations flagged.
    mutating func finish() {
        if language == nil { language = LanguageGuesser.guess(abstract ?? title) }
        flagSelfCitations()
    }
}

package extension CitationText {
    /// Vancouver style, as PubMed and many JATS files write references: "Smith JA, Doe B. Title of
    /// the paper. J Mol Biol. 1966 Jun;17(2):503-12. doi: 10.1/x", or just the source and date.
    static func vancouver(_ raw: String, number: Int? = nil) -> Reference {
        var reference = Reference(number: number, raw: raw)
        var text = raw.trimmingSpaces
        if text.containsText("doi"), let d = text.firstRange(of: "doi: ") ?? text.firstRange(of: "doi:") ?? text.firstRange(of: "https://doi.org/") {
            reference.doi = String(text[d.upperBound...].prefix { !$0.isWhitespace }).trimming(".,;")
            text = String(text[..<d.lowerBound]).trimmingSpaces
        }
        // The date and numbers: "1975 Sep;149(3):749-55" or "1966;17:503-12".
        var before = text
        if let date = vancouverDate(text) {
            let part = String(text[date])
            reference.year = Int(part.prefix(4))
            if let semi = part.firstIndex(of: ";") {
                let numbers = part[part.index(after: semi)...]
                let beforeColon = numbers.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let volumeIssue = beforeColon.first.map(String.init) ?? ""
                if let open = volumeIssue.firstIndex(of: "("), let close = volumeIssue.firstIndex(of: ")"), open < close {
                    reference.volume = String(volumeIssue[..<open]).nilIfEmpty
                    reference.issue = String(volumeIssue[volumeIssue.index(after: open) ..< close]).nilIfEmpty
                } else {
                    reference.volume = volumeIssue.trimming(". ").nilIfEmpty
                }
                if beforeColon.count > 1 { reference.pages = String(beforeColon[1]).trimming(". ").nilIfEmpty }
            }
            before = String(text[..<date.lowerBound]).trimmingSpaces
        }
        var segments = before.split(on: ". ").map { $0.trimming(". ") }.filter { !$0.isEmpty }
        if segments.count >= 3 || (segments.count == 2 && looksLikeAuthors(segments[0])) {
            reference.authors = segments.removeFirst().split(on: ", ").compactMap {
                $0 == "et al" ? nil : AuthorName.parse($0, order: .familyFirst)
            }
        }
        if let last = segments.popLast() { reference.container = last }
        if !segments.isEmpty { reference.title = segments.joined(separator: ". ") }
        reference.language = language(title: reference.title, raw: raw)
        return reference
    }

    /// Author-year style (PLOS and others): "Murphy FA, Gibbs EPJ (1999) Title. Journal 7: 203-216."
    static func authorYear(_ raw: String, number: Int? = nil) -> Reference? {
        guard let year = yearInParentheses(raw) else { return nil }
        let names = String(raw[..<year.lowerBound]).trimmingSpaces.trimming(",")
        guard !names.isEmpty, looksLikeAuthors(names.split(on: ", et al").joined()) else { return nil }
        var reference = Reference(number: number, raw: raw)
        reference.year = Int(raw[year].dropFirst().dropLast())
        reference.authors = names.split(on: ", ").compactMap {
            $0.hasPrefix("et al") ? nil : AuthorName.parse($0, order: .familyFirst)
        }
        var rest = String(raw[year.upperBound...]).trimmingSpaces
        if let d = rest.firstRange(of: "doi:") {
            reference.doi = String(rest[d.upperBound...]).trimmingSpaces.trimming(". ")
            rest = String(rest[..<d.lowerBound])
        }
        var segments = rest.split(on: ". ").map { $0.trimming(". ") }.filter { !$0.isEmpty }
        if !segments.isEmpty { reference.title = segments.removeFirst() }
        if let source = segments.first {
            // "Vector Borne Zoonotic Dis 7: 203-216"
            if let colon = source.firstIndex(of: ":") {
                let head = source[..<colon].split(separator: " ")
                if let volume = head.last, volume.first?.isNumber == true {
                    reference.volume = String(volume)
                    reference.container = head.dropLast().joined(separator: " ")
                } else {
                    reference.container = String(source[..<colon])
                }
                reference.pages = String(source[source.index(after: colon)...]).trimmingSpaces.nilIfEmpty
            } else {
                reference.container = source
            }
        }
        reference.language = language(title: reference.title, raw: raw)
        return reference
    }

    /// False when `authorYear` would find no author list before the year, decided on the bytes
    /// of the list's first name (up to ", "): a single word, or one whose last word is not one to
    /// three capitals, fails its test, and so the whole list does. True when the list might pass
    /// (and whenever it holds ", et al", which `authorYear` removes first, or non-ASCII text).
    /// Most references of other styles are turned away here without a string being made.
    static func mayBeAuthorYear(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        mayBeAuthorYear(b, year: yearInParentheses(b, 0 ..< b.count))
    }

    /// The same, given the text's first year in parentheses (`yearInParentheses`).
    private static func mayBeAuthorYear(_ b: UnsafeBufferPointer<UInt8>, year: Range<Int>?) -> Bool {
        guard let year else { return false }
        let names = b.trimmed(b.trimmedSpaces(0 ..< year.lowerBound), ",")
        guard !names.isEmpty else { return false }
        if UnsafeBufferPointer(rebasing: b[names]).firstOffset(of: ", et al") != nil { return true }
        var firstEnd = names.upperBound
        var k = names.lowerBound
        while k + 1 < names.upperBound {
            if b[k] == 0x2C && b[k + 1] == 0x20 { firstEnd = k; break }
            k += 1
        }
        let first = names.lowerBound ..< firstEnd
        guard first.allSatisfy({ b[$0] < 0x80 }) else { return true }
        if first.count == 5 && b.hasPrefix("et al", at: first.lowerBound) { return true }
        // The last word and whether a word comes before it (words are separated by spaces).
        var hi = first.upperBound
        while hi > first.lowerBound && b[hi - 1] == 0x20 { hi -= 1 }
        var lo = hi
        while lo > first.lowerBound && b[lo - 1] != 0x20 { lo -= 1 }
        guard (first.lowerBound ..< lo).contains(where: { b[$0] != 0x20 }) else { return false }
        return hi - lo <= 3 && (lo ..< hi).allSatisfy { b[$0] &- 0x41 < 26 }
    }

    /// "Smith JA, Doe B" or "Smith JA, et al": names with capital initials and no periods.
    private static func looksLikeAuthors(_ s: String) -> Bool {
        s.split(on: ", ").allSatisfy { name in
            let words = name.split(separator: " ")
            return name == "et al" || (words.count >= 2 && words.last!.count <= 3 && words.last!.allSatisfy(\.isUppercase))
        }
    }
}

package extension String {
    var nilIfEmpty: String? {
        let t = trimmingSpaces
        return t.isEmpty ? nil : t
    }
}
