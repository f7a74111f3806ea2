// TextDecoding.swift: checks a file's bytes before they are read as text: the UTF-8 byte order
// mark, invalid UTF-8 sequences and their byte offsets (the loader then decodes the text with
// replacement characters, never dropping it), and the NUL byte that marks a binary file.

package enum TextDecoding {
    /// The offset of a NUL byte in the first 8 KB, which marks a binary file.
    package static func binaryMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.firstIndex(of: 0, in: 0 ..< min(bytes.count, 8192))
    }

    /// Length of a UTF-8 byte order mark at the start (3 or 0).
    package static func byteOrderMarkLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
    }

    /// Offsets (plus `base`) of invalid UTF-8 sequences (the first five) and their number.
    package static func invalidSequences(_ b: UnsafeBufferPointer<UInt8>, base: Int = 0) -> ([Int], Int) {
        guard b.count > 0 else { return ([], 0) }
        var offsets: [Int] = []
        var count = 0
        var i = 0
        let end = b.count
        func continuation(_ j: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            j < end && range.contains(b[j])
        }
        let base8 = b.baseAddress!
        let high: UInt64 = 0x8080_8080_8080_8080
        while i < end {
            // ASCII 32 bytes at a time (four words tested at once), then eight.
            while i + 32 <= end {
                let p = UnsafeRawPointer(base8 + i)
                let words = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                guard words & high == 0 else { break }
                i += 32
            }
            if i == end { break }
            if i + 8 <= end {
                let word = UnsafeRawPointer(base8 + i).loadUnaligned(as: UInt64.self)
                if word & high == 0 { i += 8; continue }
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var length = 0
            switch c {
            case 0xC2...0xDF: length = continuation(i + 1) ? 2 : 0
            case 0xE0: length = continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : 0
            case 0xE1...0xEC, 0xEE...0xEF: length = continuation(i + 1) && continuation(i + 2) ? 3 : 0
            case 0xED: length = continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : 0
            case 0xF0: length = continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF1...0xF3: length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            case 0xF4: length = continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
            default: length = 0
            }
            if length == 0 {
                count += 1
                if offsets.count < 5 { offsets.append(base + i) }
                i += 1
            } else {
                i += length
            }
        }
        return (offsets, count)
    }
}
