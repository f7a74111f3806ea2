// Columns.swift: the building blocks of the columnar store. Text values live back to back in one
// byte buffer per column; lists are ranges into a child table. Both concatenate cheaply, so
// stores built in parallel (or read from a cache) are joined without re-parsing.
import CorpusModel
import CorpusBytes
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
    /// Appends rows `rows` of `other` (for a list index: its entries, pointing into this table's
    /// children, which the caller appends alongside).
    mutating func append(rows: Range<Int>, of other: Self)
    /// Empties the column, keeping its buffers for the next values.
    mutating func removeAllKeepingCapacity()
}

package extension ColumnStorage {
    /// A plain column's values are checked as they are mapped (`checkEnds`).
    var isConsistent: Bool { true }
}

/// One column of a table, reached by key path, so a table lists its columns once.
package struct ColumnRef<Table>: Sendable {
    package let append: @Sendable (inout Table, Table) -> Void
    package let reserve: @Sendable (inout Table, [Table], Int) -> Void
    package let size: @Sendable (Table) -> Int

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

    mutating func append(rows: Range<Int>, of other: Self) {
        for c in Self.columns { c.appendRows(&self, other, c.childRows?(other, rows) ?? rows) }
    }

    mutating func removeAllKeepingCapacity() {
        for c in Self.columns { c.empty(&self) }
    }
}

package struct ColumnReadError: Error, CustomStringConvertible {
    package let message: String
    package init(message: String) { self.message = message }
    package var description: String { message }
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
private func appendShiftedChecked(_ target: inout ColumnBuffer<UInt32>, _ source: ColumnBuffer<UInt32>, by shift: UInt32) {
    guard let last = source.last else { return }
    precondition(UInt64(last) + UInt64(shift) <= UInt64(UInt32.max), "a column of the corpus outgrew 4 GB")
    appendShifted(&target, source, source.indices, by: shift)
}

/// Appends `source[rows]` to `target`, each value plus `shift` (modulo 2^32, so a negative shift
/// works too), in one pass over raw buffers.
@inline(__always)
private func appendShifted(_ target: inout ColumnBuffer<UInt32>, _ source: ColumnBuffer<UInt32>, _ rows: Range<Int>, by shift: UInt32) {
    let old = target.count
    target.append(rows, of: source)
    target.withUnsafeMutableBufferPointer { buffer in
        for i in old ..< buffer.count { buffer[i] &+= shift }
    }
}

/// Checks that offsets into a buffer of `limit` values never decrease and stay inside it.
package func checkEnds(_ ends: ColumnBuffer<UInt32>, limit: Int, _ what: String) throws {
    let bad: UInt32? = ends.withUnsafeBufferPointer { ends in
        var previous: UInt32 = 0
        for e in ends {
            guard e >= previous, Int(e) <= limit else { return e }
            previous = e
        }
        return nil
    }
    if let bad { throw ColumnReadError(message: "\(what): offset \(bad) is out of order or past \(limit)") }
}

/// A column of UTF-8 strings stored contiguously. The empty string stands for "absent".
package struct TextColumn: ColumnStorage {
    package private(set) var bytes = ColumnBuffer<UInt8>()
    /// ends[i] is the end offset of value i in `bytes`.
    package private(set) var ends = ColumnBuffer<UInt32>()

    package init() {}

    /// A column whose bytes and ends are views into a mapped region, to be checked (`check`)
    /// before it is read.
    package init(mappedBytes: ColumnBuffer<UInt8>, ends: ColumnBuffer<UInt32>) {
        bytes = mappedBytes
        self.ends = ends
    }

    /// Throws unless the ends rise and stay inside the bytes.
    package func check() throws { try checkEnds(ends, limit: bytes.count, "text column") }

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
        bytes.withArray(write)
        ends.append(UInt32(bytes.count))
    }

    package mutating func append(rows: Range<Int>, of other: TextColumn) {
        guard !rows.isEmpty else { return }
        let start = rows.lowerBound == 0 ? 0 : Int(other.ends[rows.lowerBound - 1])
        let end = Int(other.ends[rows.upperBound - 1])
        let shift = UInt32(truncatingIfNeeded: Int64(bytes.count) - Int64(start))
        bytes.append(start ..< end, of: other.bytes)
        appendShifted(&ends, other.ends, rows, by: shift)
    }

    package mutating func append(contentsOf other: TextColumn) {
        let shift = UInt32(bytes.count)
        bytes.append(contentsOf: other.bytes)
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
    package private(set) var ends = ColumnBuffer<UInt32>()

    package init() {}

    /// An index whose ends are a view into a mapped region, to be checked (`check`) before it
    /// is read.
    package init(mappedEnds: ColumnBuffer<UInt32>) { ends = mappedEnds }

    /// Throws unless the ends rise and stay inside the `children` rows of the child table.
    package func check(children: Int) throws { try checkEnds(ends, limit: children, "list index") }

    package var count: Int { ends.count }

    /// Closes the current parent's list at `childCount` children in all.
    package mutating func close(at childCount: Int) { ends.append(UInt32(childCount)) }

    /// Closes a list for each of `rows`, at the child count `end` gives.
    package mutating func append<Row>(endsOf rows: [Row], _ end: (Row) -> UInt32) { ends.append(valuesOf: rows, end) }

    package mutating func removeAllKeepingCapacity() { ends.removeAll(keepingCapacity: true) }

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
    package private(set) var values = ColumnBuffer<Int32>()

    package init() {}

    package init(mapped values: ColumnBuffer<Int32>) { self.values = values }

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
    package mutating func append(contentsOf other: IntColumn) { values.append(contentsOf: other.values) }
    package mutating func append(rows: Range<Int>, of other: Self) { values.append(rows, of: other.values) }
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
        set { values[set: i] = newValue.map { Int32(clamping: $0) } ?? IntColumn.absent }
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

/// Booleans, one a row: an array while built, or a mapped bitmap (bit i of byte i / 8, least
/// significant first, as Arrow stores them) when read from a pack.
package struct BoolColumn: ColumnStorage {
    private var values: [Bool] = []
    private var bitmap: ColumnBuffer<UInt8>?
    private var bitCount = 0

    package init() {}

    /// A column of the first `count` bits of `bitmap` (which must hold them).
    package init(bitmap: ColumnBuffer<UInt8>, count: Int) throws {
        guard bitmap.count * 8 >= count else { throw ColumnReadError(message: "a bitmap of \(bitmap.count) bytes cannot hold \(count) values") }
        self.bitmap = bitmap
        bitCount = count
    }

    /// The values as an array, leaving the bitmap, before they change.
    private mutating func own() {
        guard bitmap != nil else { return }
        values = (0 ..< bitCount).map { self[$0] }
        bitmap = nil
    }

    package mutating func removeAllKeepingCapacity() {
        bitmap = nil
        values.removeAll(keepingCapacity: true)
    }

    package var count: Int { bitmap == nil ? values.count : bitCount }
    package mutating func append(_ value: Bool) { own(); values.append(value) }
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> Bool) { own(); values.append(valuesOf: rows, value) }
    package mutating func append(contentsOf other: BoolColumn) { append(rows: 0 ..< other.count, of: other) }
    package mutating func append(rows: Range<Int>, of other: BoolColumn) {
        own()
        if other.bitmap == nil { values.appendPrefaulted(other.values[rows]) } else { values.append(contentsOf: rows.lazy.map { other[$0] }) }
    }
    package mutating func reserve(values count: Int) { own(); values.reserveCapacity(count) }
    package mutating func reserveCapacity(adding others: [BoolColumn], times: Int) {
        own()
        values.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }
    package var byteSize: Int { bitmap?.count ?? values.count }
    @inline(__always) package subscript(i: Int) -> Bool {
        guard let bitmap else { return values[i] }
        precondition(i < bitCount)
        return bitmap[i >> 3] & (1 << UInt8(i & 7)) != 0
    }
}

/// Unsigned 32-bit values, one a row (offsets and lengths).
package struct UInt32Column: ColumnStorage {
    package private(set) var values = ColumnBuffer<UInt32>()

    package init() {}

    package init(mapped values: ColumnBuffer<UInt32>) { self.values = values }

    package mutating func removeAllKeepingCapacity() { values.removeAll(keepingCapacity: true) }

    package var count: Int { values.count }
    package mutating func append(_ value: UInt32) { values.append(value) }
    package mutating func append(contentsOf other: UInt32Column) { values.append(contentsOf: other.values) }
    package mutating func append(rows: Range<Int>, of other: Self) { values.append(rows, of: other.values) }
    package mutating func reserveCapacity(adding others: [UInt32Column], times: Int) {
        values.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }
    package var byteSize: Int { values.count * 4 }
    @inline(__always) package subscript(i: Int) -> UInt32 { values[i] }
}
