// Columns.swift: the building blocks of the columnar store. Text values live back to back in one
// byte buffer per column; lists are ranges into a child table. Both concatenate cheaply, so
// stores built in parallel (or read from a cache) are joined without re-parsing.

/// A column of UTF-8 strings stored contiguously. The empty string stands for "absent".
public struct TextColumn: Sendable {
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
    public mutating func reserveCapacity<C: Collection>(adding others: C) where C.Element == TextColumn {
        reserve(values: count + others.reduce(0) { $0 + $1.count }, bytes: bytes.count + others.reduce(0) { $0 + $1.bytes.count })
    }
}

/// For each parent row, the range of its children in a child table.
public struct ListIndex: Sendable {
    public private(set) var ends: [UInt32] = []

    public init() {}

    public var count: Int { ends.count }

    /// Closes the current parent's list at `childCount` children in all.
    public mutating func close(at childCount: Int) { ends.append(UInt32(childCount)) }

    @inline(__always)
    public func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1])) ..< Int(ends[i])
    }

    public mutating func reserveCapacity<C: Collection>(adding others: C) where C.Element == ListIndex {
        ends.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }

    public mutating func append(contentsOf other: ListIndex) {
        let shift = ends.last ?? 0
        ends.append(contentsOf: other.ends.lazy.map { $0 + shift })
    }
}

/// Optional integers stored without boxing; `Int32.min` stands for absent.
public struct IntColumn: Sendable {
    public static let absent = Int32.min
    public private(set) var values: [Int32] = []

    public init() {}

    public var count: Int { values.count }
    public mutating func append(_ value: Int?) {
        values.append(value.map { Int32(clamping: $0) } ?? IntColumn.absent)
    }
    public mutating func append(contentsOf other: IntColumn) { values.append(contentsOf: other.values) }
    public mutating func reserveCapacity<C: Collection>(adding others: C) where C.Element == IntColumn {
        values.reserveCapacity(count + others.reduce(0) { $0 + $1.count })
    }
    @inline(__always)
    public subscript(i: Int) -> Int? {
        let v = values[i]
        return v == IntColumn.absent ? nil : Int(v)
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
