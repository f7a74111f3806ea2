// Graph.swift: an undirected weighted graph held in compressed sparse rows, the one structure
// every network algorithm here works on: node i's neighbours and the weights of its edges are the
// slice offsets[i] ..< offsets[i + 1] of `neighbors` and `weights`. Each edge is stored in the
// rows of both its ends; a self-loop (which the aggregated graphs of clustering have) once.

package struct Graph: Sendable, Equatable {
    package let nodeCount: Int
    /// Row starts, nodeCount + 1 of them.
    package let offsets: [Int]
    package let neighbors: [Int32]
    package let weights: [Double]

    /// A graph of `nodeCount` nodes from edges (a, b, weight); edges given more than once (either
    /// way round) have their weights summed; edges of weight zero or less, or not finite, are left out.
    package init(nodeCount: Int, edges: [(Int, Int, Double)]) {
        // Each undirected edge once, smaller end first, duplicates summed: sorted, then merged.
        var sorted: [(Int, Int, Double)] = []
        sorted.reserveCapacity(edges.count)
        for (a, b, w) in edges where w > 0 && w.isFinite {
            precondition(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount, "edge (\(a), \(b)) outside 0..<\(nodeCount)")
            sorted.append(a <= b ? (a, b, w) : (b, a, w))
        }
        sorted.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var kept: [(Int, Int, Double)] = []
        kept.reserveCapacity(sorted.count)
        var degree = [Int](repeating: 0, count: nodeCount)
        for e in sorted {
            if let last = kept.last, last.0 == e.0, last.1 == e.1 { kept[kept.count - 1].2 = min(kept[kept.count - 1].2 + e.2, Double.greatestFiniteMagnitude); continue }
            kept.append(e)
            degree[e.0] += 1
            if e.1 != e.0 { degree[e.1] += 1 }
        }
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for i in 0 ..< nodeCount { offsets[i + 1] = offsets[i] + degree[i] }
        var fill = Array(offsets.dropLast())
        var neighbors = [Int32](repeating: 0, count: offsets[nodeCount])
        var weights = [Double](repeating: 0, count: offsets[nodeCount])
        for (a, b, w) in kept {
            neighbors[fill[a]] = Int32(b); weights[fill[a]] = w; fill[a] += 1
            if a != b { neighbors[fill[b]] = Int32(a); weights[fill[b]] = w; fill[b] += 1 }
        }
        // Each row is in increasing order of neighbour: the edges were filled sorted by their ends.
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
    }

    /// The slice of `neighbors` and `weights` holding node i's edges.
    @inline(__always) package func edges(of i: Int) -> Range<Int> { offsets[i] ..< offsets[i + 1] }

    /// Node i's number of neighbours (a self-loop counts once).
    package func degree(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// The sum of the weights of node i's edges, a self-loop counted twice (so that the
    /// strengths add up to twice the total weight, as modularity needs).
    package func strength(_ i: Int) -> Double {
        var s = 0.0
        for e in edges(of: i) { s += Int(neighbors[e]) == i ? 2 * weights[e] : weights[e] }
        return s
    }

    /// The number of edges, each counted once.
    package var edgeCount: Int {
        var loops = 0
        for i in 0 ..< nodeCount { for e in edges(of: i) where Int(neighbors[e]) == i { loops += 1 } }
        return (neighbors.count - loops) / 2 + loops
    }

    /// The sum of the edges' weights, each edge counted once.
    package var totalWeight: Double {
        var total = 0.0
        for i in 0 ..< nodeCount { for e in edges(of: i) where Int(neighbors[e]) >= i { total += weights[e] } }
        return total
    }

    /// Each edge once, as (a, b, weight) with a <= b, in row order.
    package var edgeList: [(a: Int, b: Int, weight: Double)] {
        var out: [(a: Int, b: Int, weight: Double)] = []
        for i in 0 ..< nodeCount { for e in edges(of: i) where Int(neighbors[e]) >= i { out.append((i, Int(neighbors[e]), weights[e])) } }
        return out
    }

    package static func == (a: Graph, b: Graph) -> Bool {
        a.nodeCount == b.nodeCount && a.offsets == b.offsets && a.neighbors == b.neighbors && a.weights == b.weights
    }
}
