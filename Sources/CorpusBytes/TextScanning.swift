// TextScanning.swift: the string operations the readers use most, done on the UTF-8 bytes
// without Foundation (whose String methods are slow on Linux): splitting at a separator,
// trimming ASCII characters, and finding a substring in a string or in bytes (with memchr and memcmp).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package extension String {
    /// Without leading and trailing white space (ASCII white space and the no-break space).
    var trimmingSpaces: String {
        var copy = self
        return copy.withUTF8 { b in
            let r = b.trimmedSpaces(0 ..< b.count)
            return r == 0 ..< b.count ? self : b.string(r)
        }
    }

    /// The parts between occurrences of `separator` (empty parts kept).
    @inlinable func split(on separator: String) -> [String] {
        let text = Array(utf8)
        let sep = Array(separator.utf8)
        guard !sep.isEmpty, text.count >= sep.count else { return [self] }
        var parts: [String] = []
        var start = 0
        var i = 0
        let first = sep[0]
        while i <= text.count - sep.count {
            if text[i] == first && (sep.count == 1 || text[i ..< i + sep.count].elementsEqual(sep)) {
                parts.append(String(decoding: text[start ..< i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: text[start...], as: UTF8.self))
        return parts
    }

    /// The text without leading and trailing characters from `set` (ASCII characters only).
    @inlinable func trimming(_ set: StaticString) -> String {
        var copy = self
        return copy.withUTF8 { b in
            let r = b.trimmed(0 ..< b.count, set)
            return r == 0 ..< b.count ? self : b.string(r)
        }
    }

    /// The first occurrence of `needle`, found byte by byte.
    @inlinable func firstRange(of needle: String) -> Range<String.Index>? {
        let u = utf8
        // Native strings are contiguous: search their bytes with the C library's memmem.
        let found: Int?? = u.withContiguousStorageIfAvailable { hay -> Int? in
            var n = needle
            return n.withUTF8 { hay.firstOffset(of: $0) }
        }
        if let found {
            guard let offset = found else { return nil }
            let start = u.index(u.startIndex, offsetBy: offset)
            return start ..< u.index(start, offsetBy: needle.utf8.count)
        }
        let n = Array(needle.utf8)
        guard let first = n.first else { return nil }
        var i = u.startIndex
        while let hit = u[i...].firstIndex(of: first) {
            var j = u.index(after: hit)
            var k = 1
            while k < n.count, j < u.endIndex, u[j] == n[k] { j = u.index(after: j); k += 1 }
            if k == n.count { return hit ..< j }
            i = u.index(after: hit)
        }
        return nil
    }
}

package extension UnsafeBufferPointer where Element == UInt8 {
    /// The offset of the first occurrence of `needle` (nil when it is empty or absent): memchr
    /// finds each candidate first byte, memcmp checks the rest.
    @inlinable func firstOffset(of needle: StaticString) -> Int? {
        firstOffset(of: UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    @inlinable func firstOffset(of needle: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let h = baseAddress, let p = needle.baseAddress, !needle.isEmpty, count >= needle.count else { return nil }
        // memchr looks for the needle's first byte that is not a space (" Accessed", " //"):
        // spaces are everywhere in text, and each false hit costs a comparison.
        var anchor = 0
        while anchor < needle.count - 1 && p[anchor] == 0x20 { anchor += 1 }
        var at = 0
        let last = count - needle.count
        while at <= last, let hit = memchr(h + at + anchor, Int32(p[anchor]), last - at + 1) {
            let offset = h.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - anchor
            if memcmp(h + offset, p, needle.count) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }
}

/// The items of a ";"-separated list ("annealing; thin films"), trimmed, empty ones dropped.
@inlinable package func semicolonList(_ text: String?) -> [String] {
    listItems(text) { $0 == UInt8(ascii: ";") }
}

/// The items of a list separated by the bytes `isSeparator` accepts, trimmed, empty ones dropped.
/// The text is split on its bytes: separators are ASCII, so they never fall inside another
/// character's bytes.
@inlinable package func listItems(_ text: String?, separatedBy isSeparator: (UInt8) -> Bool) -> [String] {
    guard var text else { return [] }
    return text.withUTF8 { b in
        var items: [String] = []
        var start = 0
        for i in 0 ... b.count where i == b.count || isSeparator(b[i]) {
            let item = b.trimmedSpaces(start ..< i)
            if !item.isEmpty { items.append(b.string(item)) }
            start = i + 1
        }
        return items
    }
}
