// Lowercase.swift: lower-casing UTF-8 bytes in place of String.lowercased(), for match keys.

/// Lower-casing of UTF-8 bytes as String.lowercased() does: ASCII and Cyrillic directly, other
/// text through the standard library.
@usableFromInline package enum Lowercase {
    @inlinable package static func append(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 {
                out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                i += 1
            } else if c == 0xD0 && i + 1 < b.count && b[i + 1] >= 0x80 && b[i + 1] <= 0xBF {
                let d = b[i + 1]
                switch d {
                case 0x90...0x9F: out.append(0xD0); out.append(d + 0x20)  // А-П
                case 0xA0...0xAF: out.append(0xD1); out.append(d - 0x20)  // Р-Я
                case 0x80...0x8F: out.append(0xD1); out.append(d + 0x10)  // Ѐ-Џ
                default: out.append(c); out.append(d)
                }
                i += 2
            } else if c == 0xD1 && i + 1 < b.count {
                out.append(c)
                out.append(b[i + 1])
                i += 2
            } else {
                // Anything else: let the standard library fold the rest.
                out.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: b[i...]), as: UTF8.self).lowercased().utf8)
                return
            }
        }
    }
}
