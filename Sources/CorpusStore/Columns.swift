// Columns.swift: the building blocks of the columnar store. Text values live back to back in one
// byte buffer per column; lists are ranges into a child table. Both concatenate cheaply, so
// stores built in parallel (or read from a cache) are joined without re-parsing.
import CorpusModel
import CorpusBytes
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What every column and table of columns can do: join another of its kind after it, reserve room
/// for more like another, and say how many bytes it holds.
package protocol ColumnStorage: Sendable {
    init()
    mutating func append(contentsOf other: Self)
    /// Reserves room for `times` more parts the size of each of `others` (a corpus made of one
    /// chunk's store and room for as many more, or of a pack's and a few chunks' stores).
    mutating func reserveCapacity(adding others: [Self], times: Int)
    var byteSize: Int { get }
    /// How many rows it holds.
    var count: Int { get }
    /// Whether its parts agree: each column of a table has a row per row of the table, and each
    /// list stays inside the child table it points into (what a pack read from disk must pass).
    var isConsistent: Bool { get }
    /// Writes the column's arrays as they are in memory (for the corpus cache).
    func write(to writer: inout ColumnWriter)
    /// Reads what `write` wrote; throws on truncated or inconsistent data.
    mutating func read(from reader: inout ColumnReader) throws
    /// Appends rows `rows` of `other` (for a list index: its entries, pointing into this table's
    /// children, which the caller appends alongside).
    mutating func append(rows: Range<Int>, of other: Self)
    /// Empties the column, keeping its buffers for the next values.
    mutating func removeAllKeepingCapacity()
}

package extension ColumnStorage {
    /// A plain column's values are checked as they are read (`ColumnReader`).
    var isConsistent: Bool { true }
}

/// One column of a table, reached by key path, so a table lists its columns once.
package struct ColumnRef<Table>: Sendable {
    package let append: @Sendable (inout Table, Table) -> Void
    package let reserve: @Sendable (inout Table, [Table], Int) -> Void
    package let size: @Sendable (Table) -> Int

    package let write: @Sendable (Table, inout ColumnWriter) -> Void
    package let read: @Sendable (inout Table, inout ColumnReader) throws -> Void
    package let appendRows: @Sendable (inout Table, Table, Range<Int>) -> Void
    package let empty: @Sendable (inout Table) -> Void
    /// For a child table's column: the rows of it that rows of the table own, through the list index.
    package let childRows: (@Sendable (Table, Range<Int>) -> Range<Int>)?
    /// Whether the column is consistent in itself and has as many rows as `rows` (the table's
    /// rows, or for a child the rows its list index points into, which it may exceed).
    package let fits: @Sendable (Table, _ rows: Int) -> Bool
    /// The rows the column must have: the table's, or for a child the end of its list index.
    package let expectedRows: @Sendable (Table, _ tableRows: Int) -> Int

    /// A column with a row per row of the table, or (with `owner`) the child rows a list index points into.
    package init<C: ColumnStorage>(_ path: WritableKeyPath<Table, C> & Sendable, rowsFrom owner: KeyPath<Table, ListIndex>? = nil) {
        appendRows = { $0[keyPath: path].append(rows: $2, of: $1[keyPath: path]) }
        empty = { $0[keyPath: path].removeAllKeepingCapacity() }
        childRows = owner.map { owner in { table, rows in table[keyPath: owner].childRange(rows) } }
        let isChild = owner != nil
        fits = { table, rows in
            let column = table[keyPath: path]
            return column.isConsistent && (isChild ? column.count >= rows : column.count == rows)
        }
        expectedRows = { table, tableRows in owner.map { Int(table[keyPath: $0].ends.last ?? 0) } ?? tableRows }
        append = { $0[keyPath: path].append(contentsOf: $1[keyPath: path]) }
        reserve = { table, others, times in table[keyPath: path].reserveCapacity(adding: others.map { $0[keyPath: path] }, times: times) }
        size = { $0[keyPath: path].byteSize }
        write = { table, writer in table[keyPath: path].write(to: &writer) }
        read = { table, reader in try table[keyPath: path].read(from: &reader) }
    }
}

/// A table whose columns are listed once, in `columns`.
package protocol ColumnTable: ColumnStorage {
    static var columns: [ColumnRef<Self>] { get }
}

package extension ColumnTable {
    mutating func append(contentsOf other: Self) {
        for c in Self.columns { c.append(&self, other) }
    }

    mutating func reserveCapacity(adding others: [Self], times: Int = 1) {
        for c in Self.columns { c.reserve(&self, others, times) }
    }

    var byteSize: Int { Self.columns.reduce(0) { $0 + $1.size(self) } }

    var isConsistent: Bool {
        let rows = count
        return Self.columns.allSatisfy { $0.fits(self, $0.expectedRows(self, rows)) }
    }

    func write(to writer: inout ColumnWriter) {
        for c in Self.columns { c.write(self, &writer) }
    }

    mutating func read(from reader: inout ColumnReader) throws {
        for c in Self.columns { try c.read(&self, &reader) }
    }

    mutating func append(rows: Range<Int>, of other: Self) {
        for c in Self.columns { c.appendRows(&self, other, c.childRows?(other, rows) ?? rows) }
    }

    mutating func removeAllKeepingCapacity() {
        for c in Self.columns { c.empty(&self) }
    }
}

/// Writes arrays of plain values (a count, then the values' bytes) to a file in blocks of
/// `blockSize` bytes, folding a hash of each block into a checksum as it goes, so a large store
/// is written without a copy of it in memory.
package struct ColumnWriter {
    package static let blockSize = 1 << 20
    private let descriptor: Int32
    private var block: [UInt8] = []
    private var checksum: UInt64 = 0
    package private(set) var failed = false

    /// A writer to an open file descriptor (not closed by the writer).
    package init(descriptor: Int32) {
        self.descriptor = descriptor
        block.reserveCapacity(Self.blockSize)
    }

    package mutating func write<T: BitwiseCopyable>(_ values: [T]) {
        write(UInt64(values.count))
        values.withUnsafeBytes { append($0) }
    }

    package mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    package mutating func write(bytes more: [UInt8]) { more.withUnsafeBytes { append($0) } }

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
    package mutating func finish() -> Bool {
        flush()
        var sum = checksum.littleEndian
        if !failed, Foundation.write(descriptor, &sum, 8) != 8 { failed = true }
        return !failed
    }

    /// The checksum of `bytes` as a writer computes it: block hashes (computed in parallel)
    /// folded in order.
    package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let blocks = (bytes.count + blockSize - 1) / blockSize
        var hashes = [UInt64](repeating: 0, count: blocks)
        hashes.withUnsafeMutableBufferPointer { out in
            let out = out
            Parallel.forEachChunk(bytes.count, size: blockSize) { b, range in
                out[b] = ContentHash.of(UnsafeRawBufferPointer(rebasing: bytes[range]))
            }
        }
        return hashes.reduce(0, fold)
    }

    package static func fold(_ sum: UInt64, _ block: UInt64) -> UInt64 {
        (sum ^ block) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019
    }
}

package struct ColumnReadError: Error, CustomStringConvertible {
    package let message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
}

/// Reads what a ColumnWriter wrote, checking every length against the bytes left.
package struct ColumnReader {
    private let bytes: UnsafeRawBufferPointer
    package private(set) var offset: Int

    package init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    package var remaining: Int { bytes.count - offset }

    package mutating func readUInt64() throws -> UInt64 {
        guard remaining >= 8 else { throw ColumnReadError(message: "truncated at byte \(offset)") }
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + 8])) }
        offset += 8
        return UInt64(littleEndian: value)
    }

    package mutating func read<T: BitwiseCopyable>(_: T.Type = T.self) throws -> [T] {
        let count = try readUInt64()
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(remaining / max(size, 1)) else { throw ColumnReadError(message: "an array of \(count) values does not fit at byte \(offset)") }
        let n = Int(count)
        let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            ColumnReader.copy(UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + n * size]), into: UnsafeMutableRawBufferPointer(buffer))
            initialized = n
        }
        offset += n * size
        return values
    }

    /// Copies `source` into `destination` (of the same size); a large array in pieces on every
    /// core, since the copy's time is mostly the first touch of the new pages, which are asked
    /// for first (see `PageFaults.populate`).
    package static func copy(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        func copyPiece(_ lo: Int, _ hi: Int) {
            guard lo < hi, let start = destination.baseAddress else { return }
            if hi - lo >= 1 << 14 { PageFaults.populate(start + lo, bytes: hi - lo) }
            UnsafeMutableRawBufferPointer(rebasing: destination[lo ..< hi]).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[lo ..< hi]))
        }
        let pieces = source.count >= 4 << 20 ? 2 * ProcessInfo.processInfo.activeProcessorCount : 1
        guard pieces > 1 else { return copyPiece(0, source.count) }
        Parallel.forEachChunk(source.count, chunks: pieces) { _, range in copyPiece(range.lowerBound, range.upperBound) }
    }
}

package extension Array where Element: BitwiseCopyable {
    /// Appends `value` of each of `rows`, in one append: the values are gathered on the stack.
    mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> Element) {
        withUnsafeTemporaryAllocation(of: Element.self, capacity: rows.count) { buffer in
            for k in rows.indices { buffer.initializeElement(at: k, to: value(rows[k])) }
            append(contentsOf: UnsafeBufferPointer(buffer))
        }
    }

    /// Appends `other`, first asking the system, in one call, for the memory pages its values will
    /// fill when they are many (see `prefault`).
    @inline(__always)
    mutating func appendPrefaulted<C: Collection<Element>>(_ other: C) {
        prefault(room: other.count)
        append(contentsOf: other)
    }

    /// Makes present the whole memory pages that `more` values past the array's end would fill,
    /// when the array has room reserved for them and they span at least 16 KB: one system call
    /// instead of a page fault per page, which is most of the cost of copying a chunk's columns
    /// into the corpus (faulting 256 MB page by page took 0.13 s here, populating it 0.065 s).
    /// Only pages wholly inside the reserved room are asked for; values are not touched, and a
    /// system without the call (before Linux 5.14, or not Linux) just faults as before.
    mutating func prefault(room more: Int) {
        let stride = MemoryLayout<Element>.stride
        guard more * stride >= 1 << 14, capacity - count >= more else { return }
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            PageFaults.populate(UnsafeMutableRawPointer(base + buffer.count), bytes: more * stride)
        }
    }
}

/// Appends `source`'s offsets shifted by `shift` (through `appendShifted`), checking first that
/// the last one still fits: a store past 4 GB stops with a clear message rather than wrapping.
private func appendShiftedChecked(_ target: inout [UInt32], _ source: [UInt32], by shift: UInt32) {
    guard let last = source.last else { return }
    precondition(UInt64(last) + UInt64(shift) <= UInt64(UInt32.max), "a column of the corpus outgrew 4 GB")
    appendShifted(&target, source, source.indices, by: shift)
}

/// Appends `source[rows]` to `target`, each value plus `shift` (modulo 2^32, so a negative shift
/// works too), in one pass over raw buffers.
@inline(__always)
private func appendShifted(_ target: inout [UInt32], _ source: [UInt32], _ rows: Range<Int>, by shift: UInt32) {
    let old = target.count
    target.appendPrefaulted(source[rows])
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
package struct TextColumn: ColumnStorage {
    package private(set) var bytes: [UInt8] = []
    /// ends[i] is the end offset of value i in `bytes`.
    package private(set) var ends: [UInt32] = []

    package init() {}

    package var count: Int { ends.count }

    package mutating func append(_ value: String?) {
        if let value, !value.isEmpty { value.withUTF8Bytes { bytes.append(contentsOf: $0) } }
        ends.append(UInt32(bytes.count))
    }

    package mutating func append(bytes value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
        ends.append(UInt32(bytes.count))
    }

    package mutating func removeAllKeepingCapacity() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends the value `value` gives for each of `rows`, in one append of bytes and one of ends.
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> String?) {
        var total = 0
        for r in rows { total += value(r)?.utf8.count ?? 0 }
        let start = bytes.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { text in
            var n = 0
            ends.append(valuesOf: rows) { r in
                if let v = value(r), !v.isEmpty {
                    v.withUTF8Bytes { b in
                        UnsafeMutableBufferPointer(rebasing: text[n ..< n + b.count]).initialize(from: b)
                        n += b.count
                    }
                }
                return UInt32(start + n)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<n]))
        }
    }

    /// Appends one value written by `write` straight into the column's bytes.
    package mutating func appendValue(_ write: (inout [UInt8]) -> Void) {
        write(&bytes)
        ends.append(UInt32(bytes.count))
    }

    package func write(to writer: inout ColumnWriter) {
        writer.write(bytes)
        writer.write(ends)
    }

    package mutating func read(from reader: inout ColumnReader) throws {
        bytes = try reader.read()
        ends = try reader.read()
        try checkEnds(ends, limit: bytes.count, "text column")
    }

    package mutating func append(rows: Range<Int>, of other: TextColumn) {
        guard !rows.isEmpty else { return }
        let start = rows.lowerBound == 0 ? 0 : Int(other.ends[rows.lowerBound - 1])
        let end = Int(other.ends[rows.upperBound - 1])
        let shift = UInt32(truncatingIfNeeded: Int64(bytes.count) - Int64(start))
        bytes.appendPrefaulted(other.bytes[start ..< end])
        appendShifted(&ends, other.ends, rows, by: shift)
    }

    package mutating func append(contentsOf other: TextColumn) {
        let shift = UInt32(bytes.count)
        bytes.appendPrefaulted(other.bytes)
        appendShiftedChecked(&ends, other.ends, by: shift)
    }

    @inline(__always)
    package func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1])) ..< Int(ends[i])
    }

    package func isEmpty(_ i: Int) -> Bool { range(i).isEmpty }

    /// Calls `body` with the bytes of value `i`, without copying.
    @inline(__always)
    package func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = range(i)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    package mutating func reserve(values: Int, bytes byteCount: Int) {
        ends.reserveCapacity(values)
        bytes.reserveCapacity(byteCount)
    }

    package mutating func reserveCapacity(adding others: [TextColumn], times: Int) {
        reserve(values: count + times * others.reduce(0) { $0 + $1.count }, bytes: bytes.count + times * others.reduce(0) { $0 + $1.bytes.count })
    }
}

/// For each parent row, the range of its children in a child table.
package struct ListIndex: ColumnStorage {
    package private(set) var ends: [UInt32] = []

    package init() {}

    package var count: Int { ends.count }

    /// Closes the current parent's list at `childCount` children in all.
    package mutating func close(at childCount: Int) { ends.append(UInt32(childCount)) }

    /// Closes a list for each of `rows`, at the child count `end` gives.
    package mutating func append<Row>(endsOf rows: [Row], _ end: (Row) -> UInt32) { ends.append(valuesOf: rows, end) }

    package mutating func removeAllKeepingCapacity() { ends.removeAll(keepingCapacity: true) }

    package func write(to writer: inout ColumnWriter) { writer.write(ends) }

    /// The child rows that rows `rows` own.
    package func childRange(_ rows: Range<Int>) -> Range<Int> {
        guard !rows.isEmpty else { return 0 ..< 0 }
        return (rows.lowerBound == 0 ? 0 : Int(ends[rows.lowerBound - 1])) ..< Int(ends[rows.upperBound - 1])
    }

    package mutating func append(rows: Range<Int>, of other: ListIndex) {
        guard !rows.isEmpty else { return }
        let shift = UInt32(truncatingIfNeeded: Int64(ends.last ?? 0) - Int64(other.childRange(rows).lowerBound))
        appendShifted(&ends, other.ends, rows, by: shift)
    }

    package mutating func read(from reader: inout ColumnReader) throws {
        ends = try reader.read()
        try checkEnds(ends, limit: Int(UInt32.max), "list index")
    }

    @inline(__always)
    package func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1])) ..< Int(ends[i])
    }

    package mutating func reserveCapacity(adding others: [ListIndex], times: Int) {
        ends.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }

    package mutating func reserve(values: Int) { ends.reserveCapacity(values) }

    package mutating func append(contentsOf other: ListIndex) {
        appendShiftedChecked(&ends, other.ends, by: ends.last ?? 0)
    }
}

/// Optional integers stored without boxing; `Int32.min` stands for absent.
package struct IntColumn: ColumnStorage {
    package static let absent = Int32.min
    package private(set) var values: [Int32] = []

    package init() {}

    package mutating func removeAllKeepingCapacity() { values.removeAll(keepingCapacity: true) }

    package var count: Int { values.count }
    package mutating func append(_ value: Int?) {
        values.append(IntColumn.stored(value))
    }

    /// How a value is stored: clamped to 32 bits, `absent` for nil.
    @inline(__always)
    package static func stored(_ value: Int?) -> Int32 { value.map { Int32(clamping: $0) } ?? IntColumn.absent }

    /// Appends the stored value `value` gives for each of `rows`.
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> Int32) { values.append(valuesOf: rows, value) }
    package mutating func append(contentsOf other: IntColumn) { values.appendPrefaulted(other.values) }
    package func write(to writer: inout ColumnWriter) { writer.write(values) }
    package mutating func read(from reader: inout ColumnReader) throws { values = try reader.read() }
    package mutating func append(rows: Range<Int>, of other: Self) { values.appendPrefaulted(other.values[rows]) }
    package mutating func reserveCapacity(adding others: [IntColumn], times: Int) {
        values.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }
    package mutating func reserve(values count: Int) { values.reserveCapacity(count) }
    @inline(__always)
    package subscript(i: Int) -> Int? {
        get {
            let v = values[i]
            return v == IntColumn.absent ? nil : Int(v)
        }
        set { values[i] = newValue.map { Int32(clamping: $0) } ?? IntColumn.absent }
    }
}

// MARK: memory accounting

package extension TextColumn {
    /// Bytes held (text plus offsets).
    var byteSize: Int { bytes.count + ends.count * 4 }
}

package extension ListIndex {
    var byteSize: Int { ends.count * 4 }
}

package extension IntColumn {
    var byteSize: Int { values.count * 4 }
}

/// Booleans, one a row.
package struct BoolColumn: ColumnStorage {
    package private(set) var values: [Bool] = []

    package init() {}

    package mutating func removeAllKeepingCapacity() { values.removeAll(keepingCapacity: true) }

    package var count: Int { values.count }
    package mutating func append(_ value: Bool) { values.append(value) }
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> Bool) { values.append(valuesOf: rows, value) }
    package mutating func append(contentsOf other: BoolColumn) { values.appendPrefaulted(other.values) }
    package func write(to writer: inout ColumnWriter) { writer.write(values.map { $0 ? UInt8(1) : 0 }) }
    package mutating func read(from reader: inout ColumnReader) throws { values = try reader.read(UInt8.self).map { $0 != 0 } }
    package mutating func append(rows: Range<Int>, of other: BoolColumn) { values.appendPrefaulted(other.values[rows]) }
    package mutating func reserve(values count: Int) { values.reserveCapacity(count) }
    package mutating func reserveCapacity(adding others: [BoolColumn], times: Int) {
        values.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }
    package var byteSize: Int { values.count }
    @inline(__always) package subscript(i: Int) -> Bool { values[i] }
}

/// Unsigned 32-bit values, one a row (offsets and lengths).
package struct UInt32Column: ColumnStorage {
    package private(set) var values: [UInt32] = []

    package init() {}

    package mutating func removeAllKeepingCapacity() { values.removeAll(keepingCapacity: true) }

    package var count: Int { values.count }
    package mutating func append(_ value: UInt32) { values.append(value) }
    package mutating func append(contentsOf other: UInt32Column) { values.appendPrefaulted(other.values) }
    package func write(to writer: inout ColumnWriter) { writer.write(values) }
    package mutating func read(from reader: inout ColumnReader) throws { values = try reader.read() }
    package mutating func append(rows: Range<Int>, of other: Self) { values.appendPrefaulted(other.values[rows]) }
    package mutating func reserveCapacity(adding others: [UInt32Column], times: Int) {
        values.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }
    package var byteSize: Int { values.count * 4 }
    @inline(__always) package subscript(i: Int) -> UInt32 { values[i] }
}
