// ArrowLayout.swift: the buffers the Arrow columnar format gives each type, and the sizes they need.

extension ArrowType {
    /// The names of the type's buffers, in the order of the format (the validity bitmap first).
    var bufferNames: [String] {
        switch self {
        case .structure: ["validity"]
        case .list: ["validity", "offsets"]
        case .utf8, .binary, .largeUtf8: ["validity", "offsets", "data"]
        default: ["validity", "values"]
        }
    }

    /// The byte width of a value of a fixed-width type; nil for bool, variable-width and nested types.
    var byteWidth: Int? {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32: 4
        case .int64, .uint64, .float64: 8
        default: nil
        }
    }

    /// The fields of the child arrays: the list's item, the struct's fields, none for other types.
    var childFields: [ArrowField] {
        switch self {
        case .list(let item): [item]
        case .structure(let fields): fields
        default: []
        }
    }

    /// Whether buffer 1 holds offsets (utf8, binary, list: 32-bit; large utf8: 64-bit).
    var hasOffsets: Bool {
        switch self {
        case .utf8, .binary, .list, .largeUtf8: true
        default: false
        }
    }

    /// The byte width of an offset.
    var offsetWidth: Int { self == .largeUtf8 ? 8 : 4 }

    /// The alignment buffer `index` needs to be viewed as typed values (values or offsets).
    func alignment(ofBuffer index: Int) -> Int {
        guard index == 1, self != .bool else { return 1 }
        return byteWidth ?? offsetWidth
    }

    /// What is wrong with buffer `index` of `byteCount` bytes for an array of `length` values with
    /// `nullCount` nulls, or nil when it is large enough. Compares by division, so no length overflows.
    func bufferProblem(_ index: Int, byteCount: Int, length: Int, nullCount: Int) -> String? {
        let bitmapBytes = length / 8 + (length % 8 == 0 ? 0 : 1)
        let enough = switch (index, self) {
        case (0, _): nullCount == 0 || byteCount >= bitmapBytes
        case (1, .bool): byteCount >= bitmapBytes
        case (1, _) where hasOffsets: length == 0 || byteCount / offsetWidth > length
        case (2, _): true
        default: byteCount / (byteWidth ?? 1) >= length
        }
        return enough ? nil : "the \(bufferNames[index]) buffer (\(byteCount) bytes) is too small for \(length) values"
    }
}
