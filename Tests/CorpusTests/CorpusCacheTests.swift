// CorpusCacheTests.swift: the corpus cache reuses a file's parsed documents while the file is
// unchanged (or only touched: same content, new time), parses it again when its content changes,
// drops the entries of deleted files, and never trusts a damaged entry.
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

    private var pack: URL { CorpusCache(folder: cacheFolder).packURL([corpusFolder.path]) }

    private func entries() -> Int { CorpusCache(folder: cacheFolder).open([corpusFolder.path]).entries.count }

    func testASecondLoadReusesEveryEntryAndGivesTheSameCorpus() throws {
        let (first, cold) = try load()
        XCTAssertEqual(cold.statistics.hits, 0)
        XCTAssertEqual(cold.statistics.misses, 3)
        XCTAssertEqual(entries(), 3)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path), [pack.lastPathComponent], "one pack per corpus")
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

    func testATouchedFileWithTheSameContentIsNotParsedAgain() throws {
        _ = try load()
        let path = corpusFolder.appendingPathComponent("001_steppe_trade.txt").path
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: path)
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.hits, 3, "its content hash matched")
        XCTAssertEqual(cache.statistics.misses, 0)
        XCTAssertEqual(corpus.count, 3)
        let (_, again) = try load()
        XCTAssertEqual(again.statistics.hits, 3, "the entry now carries the new time")
    }

    func testDeletedFilesLoseTheirEntries() throws {
        _ = try load()
        try FileManager.default.removeItem(at: corpusFolder.appendingPathComponent("003_kalmyk_epic.txt"))
        let (corpus, cache) = try load()
        XCTAssertEqual(corpus.count, 2)
        XCTAssertEqual(cache.statistics.hits, 2)
        XCTAssertEqual(entries(), 2, "the pack was rewritten without the deleted file")
    }

    func testDamagedEntriesAreIgnoredAndRebuilt() throws {
        _ = try load()
        let plain = try CorpusLoader.load(paths: [corpusFolder.path]).documents
        let original = Array(try Data(contentsOf: pack))
        // A flipped byte in the middle: one entry fails its checksum and its file is parsed again.
        var flipped = original
        flipped[flipped.count / 2] ^= 0xFF
        try Data(flipped).write(to: pack)
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.rejected, 1)
        XCTAssertEqual(cache.statistics.hits, 2)
        XCTAssertEqual(cache.statistics.misses, 1)
        XCTAssertEqual(corpus.documents, plain)
        XCTAssertEqual(try load().1.statistics.hits, 3, "the pack was rewritten whole")
        // A truncated pack keeps the entries before the cut; a file that is not a pack keeps none.
        try Data(original.prefix(original.count * 2 / 3)).write(to: pack)
        let (_, truncated) = try load()
        XCTAssertGreaterThanOrEqual(truncated.statistics.hits, 1)
        XCTAssertGreaterThanOrEqual(truncated.statistics.misses, 1)
        try Data("not a pack".utf8).write(to: pack)
        let (fromGarbage, garbage) = try load()
        XCTAssertEqual(garbage.statistics.hits, 0)
        XCTAssertEqual(garbage.statistics.rejected, 1)
        XCTAssertEqual(fromGarbage.documents, plain)
        XCTAssertEqual(try load().1.statistics.hits, 3)
    }
}
