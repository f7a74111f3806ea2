// ColumnBuffer.swift: the values of one column: an array while a store is built, or a view into
// a mapped pack (whose mapping it keeps alive) when the store was read from one. Both read the
// same way; the first change to a mapped buffer copies its values into an array, so a store read
// from a pack is used in place and never copied unless it is changed.
import CorpusBytes

/// What keeps a mapped region alive while views into it exist.
package protocol MappedRegion: AnyObject, Sendable {}

package struct ColumnBuffer<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private var array: [Element] = []
    /// The values in a mapped region, when the column was read from one (then `array` is empty).
    private var view: UnsafeBufferPointer<Element>?
    private var region: MappedRegion?

    package init() {}

    /// A view of `values`, which `region` keeps mapped.
    package init(mapped values: UnsafeBufferPointer<Element>, in region: MappedRegion) {
        view = values
        self.region = region
    }

    /// Whether the values are a view into a mapped region (not copied into memory of their own).
    package var isMapped: Bool { view != nil }

    package var startIndex: Int { 0 }
    package var endIndex: Int { view?.count ?? array.count }
    package var count: Int { view?.count ?? array.count }
    package var last: Element? { count == 0 ? nil : self[count - 1] }

    @inline(__always)
    package subscript(i: Int) -> Element {
        if let view { return view[i] }
        return array[i]
    }

    @inline(__always)
    package func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        if let view { return try body(view) }
        return try array.withUnsafeBufferPointer(body)
    }

    // MARK: changing (a mapped buffer is copied first)

    private mutating func own() {
        guard let v = view else { return }
        array = Array(v)
        view = nil
        region = nil
    }

    @inline(__always)
    package mutating func append(_ value: Element) {
        if view != nil { own() }
        array.append(value)
    }

    package mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        if view != nil { own() }
        array.append(contentsOf: values)
    }

    /// Appends values `range` of `other` in one copy, first asking for the pages they will fill.
    package mutating func append(_ range: Range<Int>, of other: ColumnBuffer) {
        if view != nil { own() }
        other.withUnsafeBufferPointer { array.appendPrefaulted(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    package mutating func append(contentsOf other: ColumnBuffer) { append(0 ..< other.count, of: other) }

    /// Appends the value `value` gives for each of `rows`, in one append.
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> Element) {
        if view != nil { own() }
        array.append(valuesOf: rows, value)
    }

    package mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        if view != nil { own() }
        return try array.withUnsafeMutableBufferPointer(body)
    }

    /// Calls `body` with the values as an array to change in place.
    package mutating func withArray<R>(_ body: (inout [Element]) throws -> R) rethrows -> R {
        if view != nil { own() }
        return try body(&array)
    }

    package mutating func reserveCapacity(_ n: Int) {
        if view != nil { own() }
        array.reserveCapacity(n)
    }

    package mutating func removeAll(keepingCapacity: Bool) {
        view = nil
        region = nil
        array.removeAll(keepingCapacity: keepingCapacity)
    }

    package subscript(set i: Int) -> Element {
        get { self[i] }
        set {
            if view != nil { own() }
            array[i] = newValue
        }
    }
}
