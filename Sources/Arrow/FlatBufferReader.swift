// FlatBufferReader.swift: a verifying FlatBuffers reader: every access is bounds-checked and throws on malformed input.

/// The bytes of one FlatBuffers buffer and where they come from (for error messages).
package struct FlatBuffer {
    package let bytes: UnsafeRawBufferPointer
    package let context: String

    package init(bytes: UnsafeRawBufferPointer, context: String) {
        self.bytes = bytes
        self.context = context
    }

    package func error(_ what: String) -> ArrowError { ArrowError("\(context): malformed flatbuffer: \(what)") }

    /// The little-endian `T` at `position`.
    package func load<T: FixedWidthInteger>(_ position: Int, as: T.Type = T.self) throws -> T {
        guard position >= 0, position <= bytes.count - MemoryLayout<T>.size else {
            throw error("a \(MemoryLayout<T>.size)-byte value at \(position) lies outside its \(bytes.count) bytes")
        }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    /// The position the unsigned offset stored at `position` points to.
    func target(_ position: Int) throws -> Int { position + Int(try load(position, as: UInt32.self)) }

    /// The root table.
    package func root() throws -> FlatTable { try FlatTable(self, at: target(0)) }
}

/// A table whose vtable was checked to lie inside the buffer.
package struct FlatTable {
    package let buffer: FlatBuffer
    private let position: Int, vtable: Int, vtableSize: Int

    init(_ buffer: FlatBuffer, at position: Int) throws {
        let vtable = position - Int(try buffer.load(position, as: Int32.self))
        let vtableSize = Int(try buffer.load(vtable, as: UInt16.self))
        guard vtableSize >= 4, vtableSize % 2 == 0, vtableSize <= buffer.bytes.count - vtable else {
            throw buffer.error("the vtable of the table at \(position) (\(vtableSize) bytes at \(vtable)) is invalid")
        }
        (self.buffer, self.position, self.vtable, self.vtableSize) = (buffer, position, vtable, vtableSize)
    }

    /// The position of field `id`, or nil when the table does not have it.
    private func field(_ id: Int) throws -> Int? {
        let entry = 4 + 2 * id
        guard entry < vtableSize else { return nil }
        let offset = Int(try buffer.load(vtable + entry, as: UInt16.self))
        return offset == 0 ? nil : position + offset
    }

    /// Scalar field `id`, or `value` when absent.
    package func scalar<T: FixedWidthInteger>(_ id: Int, default value: T) throws -> T {
        guard let at = try field(id) else { return value }
        return try buffer.load(at)
    }

    /// Table field `id`, or nil when absent.
    package func table(_ id: Int) throws -> FlatTable? {
        guard let at = try field(id) else { return nil }
        return try FlatTable(buffer, at: buffer.target(at))
    }

    /// Vector field `id` of `elementSize`-byte elements (4 for tables and strings), or nil when absent.
    package func vector(_ id: Int, elementSize: Int) throws -> FlatVector? {
        guard let at = try field(id) else { return nil }
        let start = try buffer.target(at)
        let count = Int(try buffer.load(start, as: UInt32.self))
        guard count <= (buffer.bytes.count - start - 4) / elementSize else {
            throw buffer.error("the vector of \(count) \(elementSize)-byte elements at \(start) runs past the end")
        }
        return FlatVector(buffer: buffer, start: start + 4, count: count, elementSize: elementSize)
    }

    /// String field `id` (invalid UTF-8 repaired), or nil when absent.
    package func string(_ id: Int) throws -> String? {
        guard let text = try vector(id, elementSize: 1) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer.bytes[text.start ..< text.start + text.count]), as: UTF8.self)
    }
}

/// A vector whose elements were checked to lie inside the buffer.
package struct FlatVector {
    let buffer: FlatBuffer
    let start: Int
    package let count: Int
    let elementSize: Int

    /// Element `i` of a vector of tables.
    package func table(_ i: Int) throws -> FlatTable { try FlatTable(buffer, at: buffer.target(start + 4 * i)) }

    /// The `T` at `byteOffset` in element `i` of a vector of structs.
    package func load<T: FixedWidthInteger>(_ i: Int, at byteOffset: Int, as: T.Type) throws -> T {
        precondition(i >= 0 && i < count && byteOffset + MemoryLayout<T>.size <= elementSize)
        return try buffer.load(start + i * elementSize + byteOffset)
    }
}
