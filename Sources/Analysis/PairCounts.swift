// PairCounts.swift: the counts behind `crosstab` as a partial result: each pair of values (or of
// groups) with its count and the values' display forms where the pair was first met. Counts of
// disjoint documents add up; the first meeting is the earliest of the parts'.
import Tables

package struct PairCounts: Partial {
    package static let kind = "pairs"

    package struct Pair {
        package var a: String
        package var b: String
        package var labelA: String
        package var labelB: String
        package var count: Int
        package var first: FirstMet
    }

    /// Pairs by their two keys joined.
    package private(set) var pairs: [String: Pair] = [:]

    package init() {}

    mutating func add(a: FieldValue, b: FieldValue, first: FirstMet) {
        let key = a.key + "\u{1F}" + b.key
        if pairs[key] != nil {
            pairs[key]!.count += 1
        } else {
            pairs[key] = Pair(a: a.key, b: b.key, labelA: a.cell.description, labelB: b.cell.description, count: 1, first: first)
        }
    }

    package mutating func merge(_ other: PairCounts) {
        for (key, p) in other.pairs {
            guard var mine = pairs[key] else { pairs[key] = p; continue }
            mine.count += p.count
            if p.first < mine.first {
                mine.first = p.first
                mine.labelA = p.labelA
                mine.labelB = p.labelB
            }
            pairs[key] = mine
        }
    }

    package var columns: PartialColumns {
        let all = pairs.values.sorted { $0.first != $1.first ? $0.first < $1.first : ($0.a, $0.b) < ($1.a, $1.b) }
        var c = PartialColumns(kind: Self.kind)
        c.add("a", .texts(all.map(\.a)))
        c.add("b", .texts(all.map(\.b)))
        c.add("label_a", .texts(all.map(\.labelA)))
        c.add("label_b", .texts(all.map(\.labelB)))
        c.add("count", .ints(all.map { Int64($0.count) }))
        c.add("first_shard", .ints(all.map(\.first.shard)))
        c.add("first_row", .ints(all.map(\.first.row)))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let a = try c.texts("a"), b = try c.texts("b"), la = try c.texts("label_a"), lb = try c.texts("label_b")
        let n = try c.ints("count"), shard = try c.ints("first_shard"), row = try c.ints("first_row")
        guard [b.count, la.count, lb.count, n.count, shard.count, row.count].allSatisfy({ $0 == a.count }) else {
            throw PartialError("the columns of the pair counts differ in length")
        }
        for i in a.indices {
            pairs[a[i] + "\u{1F}" + b[i]] = Pair(a: a[i], b: b[i], labelA: la[i], labelB: lb[i], count: Int(n[i]), first: FirstMet(shard: shard[i], row: row[i]))
        }
    }
}
