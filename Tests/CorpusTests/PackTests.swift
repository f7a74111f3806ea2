// PackTests.swift: a corpus written as a pack (an Arrow IPC file) reads back as the same corpus,
// its columns views into the mapped file rather than copies; pyarrow and DuckDB read the pack and
// agree with the JSON Lines on every field; a truncated or damaged pack is refused with a message
// that names it, never trusted and never a crash.
import Arrow
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
import CorpusBytes
import Foundation
import XCTest

final class PackTests: XCTestCase {
    private lazy var fixtures = Fixtures(for: self)

    private static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// The corpus at `paths`, written as a pack and loaded from it.
    private func roundTrip(_ paths: [String], name: String, largeFrom: Int = Int(Int32.max)) throws -> (Corpus, Corpus, String) {
        let corpus = try CorpusLoader.load(paths: paths)
        let pack = fixtures.folder.appendingPathComponent(name + ".arrow").path
        try FileManager.default.createDirectory(at: fixtures.folder, withIntermediateDirectories: true)
        try StorePack.write(corpus.store, to: pack, largeFrom: largeFrom)
        return (corpus, try CorpusLoader.load(paths: [pack]), pack)
    }

    func testEveryExportAndTheSamplesComeBackFromAPackAsTheSameJSONLines() throws {
        var paths = [Self.root.appendingPathComponent("Samples").path]
        let shared = SharedCorpora.root
        if FileManager.default.fileExists(atPath: shared.path) {
            paths += try FileManager.default.contentsOfDirectory(atPath: shared.path).sorted()
                .map { shared.appendingPathComponent($0).path }.filter { FileSystem.kind($0) == .directory }
        } else {
            print("PackTests: \(shared.path) is absent; only the samples are checked")
        }
        for (k, path) in paths.enumerated() {
            // The PubMed baseline file (30,000 records) alone would take most of a debug run.
            let chosen = try CorpusLoader.expand([path]).filter { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 < 8 << 20 }
            let (files, pack, _) = try roundTrip(chosen, name: "corpus\(k)")
            XCTAssertEqual(pack.count, files.count, path)
            XCTAssertEqual(try CorpusJSONLines.write(pack.documents), try CorpusJSONLines.write(files.documents), "\(path) differs when read from its pack")
        }
    }

    func testAPacksColumnsAreViewsIntoTheMappedFile() throws {
        let (_, corpus, path) = try roundTrip([Self.root.appendingPathComponent("Samples").path], name: "mapped")
        let s = corpus.store
        let file = try ArrowFile(path: path)
        XCTAssertGreaterThan(file.byteCount, 0)
        // Every column holding values of its own is mapped, none copied.
        let columns: [(String, Bool)] = [
            ("title", s.title.bytes.isMapped), ("abstract", s.abstract.bytes.isMapped), ("title ends", s.title.ends.isMapped),
            ("year", s.year.values.isMapped), ("authors", s.authors.ends.isMapped), ("keywords", s.keywordText.bytes.isMapped),
            ("references", s.referenceTable.raw.bytes.isMapped), ("reference years", s.referenceTable.year.values.isMapped),
        ]
        for (name, mapped) in columns { XCTAssertTrue(mapped, "\(name) was copied") }
        // And their bytes lie in a file mapping: the same pages the file holds.
        let text = try XCTUnwrap(s.abstract.bytes.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) })
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let maps = Self.processMaps()
        let mapsLine = maps.split(separator: "\n").first { line in
            let range = line.split(separator: " ")[0].split(separator: "-").compactMap { UInt(String($0), radix: 16) }
            return range.count == 2 && UInt(bitPattern: text) >= range[0] && UInt(bitPattern: text) < range[1]
        }
        XCTAssertTrue(try XCTUnwrap(mapsLine).hasSuffix("mapped.arrow"), "the abstracts lie in \(String(describing: mapsLine)), not in the pack's mapping (page size \(pageSize)): \(text) in \(maps.split(separator: "\n").filter { $0.contains(".arrow") })")
    }

    /// /proc/self/maps read whole (Foundation's readers stop at its first page).
    private static func processMaps() -> String {
        let fd = open("/proc/self/maps", O_RDONLY)
        defer { close(fd) }
        var out: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            out += chunk[0 ..< n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testADamagedPackGivenByHandIsRefusedWithItsName() throws {
        let (_, _, path) = try roundTrip([Self.root.appendingPathComponent("Samples").path], name: "whole")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func refusal(_ damaged: [UInt8]) -> String? {
            let target = fixtures.folder.appendingPathComponent("damaged.arrow")
            try? Data(damaged).write(to: target)
            do {
                let corpus = try CorpusLoader.load(paths: [target.path])
                // A pack changed where no check can see (inside a text) may load; it must still read whole.
                _ = try CorpusJSONLines.write(corpus.documents)
                return nil
            } catch {
                return "\(error)"
            }
        }
        // Cut short anywhere: always refused, by name.
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            let message = try XCTUnwrap(refusal(Array(bytes.prefix(length))), "a pack cut at \(length) bytes was read")
            XCTAssertTrue(message.contains("damaged.arrow") && message.contains("cannot be read as a Scriptorium pack"), message)
        }
        // Bytes changed anywhere: refused or read whole, never a crash.
        var random = SystemRandomNumberGenerator()
        var refused = 0
        for _ in 0 ..< 300 {
            var damaged = bytes
            for _ in 0 ..< 4 { damaged[Int.random(in: 0 ..< damaged.count, using: &random)] = UInt8.random(in: 0 ... 255, using: &random) }
            if refusal(damaged) != nil { refused += 1 }
        }
        XCTAssertGreaterThan(refused, 0)
        // A pack with another layout version, and a pack among other paths.
        XCTAssertThrowsError(try CorpusLoader.load(paths: [path, Self.root.appendingPathComponent("Samples").path])) {
            XCTAssertTrue("\($0)".contains("give it as the only --corpus path"), "\($0)")
        }
    }

    func testAPackOfAnotherVersionIsRefusedByHandAndRebuiltByTheCache() throws {
        try FileManager.default.createDirectory(at: fixtures.folder, withIntermediateDirectories: true)
        let old = fixtures.folder.appendingPathComponent("old.arrow").path
        var writer = try ArrowFileWriter(path: old, schema: ArrowSchema(fields: StorePack.fields, metadata: [ArrowKeyValue(key: StorePack.versionKey, value: "0")]))
        try writer.finish()
        XCTAssertThrowsError(try CorpusLoader.load(paths: [old])) {
            XCTAssertTrue("\($0)".contains("'\(old)' cannot be read as a Scriptorium pack: not a Scriptorium pack of version \(StorePack.version)"), "\($0)")
        }
        // In the cache, the same file in place of a corpus's pack is passed over and rebuilt.
        let samples = Self.root.appendingPathComponent("Samples").path
        let cache = CorpusCache(folder: fixtures.folder.appendingPathComponent("cache"))
        let plain = try CorpusLoader.load(paths: [samples])
        _ = try CorpusLoader.load(paths: [samples], options: LoadOptions(cache: cache))
        try FileManager.default.removeItem(at: cache.packURL([samples]))
        try FileManager.default.copyItem(atPath: old, toPath: cache.packURL([samples]).path)
        let again = CorpusCache(folder: cache.folder)
        let corpus = try CorpusLoader.load(paths: [samples], options: LoadOptions(cache: again))
        XCTAssertEqual(again.statistics.rejected, 1)
        XCTAssertEqual(corpus.documents, plain.documents)
        XCTAssertEqual(try StorePack.read(try ArrowFile(path: cache.packURL([samples]).path)).count, plain.count, "rebuilt")
    }

    func testTextColumnsPast2GBAreWrittenWithLargeOffsets() throws {
        // Every text column counts as large here (a threshold of 0 bytes, not 2 GB).
        let (files, pack, path) = try roundTrip([Self.root.appendingPathComponent("Samples").path], name: "large", largeFrom: 0)
        let schema = try ArrowFile(path: path).schema
        XCTAssertEqual(schema.fields.first { $0.name == "title" }?.type, .largeUtf8)
        XCTAssertEqual(try CorpusJSONLines.write(pack.documents), try CorpusJSONLines.write(files.documents))
        XCTAssertFalse(pack.store.title.ends.isMapped, "64-bit offsets are copied into the store's 32-bit ends")
        XCTAssertTrue(pack.store.title.bytes.isMapped)
        try readByOracles(files, pack: path)
    }

    func testPyarrowAndDuckDBReadAPackAsTheJSONLinesHaveIt() throws {
        var paths = [Self.root.appendingPathComponent("Samples").path]
        if let wos = try? SharedCorpora.file("wos") { paths = [wos] }
        let (files, _, pack) = try roundTrip(paths, name: "oracle")
        try readByOracles(files, pack: pack)
    }

    /// pyarrow and DuckDB read `pack` and agree with the JSON Lines of `files` on every field.
    private func readByOracles(_ files: Corpus, pack: String) throws {
        let python = Self.root.appendingPathComponent(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw XCTSkip("\(python.path) is absent: run `make test` to install the Python oracles")
        }
        let jsonl = fixtures.folder.appendingPathComponent(URL(fileURLWithPath: pack).lastPathComponent + ".jsonl")
        try CorpusJSONLines.write(files.documents).write(to: jsonl, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = python
        process.arguments = [Self.root.appendingPathComponent("Tests/Support/pack_oracle.py").path, pack, jsonl.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problems)
        // The oracle prints the rows it compared and the fields it compared on each.
        XCTAssertTrue(printed.contains("pyarrow: \(files.count) rows agree"), printed + problems)
        XCTAssertTrue(printed.contains("duckdb: \(files.count) rows agree"), printed + problems)
    }
}
