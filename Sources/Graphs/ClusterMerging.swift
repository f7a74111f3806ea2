// ClusterMerging.swift: a partition with its small clusters dissolved: each node of a cluster
// under the minimum size joins the large cluster it is most linked to (as VOSviewer's minimum
// cluster size does), and the clusters are numbered again by size.

extension Partition {
    /// Clusters smaller than `minSize` merged, node by node, into the cluster they are most linked to.
    package func mergingSmallClusters(of g: Graph, minSize: Int, quality: ClusterQuality) -> Partition {
        var membership = self.membership
        var size = [Int](repeating: 0, count: clusterCount)
        for c in membership { size[c] += 1 }
        for i in 0 ..< g.nodeCount where size[membership[i]] < minSize {
            var link: [Int: Double] = [:]
            for e in g.edges(of: i) { let c = membership[Int(g.neighbors[e])]; if size[c] >= minSize { link[c, default: 0] += g.weights[e] } }
            if let best = link.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) {
                size[membership[i]] -= 1
                membership[i] = best.key
                size[best.key] += 1
            }
        }
        // Renumbered by size, largest first.
        var counts: [Int: Int] = [:], first: [Int: Int] = [:]
        for (i, c) in membership.enumerated() { counts[c, default: 0] += 1; if first[c] == nil { first[c] = i } }
        let order = counts.keys.sorted { counts[$0] != counts[$1] ? counts[$0]! > counts[$1]! : first[$0]! < first[$1]! }
        var rank: [Int: Int] = [:]
        for (r, c) in order.enumerated() { rank[c] = r }
        let renumbered = membership.map { rank[$0]! }
        return Partition(membership: renumbered, clusterCount: order.count, quality: Leiden.quality(g, membership: renumbered, quality))
    }

}
