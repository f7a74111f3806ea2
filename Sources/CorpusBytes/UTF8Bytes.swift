// UTF8Bytes.swift: small helpers for parsing UTF-8 text in place: letter case of the scalar at a
// byte offset (fast paths for ASCII and Cyrillic), trimming, and strings from byte ranges.

#if canImport(Glibc)
import Glibc
#endif

package typealias Bytes = UnsafeBufferPointer<UInt8>

package extension UnsafeBufferPointer where Element == UInt8 {
    /// The scalar starting at `i` and its width in bytes (1 for an invalid byte).
    @inlinable @inline(__always)
    func scalar(at i: Int) -> (UInt32, Int) {
        let c = self[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c >= 0xC0 && c < 0xE0 && i + 1 < count {
            return ((UInt32(c & 0x1F) << 6) | UInt32(self[i + 1] & 0x3F), 2)
        }
        if c >= 0xE0 && c < 0xF0 && i + 2 < count {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(self[i + 1] & 0x3F) << 6) | UInt32(self[i + 2] & 0x3F), 3)
        }
        if c >= 0xF0 && i + 3 < count {
            return ((UInt32(c & 0x07) << 18) | (UInt32(self[i + 1] & 0x3F) << 12) | (UInt32(self[i + 2] & 0x3F) << 6) | UInt32(self[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    @inlinable @inline(__always) func isUpper(at i: Int) -> Bool { i < count && UTF8Class.isUpper(scalar(at: i).0) }
    @inlinable @inline(__always) func isLower(at i: Int) -> Bool { i < count && UTF8Class.isLower(scalar(at: i).0) }
    @inlinable @inline(__always) func isLetter(at i: Int) -> Bool { i < count && UTF8Class.isLetter(scalar(at: i).0) }
    @inlinable @inline(__always) func isDigit(at i: Int) -> Bool { i < count && self[i] >= 0x30 && self[i] <= 0x39 }

    @inlinable func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// Whether every byte of `range` is ASCII, read eight bytes at a time.
    @inlinable func isASCII(_ range: Range<Int>) -> Bool {
        guard let base = baseAddress else { return true }
        var i = range.lowerBound
        let raw = UnsafeRawPointer(base)
        while i + 8 <= range.upperBound {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < range.upperBound {
            if self[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// `range` without leading and trailing bytes from `set` (ASCII characters).
    @inlinable func trimmed(_ range: Range<Int>, _ set: StaticString) -> Range<Int> {
        let chars = UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount)
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, chars.contains(self[lo]) { lo += 1 }
        while hi > lo, chars.contains(self[hi - 1]) { hi -= 1 }
        return lo ..< hi
    }

    /// `range` without leading and trailing white space as `String.trimmingSpaces` sees it: ASCII
    /// spaces, tabs, line breaks, vertical tabs, form feeds and no-break spaces.
    @inlinable func trimmedSpaces(_ range: Range<Int>) -> Range<Int> {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(self[lo]) { lo += 1 }
        while hi > lo, isSpace(self[hi - 1]) { hi -= 1 }
        while hi - lo >= 2, self[lo] == 0xC2, self[lo + 1] == 0xA0 {
            lo += 2
            while lo < hi, isSpace(self[lo]) { lo += 1 }
        }
        while hi - lo >= 2, self[hi - 2] == 0xC2, self[hi - 1] == 0xA0 {
            hi -= 2
            while hi > lo, isSpace(self[hi - 1]) { hi -= 1 }
        }
        return lo ..< hi
    }

    /// `range` without leading and trailing ASCII spaces, tabs and line breaks.
    @inlinable func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi && UTF8Class.isSpace(self[lo]) { lo += 1 }
        while hi > lo && UTF8Class.isSpace(self[hi - 1]) { hi -= 1 }
        return lo ..< hi
    }

    @inlinable func hasPrefix(_ prefix: StaticString, at i: Int) -> Bool {
        hasPrefix(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount), at: i)
    }

    /// Whether the bytes from `i` start with `prefix`'s.
    @inlinable func hasPrefix(_ prefix: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let n = prefix.count
        guard i + n <= count else { return false }
        for k in 0..<n where self[i + k] != prefix[k] { return false }
        return true
    }

    /// ASCII case-insensitive comparison of the bytes in `range` with `word`.
    @inlinable func equalsIgnoringASCIICase(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for (k, i) in range.enumerated() where UTF8Class.asciiLower(self[i]) != UTF8Class.asciiLower(p[k]) { return false }
        return true
    }

    @inlinable func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        // A short range is read in a loop: memchr's call costs more than the bytes.
        if range.count < 32 {
            var i = range.lowerBound
            while i < range.upperBound {
                if self[i] == byte { return i }
                i += 1
            }
            return nil
        }
        guard let base = baseAddress, let hit = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    }

    /// The last index of `byte` in `range` (short ranges: a plain loop backwards).
    @inlinable func lastIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var i = range.upperBound
        while i > range.lowerBound {
            i -= 1
            if self[i] == byte { return i }
        }
        return nil
    }

    @inlinable func contains(_ needle: StaticString, in range: Range<Int>, ignoringASCIICase: Bool = false) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n > 0, range.count >= n else { return false }
        let p = needle.utf8Start
        var i = range.lowerBound
        while i + n <= range.upperBound {
            var k = 0
            while k < n && (ignoringASCIICase ? UTF8Class.asciiLower(self[i + k]) == UTF8Class.asciiLower(p[k]) : self[i + k] == p[k]) { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }
}

/// Character classes of Unicode scalars, with fast paths for the scripts of most records.
@usableFromInline package enum UTF8Class {
    /// Whether the scalar that starts at `i` certainly begins a new Character: it is no
    /// combining mark, spacing mark or joiner. Answered from the lead bytes of the scripts most
    /// text is in (Latin, Greek, Cyrillic, Armenian, general punctuation and symbols, CJK,
    /// kana, Hangul); false for the rest, which callers take as "may join".
    @inlinable package static func neverJoinsPrevious(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = b[i]
        switch c {
        case 0x00 ... 0x7F, 0xC2 ... 0xCB, 0xCE ... 0xD1, 0xD3 ... 0xD5, 0xE4 ... 0xE9, 0xEB, 0xEC: return true
        case 0xE2:
            guard i + 2 < b.count else { return false }
            let d = b[i + 1]
            if d == 0x80 { return b[i + 2] != 0x8C && b[i + 2] != 0x8D }  // not ZWNJ, ZWJ
            return d == 0x81 || d == 0x82 || (d >= 0x84 && d <= 0xB2)    // U+20D0... and U+2CEF... hold marks
        case 0xE3:
            guard i + 1 < b.count else { return false }
            return b[i + 1] == 0x81 || b[i + 1] >= 0x83                  // U+302A... and U+3099... are marks
        default: return false
        }
    }

    /// Whether the scalar whose last byte is at `j` certainly ends its Character (it is not one
    /// of the "prepend" characters that join the next one, all of which are Arabic, Syriac,
    /// Malayalam or beyond the Basic Multilingual Plane).
    @inlinable package static func neverJoinsNext(_ b: UnsafeBufferPointer<UInt8>, endingAt j: Int) -> Bool {
        var k = j
        while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
        let c = b[k]
        return c < 0x80 || (c >= 0xC2 && c <= 0xD7) || c == 0xD9 || c == 0xDA || (c >= 0xDD && c <= 0xDF) || (c >= 0xE1 && c <= 0xEF)
    }

    @inlinable @inline(__always) package static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The length of the white space character at `i` (as Character.isWhitespace counts them:
    /// ASCII spaces and line ends, NEL, no-break and the other Unicode spaces), or nil.
    @inlinable package static func whitespaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let c = b[i]
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) ? 1 : nil }
        guard i + 1 < b.count else { return nil }
        let d = b[i + 1]
        if c == 0xC2 { return d == 0x85 || d == 0xA0 ? 2 : nil }
        guard i + 2 < b.count, c == 0xE1 || c == 0xE2 || c == 0xE3 else { return nil }
        let e = b[i + 2]
        switch (c, d) {
        case (0xE1, 0x9A): return e == 0x80 ? 3 : nil                                     // U+1680
        case (0xE2, 0x80): return e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF ? 3 : nil  // U+2000-200A, 2028, 2029, 202F
        case (0xE2, 0x81): return e == 0x9F ? 3 : nil                                     // U+205F
        case (0xE3, 0x80): return e == 0x80 ? 3 : nil                                     // U+3000
        default: return nil
        }
    }
    @inlinable @inline(__always) package static func asciiLower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    @inlinable @inline(__always) package static func isUpper(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        if s >= 0x400 && s < 0x430 { return true }
        if s >= 0x430 && s < 0x460 { return false }
        return Unicode.Scalar(s)?.properties.isUppercase ?? false
    }

    @inlinable @inline(__always) package static func isLower(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x61 && s <= 0x7A }
        if s >= 0x430 && s < 0x460 { return true }
        if s >= 0x400 && s < 0x430 { return false }
        return Unicode.Scalar(s)?.properties.isLowercase ?? false
    }

    @inlinable @inline(__always) package static func isLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
        if s >= 0x400 && s < 0x460 { return true }
        return Unicode.Scalar(s)?.properties.isAlphabetic ?? false
    }
}

/// A value for each byte value, read without a bounds check (a byte is always in range).
@usableFromInline package struct ByteTable: Sendable {
    @usableFromInline package let values: [UInt8]

    @inlinable package init(_ value: (UInt8) -> UInt8) { values = (0 ... 255).map { value(UInt8($0)) } }

    @inlinable @inline(__always)
    package subscript(_ byte: UInt8) -> UInt8 { values.withUnsafeBufferPointer { $0[Int(byte)] } }
}

package extension String {
    /// Calls `body` with the string's UTF-8 bytes without copying the string's storage or
    /// touching its reference count: a large string's bytes in place, a small one's (up to 15
    /// bytes, held in the value itself) from a copy of the value.
    @inlinable @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var small = self
        return try small.withUTF8(body)
    }
}
