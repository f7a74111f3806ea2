// MatchKeys.swift: the keys by which two records are found to be one document and a reference is
// matched to the document it cites: titles and names compared by their words alone (case, accents
// and punctuation ignored). DOIs have theirs in `DOI`.
import CorpusBytes
import Foundation

package enum MatchKeys {
    /// "title words|year|family" with case, accents and punctuation ignored, from a title, a year
    /// and the first author's family name; nil when the title has fewer than ten characters.
    package static func title(_ title: UnsafeBufferPointer<UInt8>, year: Int, firstAuthorFamily family: UnsafeBufferPointer<UInt8>) -> String? {
        var key: [UInt8] = []
        key.reserveCapacity(title.count + 32)
        let characters = appendNormalisedWords(title, to: &key)
        guard characters >= 10 else { return nil }
        key.append(UInt8(ascii: "|"))
        key.append(contentsOf: String(year).utf8)
        key.append(UInt8(ascii: "|"))
        _ = appendNormalisedWords(family, to: &key)
        return String(decoding: key, as: UTF8.self)
    }

    /// Lower-case letters and digits, accents removed, words joined by single spaces.
    package static func normalisedWords(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        _ = text.withUTF8 { appendNormalisedWords($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the normalised words of `b` to `out`; returns how many characters it appended.
    package static func appendNormalisedWords(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Int {
        guard b.isASCII(0 ..< b.count) else {
            let folded = String(decoding: b, as: UTF8.self).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            let words = folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
            out.append(contentsOf: words.utf8)
            return words.count
        }
        // ASCII: lower-case letters and digits, one space between words, no Foundation. Written
        // in place into room made for the whole text, then cut to what was written.
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: b.count))
        let end = out.withUnsafeMutableBufferPointer { o in
            var n = start
            for c in b {
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    o[n] = lower
                    n += 1
                } else if n > start && o[n - 1] != 0x20 {
                    o[n] = 0x20
                    n += 1
                }
            }
            return n > start && o[n - 1] == 0x20 ? n - 1 : n
        }
        out.removeSubrange(end...)
        return end - start
    }

    /// A cited work's bibliographic key, for references without a DOI (and to find the DOI of
    /// one that has none from another reference to the same work): the first author's family
    /// name, the year, the source's initial (`SourceKey.initial`: "MACROMOLECULES" and
    /// "Macromolecules" are "m", "J POLYM SCI" and "Journal of Polymer Science" "j"), the volume
    /// and the first page ("bai|2015|m|48|8574"); or else the first six words of the title
    /// ("bai|2015|self assembly of block copolymers in"); or else the source and volume alone
    /// ("bai|2015|m|48"). Written the same whatever the style: WoS's "Bai W, 2015, MACROMOLECULES,
    /// V48, P8574", Scopus's and Vancouver's forms of the same work give one key. Nil when the
    /// reference lacks the family name or the year, or both the numbers and the title.
    package static func work(family: String?, year: Int?, container: String?, volume: String?, pages: String?, title: String?) -> String? {
        guard let family, let year else { return nil }
        let name = familyKey(family)
        guard !name.isEmpty else { return nil }
        // The first page's digits ("R315" and "315", "e281" and "281" are one page).
        let firstPage = pages.map { p in String(p.prefix { !"-–—‐,; ".contains($0) }.filter(\.isASCII).filter(\.isNumber)) } ?? ""
        let volumeKey = volume.map { MatchKeys.normalisedWords($0).replacingOccurrences(of: " ", with: "") } ?? ""
        let source = container.map(SourceKey.initial) ?? ""
        if !volumeKey.isEmpty && !firstPage.isEmpty { return "\(name)|\(year)|\(source)|\(volumeKey)|\(firstPage)" }
        // Without its page (WoS's "V96, DOI ..."): the volume alone, completed by the corpus's
        // other references to the work when they agree (`ReferenceKeys`).
        if !volumeKey.isEmpty && title == nil { return "\(name)|\(year)|\(source)|\(volumeKey)" }
        guard let title else { return nil }
        let words = MatchKeys.normalisedWords(title).split(separator: " ").prefix(6)
        guard words.count >= 2 else { return nil }
        return "\(name)|\(year)|" + words.joined(separator: " ")
    }

    /// A family name for matching: letters and digits only, accents removed, and German's
    /// umlauts and their transliterations folded to the bare vowel ("ö", "oe" and "o"), so that
    /// "Meyer-Broetz", "Meyer-Brötz" and "Meyer-Brotz" are one.
    package static func familyKey(_ family: String) -> String {
        var spelled = family
        if spelled.utf8.contains(where: { $0 >= 0x80 }) {
            for (umlaut, pair) in [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")] {
                spelled = spelled.replacingOccurrences(of: umlaut, with: pair)
            }
        }
        var key = normalisedWords(spelled).replacingOccurrences(of: " ", with: "")
        // "Schoenenberger" and "Schonenberger" (a database that dropped the umlaut) are one too.
        for (pair, vowel) in [("ae", "a"), ("oe", "o"), ("ue", "u")] where key.contains(pair) { key = key.replacingOccurrences(of: pair, with: vowel) }
        return key
    }
}
