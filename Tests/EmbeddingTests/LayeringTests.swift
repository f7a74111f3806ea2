// LayeringTests.swift: the layers of the engine as its targets draw them, each importing only
// the layers below it. The corpus layer is five targets: bytes and shared primitives, the model,
// the store, the readers, and loading; `Tables` sits apart so that Reports needs nothing else, and
// `Graphs` (networks and their algorithms) and `Arrow` (the file format of packs) need nothing at all.
import Foundation
import XCTest

final class LayeringTests: XCTestCase {
    private let root = EmbeddingTests.root
    private static let system: Set<String> = ["Foundation", "Dispatch", "Glibc", "Darwin", "Synchronization"]

    /// Each target and the project targets it may import (system modules are always allowed).
    private static let below: [(target: String, imports: Set<String>)] = {
        let corpus = ["CorpusBytes", "CorpusModel", "CorpusStore", "CorpusReaders", "Corpus"]
        var layers: [(String, Set<String>)] = [("CorpusBytes", ["CZlib"])]
        // From the store up, packs are Arrow files.
        for (k, name) in corpus.enumerated().dropFirst() { layers.append((name, Set(corpus[..<k]).union(k >= 2 ? ["Arrow"] : []))) }
        let allCorpus = Set(corpus + ["Arrow"])
        layers += [
            ("Arrow", []),
            ("Tables", []),
            ("Graphs", []),
            ("Reports", ["Tables"]),
            ("Lua", ["CLuaShim", "CLua"]),
            ("Analysis", allCorpus.union(["Tables", "Graphs"])),
            ("Scripting", allCorpus.union(["Tables", "Graphs", "Analysis", "Reports", "Lua", "CLua", "CIsolation"])),
            ("Scheduling", allCorpus.union(["Tables", "Analysis", "Reports", "Scripting", "GRDB", "TOMLKit"])),
            ("Scriptorium", allCorpus.union(["Tables", "Analysis", "Reports", "Scripting", "Scheduling", "Lua"])),
        ]
        return layers
    }()

    func testEachTargetImportsOnlyTheLayersBelowIt() throws {
        for (target, allowed) in LayeringTests.below {
            let folder = root.appendingPathComponent("Sources").appendingPathComponent(target)
            let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil).filter { $0.pathExtension == "swift" }
            XCTAssertFalse(files.isEmpty, "Sources/\(target) holds no Swift files")
            for file in files {
                for line in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") where line.hasPrefix("import ") {
                    let module = String(line.dropFirst("import ".count)).trimmingCharacters(in: .whitespaces)
                    XCTAssertTrue(LayeringTests.system.contains(module) || allowed.contains(module),
                                  "\(target)/\(file.lastPathComponent) imports \(module), which is not below it")
                }
            }
        }
    }
}
