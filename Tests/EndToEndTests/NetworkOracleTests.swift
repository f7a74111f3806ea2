// NetworkOracleTests.swift: the networks of a real Web of Science export, of every kind, checked
// against independent implementations (Tests/Support/network_oracle.py): networkx reads each
// exported format back and recomputes degree, strength, betweenness, closeness, PageRank,
// eigenvector centrality, clustering, components, density and transitivity; igraph recomputes
// the modularity of Scriptorium's partitions, leidenalg their CPM quality and its own best
// partitions, which Scriptorium's Leiden must reach within 1%; no cluster is disconnected.
import Foundation
import XCTest

final class NetworkOracleTests: XCTestCase {
    func testNetworksOfARealExportAgreeWithNetworkxIgraphAndLeidenalg() throws {
        let export = Command.packageRoot.appendingPathComponent("../shared/corpora/wos/bibx-savedrecs.txt").standardized
        guard FileManager.default.fileExists(atPath: export.path) else { throw XCTSkip("the shared corpora are absent (\(export.path))") }
        let python = Command.packageRoot.appendingPathComponent(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("the test oracles are not installed (`make test` installs networkx, igraph and leidenalg into .venv-test)")
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: out) }
        let run = try Command.run(["run", "Tests/Support/network_oracle.lua", "--corpus", export.path, "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)

        let process = Process()
        process.executableURL = python
        process.arguments = [Command.packageRoot.appendingPathComponent("Tests/Support/network_oracle.py").path, out.path]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, message)
        let answer = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], String(decoding: data, as: UTF8.self))
        let failures = try XCTUnwrap(answer["failures"] as? [String])
        XCTAssertEqual(failures, [], failures.prefix(20).joined(separator: "\n"))
        // Every network was checked: five kinds, three partitions each.
        XCTAssertEqual((answer["report"] as? [Any])?.count, 15)
    }
}
