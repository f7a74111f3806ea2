// Tokenizer.swift: words of a text, read from its UTF-8 bytes in place. A word is a run of Unicode
// letters and digits; an apostrophe or hyphen between two word characters stays inside the word
// ("Russia-Mongolia", "don't"; a typographic apostrophe becomes "'"). Words are case-folded (ASCII,
// Latin-1, Greek and Cyrillic directly, other scripts through Unicode's lower-case mapping).

package struct Tokenizer: Sendable {
    package init() {}

    /// Calls `body` with each folded word (its bytes are valid only during the call).
    @inline(__always)
    package func forEachToken(in text: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                             _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachToken(in: text, scratch: &scratch) { word, _ in body(word) }
    }

    /// Calls `body` with each folded word and the byte range it covers in `text`.
    @inline(__always)
    package func forEachToken(in text: UnsafeBufferPointer<UInt8>, scratch: inout [UInt8],
                             _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        guard let p = text.baseAddress else { return }
        let n = text.count
        Tokenizer.byteClasses.withUnsafeBufferPointer { classes in
            var i = 0
            while i < n {
                var k = classes[Int(p[i])]
                if k & Tokenizer.asciiWord == 0 {
                    // A separator, a lone apostrophe or hyphen, or a character beyond ASCII.
                    i = k & Tokenizer.beyondASCII == 0 ? i + 1 : word(in: text, from: i, scratch: &scratch, body)
                    continue
                }
                // Fast path: a run of ASCII letters and digits.
                let start = i
                var seen = k
                i += 1
                while i < n {
                    k = classes[Int(p[i])]
                    if k & Tokenizer.asciiWord == 0 { break }
                    seen |= k
                    i += 1
                }
                let joined = i < n && (k & Tokenizer.beyondASCII != 0 || (k & Tokenizer.joiner != 0 && i + 1 < n && isWordStart(text, i + 1)))
                if joined {
                    // The word goes on past ASCII or through an apostrophe or hyphen.
                    i = word(in: text, from: start, scratch: &scratch, body)
                } else if seen & Tokenizer.upper == 0 {
                    body(UnsafeBufferPointer(start: p + start, count: i - start), start ..< i)
                } else {
                    lowered(text, start ..< i, into: &scratch, body)
                }
            }
        }
    }

    /// Byte classes of the ASCII fast path.
    private static let lower: UInt8 = 1, upper: UInt8 = 2, joiner: UInt8 = 4, beyondASCII: UInt8 = 8
    private static let asciiWord = lower | upper
    private static let byteClasses: [UInt8] = (0 ..< 256).map { b in
        switch UInt8(b) {
        case 0x30...0x39, 0x61...0x7A: return lower
        case 0x41...0x5A: return upper
        case 0x27, 0x2D: return joiner
        case 0x80...: return beyondASCII
        default: return 0
        }
    }

    /// An ASCII word with capitals, lowered into `scratch`.
    @inline(__always)
    private func lowered(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into scratch: inout [UInt8],
                         _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        if scratch.count < range.count { scratch.append(contentsOf: repeatElement(0, count: range.count - scratch.count)) }
        scratch.withUnsafeMutableBufferPointer { out in
            for k in range {
                let c = text[k]
                out[k - range.lowerBound] = c &- 0x41 < 26 ? c | 0x20 : c
            }
            body(UnsafeBufferPointer(rebasing: out[0 ..< range.count]), range)
        }
    }

    /// The general path: reads the word that starts at `i` (or the one character there, when it
    /// begins no word), calls `body` with it, and returns where reading goes on.
    private func word(in text: UnsafeBufferPointer<UInt8>, from start: Int, scratch: inout [UInt8],
                      _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) -> Int {
        let n = text.count
        var i = start
        scratch.removeAll(keepingCapacity: true)
        while i < n {
            let c = text[i]
            if c < 0x80 {
                if Tokenizer.isASCIIWordByte(c) {
                    scratch.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                    i += 1
                    continue
                }
                if (c == 0x27 || c == 0x2D) && !scratch.isEmpty && i + 1 < n && isWordStart(text, i + 1) {
                    scratch.append(c)
                    i += 1
                    continue
                }
                break
            }
            let (s, width) = decode(text, i)
            if s == 0x2019 || s == 0x2010 {  // ’ and ‐ between word characters
                if !scratch.isEmpty && i + width < n && isWordStart(text, i + width) {
                    scratch.append(s == 0x2019 ? 0x27 : 0x2D)
                    i += width
                    continue
                }
            } else if Tokenizer.isWordScalar(s) {
                appendFolded(s, to: &scratch)
                i += width
                continue
            }
            if scratch.isEmpty { return i + width }  // a character that begins no word
            break
        }
        if !scratch.isEmpty { emit(&scratch, start ..< i, body) }
        return i
    }

    /// The words of `text` as strings (for tests and small inputs).
    package func tokens(_ text: String) -> [String] {
        var scratch: [UInt8] = []
        var result: [String] = []
        var copy = text
        copy.withUTF8 { b in forEachToken(in: b, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in result.append(String(decoding: word, as: UTF8.self)) } }
        return result
    }

    @inline(__always)
    private func emit(_ scratch: inout [UInt8], _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        scratch.withUnsafeBufferPointer { body($0, range) }
        scratch.removeAll(keepingCapacity: true)
    }

    /// An ASCII letter or digit (by arithmetic: no table to load in the inner loop).
    @inline(__always)
    private static func isASCIIWordByte(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || ((c | 0x20) &- 0x61) < 26
    }

    @inline(__always)
    private func isWordStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let c = text[i]
        if c < 0x80 { return Tokenizer.isASCIIWordByte(c) }
        return Tokenizer.isWordScalar(decode(text, i).0)
    }

    @inline(__always)
    private func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let c = b[i]
        if c >= 0xC0 && c < 0xE0 && i + 1 < b.count { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if c >= 0xE0 && c < 0xF0 && i + 2 < b.count {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if c >= 0xF0 && i + 3 < b.count {
            return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6) | UInt32(b[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    static func isWordScalar(_ s: UInt32) -> Bool {
        if s >= 0x400 && s < 0x530 { return s < 0x482 || s >= 0x48A }  // Cyrillic letters (not its signs)
        guard let scalar = Unicode.Scalar(s) else { return false }
        let p = scalar.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
    }

    @inline(__always)
    private func appendFolded(_ s: UInt32, to out: inout [UInt8]) {
        var lower = s
        switch s {
        case 0xC0...0xDE where s != 0xD7: lower = s + 0x20
        case 0x391...0x3A9: lower = s + 0x20
        case 0x410...0x42F: lower = s + 0x20
        case 0x400...0x40F: lower = s + 0x50
        case 0x100...0x17F where s & 1 == 0 && s != 0x130 && s != 0x138: lower = s + 1  // Latin Extended-A pairs
        default:
            if s >= 0x80 && !(s >= 0xDF && s <= 0xFF) && !(s >= 0x430 && s <= 0x45F) && !(s >= 0x3B1 && s <= 0x3C9),
               let scalar = Unicode.Scalar(s), scalar.properties.isUppercase
            {
                for u in scalar.properties.lowercaseMapping.utf8 { out.append(u) }
                return
            }
        }
        if lower < 0x800 {
            out.append(UInt8(0xC0 | (lower >> 6)))
            out.append(UInt8(0x80 | (lower & 0x3F)))
        } else if lower < 0x10000 {
            out.append(UInt8(0xE0 | (lower >> 12)))
            out.append(UInt8(0x80 | ((lower >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (lower & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (lower >> 18)))
            out.append(UInt8(0x80 | ((lower >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((lower >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (lower & 0x3F)))
        }
    }
}
