// ArrowArrayData.swift: the arrays a caller hands the writer, as buffers of caller-owned memory.

/// One buffer of an array to write, given as pieces written one after another (so a leading zero
/// offset can precede the caller's own offsets without a copy). No pieces, or a total length of 0,
/// is an absent buffer.
package struct ArrowBuffer {
    package var pieces: [UnsafeRawBufferPointer]

    package init(_ pieces: [UnsafeRawBufferPointer]) { self.pieces = pieces }

    /// An absent buffer (e.g. the validity bitmap of an array without nulls).
    package static var absent: ArrowBuffer { ArrowBuffer([]) }

    /// The total length of the pieces.
    package var byteCount: Int { pieces.reduce(0) { $0 + $1.count } }
}

/// An array to write. `buffers` are in the order the format gives for its type: the validity bitmap
/// first for every type; then the values (fixed width; a bitmap for bool), or offsets and data
/// (utf8, binary), or offsets (list); nothing more for struct. `children`: the list's item array,
/// or one array per struct field.
package struct ArrowArrayData {
    package var length: Int
    package var nullCount: Int
    package var buffers: [ArrowBuffer]
    package var children: [ArrowArrayData]

    package init(length: Int, nullCount: Int = 0, buffers: [ArrowBuffer], children: [ArrowArrayData] = []) {
        self.length = length
        self.nullCount = nullCount
        self.buffers = buffers
        self.children = children
    }
}
