// Centrality.swift: the statistics of a network's nodes and of the whole: degree and strength
// (VOSviewer's "Links" and "Total link strength"), betweenness (Brandes; exact, or from a seeded
// sample of sources for large networks), closeness, PageRank, eigenvector centrality, connected
// components, density and clustering coefficients. Definitions follow networkx's, so that its
// results are an oracle: paths are counted in links (weights are similarities, not distances),
// PageRank and eigenvector centrality use the weights.

package enum Centrality {
    /// Neighbours of each node, a self-loop not counted.
    package static func degree(_ g: Graph) -> [Int] {
        (0 ..< g.nodeCount).map { i in g.edges(of: i).filter { Int(g.neighbors[$0]) != i }.count }
    }

    /// The total weight of each node's links, a self-loop not counted.
    package static func strength(_ g: Graph) -> [Double] {
        (0 ..< g.nodeCount).map { i in g.edges(of: i).reduce(0) { Int(g.neighbors[$1]) == i ? $0 : $0 + g.weights[$1] } }
    }

    /// Shortest-path betweenness, normalised by 2 / ((n − 1)(n − 2)). With `samples` below the
    /// node count, from that many sources drawn with `seed`, scaled by n / samples.
    package static func betweenness(_ g: Graph, samples: Int? = nil, seed: UInt64 = 0) -> [Double] {
        let n = g.nodeCount
        var score = [Double](repeating: 0, count: n)
        guard n > 2 else { return score }
        var sources = Array(0 ..< n)
        if let k = samples, k < n {
            var rng = SplitMix64(seed: seed)
            for i in 0 ..< k { sources.swapAt(i, i + Int(rng.next() % UInt64(n - i))) }
            sources = Array(sources.prefix(k)).sorted()
        }
        var sigma = [Double](repeating: 0, count: n), delta = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var order: [Int] = [], queue: [Int] = []
        order.reserveCapacity(n); queue.reserveCapacity(n)
        for s in sources {
            // Breadth first from s, counting shortest paths; then dependencies in reverse order.
            for v in order { sigma[v] = 0; delta[v] = 0; distance[v] = -1 }
            order.removeAll(keepingCapacity: true); queue.removeAll(keepingCapacity: true)
            sigma[s] = 1; distance[s] = 0; queue.append(s)
            var head = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                order.append(v)
                for e in g.edges(of: v) {
                    let w = Int(g.neighbors[e])
                    if w == v { continue }
                    if distance[w] < 0 { distance[w] = distance[v] + 1; queue.append(w) }
                    if distance[w] == distance[v] + 1 { sigma[w] += sigma[v] }
                }
            }
            for v in order.reversed() {
                for e in g.edges(of: v) {
                    let w = Int(g.neighbors[e])
                    if distance[w] == distance[v] - 1 && w != v { delta[w] += sigma[w] / sigma[v] * (1 + delta[v]) }
                }
                if v != s { score[v] += delta[v] }
            }
        }
        let scale = 1 / Double((n - 1) * (n - 2)) * Double(n) / Double(sources.count)
        return score.map { $0 * scale }
    }

    /// Closeness: (r − 1) / (the sum of distances to the r − 1 nodes it reaches), times
    /// (r − 1) / (n − 1) so that nodes of small components do not score high (networkx's
    /// `wf_improved`).
    package static func closeness(_ g: Graph) -> [Double] {
        let n = g.nodeCount
        var distance = [Int](repeating: -1, count: n)
        var queue: [Int] = []
        return (0 ..< n).map { s in
            for v in queue { distance[v] = -1 }
            queue.removeAll(keepingCapacity: true)
            distance[s] = 0; queue.append(s)
            var head = 0, total = 0
            while head < queue.count {
                let v = queue[head]; head += 1
                total += distance[v]
                for e in g.edges(of: v) where distance[Int(g.neighbors[e])] < 0 {
                    distance[Int(g.neighbors[e])] = distance[v] + 1
                    queue.append(Int(g.neighbors[e]))
                }
            }
            let reached = queue.count - 1
            guard total > 0, n > 1 else { return 0 }
            return Double(reached) / Double(total) * Double(reached) / Double(n - 1)
        }
    }

    /// PageRank with damping `alpha`, walking each link in proportion to its weight; a node
    /// without links sends its rank to every node alike.
    package static func pageRank(_ g: Graph, alpha: Double = 0.85, tolerance: Double = 1e-12, maxIterations: Int = 1000) -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let out = strength(g)
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0 ..< maxIterations {
            var next = [Double](repeating: 0, count: n)
            var dangling = 0.0
            for v in 0 ..< n {
                guard out[v] > 0 else { dangling += x[v]; continue }
                for e in g.edges(of: v) where Int(g.neighbors[e]) != v { next[Int(g.neighbors[e])] += alpha * x[v] * g.weights[e] / out[v] }
            }
            let spread = (alpha * dangling + 1 - alpha) / Double(n)
            var change = 0.0
            for v in 0 ..< n { next[v] += spread; change += abs(next[v] - x[v]) }
            x = next
            if change < Double(n) * tolerance { break }
        }
        return x
    }

    /// Eigenvector centrality: the leading eigenvector of the weighted adjacency matrix, by power
    /// iteration on A + I, scaled to unit length.
    package static func eigenvector(_ g: Graph, tolerance: Double = 1e-10, maxIterations: Int = 1000) -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        var x = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0 ..< maxIterations {
            var next = x
            for v in 0 ..< n { for e in g.edges(of: v) { next[Int(g.neighbors[e])] += x[v] * g.weights[e] } }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return x }
            var change = 0.0
            for v in 0 ..< n { next[v] /= norm; change += abs(next[v] - x[v]) }
            x = next
            if change < Double(n) * tolerance { break }
        }
        return x
    }

    /// Each node's connected component, numbered by size, largest first (ties: the component of
    /// the smaller node first).
    package static func components(_ g: Graph) -> [Int] {
        let n = g.nodeCount
        var label = [Int](repeating: -1, count: n)
        var sizes: [Int] = []
        for s in 0 ..< n where label[s] < 0 {
            let c = sizes.count
            var stack = [s], size = 0
            label[s] = c
            while let v = stack.popLast() {
                size += 1
                for e in g.edges(of: v) where label[Int(g.neighbors[e])] < 0 {
                    label[Int(g.neighbors[e])] = c
                    stack.append(Int(g.neighbors[e]))
                }
            }
            sizes.append(size)
        }
        let order = sizes.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: sizes.count)
        for (r, c) in order.enumerated() { rank[c] = r }
        return label.map { rank[$0] }
    }

    /// Links over possible links, 2E / (n (n − 1)), self-loops not counted.
    package static func density(_ g: Graph) -> Double {
        let n = g.nodeCount
        guard n > 1 else { return 0 }
        return Double(degree(g).reduce(0, +)) / Double(n * (n - 1))
    }

    /// Each node's clustering coefficient: the share of pairs of its neighbours that are linked
    /// (links counted, not weighted; 0 for fewer than two neighbours).
    package static func clustering(_ g: Graph) -> [Double] {
        let triangles = triangleCounts(g), degree = degree(g)
        return (0 ..< g.nodeCount).map { v in degree[v] < 2 ? 0 : 2 * Double(triangles[v]) / Double(degree[v] * (degree[v] - 1)) }
    }

    /// Three times the triangles over the connected triples.
    package static func transitivity(_ g: Graph) -> Double {
        let triangles = triangleCounts(g).reduce(0, +), triples = degree(g).reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        return triples > 0 ? Double(triangles) / Double(triples) : 0
    }

    /// Triangles through each node.
    private static func triangleCounts(_ g: Graph) -> [Int] {
        let n = g.nodeCount
        var mark = [Int](repeating: -1, count: n)
        return (0 ..< n).map { v in
            for e in g.edges(of: v) { mark[Int(g.neighbors[e])] = v }
            var count = 0
            for e in g.edges(of: v) {
                let u = Int(g.neighbors[e])
                guard u != v else { continue }
                for f in g.edges(of: u) { let w = Int(g.neighbors[f]); if w > u && w != v && mark[w] == v { count += 1 } }
            }
            return count
        }
    }
}

/// A small deterministic generator (Steele, Lea & Flood's SplitMix64), for seeded sampling.
package struct SplitMix64: Sendable {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A number in [0, 1).
    package mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
