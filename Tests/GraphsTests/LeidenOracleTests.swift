// LeidenOracleTests.swift: Leiden on the standard graphs networkx ships (Tests/Support/
// leiden_oracle.py), against leidenalg's best of ten seeds: for modularity at resolutions 1 and
// 0.5 and for the constant Potts model, Scriptorium's best of five seeds reaches at least 99% of
// it; no cluster is ever disconnected; the same seed gives the same partition.
@testable import Graphs
import Foundation
import XCTest

final class LeidenOracleTests: XCTestCase {
    private struct Case: Decodable {
        var name: String
        var nodes: Int
        var edges: [[Double]]
        var best: [String: Double]
    }

    func testLeidenReachesLeidenalgOnStandardGraphs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("the test oracles are not installed (`make test` installs networkx, igraph and leidenalg into .venv-test)")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent("Tests/Support/leiden_oracle.py").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let cases = try JSONDecoder().decode([Case].self, from: data)
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            let graph = Graph(nodeCount: c.nodes, edges: c.edges.map { (Int($0[0]), Int($0[1]), $0[2]) })
            for (key, quality) in [("1.0", ClusterQuality.modularity(resolution: 1)), ("0.5", .modularity(resolution: 0.5)), ("cpm", .cpm(resolution: 0.05))] {
                let partitions = try (0 ..< 5).map { try Leiden.cluster(graph, quality: quality, seed: UInt64($0)) }
                let best = partitions.map(\.quality).max()!
                let theirs = c.best[key]!
                XCTAssertGreaterThanOrEqual(best, 0.99 * theirs - 1e-9, "\(c.name) \(key): \(best) against leidenalg's \(theirs)")
                for p in partitions {
                    XCTAssertEqual(Leiden.quality(graph, membership: p.membership, quality), p.quality, accuracy: 1e-9 * max(1, abs(p.quality)))
                    XCTAssertTrue(connected(graph, p), "\(c.name) \(key): a cluster is disconnected")
                }
                XCTAssertEqual(try Leiden.cluster(graph, quality: quality, seed: 3), partitions[3], "\(c.name): the same seed, the same partition")
            }
        }
    }

    /// Whether every cluster of `p` is connected within itself.
    private func connected(_ g: Graph, _ p: Partition) -> Bool {
        var seen = [Bool](repeating: false, count: g.nodeCount)
        var clustersMet = Set<Int>()
        for s in 0 ..< g.nodeCount where !seen[s] {
            guard clustersMet.insert(p.membership[s]).inserted else { return false }
            var stack = [s]
            seen[s] = true
            while let v = stack.popLast() {
                for e in g.edges(of: v) {
                    let w = Int(g.neighbors[e])
                    if !seen[w] && p.membership[w] == p.membership[v] { seen[w] = true; stack.append(w) }
                }
            }
        }
        return true
    }
}
