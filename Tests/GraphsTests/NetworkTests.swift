// NetworkTests.swift: the graph and the network's operations against values worked out by hand:
// links given twice add up, normalisations of a small co-occurrence matrix, filters, the
// documents behind a link, centralities of small graphs, and determinism of clustering and layout.
@testable import Graphs
import XCTest

final class NetworkTests: XCTestCase {
    /// A triangle a-b-c with weights 2, 1, 3 (b-c given twice, 1 + 2) and a pendant d on c.
    private let graph = Graph(nodeCount: 4, edges: [(0, 1, 2), (2, 1, 1), (1, 2, 2), (0, 2, 1), (3, 2, 4), (3, 3, 0)])

    func testLinksGivenTwiceAddUpAndRowsAreSorted() {
        XCTAssertEqual(graph.edgeCount, 4)
        XCTAssertEqual(graph.totalWeight, 2 + 3 + 1 + 4)
        XCTAssertEqual(graph.edgeList.map { "\($0.a)-\($0.b):\(Int($0.weight))" }, ["0-1:2", "0-2:1", "1-2:3", "2-3:4"])
        XCTAssertEqual(Array(graph.neighbors[graph.edges(of: 2)]), [0, 1, 3])
        XCTAssertEqual(Centrality.degree(graph), [2, 2, 3, 1])
        XCTAssertEqual(Centrality.strength(graph), [3, 5, 8, 4])
    }

    func testNormalisations() {
        // Occurrences 4, 5, 10, 4; total link weight m = 10; strengths 3, 5, 8, 4.
        let net = Network(labels: ["a", "b", "c", "d"], graph: graph, occurrences: [4, 5, 10, 4])
        func weight(_ n: Network, _ a: Int, _ b: Int) -> Double { n.graph.edgeList.first { $0.a == a && $0.b == b }!.weight }
        XCTAssertEqual(weight(net.normalized(.associationStrength), 0, 1), 2 * 10 * 2 / (3 * 5), accuracy: 1e-12)
        XCTAssertEqual(weight(net.normalized(.cosine), 1, 2), 3 / (5 * 10.0).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(weight(net.normalized(.jaccard), 2, 3), 4 / (10 + 4 - 4.0), accuracy: 1e-12)
        XCTAssertEqual(weight(net.normalized(.inclusion), 0, 2), 1 / 4.0, accuracy: 1e-12)
        XCTAssertEqual(weight(net.normalized(.equivalence), 0, 1), 4 / (4 * 5.0), accuracy: 1e-12)
    }

    func testFiltersKeepTheTopNodesAndTheirLinks() {
        let net = Network(labels: ["a", "b", "c", "d"], graph: graph, occurrences: [4, 5, 10, 4],
                          attributes: [("year", [2000, 2001, nil, 2003])], documents: [[1, 2, 5], [2, 5, 7], [5], [9]])
        let top = net.filtered(top: 3)
        // d and a tie on occurrences; d has the greater link strength (4 against 3).
        XCTAssertEqual(top.labels, ["b", "c", "d"])
        XCTAssertEqual(top.graph.edgeList.map(\.weight), [3, 4])
        XCTAssertEqual(top.attributes[0].values, [2001, nil, 2003])
        let light = net.filtered(minWeight: 2.5, dropIsolated: true)
        XCTAssertEqual(light.labels, ["b", "c", "d"])
        XCTAssertEqual(light.graph.edgeList.map(\.weight), [3, 4])
        XCTAssertEqual(net.documents(0, 1), [2, 5])
        XCTAssertEqual(net.documents(3), [9])
    }

    func testCouplingNormalisesByEachNodesOwnLinks() {
        // Two documents sharing 3 references, holding 4 and 9, cited 0 and 2 times: the cosine is
        // 3 / √(4 · 9), not a division by their citations.
        let net = Network(labels: ["p", "q"], graph: Graph(nodeCount: 2, edges: [(0, 1, 3)]), occurrences: [0, 2], selfLinks: [4, 9])
        XCTAssertEqual(net.normalized(.cosine).graph.edgeList.first?.weight ?? 0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(net.normalized(.jaccard).graph.edgeList.first?.weight ?? 0, 3 / (4 + 9 - 3.0), accuracy: 1e-12)
    }

    func testNodesLeftWithoutLinksByTheCutAreDropped() {
        // A (10) and B (9) are linked only to C (1): keeping the top two leaves them without links.
        let net = Network(labels: ["A", "B", "C"], graph: Graph(nodeCount: 3, edges: [(0, 2, 1), (1, 2, 1)]), occurrences: [10, 9, 1])
        XCTAssertEqual(net.filtered(top: 2).labels, ["A", "B"])
        XCTAssertEqual(net.filtered(top: 2, dropIsolated: true).labels, [])
        // Weights that are not finite are no links.
        XCTAssertEqual(Graph(nodeCount: 2, edges: [(0, 1, .infinity), (0, 1, .nan)]).edgeCount, 0)
    }

    func testCentralitiesOfAPath() {
        // a - b - c: b lies on the one shortest path between a and c.
        let path = Graph(nodeCount: 3, edges: [(0, 1, 1), (1, 2, 1)])
        XCTAssertEqual(Centrality.betweenness(path), [0, 1, 0])
        XCTAssertEqual(Centrality.closeness(path).map { ($0 * 1000).rounded() / 1000 }, [0.667, 1, 0.667])
        XCTAssertEqual(Centrality.components(Graph(nodeCount: 5, edges: [(0, 1, 1), (3, 4, 1), (2, 3, 1)])), [1, 1, 0, 0, 0])
        XCTAssertEqual(Centrality.density(path), 2.0 / 3.0)
        XCTAssertEqual(Centrality.clustering(graph), [1, 1, 1.0 / 3.0, 0])
        XCTAssertEqual(Centrality.transitivity(graph), 3.0 / 5.0, accuracy: 1e-12)
        let pr = Centrality.pageRank(path)
        XCTAssertEqual(pr.reduce(0, +), 1, accuracy: 1e-9)
        XCTAssertEqual(pr[0], pr[2], accuracy: 1e-12)
        XCTAssertGreaterThan(pr[1], pr[0])
    }

    func testClusteringAndLayoutAreDeterministic() throws {
        let karate = Graph(nodeCount: 34, edges: KarateClub.edges.map { ($0.0, $0.1, 1) })
        let a = try Leiden.cluster(karate, quality: .modularity(resolution: 1), seed: 7)
        let b = try Leiden.cluster(karate, quality: .modularity(resolution: 1), seed: 7)
        XCTAssertEqual(a, b)
        // The best known partition of the karate club has a modularity of 0.4198.
        XCTAssertGreaterThan(a.quality, 0.415)
        XCTAssertEqual(Leiden.quality(karate, membership: a.membership, .modularity(resolution: 1)), a.quality, accuracy: 1e-12)
        let sizes = (0 ..< a.clusterCount).map { c in a.membership.filter { $0 == c }.count }
        XCTAssertEqual(sizes, sizes.sorted(by: >), "clusters numbered by size, largest first")
        let p = try VOSLayout.layout(karate, seed: 1, starts: 2, maxIterations: 200)
        let q = try VOSLayout.layout(karate, seed: 1, starts: 2, maxIterations: 200)
        XCTAssertEqual(p.map(\.x), q.map(\.x))
        // Scaled to a mean distance of one.
        var total = 0.0
        for i in 0 ..< 34 { for j in (i + 1) ..< 34 { total += ((p[i].x - p[j].x) * (p[i].x - p[j].x) + (p[i].y - p[j].y) * (p[i].y - p[j].y)).squareRoot() } }
        XCTAssertEqual(total / Double(34 * 33 / 2), 1, accuracy: 1e-9)
    }

    func testFormatsHoldEveryNodeAndLink() {
        let net = Network(labels: ["a & b", "<c>", "d\"e", "f\tg"], graph: graph, occurrences: [4, 5, 10, 4], attributes: [("year", [2000, nil, 2002, 2003])])
        let extras = NetworkExtras(clusters: [0, 0, 1, 1], positions: [(0, 0), (1, 0), (0, 1), (1, 1)])
        let vos = NetworkFormats.write(net, .vosviewer, extras)
        XCTAssertEqual(vos.map(\.suffix), ["_map.txt", "_network.txt"])
        XCTAssertEqual(vos[0].text.split(separator: "\n").first, "id\tlabel\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Occurrences>\tscore<Avg. pub. year>")
        XCTAssertEqual(vos[0].text.split(separator: "\n")[4], "4\tf g\t1\t1\t2\t1\t4\t4\t2003")
        XCTAssertEqual(vos[1].text, "1\t2\t2\n1\t3\t1\n2\t3\t3\n3\t4\t4\n")
        let pajek = NetworkFormats.write(net, .pajek, extras)[0].text
        XCTAssertTrue(pajek.hasPrefix("*Vertices 4\r\n1 \"a & b\" 0 0 0.5\r\n"), pajek)
        XCTAssertTrue(pajek.contains("*Edges\r\n1 2 2\r\n"))
        let graphML = NetworkFormats.write(net, .graphml, extras)[0].text
        XCTAssertTrue(graphML.contains("<data key=\"label\">a &amp; b</data>"))
        XCTAssertTrue(graphML.contains("<data key=\"label\">&lt;c&gt;</data>"))
        XCTAssertEqual(graphML.components(separatedBy: "<edge ").count - 1, 4)
        let gexf = NetworkFormats.write(net, .gexf, extras)[0].text
        XCTAssertEqual(gexf.components(separatedBy: "<node ").count - 1, 4)
        XCTAssertTrue(gexf.contains("label=\"d&quot;e\""))
    }
}
