// FlatBufferBuilder.swift: a minimal FlatBuffers builder (tables, scalars, strings, vectors) for the Arrow metadata.

/// Builds a FlatBuffers buffer back to front, as the format wants (an offset points to a higher
/// address). An object is named by its offset from the end of the buffer, which stays fixed while the
/// buffer grows at the front; children (strings, vectors, tables) are added before the table that
/// refers to them, and one table is built at a time.
package struct FlatBufferBuilder {
    private var storage = [UInt8](repeating: 0, count: 1024)
    /// `storage[head...]` is the buffer built so far; the bytes before it are zeros.
    private var head = 1024
    private var maxAlignment = 4
    private var tableStart = 0
    private var tableFields: [(id: Int, at: Int)] = []

    package init() {}

    /// The number of bytes built, which is also the offset of the last object added.
    private var size: Int { storage.count - head }

    /// Adds zeros at the front so that the size is a multiple of `alignment` once `extra` more bytes are added.
    private mutating func align(_ alignment: Int, after extra: Int = 0) {
        maxAlignment = max(maxAlignment, alignment)
        let padding = (alignment - (size + extra) % alignment) % alignment
        reserve(padding)
        head -= padding
    }

    private mutating func reserve(_ count: Int) {
        guard head < count else { return }
        let added = max(count, storage.count)
        storage.insert(contentsOf: repeatElement(0, count: added), at: 0)
        head += added
    }

    private mutating func prepend<T: FixedWidthInteger>(_ value: T) {
        align(MemoryLayout<T>.size)
        reserve(MemoryLayout<T>.size)
        head -= MemoryLayout<T>.size
        let at = head
        storage.withUnsafeMutableBytes { $0.storeBytes(of: value.littleEndian, toByteOffset: at, as: T.self) }
    }

    /// Adds an offset to the object at `target`.
    private mutating func prependOffset(_ target: Int) {
        align(4)
        prepend(UInt32(size + 4 - target))
    }

    /// Adds a string; returns its offset.
    package mutating func string(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        align(4, after: bytes.count + 1)
        reserve(bytes.count + 1)
        head -= bytes.count + 1
        storage.replaceSubrange(head ..< head + bytes.count, with: bytes)
        prepend(UInt32(bytes.count))
        return size
    }

    /// Adds a vector of offsets to tables or strings; returns its offset.
    package mutating func vector(offsets: [Int]) -> Int {
        align(4, after: 4 * offsets.count)
        for target in offsets.reversed() { prependOffset(target) }
        prepend(UInt32(offsets.count))
        return size
    }

    /// Adds a vector of structs made of `wordsPerStruct` 8-byte words each (Arrow's FieldNode, Buffer
    /// and Block are: a Block's 4-byte metaDataLength and its padding make one word); returns its offset.
    package mutating func vector(structsOf wordsPerStruct: Int, _ words: [Int64]) -> Int {
        align(8, after: 8 * words.count)
        for word in words.reversed() { prepend(word) }
        prepend(UInt32(words.count / wordsPerStruct))
        return size
    }

    /// Starts a table; add its fields with `add`, then call `endTable`.
    package mutating func startTable() {
        tableStart = size
        tableFields = []
    }

    /// Adds scalar field `id` to the table being built.
    package mutating func add<T: FixedWidthInteger>(_ id: Int, _ value: T) {
        prepend(value)
        tableFields.append((id, size))
    }

    /// Adds field `id` of the table being built: an offset to the object at `offset`.
    package mutating func add(_ id: Int, offset: Int) {
        prependOffset(offset)
        tableFields.append((id, size))
    }

    /// Ends the table, writing its vtable before it; returns the table's offset.
    package mutating func endTable() -> Int {
        prepend(Int32(0))
        let table = size
        var entries = [UInt16](repeating: 0, count: (tableFields.map(\.id).max() ?? -1) + 1)
        for field in tableFields { entries[field.id] = UInt16(table - field.at) }
        for entry in entries.reversed() { prepend(entry) }
        prepend(UInt16(table - tableStart))
        prepend(UInt16(4 + 2 * entries.count))
        // The table starts with the signed distance back to its vtable.
        let distance = Int32(size - table), at = storage.count - table
        storage.withUnsafeMutableBytes { $0.storeBytes(of: distance.littleEndian, toByteOffset: at, as: Int32.self) }
        return table
    }

    /// Finishes the buffer with `root` as its root table and returns its bytes.
    package mutating func finish(root: Int) -> [UInt8] {
        align(maxAlignment, after: 4)
        prependOffset(root)
        return Array(storage[head...])
    }
}
