// RecordReaderTests.swift: the record layout's edge cases, on fixtures written here: BOM, CRLF,
// missing fields, empty and binary files, invalid UTF-8, and whole folders.
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import XCTest

final class RecordReaderTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private let record = """

        A study of the steppe

        Petrov I. I., Smith J.

        Some University, City, Country

        Abstract

        **Goals.** To study. **Results.** Found.

        <https://doi.org/10.1234/abc-2015-7>

        Keywords

        Steppe; Trade; Frontier

        References

        - [1] Petrov I.I. Earlier work. *Journal of Steppe*. 2010. No. 1. Pp. 1-2.
        - [2] Other A. B. A book
          continued on a second line. Moscow, 2001. 100 p. (In Russ.)

        """

    @discardableResult
    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testPlainRecord() throws {
        let result = CorpusLoader.readRecordFile(try write("r.txt", Array(record.utf8)))
        let d = try XCTUnwrap(result.document)
        XCTAssertEqual(d.title, "A study of the steppe")
        XCTAssertEqual(d.authors.map(\.display), ["Petrov I.I.", "Smith J."])
        XCTAssertEqual(d.doi, "10.1234/abc-2015-7")
        XCTAssertEqual(d.year, 2015)
        XCTAssertEqual(d.keywords, ["Steppe", "Trade", "Frontier"])
        XCTAssertEqual(d.sections.map(\.label), ["Goals", "Results"])
        XCTAssertEqual(d.references.count, 2)
        XCTAssertEqual(d.references[1].raw, "Other A. B. A book continued on a second line. Moscow, 2001. 100 p. (In Russ.)")
        XCTAssertEqual(d.references[1].year, 2001)
        XCTAssertEqual(d.references.map(\.selfCitation), [true, false])
    }

    func testBOMAndCRLFReadTheSame() throws {
        let crlf = Array(record.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let result = CorpusLoader.readRecordFile(try write("r.txt", [0xEF, 0xBB, 0xBF] + crlf))
        XCTAssertEqual(result.diagnostics, [])
        let plain = CorpusLoader.readRecordFile(try write("p.txt", Array(record.utf8))).document
        var d = try XCTUnwrap(result.document)
        d.source = plain!.source
        d.id = plain!.id
        XCTAssertEqual(d, plain)
    }

    func testMissingFieldsAreAbsentNotInvented() throws {
        let d = try XCTUnwrap(CorpusLoader.readRecordFile(try write("t.txt", Array("Only a title\n".utf8))).document)
        XCTAssertEqual(d.title, "Only a title")
        XCTAssertEqual(d.authors, [])
        XCTAssertNil(d.abstract)
        XCTAssertNil(d.doi)
        XCTAssertNil(d.year)
        XCTAssertEqual(d.references, [])
    }

    func testUnreadableFilesAreWarningsNamingTheFile() throws {
        let empty = try write("empty.txt", [])
        let binary = try write("binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])
        let noTitle = try write("notitle.txt", Array("\n\nAbstract\n\nText.\n".utf8))
        XCTAssertEqual(CorpusLoader.readRecordFile(empty).diagnostics.map(\.description), ["\(empty): warning: empty file, skipped"])
        XCTAssertEqual(CorpusLoader.readRecordFile(binary).diagnostics.map(\.description), ["\(binary): warning: binary file (NUL byte at offset 4), skipped"])
        XCTAssertEqual(CorpusLoader.readRecordFile(noTitle).diagnostics.map(\.description), ["\(noTitle):3: warning: no title before the 'Abstract' line, record skipped"])
    }

    func testInvalidUTF8IsReportedWithItsOffsetAndKept() throws {
        var bytes = Array("Title with a bad byte: ".utf8)
        let offset = bytes.count
        bytes += [0xFF] + Array(" end\n".utf8)
        let result = CorpusLoader.readRecordFile(try write("bad.txt", bytes))
        XCTAssertEqual(result.diagnostics.map(\.message), ["invalid UTF-8 at byte offset \(offset); decoded with replacement characters"])
        XCTAssertEqual(result.document?.title, "Title with a bad byte: \u{FFFD} end")
    }

    func testFolderLoadsRecursivelyInOrderAndReportsTheRest() throws {
        try write("b/second.txt", Array(record.utf8))
        try write("a.txt", Array(record.utf8))
        try write("c/empty.txt", [])
        try write("notes.md", Array("not a record".utf8))
        try write(".hidden.txt", Array(record.utf8))
        // The two files hold one record; kept apart here, merged by default.
        let corpus = try CorpusLoader.load(paths: [folder.path], options: LoadOptions(merge: false))
        XCTAssertEqual(corpus.documents.map(\.id), ["a", "second"])
        XCTAssertEqual(try CorpusLoader.load(paths: [folder.path]).documents.map(\.id), ["a"])
        XCTAssertEqual(corpus.diagnostics.map(\.message), ["empty file, skipped"])
        XCTAssertThrowsError(try CorpusLoader.load(paths: [folder.path], options: LoadOptions(strict: true)))
    }

    /// Many files over few threads: every chunk of the parallel load, the last ones included, is
    /// read once and joined in order.
    func testParallelLoadKeepsEveryFileInOrder() throws {
        for i in 0..<70 { try write(String(format: "r%03d.txt", i), Array("Title \(i)\n".utf8)) }
        for threads in [1, 2, 3] {
            let corpus = try CorpusLoader.load(paths: [folder.path], options: LoadOptions(threads: threads))
            XCTAssertEqual(corpus.documents.map(\.title), (0..<70).map { "Title \($0)" }, "threads: \(threads)")
        }
    }

    func testNoReadableDocumentIsAnError() throws {
        let path = try write("empty.txt", [])
        XCTAssertThrowsError(try CorpusLoader.load(paths: [path])) { error in
            XCTAssertEqual((error as? CorpusLoadFailure)?.error, .noDocuments([path]))
        }
        XCTAssertThrowsError(try CorpusLoader.load(paths: [folder.path + "/missing"])) { error in
            XCTAssertEqual(error as? CorpusError, .pathNotFound(folder.path + "/missing"))
        }
    }

    func testColumnarStoreGivesBackTheSameDocuments() throws {
        let a = try XCTUnwrap(CorpusLoader.readRecordFile(try write("r.txt", Array(record.utf8))).document)
        var b = a
        b.id = "other"
        b.sections = [Section(label: "Elsewhere", text: "not in the abstract")]
        var first = DocumentStore()
        first.append(a)
        var second = DocumentStore()
        second.append(b)
        first.append(contentsOf: second)
        XCTAssertEqual(first.document(0), a)
        XCTAssertEqual(first.document(1), b)
    }
}
