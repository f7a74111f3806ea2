// Partial.swift: an aggregation split across shards. Each shard computes its partial result over
// its own documents; partials merge into the partial of all the documents, whatever the order of
// merging (each carries what a single run needs to order ties: where each value was first met, as
// a shard and a row); `finish` makes the result a single run gives. A single run is one shard.
import Foundation

package protocol Partial {
    /// The name of the kind in partial files.
    static var kind: String { get }
    /// Joins the partial of other documents (of any shard, merged in any order).
    mutating func merge(_ other: Self)
    var columns: PartialColumns { get }
    init(columns: PartialColumns) throws
}

extension Partial {
    /// Reads a partial file of this kind; the error names the file.
    package static func read(_ path: String) throws -> Self {
        let columns = try PartialColumns.read(path)
        guard columns.kind == kind else { throw PartialError("'\(path)' holds a partial '\(columns.kind)', not '\(kind)'") }
        do { return try Self(columns: columns) } catch { throw PartialError("'\(path)': \(error)") }
    }
}

package struct PartialError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// Where a value was first met across shards: the shard, then the row and item within it, so
/// that the smallest is the first a single run meets.
package struct FirstMet: Comparable, Hashable, Sendable {
    package var shard: Int64
    package var row: Int64

    package init(shard: Int, origin: ValueOrigin) {
        self.shard = Int64(shard)
        row = Int64(origin.row) << 32 | Int64(origin.item)
    }

    package init(shard: Int64, row: Int64) {
        self.shard = shard
        self.row = row
    }

    package static func < (a: FirstMet, b: FirstMet) -> Bool { (a.shard, a.row) < (b.shard, b.row) }
}

/// Rows in corpus order, by the place (shard, row) of their document; rows of one document keep
/// their order. What partials made of rows (`ScoredTerms`, `OrderedRows`) merge by.
func inCorpusOrder<T>(_ rows: [T], place: (T) -> (Int64, Int64)) -> [T] {
    rows.indices.sorted { a, b in
        let pa = place(rows[a]), pb = place(rows[b])
        return pa != pb ? pa < pb : a < b
    }.map { rows[$0] }
}

/// How many documents (of a corpus or a sub-corpus): `#corpus`.
package struct DocumentCount: Partial {
    package static let kind = "count"
    package var count: Int

    package init(_ count: Int) { self.count = count }

    package mutating func merge(_ other: DocumentCount) { count += other.count }

    package var columns: PartialColumns {
        var c = PartialColumns(kind: Self.kind)
        c.add("count", .ints([Int64(count)]))
        return c
    }

    package init(columns: PartialColumns) throws {
        guard let n = try columns.ints("count").first else { throw PartialError("a count without its number") }
        count = Int(n)
    }
}

/// Counts by an integer key (ages, fixed figures): what partials of plain tallies carry.
package struct IntCounts: Partial {
    package static let kind = "int-counts"
    package var counts: [Int64: Int64]

    package init(_ counts: [Int64: Int64] = [:]) { self.counts = counts }

    package subscript(key: Int64) -> Int { Int(counts[key] ?? 0) }

    package mutating func merge(_ other: IntCounts) { counts.merge(other.counts, uniquingKeysWith: +) }

    package var columns: PartialColumns {
        let keys = counts.keys.sorted()
        var c = PartialColumns(kind: Self.kind)
        c.add("key", .ints(keys))
        c.add("count", .ints(keys.map { counts[$0]! }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let keys = try c.ints("key"), values = try c.ints("count")
        guard keys.count == values.count else { throw PartialError("the columns of the counts differ in length") }
        counts = Dictionary(zip(keys, values), uniquingKeysWith: +)
    }
}
