// LanguageGuesser.swift: a text's language guessed from the share of each language's commonest
// function words, with the script as a fallback. Words are read from the UTF-8 bytes in place and
// packed into integers, so guessing costs no allocation. Reading stops once one language leads clearly.
import CorpusModel
import CorpusBytes

package enum LanguageGuesser {
    private static let languages: [(code: String, words: [String])] = [
        ("en", ["the", "of", "and", "in", "to", "is", "that", "for", "on", "with", "as", "by", "was", "are", "this", "which", "from"]),
        ("ru", ["и", "в", "на", "с", "по", "что", "не", "для", "как", "из", "к", "о", "от", "это", "при", "а"]),
        ("de", ["der", "die", "und", "das", "den", "von", "zu", "mit", "ist", "im", "des", "sich", "auf", "für", "eine"]),
        ("fr", ["le", "la", "les", "et", "des", "du", "une", "est", "dans", "pour", "que", "sur", "par", "au"]),
        ("es", ["el", "la", "los", "las", "y", "del", "que", "en", "por", "con", "para", "una", "es", "se"]),
        ("it", ["il", "di", "che", "la", "e", "per", "con", "del", "della", "non", "una", "sono", "gli"]),
        ("pt", ["o", "os", "da", "do", "das", "dos", "e", "que", "em", "para", "com", "uma", "não", "são"]),
    ]

    /// Function word (packed UTF-8, up to 8 bytes) to a bit set of the languages using it.
    private static let table = PackedWordTable(languages.enumerated().flatMap { i, language in
        language.words.map { (PackedWordTable.pack(Array($0.utf8))!, UInt8(1 << i)) }
    }, longest: languages.flatMap(\.words).map(\.utf8.count).max() ?? 0)

    /// An ISO 639-1 code, or nil when the text is too short or matches nothing.
    package static func guess(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { guess($0, 0 ..< $0.count) }
    }

    package static func guess(_ b: Bytes, _ range: Range<Int>) -> String? {
        var tally = Tally()
        tally.read(b, range)
        return tally.language ?? ReferenceParser.scriptLanguage(b, range)
    }

    /// The language of two texts read as one (a title, then its abstract), without joining them.
    package static func guess(_ first: Bytes, then second: Bytes) -> String? {
        var tally = Tally()
        tally.read(first, 0 ..< first.count)
        if !tally.isDecided { tally.read(second, 0 ..< second.count) }
        if let language = tally.language { return language }
        // Rarely needed: the script of both texts together.
        let joined = Array(first) + [0x20] + Array(second)
        return joined.withUnsafeBufferPointer { ReferenceParser.scriptLanguage($0, 0 ..< $0.count) }
    }

    /// Function words counted per language over at most 400 words; reading stops early once one
    /// language leads clearly.
    package struct Tally {
        private var counts = LaneCounts()
        private var words = 0
        private(set) var isDecided = false

        /// The language whose function words make at least 5% of the words, when there are three
        /// words or more (ties go to the language listed first).
        package var language: String? {
            guard words >= 3, let (best, count) = counts.leader, Double(count) / Double(words) >= 0.05 else { return nil }
            return languages[best].code
        }

        package mutating func read(_ b: Bytes, _ range: Range<Int>) {
            let table = LanguageGuesser.table  // once a text, not once a word
            let letters = Tally.asciiLetters
            // The counts live in locals while the text is read, and go back to the tally at the end.
            var counts = self.counts, words = self.words, decided = isDecided
            defer { self.counts = counts; self.words = words; isDecided = decided }
            // The clear lead is looked for at 100 words, then every 50.
            var nextCheck = words < 100 ? 100 : words + 50 - words % 50
            var i = range.lowerBound
            let end = range.upperBound
            while i < end && !decided {
                // One word, packed in lower case.
                var key: UInt64 = 0
                var length = 0
                while i < end {
                    // Eight ASCII bytes at a time while they last: the run of letters at their
                    // start joins the word, and a byte after it that is no letter ends the word.
                    // (A run of eight shifts by 64, which `&<<` makes a shift by 0: the key is then
                    // wrong, but a word of eight letters or more is longer than any in the lists.)
                    if i &+ 8 <= end, let (run, ended) = Tally.asciiLetterRun(b, at: i) {
                        let n = run.count
                        key = key &<< (8 &* UInt64(n)) | run.packed
                        length &+= n
                        i &+= n
                        if ended { i &+= 1; break }
                        continue
                    }
                    // ASCII: a letter joins the word in lower case; anything else ends it.
                    let letter = letters[b[i]]
                    if letter != Tally.notASCII {
                        i += 1
                        guard letter != 0 else { break }
                        key = key << 8 | UInt64(letter)
                        length += 1
                        continue
                    }
                    let (s, width) = b.scalar(at: i)
                    i += width
                    guard UTF8Class.isLetter(s) else { break }
                    var lower = s
                    if s >= 0x410 && s < 0x430 { lower = s + 0x20 } else if s >= 0x400 && s < 0x410 { lower = s + 0x50 }
                    // Append the lower-cased scalar's UTF-8 bytes to the packed word.
                    if lower < 0x800 {
                        key = key << 16 | UInt64(0xC0 | (lower >> 6)) << 8 | UInt64(0x80 | (lower & 0x3F))
                        length += 2
                    } else {
                        key = key << 24 | UInt64(0xE0 | (lower >> 12)) << 16 | UInt64(0x80 | ((lower >> 6) & 0x3F)) << 8 | UInt64(0x80 | (lower & 0x3F))
                        length += 3
                    }
                }
                guard length > 0 else { continue }
                words += 1
                if length <= table.longest, let mask = table.mask(key) {
                    counts.add(mask)  // one count for each language using the word
                }
                if words >= 400 {
                    decided = true
                } else if words == nextCheck {
                    nextCheck += 50
                    decided = Tally.clearLead(counts, words: words)
                }
            }
        }

        /// The ASCII letters at the start of the eight bytes at `i`, lower-cased and packed first
        /// byte highest, and whether a byte that is no letter follows them among the eight; nil
        /// when the eight bytes are not all ASCII. The bytes are tested all at once: `t` is each
        /// byte with 0x20 set (0x20-0x7F, so no sum below carries into the next byte); a letter
        /// is a byte of `t` from 0x61 to 0x7A, that is one whose sum with 0x1F reaches 0x80 and
        /// whose sum with 0x05 does not.
        @inline(__always)
        package static func asciiLetterRun(_ b: Bytes, at i: Int) -> (run: (packed: UInt64, count: Int), ended: Bool)? {
            let v = UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self))
            let high: UInt64 = 0x8080_8080_8080_8080
            guard v & high == 0 else { return nil }
            let t = v | 0x2020_2020_2020_2020
            let letters = (t &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(t &+ 0x0505_0505_0505_0505) & high
            let stops = ~letters & high
            let n = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
            // The first n bytes of t, the first highest (0 when n is 0: a shift by 64 gives 0).
            let packed = n == 0 ? 0 : t.byteSwapped >> (64 &- 8 &* UInt64(n))
            return ((packed, n), stops != 0)
        }

        /// For each byte: an ASCII letter's lower case, 0 for other ASCII, `notASCII` from 0x80 on.
        private static let asciiLetters = ByteTable { c in
            guard c < 0x80 else { return notASCII }
            return (c | 0x20) &- 0x61 < 26 ? c | 0x20 : 0
        }
        private static let notASCII: UInt8 = 0xFF

        /// The leader has at least 10% of the words and three times the runner-up's count.
        private static func clearLead(_ counts: LaneCounts, words: Int) -> Bool {
            var first: Int32 = 0, second: Int32 = 0
            for l in 0 ..< languages.count {
                if counts[l] > first { second = first; first = counts[l] } else if counts[l] > second { second = counts[l] }
            }
            return Int(first) * 10 >= words && first >= 3 * second
        }
    }
}

/// Counts of up to eight languages (each under 65,536) in sixteen-bit lanes of two integers, so a
/// word used by several languages is counted for all of them with two additions.
package struct LaneCounts {
    private var low: UInt64 = 0   // languages 0-3
    private var high: UInt64 = 0  // languages 4-7

    @inline(__always)
    package subscript(_ language: Int) -> Int32 {
        let lanes = language < 4 ? low : high
        return Int32(truncatingIfNeeded: lanes >> (16 * UInt64(language & 3)) & 0xFFFF)
    }

    /// The first language with the highest count, and its count; nil when every count is 0.
    package var leader: (language: Int, count: Int32)? {
        guard low | high != 0 else { return nil }
        var best = 0, bestCount: Int32 = 0
        for l in 0 ..< 8 {
            let c = self[l]
            if c > bestCount { best = l; bestCount = c }
        }
        return (best, bestCount)
    }

    /// Adds one to each language whose bit is set in `mask`: bit l of each half of the mask is
    /// moved to bit 16 l by one multiplication (the four shifted copies of the half do not
    /// overlap, so nothing carries) and one mask.
    @inline(__always)
    package mutating func add(_ mask: UInt8) {
        let spread: UInt64 = 0x0000_2000_4000_8001, lanes: UInt64 = 0x0001_0001_0001_0001
        low &+= (UInt64(mask & 0xF) &* spread) & lanes
        high &+= (UInt64(mask >> 4) &* spread) & lanes
    }
}

/// A small open-addressing set of packed words with a bit mask each; lookups hash an integer, with
/// no allocation and no Hasher.
package struct PackedWordTable: Sendable {
    private var keys: [UInt64]
    private var masks: [UInt8]
    private let shift: UInt64

    /// The longest key's length in bytes: a longer word is in no language's list.
    package let longest: Int

    package init(_ entries: [(UInt64, UInt8)], longest: Int = 8) {
        self.longest = longest
        let size = 512
        keys = [UInt64](repeating: 0, count: size)
        masks = [UInt8](repeating: 0, count: size)
        shift = 64 - 9
        for (key, mask) in entries {
            var slot = slotOf(key)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            masks[slot] |= mask
        }
    }

    /// Up to 8 bytes packed into an integer, first byte highest; nil when longer.
    package static func pack(_ bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var key: UInt64 = 0
        for b in bytes { key = key << 8 | UInt64(b) }
        return key
    }

    @inline(__always)
    private func slotOf(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift) }

    @inline(__always)
    package func mask(_ key: UInt64) -> UInt8? {
        keys.withUnsafeBufferPointer { keys in
            var slot = slotOf(key)
            while keys[slot] != 0 {
                if keys[slot] == key { return masks.withUnsafeBufferPointer { $0[slot] } }
                slot = (slot &+ 1) & (keys.count &- 1)
            }
            return nil
        }
    }
}
