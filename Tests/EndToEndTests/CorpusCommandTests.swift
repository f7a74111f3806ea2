// CorpusCommandTests.swift: `scriptorium inspect` and `convert`, and the corpus options every
// command shares (--format, --no-merge), as a user runs them on real exports and on a folder
// mixing formats.
import Foundation
import XCTest

final class CorpusCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try temporaryFolder("corpus-commands") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func shared(_ relative: String) throws -> String { try Command.sharedCorpus(relative) }

    func testInspectReportsFormatsMergesAndCoverage() throws {
        let result = try Command.run(["inspect", "--corpus", try shared("wos"), "--corpus", try shared("ris")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("bibx-savedrecs.txt       Web of Science plain text         500         0"), result.stdout)
        XCTAssertTrue(result.stdout.contains("bibx-scopus.ris          RIS                               836         0"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1337 records read from 3 files; 354 merged as duplicates; 983 documents"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  title          100.0%      983"), result.stdout)
        let linked = try XCTUnwrap(result.stdout.components(separatedBy: "of which ").last?.split(separator: " ").first.flatMap { Int($0) })
        XCTAssertGreaterThan(linked, 3000, "most Web of Science references give a DOI the Scopus records have")
    }

    func testInspectListsWarningsWithFileAndLine() throws {
        let ris = folder.appendingPathComponent("refs.ris")
        try "TY  - JOUR\nTI  - Kept\nER  - \nTY  - JOUR\nAU  - Nobody, N.\nER  - \n".write(to: ris, atomically: true, encoding: .utf8)
        let result = try Command.run(["inspect", "--corpus", ris.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Warnings (1)\n  \(ris.path):4: warning: record has no title (TI or T1); kept with an empty title"), result.stdout)
        let strict = try Command.run(["inspect", "--corpus", ris.path, "--strict"])
        XCTAssertEqual(strict.status, 3)
    }

    func testOverviewRunsOnAFolderMixingFormats() throws {
        let mixed = folder.appendingPathComponent("mixed")
        try FileManager.default.createDirectory(at: mixed, withIntermediateDirectories: true)
        for name in ["wos/bibx-single-article.txt", "ris/bibx-scopus.ris", "jats/pone.0000217.nxml", "pubmed/pubmed1.xml",
                     "medline/single.nbib", "crossref/habanero-works.json", "seed/000_615293a814c0eef9.txt"] {
            try FileManager.default.copyItem(atPath: try shared(name),
                                             toPath: mixed.appendingPathComponent(URL(fileURLWithPath: name).lastPathComponent).path)
        }
        let out = folder.appendingPathComponent("out")
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", mixed.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let overview = try String(contentsOf: out.appendingPathComponent("overview.md"), encoding: .utf8)
        // 1 + 836 + 1 + 2 + 1 + 260 + 1 records, less the ones found twice.
        let inspect = try Command.run(["inspect", "--corpus", mixed.path])
        let summary = try XCTUnwrap(inspect.stdout.split(separator: "\n").first { $0.contains("records read from 7 files") })
        XCTAssertTrue(summary.hasPrefix("1102 records read from 7 files"), String(summary))
        let documents = Int(summary.components(separatedBy: "; ").last!.split(separator: " ")[0])!
        XCTAssertTrue(overview.contains("- Documents: \(documents)\n"), overview)
    }

    func testConvertWritesJSONLinesAndPacksThatReadBackAsTheSameCorpus() throws {
        let fromSamples = try Command.run(["run", "Scripts/overview.lua", "--corpus", "Samples", "--out", folder.appendingPathComponent("a").path])
        XCTAssertEqual(fromSamples.status, 0)
        // JSON Lines by --to; a pack by the output's extension.
        for (name, options) in [("corpus.jsonl", ["--to", "jsonl"]), ("corpus.arrow", [])] {
            let file = folder.appendingPathComponent(name).path
            let convert = try Command.run(["convert", "--corpus", "Samples", "--output", file] + options)
            XCTAssertEqual(convert.status, 0, convert.stderr)
            XCTAssertTrue(convert.stderr.contains("14 documents written to"), convert.stderr)
            let fromFile = try Command.run(["run", "Scripts/overview.lua", "--corpus", file, "--out", folder.appendingPathComponent(name + "-out").path])
            XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("a/keywords.csv")),
                           try Data(contentsOf: folder.appendingPathComponent(name + "-out/keywords.csv")), name)
            // The reports agree but for the front block, which names the corpus each was made from.
            func body(_ name: String) throws -> String {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                return String(text[try XCTUnwrap(text.range(of: "\n---\n\n")).upperBound...])
            }
            XCTAssertEqual(try body("a/overview.md"), try body(name + "-out/overview.md"), name)
            XCTAssertTrue(try String(contentsOf: folder.appendingPathComponent(name + "-out/overview.md"), encoding: .utf8).contains("corpus: [\"\(file)\"]"))
        }
        let inspect = try Command.run(["inspect", "--corpus", folder.appendingPathComponent("corpus.arrow").path])
        XCTAssertTrue(inspect.stdout.contains("Scriptorium pack (Arrow)") && inspect.stdout.contains("14 records read from 1 file"), inspect.stdout)
        // A pack must be written to a file; a damaged one is refused by name.
        let toStdout = try Command.run(["convert", "--corpus", "Samples", "--to", "arrow"])
        XCTAssertEqual(toStdout.status, 2)
        XCTAssertTrue(toStdout.stderr.contains("--to arrow writes a file: give it with --output FILE.arrow"), toStdout.stderr)
        let damaged = folder.appendingPathComponent("damaged.arrow")
        try Data(try Data(contentsOf: folder.appendingPathComponent("corpus.arrow")).prefix(1000)).write(to: damaged)
        let refused = try Command.run(["run", "Scripts/overview.lua", "--corpus", damaged.path, "--out", folder.appendingPathComponent("c").path])
        XCTAssertEqual(refused.status, 3, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("'\(damaged.path)' cannot be read as a Scriptorium pack"), refused.stderr)
    }

    func testFormatOptionOverridesRecognitionAndIsChecked() throws {
        let odd = folder.appendingPathComponent("export.dat")
        try "Some preamble a reader ignores\nTY  - JOUR\nTI  - Read as RIS\nER  - \n".write(to: odd, atomically: true, encoding: .utf8)
        let forced = try Command.run(["inspect", "--corpus", odd.path, "--format", "ris"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("RIS                                 1"), forced.stdout)
        let bad = try Command.run(["inspect", "--corpus", odd.path, "--format", "endnote"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--format 'endnote' is not a format; formats are record, wos"), bad.stderr)
    }

    func testOverviewListsTheMostCitedDocumentsOfTheCorpus() throws {
        let out = folder.appendingPathComponent("out")
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", try shared("wos/bibx-savedrecs.txt"), "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let overview = try String(contentsOf: out.appendingPathComponent("overview.md"), encoding: .utf8)
        let section = try XCTUnwrap(overview.components(separatedBy: "## Most cited documents of the corpus").dropFirst().first)
        let firstRow = try XCTUnwrap(section.split(separator: "\n").first { $0.hasPrefix("| WOS:") })
        XCTAssertTrue(firstRow.hasPrefix("| WOS:000274319500070 | Bit patterned media based on block copolymer directed assembly"), String(firstRow))
        XCTAssertTrue(firstRow.hasSuffix("| 2010 | 38 | 69 |"), String(firstRow))
    }

    func testNoMergeKeepsDuplicatesApart() throws {
        let merged = try Command.run(["inspect", "--corpus", try shared("wos")])
        let apart = try Command.run(["inspect", "--corpus", try shared("wos"), "--no-merge"])
        XCTAssertTrue(merged.stdout.contains("2 merged as duplicates; 499 documents"), merged.stdout)
        XCTAssertTrue(apart.stdout.contains("0 merged as duplicates; 501 documents"), apart.stdout)
    }
}
