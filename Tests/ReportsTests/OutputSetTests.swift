// OutputSetTests.swift: outputs are confined to the output folder and written together.
import Foundation
import Reports
import XCTest

final class OutputSetTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func output(_ name: String, _ text: String) -> Output {
        Output(name: name, mediaType: "text/plain") { Array(text.utf8) }
    }

    func testCommitWritesEveryFileAndNoStagingIsLeft() throws {
        let set = OutputSet()
        try set.add(output("a.md", "A"))
        try set.add(output("sub/b.csv", "B"))
        try set.commit(to: folder)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("a.md"), encoding: .utf8), "A")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("sub/b.csv"), encoding: .utf8), "B")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["a.md", "sub"])
    }

    func testNamesThatLeadOutAreRefused() {
        let set = OutputSet()
        for name in ["../x", "a/../../x", "/etc/x", "", ".hidden", "a//b", "./a"] {
            XCTAssertThrowsError(try set.add(output(name, "")), name)
        }
    }

    func testSymlinkOutOfTheFolderIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("link"), withDestinationURL: outside)
        let set = OutputSet()
        try set.add(output("link/x.md", "X"))
        XCTAssertThrowsError(try set.commit(to: folder)) { error in
            XCTAssertEqual(error as? OutputError, .outsideFolder("link/x.md"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }
}
