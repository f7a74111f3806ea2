// RawSpans.swift: a text column whose values are pieces of another text column (a reference's
// title, journal, pages... are pieces of its raw text), stored as a position and a length in that
// value instead of a second copy of the bytes. A value that is not a piece of it is kept aside.
// Read from a pack, or made whole for one (`ReferenceTable.madeWhole`), the column holds its values
// as text of their own instead, as a pack stores them for other readers; values appended to such a
// column are appended as text.
import CorpusModel
import CorpusBytes

/// Where each row's value lies in the matching row of a base text column.
package struct RawSpans: ColumnStorage {
    /// start << 16 | length within the base value; 0 when absent; `spilledMark` when kept aside.
    package private(set) var spans: [UInt32] = []
    /// Rows whose value is kept aside, ascending, and their values.
    private var spilledRows: [UInt32] = []
    private var spilled = TextColumn()
    /// Every value as text of its own, when the column is whole (then the spans and values kept
    /// aside are empty). A value read from here counts as kept aside (`isSpilled`).
    package private(set) var text: TextColumn?

    package static let spilledMark = UInt32.max
    private static let limit = 0xFFFF

    package init() {}

    /// A column whose values are the values of `text` (a pack's).
    package init(text: TextColumn) { self.text = text }

    /// Whether the values are text of their own rather than spans.
    package var isWhole: Bool { text != nil }

    package var count: Int { text?.count ?? spans.count }

    /// Turns a column read from a pack into one of spans, its values kept aside, before it changes.
    private mutating func leaveText() {
        guard let t = text else { return }
        text = nil
        appendKeptAside(0 ..< t.count, of: t)
    }

    /// Appends rows `rows` of `values`, each kept aside (an empty one absent).
    private mutating func appendKeptAside(_ rows: Range<Int>, of values: TextColumn) {
        for r in rows {
            if values.isEmpty(r) { spans.append(0); continue }
            values.withBytes(r) { keepAside($0, row: spans.count) }
            spans.append(Self.spilledMark)
        }
    }

    /// Appends a value given as a byte range of the row's base value.
    @inline(__always)  // called for every field of every reference: the usual case is one store
    package mutating func append(range: Range<Int>?, base: UnsafeBufferPointer<UInt8>) {
        if text != nil { return text!.append(bytes: range.map { UnsafeBufferPointer(rebasing: base[$0]) } ?? UnsafeBufferPointer(start: nil, count: 0)) }
        let span = value(range: range, base: base, row: spans.count)
        spans.append(span)
    }

    /// Appends a value, found in the row's base value when it is there.
    package mutating func append(_ value: String?, base: UnsafeBufferPointer<UInt8>) {
        if text != nil { return text!.append(value) }
        let span = self.value(value, base: base, row: spans.count)
        spans.append(span)
    }

    /// Appends a value kept aside, not looked for in the base value.
    package mutating func spill(_ value: UnsafeBufferPointer<UInt8>) {
        if text != nil { return text!.append(bytes: value) }
        keepAside(value, row: spans.count)
        spans.append(Self.spilledMark)
    }

    /// What `spans` holds for row `row` whose value is `range` of its base value: the span, or
    /// `spilledMark` once the value is kept aside (past the first 64 KB of the base value). The
    /// rows must come in order; the caller appends the result (see `append(valuesOf:)`).
    @inline(__always)
    package mutating func value(range: Range<Int>?, base: UnsafeBufferPointer<UInt8>, row: Int) -> UInt32 {
        if text != nil { leaveText() }
        guard let range, !range.isEmpty else { return 0 }
        if range.lowerBound < Self.limit && range.count < Self.limit { return UInt32(range.lowerBound) << 16 | UInt32(range.count) }
        keepAside(UnsafeBufferPointer(rebasing: base[range]), row: row)
        return Self.spilledMark
    }

    /// The same for a value given as text, found in the base value when it is there.
    package mutating func value(_ text: String?, base: UnsafeBufferPointer<UInt8>, row: Int) -> UInt32 {
        if self.text != nil { leaveText() }
        guard var text, !text.isEmpty else { return 0 }
        return text.withUTF8 { v in
            if let start = base.firstOffset(of: v) { return value(range: start ..< start + v.count, base: base, row: row) }
            keepAside(v, row: row)
            return Self.spilledMark
        }
    }

    private mutating func keepAside(_ value: UnsafeBufferPointer<UInt8>, row: Int) {
        spilledRows.append(UInt32(row))
        spilled.append(bytes: value)
    }

    /// Appends the values `value` gives for `rows` (made by `value(range:base:row:)`).
    package mutating func append<Row>(valuesOf rows: [Row], _ value: (Row) -> UInt32) {
        if text != nil { leaveText() }
        spans.append(valuesOf: rows, value)
    }

    /// Calls `body` with row `i`'s value; `base` is the row's base value.
    @inline(__always)
    package func withBytes<R>(_ i: Int, base: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let text { return try text.withBytes(i, body) }
        let span = spans[i]
        if span == Self.spilledMark { return try spilled.withBytes(spilledIndex(i), body) }
        let start = Int(span >> 16)
        return try body(UnsafeBufferPointer(rebasing: base[start ..< start + Int(span & 0xFFFF)]))
    }

    @inline(__always)
    package func isEmpty(_ i: Int) -> Bool { text?.isEmpty(i) ?? (spans[i] == 0) }

    /// Whether row `i`'s value is kept aside rather than a span of its base value.
    @inline(__always)
    package func isSpilled(_ i: Int) -> Bool { text != nil || spans[i] == Self.spilledMark }

    private func spilledIndex(_ row: Int) -> Int {
        var low = 0, high = spilledRows.count
        while low < high {
            let mid = (low + high) / 2
            if Int(spilledRows[mid]) < row { low = mid + 1 } else { high = mid }
        }
        return low
    }

    // MARK: ColumnStorage

    package mutating func removeAllKeepingCapacity() {
        text = nil
        spans.removeAll(keepingCapacity: true)
        spilledRows.removeAll(keepingCapacity: true)
        spilled.removeAllKeepingCapacity()
    }

    package mutating func append(contentsOf other: RawSpans) { append(rows: 0 ..< other.count, of: other) }

    private mutating func appendSpans(contentsOf other: RawSpans) {
        let shift = UInt32(count)
        spans.appendPrefaulted(other.spans)
        spilledRows.append(contentsOf: other.spilledRows.lazy.map { $0 + shift })
        spilled.append(contentsOf: other.spilled)
    }

    /// Appends rows `rows` of `other`: a whole column's rows to a whole (or empty) column in one
    /// copy; a whole column's rows to one of spans each kept aside, and the reverse by first
    /// making this column one of spans (make both whole first, `ReferenceTable.madeWhole`, to
    /// avoid either).
    package mutating func append(rows: Range<Int>, of other: RawSpans) {
        guard !rows.isEmpty else { return }
        if let values = other.text {
            if count == 0 && text == nil { text = TextColumn() }
            guard text == nil else { return text!.append(rows: rows, of: values) }
            return appendKeptAside(rows, of: values)
        }
        if text != nil { leaveText() }
        if rows == 0 ..< other.count { return appendSpans(contentsOf: other) }
        let first = other.spilledIndex(rows.lowerBound)
        let last = other.spilledIndex(rows.upperBound)
        let shift = Int64(count) - Int64(rows.lowerBound)
        spans.appendPrefaulted(other.spans[rows])
        spilledRows.append(contentsOf: other.spilledRows[first ..< last].lazy.map { UInt32(Int64($0) + shift) })
        spilled.append(rows: first ..< last, of: other.spilled)
    }

    package mutating func reserve(values: Int) { spans.reserveCapacity(values) }

    package mutating func reserveCapacity(adding others: [RawSpans], times: Int) {
        spans.reserveCapacity(count + times * others.reduce(0) { $0 + $1.count })
    }

    package var byteSize: Int { spans.count * 4 + spilledRows.count * 4 + spilled.byteSize + (text?.byteSize ?? 0) }

}

/// A span column read together with its base column: the values as a text column gives them.
package struct SpanText: TextValues {
    package let spans: RawSpans
    package let base: TextColumn

    package var count: Int { spans.count }

    @inline(__always)
    package func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try base.withBytes(i) { b in try spans.withBytes(i, base: b, body) }
    }

    @inline(__always)
    package func isEmpty(_ i: Int) -> Bool { spans.isEmpty(i) }
}

/// Read access to a column of text values by row.
package protocol TextValues {
    var count: Int { get }
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    func isEmpty(_ i: Int) -> Bool
}

package extension TextValues {
    func string(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// The value, or nil when it is empty (absent).
    func optional(_ i: Int) -> String? {
        isEmpty(i) ? nil : string(i)
    }
}

extension TextColumn: TextValues {}
