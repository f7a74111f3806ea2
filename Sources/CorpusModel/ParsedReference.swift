// ParsedReference.swift: a reference's fields as byte ranges of its text, as the readers' parsers
// find them and the reference table stores them without making strings.
import CorpusBytes

/// An author of a reference as byte ranges of the reference's text, with the initials normalised.
package struct ParsedAuthor {
    package var written: Range<Int>
    package var family: Range<Int>
    /// The initials as written ("P. N", "Zh"); normalised ("P.N.", "Zh.") when stored.
    package var initials: Range<Int>
    /// Initials written as bare capitals ("PN"): each takes a period when stored ("P.N.").
    package var bare = false

    package init(written: Range<Int>, family: Range<Int>, initials: Range<Int>, bare: Bool = false) {
        self.written = written
        self.family = family
        self.initials = initials
        self.bare = bare
    }

    /// The initials normalised, appended to `out` (lower-cased if asked).
    package func appendInitials(_ b: Bytes, lowercased: Bool = false, to out: inout [UInt8]) {
        guard bare else { return AuthorName.normalisedInitials(b, initials, lowercased: lowercased, into: &out) }
        // "JA", "J A", "J-P": each letter takes a period; spaces go, hyphens stay.
        var i = initials.lowerBound
        while i < initials.upperBound {
            let width = b[i] < 0x80 ? 1 : b.scalar(at: i).1
            if b[i] == 0x2D {
                out.append(0x2D)
            } else if b[i] != 0x20 {
                let letter = UnsafeBufferPointer(rebasing: b[i ..< min(i + width, initials.upperBound)])
                if lowercased { Lowercase.append(letter, to: &out) } else { out.append(contentsOf: letter) }
                out.append(0x2E)
            }
            i += width
        }
    }

    package func name(_ b: Bytes) -> AuthorName {
        var normalised: [UInt8] = []
        appendInitials(b, to: &normalised)
        return AuthorName(written: b.string(written), family: b.string(family), initials: String(decoding: normalised, as: UTF8.self))
    }
}

/// A reference's fields as byte ranges of its text.
package struct ParsedReference {
    package var authors: [ParsedAuthor] = []
    /// Authors a parser read as whole names rather than as ranges (the Scopus style's, parsed by
    /// `AuthorName.parse`); a reference has these or `authors`, not both.
    package var names: [AuthorName] = []
    package var title: Range<Int>?
    package var container: Range<Int>?
    package var volume: Range<Int>?
    package var issue: Range<Int>?
    package var pages: Range<Int>?
    package var doi: Range<Int>?
    package var note: Range<Int>?
    package var language: String?
    package var year: Int?
    /// An issue and a DOI that are not part of the reference's text (a structured reference's
    /// text holds neither): stored as strings, in place of `issue` and `doi`.
    package var issueText: String?
    package var doiText: String?

    package init() {}

    package func reference(_ b: Bytes, raw: String, number: Int?) -> Reference {
        func text(_ r: Range<Int>?) -> String? { r.map { b.string($0) } }
        return Reference(number: number, raw: raw, authors: authors.map { $0.name(b) } + names, title: text(title),
                         container: text(container), year: year, volume: text(volume), issue: issueText ?? text(issue),
                         pages: text(pages), doi: doiText ?? text(doi), language: language, languageNote: text(note))
    }
}
