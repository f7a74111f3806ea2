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
}
