// CitationText.swift: references as the export formats write them, parsed into the model's
// fields: Web of Science's "Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/..." and
// Scopus's "Roberts, A.P., Heslop, D., Title, (2014) Rev. Geophys., 52 (3), pp. 557-602." (also
// used in its RIS and BibTeX exports). Any other free text goes to `ReferenceGrammar`, which knows
// the common citation styles; the text as written is always kept.
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

    /// The first "(1986)" (a year from 1500 to 2099 in parentheses) in `r` of `b`, as a byte range.
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

    // MARK: choosing

    /// A free-text reference in an unknown style: Scopus's when a "(YYYY) " follows its title,
    /// else read by `ReferenceGrammar`, which knows the other styles.
    package static func freeText(_ raw: String, number: Int? = nil) -> Reference {
        var copy = raw
        return copy.withUTF8 { freeText(bytes: $0).reference($0, raw: raw, number: number) }
    }

    /// `freeText`, from the reference's bytes, as byte ranges of them: the one place a free-text
    /// reference's style is chosen, for readers that append references straight to the columns too.
    package static func freeText(bytes b: UnsafeBufferPointer<UInt8>) -> ParsedReference {
        // Scopus writes "Authors, Title, (2014) Source, 52 (3), pp." and, without a title,
        // "Authors, (2014) Source": a comma before the year, or a title between the two.
        if let year = yearInParentheses(b, 0 ..< b.count), year.upperBound + 1 < b.count, b[year.upperBound] == 0x20,
           b.isUpper(at: year.upperBound + 1) || b.isDigit(at: year.upperBound + 1),
           year.lowerBound >= 2 && b[year.lowerBound - 2] == 0x2C || !ReferenceGrammar.yearFollowsAuthors(b) {
            var parsed = scopus(bytes: b)
            if parsed.doi == nil && parsed.doiText == nil { parsed.doi = DOIText.find(b, 0 ..< b.count)?.value }
            return parsed
        }
        return ReferenceGrammar.parse(bytes: b)
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

package extension String {
    var nilIfEmpty: String? {
        let t = trimmingSpaces
        return t.isEmpty ? nil : t
    }
}
