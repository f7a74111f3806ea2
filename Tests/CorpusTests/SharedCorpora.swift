// SharedCorpora.swift: where the real exports beside the project live; tests skip without them.
import Foundation
import XCTest

enum SharedCorpora {
    /// ../shared/corpora from the package root.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    static func file(_ relative: String) throws -> String {
        let url = root.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("\(url.path) is absent: the shared corpora are not beside the project")
        }
        return url.path
    }
}

/// A temporary folder for fixture files written by a test, removed when the test ends.
/// (XCTest keeps every test case alive to the end of the run, so the folder cannot wait for deinit.)
final class Fixtures {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scriptorium-fixtures-\(UUID().uuidString)")

    init(for test: XCTestCase) {
        test.addTeardownBlock { [folder] in try? FileManager.default.removeItem(at: folder) }
    }

    /// Writes `text` (or raw bytes) to `name` in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }
}
