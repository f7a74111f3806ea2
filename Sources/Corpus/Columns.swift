// Columns.swift: the building blocks of the columnar store. Text values live back to back in one
// byte buffer per column; lists are ranges into a child table. Both concatenate cheaply, so
// stores built in parallel (or read from a cache) are joined without re-parsing.
import Foundation

/// What every column and table of columns can do: join another of its kind after it, reserve room
/// for others, and say how many bytes it holds.
public protocol ColumnStorage: Sendable {
    init()
    mutating func append(contentsOf other: Self)
    mutating func reserveCapacity(adding others: [Self])
    var byteSize: Int { get }
    /// Writes the column's arrays as they are in memory (for the corpus cache).
    func write(to writer: inout ColumnWriter)
    /// Reads what `write` wrote; throws on truncated or inconsistent data.
    mutating func read(from reader: inout ColumnReader) throws
    /// Appends rows `rows` of `other` (for a list index: its entries, pointing into this table's
    /// children, which the caller appends alongside).
    mutating func append(rows: Range<Int>, of other: Self)
}

/// One column of a table, reached by key path, so a table lists its columns once.
public struct ColumnRef<Table>: Sendable {
    let append: @Sendable (inout Table, Table) -> Void
    let reserve: @Sendable (inout Table, [Table]) -> Void
    let size: @Sendable (Table) -> Int

    let write: @Sendable (Table, inout ColumnWriter) -> Void
    let read: @Sendable (inout Table, inout ColumnReader) throws -> Void
    let appendRows: @Sendable (inout Table, Table, Range<Int>) -> Void
    /// For a child table's column: the rows of it that rows of the table own, through the list index.
    let childRows: (@Sendable (Table, Range<Int>) -> Range<Int>)?

    /// A column with a row per row of the table, or (with `owner`) the child rows a list index points into.
    public init<C: ColumnStorage>(_ path: WritableKeyPath<Table, C> & Sendable, rowsFrom owner: KeyPath<Table, ListIndex>? = nil) {
        appendRows = { $0[keyPath: path].append(rows: $2, of: $1[keyPath: path]) }
        childRows = owner.map { owner in { table, rows in table[keyPath: owner].childRange(rows) } }
        append = { $0[keyPath: path].append(contentsOf: $1[keyPath: path]) }
        reserve = { table, others in table[keyPath: path].reserveCapacity(adding: others.map { $0[keyPath: path] }) }
        size = { $0[keyPath: path].byteSize }
        write = { table, writer in table[keyPath: path].write(to: &writer) }
        read = { table, reader in try table[keyPath: path].read(from: &reader) }
    }
}

/// A table whose columns are listed once, in `columns`.
public protocol ColumnTable: ColumnStorage {
    static var columns: [ColumnRef<Self>] { get }
}

extension ColumnTable {
    public mutating func append(contentsOf other: Self) {
        for c in Self.columns { c.append(&self, other) }
    }

    public mutating func reserveCapacity(adding others: [Self]) {
        for c in Self.columns { c.reserve(&self, others) }
    }

    public var byteSize: Int { Self.columns.reduce(0) { $0 + $1.size(self) } }

    public func write(to writer: inout ColumnWriter) {
        for c in Self.columns { c.write(self, &writer) }
    }

    public mutating func read(from reader: inout ColumnReader) throws {
        for c in Self.columns { try c.read(&self, &reader) }
    }

    public mutating func append(rows: Range<Int>, of other: Self) {
        for c in Self.columns { c.appendRows(&self, other, c.childRows?(other, rows) ?? rows) }
    }
}

/// Writes arrays of plain values (a count, then the values' bytes) to a file in blocks of
/// `blockSize` bytes, folding a hash of each block into a checksum as it goes, so a large store
/// is written without a copy of it in memory.
public struct ColumnWriter {
    public static let blockSize = 1 << 20
    private let descriptor: Int32
    private var block: [UInt8] = []
    private var checksum: UInt64 = 0
    public private(set) var failed = false

    /// A writer to an open file descriptor (not closed by the writer).
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        block.reserveCapacity(Self.blockSize)
    }

    public mutating func write<T: BitwiseCopyable>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { append($0) }
    }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    public mutating func write(bytes more: [UInt8]) { more.withUnsafeBytes { append($0) } }

    private mutating func append(_ raw: UnsafeRawBufferPointer) {
        var rest = raw
        while !rest.isEmpty {
            let n = min(rest.count, Self.blockSize - block.count)
            block.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[0 ..< n]))
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if block.count == Self.blockSize { flush() }
        }
    }

    private mutating func flush() {
        guard !block.isEmpty else { return }
        checksum = ColumnWriter.fold(checksum, block.withUnsafeBytes { ContentHash.of($0) })
        block.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count && !failed {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { failed = true } else { offset += n }
            }
        }
        block.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and the checksum of everything written; false if a write failed.
    public mutating func finish() -> Bool {
        flush()
        var sum = checksum.littleEndian
        if !failed, Foundation.write(descriptor, &sum, 8) != 8 { failed = true }
        return !failed
    }

    /// The checksum of `bytes` as a writer computes it: block hashes folded in order.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var sum: UInt64 = 0
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + blockSize)
            sum = fold(sum, ContentHash.of(UnsafeRawBufferPointer(rebasing: bytes[offset ..< end])))
            offset = end
        }
        return sum
    }

    static func fold(_ sum: UInt64, _ block: UInt64) -> UInt64 {
        (sum ^ block) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
    }
}

public struct ColumnReadError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads what a ColumnWriter wrote, checking every length against the bytes left.
public struct ColumnReader {
    private let bytes: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw ColumnReadError(message: "truncated at byte \(offset)") }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + 8])) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    public mutating func read<T: BitwiseCopyable>(_: T.Type = T.self) throws -> [T] {
        let count = try readUInt64()
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(remaining / max(size, 1)) else { throw ColumnReadError(message: "an array of \(count) values does not fit at byte \(offset)") }
        let n = Int(count)
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + n * size]))
            initialized = n
        }
        offset += n * size
        return values
    }
}

/// Appends `source[rows]` to `target`, each value plus `shift` (modulo 2^32, so a negative shift
/// works too), in one pass over raw buffers.
@inline(__always)
private func appendShifted(_ target: inout [UInt32], _ source: [UInt32], _ rows: Range<Int>, by shift: UInt32) {
    let old = target.count
    target.append(contentsOf: source[rows])
    target.withUnsafeMutableBufferPointer { buffer in
        for i in old ..< buffer.count { buffer[i] &+= shift }
    }
}

/// Checks that offsets into a buffer of `limit` values never decrease and stay inside it.
private func checkEnds(_ ends: [UInt32], limit: Int, _ what: String) throws {
    var previous: UInt32 = 0
    for e in ends {
        guard e >= previous, Int(e) <= limit else { throw ColumnReadError(message: "\(what): offset \(e) is out of order or past \(limit)") }
        previous = e
    }
}

/// A column of UTF-8 strings stored contiguously. The empty string stands for "absent".
public struct TextColumn: ColumnStorage {
    public private(set) var bytes: [UInt8] = []
    /// ends[i] is the end offset of value i in `bytes`.
    public private(set) var ends: [UInt32] = []

    public init() {}

    public var count: Int { ends.count }

    public mutating func append(_ value: String?) {
        if var value, !value.isEmpty {
            value.withUTF8 { bytes.append(contentsOf: $0) }
        }
        ends.append(UInt32(bytes.count))
    }

    public mutating func append(bytes value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(UInt32(bytes.count))
    }

    public func write(to writer: inout ColumnWriter) {
        writer.write(bytes)
        writer.write(ends)
    }

    public mutating func read(from reader: inout ColumnReader) throws {
        bytes = try reader.read()
        ends = try reader.read()
        try checkEnds(ends, limit: bytes.count, "text column")
    }

    public mutating func append(rows: Range<Int>, of other: TextColumn) {
        guard !rows.isEmpty else { return }
        let start = rows.lowerBound == 0 ? 0 : Int(other.ends[rows.lowerBound - 1])
        let end = Int(other.ends[rows.upperBound - 1])
        let shift = UInt32(truncatingIfNeeded: Int64(bytes.count) - Int64(start))
        bytes.append(contentsOf: other.bytes[start ..< end])
        appendShifted(&ends, other.ends, rows, by: shift)
    }

    public mutating func append(contentsOf other: TextColumn) {
        let shift = UInt32(bytes.count)
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + shift })
    }

    @inline(__always)
    public func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1])) ..< Int(ends[i])
    }

    public func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// Calls `body` with the bytes of value `i`, without copying.
    @inline(__always)
    public func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(i)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    public func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value, or nil when it is empty (absent).
    public func optional(_ i: Int) -> String? {
        isEmpty(i) ? nil : string(i)
    }

    public mutating func reserve(values: Int, bytes byteCount: Int) {
        ends.reserveCapacity(values)
        bytes.reserveCapacity(byteCount)
    }

    /// Reserves room for this column's values plus those of `others`.
    public mutating func reserveCapacity(adding others: [TextColumn]) {
        reserve(values: count + others.reduce(0) { $0 + $1.count }, bytes: bytes.count + others.reduce(0) { $0 + $1.bytes.count })
    }
}

/// For each parent row, the range of its children in a child table.
public struct ListIndex: ColumnStorage {
    public private(set) var ends: [UInt32] = []

    public init() {}

    public var count: Int { ends.count }

    /// Closes the current parent's list at `childCount` children in all.
    public mutating func close(at childCount: Int) { ends.append(UInt32(childCount)) }

    public func write(to writer: inout ColumnWriter) { writer.write(ends) }

    /// The child rows that rows `rows` own.
    public func childRange(_ rows: Range<Int>) -> Range<Int> {
        guard !rows.isEmpty else { return 0 ..< 0 }
        return (rows.lowerBound == 0 ? 0 : Int(ends[rows.lowerBound - 1])) ..< Int(ends[rows.upperBound - 1])
    }

    public mutating func append(rows: Range<Int>, of other: ListIndex) {
        guard !rows.isEmpty else { return }
        let shift = UInt32(truncatingIfNeeded: Int64(ends.last ?? 0) - Int64(other.childRange(rows).lowerBound))
        appendShifted(&ends, other.ends, rows, by: shift)
    }

    public mutating func read(from reader: inout ColumnReader) throws {
        ends = try reader.read()
        try checkEnds(ends, limit: Int(UInt32.max), "list index")
    }

    @inline(__always)
    public func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1])) ..< Int(ends[i])
    }

    public mutating func reserveCapacity(adding others: [ListIndex]) {
        ends.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }

    public mutating func append(contentsOf other: ListIndex) {
        let shift = ends.last ?? 0
        ends.append(contentsOf: other.ends.lazy.map { $0 + shift })
    }
}

/// Optional integers stored without boxing; `Int32.min` stands for absent.
public struct IntColumn: ColumnStorage {
    public static let absent = Int32.min
    public private(set) var values: [Int32] = []

    public init() {}

    public var count: Int { values.count }
    public mutating func append(_ value: Int?) {
        values.append(value.map { Int32(clamping: $0) } ?? IntColumn.absent)
    }
    public mutating func append(contentsOf other: IntColumn) { values.append(contentsOf: other.values) }
    public func write(to writer: inout ColumnWriter) { writer.write(values) }
    public mutating func read(from reader: inout ColumnReader) throws { values = try reader.read() }
    public mutating func append(rows: Range<Int>, of other: Self) { values.append(contentsOf: other.values[rows]) }
    public mutating func reserveCapacity(adding others: [IntColumn]) {
        values.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }
    @inline(__always)
    public subscript(i: Int) -> Int? {
        get {
            let v = values[i]
            return v == IntColumn.absent ? nil : Int(v)
        }
        set { values[i] = newValue.map { Int32(clamping: $0) } ?? IntColumn.absent }
    }
}

// MARK: memory accounting

extension TextColumn {
    /// Bytes held (text plus offsets).
    public var byteSize: Int { bytes.count + ends.count * 4 }
}

extension ListIndex {
    public var byteSize: Int { ends.count * 4 }
}

extension IntColumn {
    public var byteSize: Int { values.count * 4 }
}

/// Booleans, one a row.
public struct BoolColumn: ColumnStorage {
    public private(set) var values: [Bool] = []

    public init() {}

    public var count: Int { values.count }
    public mutating func append(_ value: Bool) { values.append(value) }
    public mutating func append(contentsOf other: BoolColumn) { values.append(contentsOf: other.values) }
    public func write(to writer: inout ColumnWriter) { writer.write(values.map { $0 ? UInt8(1) : 0 }) }
    public mutating func read(from reader: inout ColumnReader) throws { values = try reader.read(UInt8.self).map { $0 != 0 } }
    public mutating func append(rows: Range<Int>, of other: BoolColumn) { values.append(contentsOf: other.values[rows]) }
    public mutating func reserveCapacity(adding others: [BoolColumn]) {
        values.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }
    public var byteSize: Int { values.count }
    @inline(__always) public subscript(i: Int) -> Bool { values[i] }
}

/// Unsigned 32-bit values, one a row (offsets and lengths).
public struct UInt32Column: ColumnStorage {
    public private(set) var values: [UInt32] = []

    public init() {}

    public var count: Int { values.count }
    public mutating func append(_ value: UInt32) { values.append(value) }
    public mutating func append(contentsOf other: UInt32Column) { values.append(contentsOf: other.values) }
    public func write(to writer: inout ColumnWriter) { writer.write(values) }
    public mutating func read(from reader: inout ColumnReader) throws { values = try reader.read() }
    public mutating func append(rows: Range<Int>, of other: Self) { values.append(contentsOf: other.values[rows]) }
    public mutating func reserveCapacity(adding others: [UInt32Column]) {
        values.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }
    public var byteSize: Int { values.count * 4 }
    @inline(__always) public subscript(i: Int) -> UInt32 { values[i] }
}
