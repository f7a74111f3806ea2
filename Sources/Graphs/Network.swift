// Network.swift: a network of labelled nodes: the graph, each node's occurrences (the documents
// or references it appears in), numeric attributes (an average publication year), the documents
// behind each node, and what a network is made into: normalised, filtered, cut to its top nodes.

/// How link weights are normalised (van Eck & Waltman 2009): `s_i` is a node's occurrences,
/// `k_i` its total link strength and `m` the network's total link weight.
package enum Normalization: String, CaseIterable, Sendable {
    /// VOSviewer's: 2m · a_ij / (k_i · k_j).
    case associationStrength = "association"
    /// Salton's cosine: a_ij / √(s_i · s_j).
    case cosine
    /// a_ij / (s_i + s_j − a_ij).
    case jaccard
    /// a_ij / min(s_i, s_j).
    case inclusion
    /// a_ij² / (s_i · s_j).
    case equivalence
}

package struct Network: Sendable {
    package var labels: [String]
    package var graph: Graph
    /// Each node's own count: the documents (or references) it occurs in.
    package var occurrences: [Double]
    /// Numeric attributes by name, one value (or nil) a node, in the order they were added.
    package var attributes: [(name: String, values: [Double?])]
    /// The documents (store rows, increasing) behind each node, when the network keeps them.
    package var documents: [[Int32]]?
    /// Each node's link with itself, when it is not its occurrences: in a coupling network, the
    /// references a document holds (Σ over cited works of n², for a unit of several documents).
    /// Cosine, Jaccard, inclusion and equivalence divide by it.
    package var selfLinks: [Double]?
    /// Whether the documents behind a link are those both ends hold (co-occurrence: the
    /// documents written together, citing both) or those of either end (coupling and citation:
    /// the documents that are linked).
    package var linkDocumentsAreShared = true

    package init(labels: [String], graph: Graph, occurrences: [Double]? = nil, attributes: [(name: String, values: [Double?])] = [],
                 documents: [[Int32]]? = nil, selfLinks: [Double]? = nil) {
        precondition(labels.count == graph.nodeCount, "one label a node")
        self.labels = labels
        self.graph = graph
        self.occurrences = occurrences ?? (0 ..< graph.nodeCount).map { graph.strength($0) }
        self.attributes = attributes
        self.documents = documents
        self.selfLinks = selfLinks
    }

    package var nodeCount: Int { graph.nodeCount }

    /// The node labelled `label`, if any.
    package func node(_ label: String) -> Int? { labels.firstIndex(of: label) }

    /// The documents behind node `a`, or behind both `a` and `b` (the edge's documents).
    package func documents(_ a: Int, _ b: Int? = nil) -> [Int32] {
        guard let documents else { return [] }
        guard let b else { return documents[a] }
        var out: [Int32] = [], i = 0, j = 0
        let x = documents[a], y = documents[b]
        while i < x.count && j < y.count {
            if x[i] == y[j] { out.append(x[i]); i += 1; j += 1 }
            else if x[i] < y[j] { if !linkDocumentsAreShared { out.append(x[i]) }; i += 1 }
            else { if !linkDocumentsAreShared { out.append(y[j]) }; j += 1 }
        }
        if !linkDocumentsAreShared { out += x[i...]; out += y[j...] }
        return out
    }

    /// The same nodes with each link's weight normalised.
    package func normalized(_ method: Normalization) -> Network {
        let g = graph
        let m = g.totalWeight
        let strength = (0 ..< nodeCount).map { g.strength($0) }
        let own = selfLinks ?? occurrences
        let edges = g.edgeList.map { e -> (Int, Int, Double) in
            let si = own[e.a], sj = own[e.b]
            let w: Double
            switch method {
            case .associationStrength: w = strength[e.a] > 0 && strength[e.b] > 0 ? 2 * m * e.weight / (strength[e.a] * strength[e.b]) : 0
            case .cosine: w = si > 0 && sj > 0 ? e.weight / (si * sj).squareRoot() : 0
            case .jaccard: w = si + sj - e.weight > 0 ? e.weight / (si + sj - e.weight) : 0
            case .inclusion: w = min(si, sj) > 0 ? e.weight / min(si, sj) : 0
            case .equivalence: w = si > 0 && sj > 0 ? e.weight * e.weight / (si * sj) : 0
            }
            return (e.a, e.b, w)
        }
        var copy = self
        copy.graph = Graph(nodeCount: nodeCount, edges: edges)
        return copy
    }

    /// The network restricted to `nodes` (in that order), with the edges among them.
    package func subnetwork(_ nodes: [Int]) -> Network {
        var place = [Int](repeating: -1, count: nodeCount)
        for (k, n) in nodes.enumerated() { place[n] = k }
        var edges: [(Int, Int, Double)] = []
        for (k, n) in nodes.enumerated() {
            for e in graph.edges(of: n) {
                let other = place[Int(graph.neighbors[e])]
                if other >= k { edges.append((k, other, graph.weights[e])) }
            }
        }
        var sub = Network(labels: nodes.map { labels[$0] }, graph: Graph(nodeCount: nodes.count, edges: edges),
                       occurrences: nodes.map { occurrences[$0] },
                       attributes: attributes.map { a in (a.name, nodes.map { a.values[$0] }) },
                       documents: documents.map { d in nodes.map { d[$0] } }, selfLinks: selfLinks.map { l in nodes.map { l[$0] } })
        sub.linkDocumentsAreShared = linkDocumentsAreShared
        return sub
    }

    /// The network with links lighter than `minWeight` dropped, then only the `top` nodes with the
    /// most occurrences (ties: the greater total link strength, then the label), then nodes with
    /// fewer than `minOccurrences`, and isolated nodes when `dropIsolated`.
    package func filtered(minWeight: Double = 0, top: Int? = nil, minOccurrences: Double = 0, dropIsolated: Bool = false) -> Network {
        var net = self
        if minWeight > 0 {
            net.graph = Graph(nodeCount: nodeCount, edges: graph.edgeList.filter { $0.weight >= minWeight }.map { ($0.a, $0.b, $0.weight) })
        }
        let strength = (0 ..< nodeCount).map { net.graph.strength($0) }
        var keep = (0 ..< nodeCount).filter { occurrences[$0] >= minOccurrences }
        if let top, keep.count > top {
            keep.sort { a, b in
                if occurrences[a] != occurrences[b] { return occurrences[a] > occurrences[b] }
                if strength[a] != strength[b] { return strength[a] > strength[b] }
                return labels[a] < labels[b]
            }
            keep = Array(keep.prefix(top)).sorted()
        }
        if keep.count < nodeCount { net = net.subnetwork(keep) }
        // Nodes left without links once the others are gone.
        if dropIsolated {
            let linked = (0 ..< net.nodeCount).filter { i in net.graph.edges(of: i).contains { Int(net.graph.neighbors[$0]) != i } }
            if linked.count < net.nodeCount { net = net.subnetwork(linked) }
        }
        return net
    }
}
