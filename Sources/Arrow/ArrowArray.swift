// ArrowArray.swift: the record batches and arrays read from a file, with typed views of their buffers.

/// A record batch read from a file: `length` rows, one array per field of the schema.
package struct ArrowBatch {
    package let length: Int
    package let columns: [ArrowArray]
}

/// An array read from a file; its buffers point into the file's mapping. `buffers` are in the order
/// the format gives for the type (as for writing); an absent buffer, and the validity bitmap of an
/// array without nulls, is empty. The reader checked that every buffer is large enough for `length`
/// values, not that the offsets are in order: see `checkOffsets`.
package struct ArrowArray {
    package let type: ArrowType
    package let length: Int
    package let nullCount: Int
    package let buffers: [UnsafeRawBufferPointer]
    package let children: [ArrowArray]

    /// Whether value `i` is present (not null).
    package func isValid(_ i: Int) -> Bool { nullCount == 0 || bit(0, i) }

    /// Value `i` of a bool array.
    package func bool(_ i: Int) -> Bool {
        precondition(type == .bool, "bool(_:) of an array of \(type)")
        return bit(1, i)
    }

    private func bit(_ buffer: Int, _ i: Int) -> Bool {
        precondition(i >= 0 && i < length, "index \(i) out of 0..<\(length)")
        return buffers[buffer][i >> 3] & (1 << (i & 7)) != 0
    }

    /// The values of a fixed-width array, viewed as `T` (no copy); `T` must have the type's width.
    package func values<T>(as: T.Type) -> UnsafeBufferPointer<T> {
        precondition(type.byteWidth == MemoryLayout<T>.stride, "values(as: \(T.self)) of an array of \(type)")
        return UnsafeBufferPointer(rebasing: buffers[1].bindMemory(to: T.self)[..<length])
    }

    /// The offsets of a utf8, binary or list array: `length + 1` of them (none for an empty array
    /// without an offsets buffer).
    package var offsets: UnsafeBufferPointer<Int32> {
        precondition(type.hasOffsets && type.offsetWidth == 4, "32-bit offsets of an array of \(type)")
        let count = length > 0 || buffers[1].count >= 4 ? length + 1 : 0
        return UnsafeBufferPointer(rebasing: buffers[1].bindMemory(to: Int32.self)[..<count])
    }

    /// The offsets of a large utf8 array: `length + 1` of them (none for an empty array without
    /// an offsets buffer).
    package var largeOffsets: UnsafeBufferPointer<Int64> {
        precondition(type == .largeUtf8, "64-bit offsets of an array of \(type)")
        let count = length > 0 || buffers[1].count >= 8 ? length + 1 : 0
        return UnsafeBufferPointer(rebasing: buffers[1].bindMemory(to: Int64.self)[..<count])
    }

    /// The offsets, whatever their width.
    private func offset(_ i: Int) -> Int { type == .largeUtf8 ? Int(largeOffsets[i]) : Int(offsets[i]) }
    private var offsetCount: Int { type == .largeUtf8 ? largeOffsets.count : offsets.count }

    /// The bytes of value `i` of a utf8 or binary array (whose offsets `checkOffsets` accepted).
    package func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        precondition(i >= 0 && i < length, "index \(i) out of 0..<\(length)")
        let start = offset(i), end = offset(i + 1)
        precondition(start >= 0 && start <= end && end <= buffers[2].count, "offsets of value \(i) out of order")
        return UnsafeRawBufferPointer(rebasing: buffers[2][start ..< end])
    }

    /// Value `i` of a utf8 array (invalid UTF-8 repaired).
    package func string(_ i: Int) -> String { String(decoding: bytes(i), as: UTF8.self) }

    /// Checks the offsets of a utf8, binary or list array: the first is not negative, none is less than
    /// the one before, and the last is at most the data's byte count (utf8, binary) or the child's
    /// length (list). Does nothing for other types.
    package func checkOffsets() throws {
        let (limit, unit): (Int, String)
        switch type {
        case .utf8, .binary, .largeUtf8: (limit, unit) = (buffers[2].count, "bytes of data")
        case .list: (limit, unit) = (children[0].length, "child values")
        default: return
        }
        let count = offsetCount
        guard count > 0 else { return }
        var previous = offset(0)
        guard previous >= 0 else { throw ArrowError("offset 0 is negative (\(previous))") }
        for i in 1 ..< count {
            let next = offset(i)
            guard next >= previous else {
                throw ArrowError("offset \(i) (\(next)) is less than offset \(i - 1) (\(previous))")
            }
            previous = next
        }
        guard previous <= limit else {
            throw ArrowError("the last offset (\(previous)) is past the end of the \(limit) \(unit)")
        }
    }
}
