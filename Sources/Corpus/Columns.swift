// Columns.swift: the building blocks of the columnar store. Text values live back to back in one
// byte buffer per column; lists are ranges into a child table. Both concatenate cheaply, so
// stores built in parallel (or read from a cache) are joined without re-parsing.

/// What every column and table of columns can do: join another of its kind after it, reserve room
/// for others, and say how many bytes it holds.
public protocol ColumnStorage: Sendable {
    init()
    mutating func append(contentsOf other: Self)
    mutating func reserveCapacity(adding others: [Self])
    var byteSize: Int { get }
}

/// One column of a table, reached by key path, so a table lists its columns once.
public struct ColumnRef<Table>: Sendable {
    let append: @Sendable (inout Table, Table) -> Void
    let reserve: @Sendable (inout Table, [Table]) -> Void
    let size: @Sendable (Table) -> Int

    public init<C: ColumnStorage>(_ path: WritableKeyPath<Table, C> & Sendable) {
        append = { $0[keyPath: path].append(contentsOf: $1[keyPath: path]) }
        reserve = { table, others in table[keyPath: path].reserveCapacity(adding: others.map { $0[keyPath: path] }) }
        size = { $0[keyPath: path].byteSize }
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
    public mutating func reserveCapacity(adding others: [UInt32Column]) {
        values.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }
    public var byteSize: Int { values.count * 4 }
    @inline(__always) public subscript(i: Int) -> UInt32 { values[i] }
}
