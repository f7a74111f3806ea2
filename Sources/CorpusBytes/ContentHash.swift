// ContentHash.swift: the one fast hash of bytes the corpus layers use (cache keys, checksums).

/// A fast 64-bit hash of bytes (for cache keys and checksums, not security): four independent
/// lanes of eight bytes, so the multiplications overlap, then the tail.
package enum ContentHash {
    package static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    package static func of(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let m: UInt64 = 0xFF51_AFD7_ED55_8CCD
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), b = a &+ 1, c = a &+ 2, d = a &+ 3
        var i = 0
        while i + 32 <= raw.count {
            a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* m; a ^= a >> 29
            b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* m; b ^= b >> 29
            c = (c ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* m; c ^= c >> 29
            d = (d ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* m; d ^= d >> 29
            i += 32
        }
        var h = a ^ (b &* 31) ^ (c &* 961) ^ (d &* 29791)
        while i < raw.count {
            h = (h ^ UInt64(raw[i])) &* 0x100_0000_01B3
            i += 1
        }
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
