// CorpusCacheTests.swift: the corpus cache reuses a file's parsed documents while the file is
// unchanged, parses it again when its content changes (even with the same size and time), drops
// the entries of deleted files, and never trusts a damaged entry.
@testable import Corpus
import XCTest

final class CorpusCacheTests: XCTestCase {
    private let fixtures = Fixtures()
    private var corpusFolder: URL { fixtures.folder.appendingPathComponent("corpus") }
    private var cacheFolder: URL { fixtures.folder.appendingPathComponent("cache") }

    private var samples: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples")
    }

    override func setUpWithError() throws {
        for name in ["001_steppe_trade.txt", "002_soviet_advisers.txt", "003_kalmyk_epic.txt"] {
            _ = try fixtures.write("corpus/" + name, Array(try Data(contentsOf: samples.appendingPathComponent(name))))
        }
    }

    private func load() throws -> (Corpus, CorpusCache) {
        let cache = CorpusCache(folder: cacheFolder)
        let corpus = try CorpusLoader.load(paths: [corpusFolder.path], options: LoadOptions(cache: cache))
        return (corpus, cache)
    }

    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).filter { $0.hasSuffix(".bin") }.sorted()
    }

    func testASecondLoadReusesEveryEntryAndGivesTheSameCorpus() throws {
        let (first, cold) = try load()
        XCTAssertEqual(cold.statistics.hits, 0)
        XCTAssertEqual(cold.statistics.misses, 3)
        XCTAssertEqual(try entries().count, 3)
        let (second, warm) = try load()
        XCTAssertEqual(warm.statistics.hits, 3)
        XCTAssertEqual(warm.statistics.misses, 0)
        XCTAssertEqual(second.documents, first.documents, "the cached documents are the parsed ones, field for field")
        XCTAssertEqual(second.files, first.files)
        let plain = try CorpusLoader.load(paths: [corpusFolder.path])
        XCTAssertEqual(second.documents, plain.documents)
    }

    func testAChangedFileIsParsedAgain() throws {
        _ = try load()
        let path = corpusFolder.appendingPathComponent("002_soviet_advisers.txt")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Soviet", with: "Sowjet")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.hits, 2)
        XCTAssertEqual(cache.statistics.misses, 1)
        XCTAssertTrue(corpus.documents.contains { $0.title.contains("Sowjet") })
    }

    func testTheContentHashCatchesAChangeThatKeepsSizeAndTime() throws {
        _ = try load()
        let path = corpusFolder.appendingPathComponent("001_steppe_trade.txt").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let at = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "C")))  // "Caravan" in the title
        bytes[at] = UInt8(ascii: "K")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: attributes[.modificationDate]!], ofItemAtPath: path)
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.misses, 1)
        XCTAssertTrue(corpus.documents.contains { $0.title.hasPrefix("Karavan") }, corpus.documents.map(\.title).joined(separator: "; "))
    }

    func testDeletedFilesLoseTheirEntries() throws {
        _ = try load()
        try FileManager.default.removeItem(at: corpusFolder.appendingPathComponent("003_kalmyk_epic.txt"))
        let (corpus, cache) = try load()
        XCTAssertEqual(corpus.count, 2)
        XCTAssertEqual(cache.dropDeleted(), 1)
        XCTAssertEqual(try entries().count, 2)
    }

    func testADamagedEntryIsIgnoredAndRebuilt() throws {
        _ = try load()
        for (n, name) in try entries().enumerated() {
            let url = cacheFolder.appendingPathComponent(name)
            var bytes = Array(try Data(contentsOf: url))
            if n == 0 { bytes[bytes.count / 2] ^= 0xFF }        // a flipped byte
            if n == 1 { bytes.removeLast(bytes.count / 3) }     // a truncated entry
            if n == 2 { bytes = Array("not a cache entry".utf8) }
            try Data(bytes).write(to: url)
        }
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.rejected, 3)
        XCTAssertEqual(cache.statistics.hits, 0)
        XCTAssertEqual(corpus.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        let (_, again) = try load()
        XCTAssertEqual(again.statistics.hits, 3, "the entries were rewritten")
    }
}
