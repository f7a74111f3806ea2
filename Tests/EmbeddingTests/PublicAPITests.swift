// PublicAPITests.swift: the public API is a visible decision: its declarations are listed in
// PublicAPI.txt beside this file and a change to them fails here until the list is updated
// (SCRIPTORIUM_UPDATE_PUBLIC_API=1 rewrites it); nothing outside Sources/Scriptorium is public;
// the command imports only the public library.
import Foundation
import XCTest

final class PublicAPITests: XCTestCase {
    private let root = EmbeddingTests.root
    private var listFile: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("PublicAPI.txt") }

    private func swiftFiles(_ folder: String) throws -> [URL] {
        let base = root.appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    /// Each public declaration of the library, as "File.swift: declaration" without its body.
    private func publicDeclarations() throws -> [String] {
        var lines: [String] = []
        for file in try swiftFiles("Sources/Scriptorium") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.components(separatedBy: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("public ") || trimmed.hasPrefix("@discardableResult public ") else { continue }
                var declaration = trimmed
                if let brace = declaration.range(of: " {") { declaration = String(declaration[..<brace.lowerBound]) }
                lines.append("\(file.lastPathComponent): \(declaration)")
            }
        }
        return lines
    }

    func testPublicSurfaceIsTheListedOne() throws {
        let current = try publicDeclarations().joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["SCRIPTORIUM_UPDATE_PUBLIC_API"] == "1" {
            try current.write(to: listFile, atomically: true, encoding: .utf8)
        }
        let listed = try String(contentsOf: listFile, encoding: .utf8)
        XCTAssertEqual(current, listed, "the public API changed: review the change, then run the tests with SCRIPTORIUM_UPDATE_PUBLIC_API=1")
        XCTAssertTrue(listed.contains("ReportEngine.swift: public static func run(_ script: ReportScript, on corpus: LoadedCorpus, cancellation: ReportCancellation? = nil) throws -> ReportOutputs"))
    }

    func testEverythingElseIsInternalOrPackage() throws {
        for folder in ["Sources/Lua", "Sources/CorpusBytes", "Sources/CorpusModel", "Sources/CorpusStore", "Sources/CorpusReaders", "Sources/Corpus", "Sources/Tables", "Sources/Analysis", "Sources/Reports", "Sources/Scripting", "Sources/Scheduling"] {
            for file in try swiftFiles(folder) {
                let text = try String(contentsOf: file, encoding: .utf8)
                let publicLines = text.components(separatedBy: "\n").filter {
                    $0.trimmingCharacters(in: .whitespaces).hasPrefix("public ") || $0.contains(" public func ") || $0.contains(" public var ")
                }
                XCTAssertEqual(publicLines, [], "\(file.path) declares public API outside the library")
            }
        }
    }

    func testTheCommandImportsOnlyThePublicLibrary() throws {
        let allowed: Set<String> = ["ArgumentParser", "CSystem", "Dispatch", "Foundation", "Scriptorium"]
        var imported = Set<String>()
        for file in try swiftFiles("Sources/ScriptoriumCLI") {
            for line in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") where line.hasPrefix("import ") || line.hasPrefix("@testable import ") {
                imported.insert(String(line.split(separator: " ").last!))
            }
        }
        XCTAssertEqual(imported.subtracting(allowed), [], "the command must use the engine through `import Scriptorium` only")
        XCTAssertTrue(imported.contains("Scriptorium"))
        // And the package lets it depend on nothing else of the engine.
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let cli = try XCTUnwrap(manifest.range(of: "name: \"ScriptoriumCLI\",")).upperBound
        let dependencies = manifest[cli...].prefix { $0 != ")" }
        XCTAssertTrue(dependencies.contains("dependencies: [\"Scriptorium\", \"CSystem\", .product(name: \"ArgumentParser\""), String(dependencies))
    }
}
