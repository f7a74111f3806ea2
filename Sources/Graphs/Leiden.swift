// Leiden.swift: community detection on a Graph, the clusters of the co-citation, coupling and
// co-authorship maps. The Leiden algorithm of V. A. Traag, L. Waltman & N. J. van Eck, "From Louvain
// to Leiden: guaranteeing well-connected communities", Scientific Reports 9:5233 (2019): fast local
// moving, a refinement that merges only well-connected nodes within each cluster, aggregation on the
// refined partition. Without the refinement it is the Louvain algorithm. Optimises modularity or CPM.

/// What a partition optimises.
package enum ClusterQuality: Sendable, Equatable {
    /// Modularity with a resolution γ: Q = 1/(2m) Σ_ij (A_ij − γ k_i k_j / (2m)) δ(c_i, c_j) — as
    /// igraph's Graph.modularity(membership, weights, resolution) computes it (0 for a graph
    /// without edges, where igraph answers NaN).
    case modularity(resolution: Double)
    /// The Constant Potts Model: Q = Σ_c (e_c − γ · n_c (n_c − 1) / 2) with e_c the total weight of
    /// edges inside c (a self-loop once) and n_c its nodes (node size 1), the paper's H. For an
    /// undirected graph without self-loops leidenalg 0.12's CPMVertexPartition(...).quality()
    /// reports exactly twice this value; it optimises the same partitions.
    case cpm(resolution: Double)
}

package struct Partition: Sendable, Equatable {
    /// Each node's cluster, numbered 0... by cluster size, largest first (ties: the cluster holding
    /// the smaller lowest node index first).
    package var membership: [Int]
    package var clusterCount: Int
    /// The partition's quality under the function it was optimised for.
    package var quality: Double
}

/// Both quality functions are handled as H = Σ_c (e_c − γ′ · S_c² / 2) + constant, with S_c the sum
/// of the cluster's node sizes: for modularity a node's size is its strength and γ′ = γ / (2m)
/// (Q = H / m); for CPM a node's size is its number of original nodes and γ′ = γ. Moving node v
/// into cluster C (v taken out of every cluster) then changes H by w(v, C) − γ′ · s_v · S_C.
package enum Leiden {
    /// The randomness θ of the refinement, as in the paper's experiments.
    static let theta = 0.01
    /// How many iterations `iterations < 0` allows at most. Each iteration that changes the
    /// partition raises its quality, so the loop ends; but on a graph without clear clusters (a
    /// random graph) the gains can go on, ever smaller, for hundreds of iterations.
    static let iterationLimit = 1_000
    /// How many times a refinement that merged nothing, though it could have, is drawn again.
    static let refinementDraws = 32

    /// Leiden (refine = true) or Louvain (refine = false), from singletons, repeated `iterations`
    /// times (each iteration starting from the previous partition), or until an iteration changes
    /// nothing when iterations < 0. `seed` fixes the random order of node visits and the random
    /// choices of the refinement (randomness θ = 0.01 as in the paper). Same inputs → identical
    /// output, byte for byte. `interrupt` is called before each iteration and may throw to stop.
    package static func cluster(_ graph: Graph, quality: ClusterQuality, seed: UInt64 = 0, iterations: Int = -1, refine: Bool = true,
                                interrupt: (() throws -> Void)? = nil) throws -> Partition {
        let n = graph.nodeCount
        var membership = (0 ..< n).map { Int32($0) }
        let base = Level(graph, quality)
        let objective = Objective(graph, quality)
        var random = Random(seed: seed)
        // Without edges no move can raise the quality: every node stays alone.
        if n > 0 && objective.scale > 0 {
            let limit = iterations < 0 ? iterationLimit : iterations
            var done = 0
            while done < limit {
                try interrupt?()
                let next = run(base, from: membership, objective, refine: refine, random: &random)
                done += 1
                if iterations < 0 && next == membership { break }
                membership = next
            }
            // Leiden's clusters are connected by construction; this only guards the case where no
            // refinement merge was possible and a level was aggregated on the moved partition.
            if refine { membership = splitDisconnected(graph, membership) }
        }
        let (numbered, count) = numberBySize(membership)
        return Partition(membership: numbered, clusterCount: count, quality: Self.quality(graph, membership: numbered, quality))
    }

    /// The quality of a given membership.
    package static func quality(_ graph: Graph, membership: [Int], _ quality: ClusterQuality) -> Double {
        let n = graph.nodeCount
        precondition(membership.count == n, "membership has \(membership.count) entries for \(n) nodes")
        // Cluster labels to 0 ..< k (one table for the whole call, not per node).
        var label = [Int](repeating: 0, count: n)
        var k = 0
        if let low = membership.min(), let high = membership.max(), low >= 0, high < 4 * n + 16 {
            var index = [Int](repeating: -1, count: high + 1)
            for i in 0 ..< n {
                if index[membership[i]] < 0 { index[membership[i]] = k; k += 1 }
                label[i] = index[membership[i]]
            }
        } else {
            var index: [Int: Int] = [:]
            for i in 0 ..< n {
                if let c = index[membership[i]] { label[i] = c } else { index[membership[i]] = k; label[i] = k; k += 1 }
            }
        }
        var inside = [Double](repeating: 0, count: k)   // e_c, each edge once, a self-loop once
        var size = [Double](repeating: 0, count: k)     // K_c (strengths) or n_c
        for i in 0 ..< n {
            let c = label[i]
            for e in graph.edges(of: i) {
                let j = Int(graph.neighbors[e])
                if j >= i && label[j] == c { inside[c] += graph.weights[e] }
            }
            switch quality {
            case .modularity: size[c] += graph.strength(i)
            case .cpm: size[c] += 1
            }
        }
        var q = 0.0
        switch quality {
        case .modularity(let gamma):
            let m = graph.totalWeight
            guard m > 0 else { return 0 }
            for c in 0 ..< k { q += inside[c] / m - gamma * (size[c] / (2 * m)) * (size[c] / (2 * m)) }
        case .cpm(let gamma):
            for c in 0 ..< k { q += inside[c] - gamma * size[c] * (size[c] - 1) / 2 }
        }
        return q
    }
}

extension Leiden {
    /// γ′ and the unit of the quality: ΔQ = ΔH / scale (m for modularity, 1 for CPM).
    struct Objective {
        let gamma: Double
        let scale: Double
        init(_ graph: Graph, _ quality: ClusterQuality) {
            switch quality {
            case .modularity(let resolution):
                let m = graph.totalWeight
                gamma = m > 0 ? resolution / (2 * m) : 0
                scale = m
            case .cpm(let resolution):
                gamma = resolution
                scale = graph.nodeCount > 1 || graph.totalWeight > 0 ? 1 : 0
            }
        }
    }

    /// The graph of one level: the original graph, then each aggregate. Rows hold no self-loops;
    /// a node's self-loop weight (the edges inside the cluster it stands for) is in `loops`. A
    /// self-loop changes no move's gain: it counts only through the node's size (its strength).
    struct Level {
        var count: Int
        var offsets: [Int]
        var neighbors: [Int32]
        var weights: [Double]
        var loops: [Double]
        /// A node's size in the penalty term: its strength (modularity) or its number of nodes (CPM).
        var sizes: [Double]

        init(count: Int, offsets: [Int], neighbors: [Int32], weights: [Double], loops: [Double], sizes: [Double]) {
            self.count = count; self.offsets = offsets; self.neighbors = neighbors
            self.weights = weights; self.loops = loops; self.sizes = sizes
        }

        init(_ graph: Graph, _ quality: ClusterQuality) {
            let n = graph.nodeCount
            var offsets = [Int](repeating: 0, count: n + 1)
            var neighbors: [Int32] = [], weights: [Double] = []
            neighbors.reserveCapacity(graph.neighbors.count); weights.reserveCapacity(graph.neighbors.count)
            var loops = [Double](repeating: 0, count: n)
            var sizes = [Double](repeating: 1, count: n)
            for i in 0 ..< n {
                for e in graph.edges(of: i) {
                    if Int(graph.neighbors[e]) == i { loops[i] += graph.weights[e] } else {
                        neighbors.append(graph.neighbors[e]); weights.append(graph.weights[e])
                    }
                }
                offsets[i + 1] = neighbors.count
                if case .modularity = quality { sizes[i] = graph.strength(i) }
            }
            self.init(count: n, offsets: offsets, neighbors: neighbors, weights: weights, loops: loops, sizes: sizes)
        }
    }

    /// xoshiro256** seeded through SplitMix64: small, fast and the same on every platform.
    struct Random {
        private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

        init(seed: UInt64) {
            var x = seed
            func splitMix() -> UInt64 {
                x &+= 0x9E37_79B9_7F4A_7C15
                var z = x
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
        }

        mutating func next() -> UInt64 {
            let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
            let t = s1 << 17
            s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
            s2 ^= t
            s3 = s3 << 45 | s3 >> 19
            return result
        }

        /// Uniform in 0 ..< bound (Lemire's multiply-and-reject, no modulo bias).
        mutating func below(_ bound: Int) -> Int {
            let m = UInt64(bound)
            var product = next().multipliedFullWidth(by: m)
            if product.low < m {
                let threshold = (0 &- m) % m
                while product.low < threshold { product = next().multipliedFullWidth(by: m) }
            }
            return Int(product.high)
        }

        /// Uniform in [0, 1).
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

        /// 0 ..< n in a random order (Fisher–Yates).
        mutating func permutation(_ n: Int) -> [Int32] {
            var order = (0 ..< n).map { Int32($0) }
            var i = n - 1
            while i > 0 { order.swapAt(i, below(i + 1)); i -= 1 }
            return order
        }
    }

    /// One iteration (the paper's Algorithm A.1): move nodes, refine, aggregate, and again on the
    /// aggregate, until the moving phase leaves every aggregate node in its own cluster. Returns
    /// the membership of the original nodes, numbered by first appearance.
    static func run(_ base: Level, from start: [Int32], _ objective: Objective, refine: Bool, random: inout Random) -> [Int32] {
        var level = base
        var cluster = start
        var nodeOf = (0 ..< base.count).map { Int32($0) }   // original node → node of `level`
        while true {
            moveNodesFast(level, &cluster, objective, random: &random)
            let (moved, movedCount) = compact(cluster)
            if movedCount == level.count { cluster = moved; break }
            var groups = moved, groupCount = movedCount
            if refine {
                // A refinement that merged nothing would leave the aggregate the level itself, and the
                // paper's loop would move (no node moves: the partition is stable) and refine again:
                // drawing the refinement again is the same. If no merge is possible at all (or the
                // draws keep merging nothing), aggregate on the moved partition, as Louvain does.
                for _ in 0 ..< refinementDraws {
                    let refined = refinePartition(level, moved, objective, random: &random)
                    if refined.count < level.count { groups = refined.labels; groupCount = refined.count; break }
                    if !refined.couldMerge { break }
                }
            }
            var next = [Int32](repeating: 0, count: groupCount)
            for v in 0 ..< level.count { next[Int(groups[v])] = moved[v] }
            level = aggregate(level, groups, groupCount)
            for i in nodeOf.indices { nodeOf[i] = groups[Int(nodeOf[i])] }
            cluster = next
        }
        return compact(nodeOf.map { cluster[Int($0)] }).labels
    }

    /// Fast local moving (the paper's Algorithm A.2, MoveNodesFast): visit the nodes from a queue in
    /// random order, move each to the neighbouring cluster (or an empty one) that raises the quality
    /// most, and queue again the neighbours outside its new cluster that are not queued, until the
    /// queue is empty. `cluster` holds labels in 0 ..< level.count.
    static func moveNodesFast(_ level: Level, _ cluster: inout [Int32], _ objective: Objective, random: inout Random) {
        let n = level.count
        let gamma = objective.gamma
        var total = [Double](repeating: 0, count: n)   // S_c
        var members = [Int](repeating: 0, count: n)
        for v in 0 ..< n { total[Int(cluster[v])] += level.sizes[v]; members[Int(cluster[v])] += 1 }
        var empty: [Int32] = []
        for c in stride(from: n - 1, through: 0, by: -1) where members[c] == 0 { empty.append(Int32(c)) }

        var queue = random.permutation(n)                 // a ring of n slots: a node is queued at most once
        var queued = [Bool](repeating: true, count: n)
        var head = 0, queuedCount = n
        var link = [Double](repeating: 0, count: n)       // weight from v to each cluster, reset through `touched`
        var touched: [Int32] = []

        while queuedCount > 0 {
            let v = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            queuedCount -= 1
            queued[v] = false
            let own = Int(cluster[v]), size = level.sizes[v]
            for e in level.offsets[v] ..< level.offsets[v + 1] {
                let c = Int(cluster[Int(level.neighbors[e])])
                if link[c] == 0 { touched.append(Int32(c)) }
                link[c] += level.weights[e]
            }
            total[own] -= size
            let ownLink = link[own]
            let ownGain = ownLink - gamma * size * total[own]
            var best = own, bestGain = ownGain
            for t in touched {
                let c = Int(t)
                let gain = link[c] - gamma * size * total[c]
                if gain > bestGain { best = c; bestGain = gain }
            }
            if members[own] > 1 && bestGain < 0 { best = Int(empty[empty.count - 1]); bestGain = 0 }
            // A move must beat staying by more than rounding, so that no two moves undo each other.
            let tolerance = 1e-12 * (ownLink + link[best] + gamma * size * (total[own] + total[best]))
            if best != own && bestGain - ownGain > tolerance {
                if members[best] == 0 { empty.removeLast() }
                total[best] += size; members[best] += 1
                members[own] -= 1
                if members[own] == 0 { empty.append(Int32(own)) }
                cluster[v] = Int32(best)
                for e in level.offsets[v] ..< level.offsets[v + 1] {
                    let u = Int(level.neighbors[e])
                    if !queued[u] && Int(cluster[u]) != best {
                        queued[u] = true
                        var tail = head + queuedCount
                        if tail >= n { tail -= n }
                        queue[tail] = Int32(u)
                        queuedCount += 1
                    }
                }
            } else {
                total[own] += size
            }
            for t in touched { link[Int(t)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
    }

    /// The refinement (the paper's Algorithm A.2, RefinePartition and MergeNodesSubset): from
    /// singletons, within each cluster S of `cluster`, visit the nodes in random order; a node that
    /// is still alone and well connected to S (E(v, S − v) ≥ γ′ s_v (S_S − s_v)) joins a refined
    /// cluster C ⊆ S that is itself well connected to S (E(C, S − C) ≥ γ′ S_C (S_S − S_C)), chosen
    /// at random with probability ∝ exp(ΔQ / θ) among those with ΔQ ≥ 0, staying alone (ΔQ = 0)
    /// included. Every refined cluster grows by joining a node to a neighbour, so it stays
    /// connected. Returns the refined labels, numbered by first appearance, their count, and
    /// whether any node had a cluster to join (a merge was possible).
    static func refinePartition(_ level: Level, _ cluster: [Int32], _ objective: Objective, random: inout Random) -> (labels: [Int32], count: Int, couldMerge: Bool) {
        let n = level.count
        let gamma = objective.gamma
        let temperature = theta * objective.scale          // exp(ΔQ / θ) = exp(ΔH / (θ · scale))
        var clusterTotal = [Double](repeating: 0, count: n)
        for v in 0 ..< n { clusterTotal[Int(cluster[v])] += level.sizes[v] }
        var refined = (0 ..< n).map { Int32($0) }
        var total = level.sizes                               // S_C of each refined cluster
        var members = [Int32](repeating: 1, count: n)
        var external = [Double](repeating: 0, count: n)      // E(C, S − C) of each refined cluster
        for v in 0 ..< n {
            let s = cluster[v]
            for e in level.offsets[v] ..< level.offsets[v + 1] where cluster[Int(level.neighbors[e])] == s {
                external[v] += level.weights[e]
            }
        }
        var link = [Double](repeating: 0, count: n)
        var touched: [Int32] = []
        var candidates: [(cluster: Int, gain: Double)] = []
        var couldMerge = false

        for t in random.permutation(n) {
            let v = Int(t)
            let own = Int(refined[v])
            guard members[own] == 1 else { continue }
            let s = cluster[v], size = level.sizes[v], sTotal = clusterTotal[Int(s)]
            guard external[own] >= gamma * size * (sTotal - size) else { continue }
            for e in level.offsets[v] ..< level.offsets[v + 1] {
                let u = Int(level.neighbors[e])
                guard cluster[u] == s else { continue }
                let c = Int(refined[u])
                if link[c] == 0 { touched.append(Int32(c)) }
                link[c] += level.weights[e]
            }
            candidates.removeAll(keepingCapacity: true)
            candidates.append((own, 0))
            var top = 0.0
            for t in touched {
                let c = Int(t)
                guard c != own, external[c] >= gamma * total[c] * (sTotal - total[c]) else { continue }
                let gain = link[c] - gamma * size * total[c]
                if gain >= 0 { candidates.append((c, gain)); top = max(top, gain) }
            }
            var chosen = own
            if candidates.count > 1 {
                couldMerge = true
                var sum = 0.0
                for i in candidates.indices {
                    candidates[i].gain = exponential((candidates[i].gain - top) / temperature)
                    sum += candidates[i].gain
                }
                var r = random.unit() * sum
                chosen = candidates[candidates.count - 1].cluster
                for candidate in candidates {
                    if r < candidate.gain { chosen = candidate.cluster; break }
                    r -= candidate.gain
                }
            }
            if chosen != own {
                external[chosen] += external[own] - 2 * link[chosen]
                total[chosen] += size; members[chosen] += 1
                members[own] = 0
                refined[v] = Int32(chosen)
            }
            for t in touched { link[Int(t)] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        let (labels, count) = compact(refined)
        return (labels, count, couldMerge)
    }

    /// The aggregate network (AggregateGraph): one node per group, the weight between two groups
    /// the sum of the weights between their nodes, the edges inside a group its self-loop, its
    /// size the sum of its nodes' sizes.
    static func aggregate(_ level: Level, _ groups: [Int32], _ groupCount: Int) -> Level {
        var start = [Int](repeating: 0, count: groupCount + 1)
        for v in 0 ..< level.count { start[Int(groups[v]) + 1] += 1 }
        for g in 0 ..< groupCount { start[g + 1] += start[g] }
        var fill = start
        var nodes = [Int32](repeating: 0, count: level.count)
        for v in 0 ..< level.count { let g = Int(groups[v]); nodes[fill[g]] = Int32(v); fill[g] += 1 }

        var offsets = [Int](repeating: 0, count: groupCount + 1)
        var neighbors: [Int32] = [], weights: [Double] = []
        var loops = [Double](repeating: 0, count: groupCount)
        var sizes = [Double](repeating: 0, count: groupCount)
        var link = [Double](repeating: 0, count: groupCount)
        var touched: [Int32] = []
        for g in 0 ..< groupCount {
            var loop = 0.0, size = 0.0
            for k in start[g] ..< start[g + 1] {
                let v = Int(nodes[k])
                loop += level.loops[v]; size += level.sizes[v]
                for e in level.offsets[v] ..< level.offsets[v + 1] {
                    let u = Int(level.neighbors[e]), h = Int(groups[u])
                    if h == g {
                        if u > v { loop += level.weights[e] }   // an edge inside the group, once
                    } else {
                        if link[h] == 0 { touched.append(Int32(h)) }
                        link[h] += level.weights[e]
                    }
                }
            }
            for t in touched { neighbors.append(t); weights.append(link[Int(t)]); link[Int(t)] = 0 }
            touched.removeAll(keepingCapacity: true)
            offsets[g + 1] = neighbors.count
            loops[g] = loop; sizes[g] = size
        }
        return Level(count: groupCount, offsets: offsets, neighbors: neighbors, weights: weights, loops: loops, sizes: sizes)
    }

    /// Labels renumbered 0 ..< k by first appearance.
    static func compact(_ labels: [Int32]) -> (labels: [Int32], count: Int) {
        var index = [Int32](repeating: -1, count: labels.count)
        var out = [Int32](repeating: 0, count: labels.count)
        var k: Int32 = 0
        for i in labels.indices {
            let c = Int(labels[i])
            if index[c] < 0 { index[c] = k; k += 1 }
            out[i] = index[c]
        }
        return (out, Int(k))
    }

    /// Each cluster split into its connected components (on the original graph).
    static func splitDisconnected(_ graph: Graph, _ membership: [Int32]) -> [Int32] {
        let n = graph.nodeCount
        var out = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var k: Int32 = 0
        for root in 0 ..< n where out[root] < 0 {
            out[root] = k
            stack.append(Int32(root))
            while let v = stack.popLast() {
                for e in graph.edges(of: Int(v)) {
                    let u = Int(graph.neighbors[e])
                    if out[u] < 0 && membership[u] == membership[root] { out[u] = k; stack.append(Int32(u)) }
                }
            }
            k += 1
        }
        return out
    }

    /// Clusters numbered 0... by size, largest first; ties by their lowest node.
    static func numberBySize(_ membership: [Int32]) -> (membership: [Int], count: Int) {
        let (labels, k) = compact(membership)      // first appearance: label order is lowest-node order
        var counts = [Int](repeating: 0, count: k)
        for c in labels { counts[Int(c)] += 1 }
        let order = (0 ..< k).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var rank = [Int](repeating: 0, count: k)
        for (r, c) in order.enumerated() { rank[c] = r }
        return (labels.map { rank[Int($0)] }, k)
    }

    /// e^x for x ≤ 0, in plain arithmetic so that every platform draws the same numbers:
    /// x = k ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to double precision.
    static func exponential(_ x: Double) -> Double {
        if x < -745 { return 0 }
        let k = -Double(Int(0.5 - x * 1.4426950408889634))   // the nearest integer to x / ln 2 (x ≤ 0), without libm
        let r = (x - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
        var p = 1.0
        for i in stride(from: 14, through: 1, by: -1) { p = 1 + p * r / Double(i) }
        return Double(sign: .plus, exponent: Int(k), significand: p)
    }
}
