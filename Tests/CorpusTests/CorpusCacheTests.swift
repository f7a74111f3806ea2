// CorpusCacheTests.swift: the corpus cache reuses a file's parsed documents while the file is
// unchanged (or only touched: same content, new time), parses it again when its content changes,
// drops the entries of deleted files, and never trusts a damaged entry.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class CorpusCacheTests: XCTestCase {
    private lazy var fixtures = Fixtures(for: self)
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

    private func entries() -> Int { CorpusCache(folder: cacheFolder).open([corpusFolder.path]).pack.list.count }

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

    func testFilesAddedBeforeAndBetweenTheKnownOnesLeaveThemReused() throws {
        // The pack's list is in file order and matched by position: files that move it (added
        // first, in the middle, one with a name that needs escaping) are still found by path.
        _ = try load()
        for (name, source) in [("000_first.txt", "004_buddhist_monasteries.txt"), ("002a_between.txt", "005_nomad_pastures.txt"),
                               ("002b_50%\ttab.txt", "006_russian_records.txt")] {
            _ = try fixtures.write("corpus/" + name, Array(try Data(contentsOf: samples.appendingPathComponent(source))))
        }
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.hits, 3)
        XCTAssertEqual(cache.statistics.misses, 3)
        XCTAssertEqual(corpus.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        XCTAssertEqual(entries(), 6)
        let (again, warm) = try load()
        XCTAssertEqual(warm.statistics.hits, 6, "the escaped name is matched too")
        XCTAssertEqual(again.documents, corpus.documents)
        // The first file deleted: every other file is one position earlier than in the list.
        try FileManager.default.removeItem(at: corpusFolder.appendingPathComponent("000_first.txt"))
        let (fewer, afterDeletion) = try load()
        XCTAssertEqual(afterDeletion.statistics.hits, 5)
        XCTAssertEqual(fewer.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        XCTAssertEqual(entries(), 5)
    }

    func testADamagedPackIsIgnoredAndRebuilt() throws {
        _ = try load()
        let plain = try CorpusLoader.load(paths: [corpusFolder.path]).documents
        let original = Array(try Data(contentsOf: pack))
        // A byte of its list of files changed (the checksum gives it away), the pack cut short,
        // and a file that is not a pack at all.
        var flipped = original
        let listed = try XCTUnwrap(Data(original).lastRange(of: Data(corpusFolder.path.utf8))?.upperBound)
        flipped[listed + 1] ^= 0x01
        for damaged in [flipped, Array(original.prefix(original.count * 2 / 3)), Array("not a pack".utf8)] {
            try Data(damaged).write(to: pack)
            let (corpus, cache) = try load()
            XCTAssertEqual(cache.statistics.rejected, 1, "the checksum or the layout gives it away")
            XCTAssertEqual(cache.statistics.hits, 0)
            XCTAssertEqual(cache.statistics.misses, 3)
            XCTAssertEqual(corpus.documents, plain)
            XCTAssertEqual(try load().1.statistics.hits, 3, "the pack was rebuilt")
        }
    }

    func testRowsOfChangedAndUnchangedFilesKeepTheFileOrder() throws {
        // Ten files; every third one changes between loads: the corpus is the one a plain load gives.
        for n in 4...10 {
            let name = String(format: "%03d", n)
            let source = try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted().first { $0.hasPrefix(name) }!
            _ = try fixtures.write("corpus/" + source, Array(try Data(contentsOf: samples.appendingPathComponent(source))))
        }
        _ = try load()
        let files = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.path).sorted()
        for name in files.enumerated().filter({ $0.offset % 3 == 1 }).map(\.element) {
            let url = corpusFolder.appendingPathComponent(name)
            try (try String(contentsOf: url, encoding: .utf8) + "\nKeywords\n\nchanged\n").write(to: url, atomically: true, encoding: .utf8)
        }
        let (corpus, cache) = try load()
        XCTAssertEqual(cache.statistics.misses, 3)
        XCTAssertEqual(cache.statistics.hits, 7)
        XCTAssertEqual(corpus.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        XCTAssertEqual(try load().0.documents, corpus.documents)
    }

    func testASmallChangeGoesToADeltaPackAndADeletionRewritesThePack() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: samples.path).sorted() where name.hasSuffix(".txt") {
            _ = try fixtures.write("corpus/" + name, Array(try Data(contentsOf: samples.appendingPathComponent(name))))
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: corpusFolder.path).sorted()
        XCTAssertEqual(files.count, 14)
        _ = try load()
        let cache = CorpusCache(folder: cacheFolder)
        let delta = cache.deltaURL([corpusFolder.path])
        func change(_ name: String) throws {
            let url = corpusFolder.appendingPathComponent(name)
            try (try String(contentsOf: url, encoding: .utf8) + "\nKeywords\n\n" + name + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        // One of fourteen documents changes: the pack stays, a delta pack holds the new rows.
        let packBefore = try Data(contentsOf: pack)
        try change(files[5])
        let (first, firstCache) = try load()
        XCTAssertEqual(firstCache.statistics.misses, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: delta.path))
        XCTAssertEqual(try Data(contentsOf: pack), packBefore, "the pack is not rewritten for a small change")
        XCTAssertEqual(cache.open([corpusFolder.path]).delta.list.count, 1)
        XCTAssertEqual(first.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        // Loaded again, every file comes from the pack or the delta, in file order.
        let (again, againCache) = try load()
        XCTAssertEqual(againCache.statistics.hits, 14)
        XCTAssertEqual(again.documents, first.documents)
        // A second change would make the delta hold more than a tenth of the rows (2 of 14): the
        // pack is rewritten whole instead, and the delta dropped.
        try change(files[9])
        let (second, _) = try load()
        XCTAssertFalse(FileManager.default.fileExists(atPath: delta.path))
        XCTAssertNotEqual(try Data(contentsOf: pack), packBefore)
        XCTAssertEqual(second.documents, try CorpusLoader.load(paths: [corpusFolder.path]).documents)
        // A deleted file rewrites the pack whole and drops the delta too.
        try change(files[12])
        _ = try load()
        XCTAssertTrue(FileManager.default.fileExists(atPath: delta.path))
        try FileManager.default.removeItem(at: corpusFolder.appendingPathComponent(files[0]))
        let (third, _) = try load()
        XCTAssertEqual(third.count, 13)
        XCTAssertFalse(FileManager.default.fileExists(atPath: delta.path))
        XCTAssertEqual(entries(), 13)
        XCTAssertEqual(try load().1.statistics.hits, 13)
    }
}
