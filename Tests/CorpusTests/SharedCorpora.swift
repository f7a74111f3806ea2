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
