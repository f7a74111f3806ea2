// ReportFileTests.swift: the report files as other tools read them. The examples in
// Reports/examples are exactly what the bundled scripts produce on Samples/; every bundled Markdown
// report parses with pandoc into rectangular tables (equal, cell for cell, to the CSV written from
// the same Table); every CSV reads back with Python's csv module; CSV and JSON outputs of one
// Table hold the same cells; and every bundled script runs on real exports.
import Foundation
import XCTest

final class ReportFileTests: XCTestCase {
    private var out: URL!

    override func setUpWithError() throws { out = try temporaryFolder("reports") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: out) }

    static let scripts = ["overview", "production", "authors", "sources", "countries", "impact", "references", "keywords", "collaboration", "cocitation", "coupling", "thematic", "terms", "concordance"]

    /// Runs Tools/examples into `folder` with the binary under test.
    private func makeExamples(in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Command.packageRoot.appendingPathComponent("Tools/examples").path, folder.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["SCRIPTORIUM": try Command.binary().path]) { $1 }
        process.currentDirectoryURL = Command.packageRoot
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, message)
    }

    private func files(under folder: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        var names: [String] = []
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            names.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return names.sorted()
    }

    /// Runs Tests/Support/readback.py and decodes its JSON answer.
    private func readBack(_ mode: String, _ path: String, _ extra: [String] = []) throws -> Any {
        for tool in mode == "tables" ? ["pandoc", "python3"] : ["python3"] {
            guard ["/usr/bin/", "/usr/local/bin/"].contains(where: { FileManager.default.isExecutableFile(atPath: $0 + tool) }) else {
                throw XCTSkip("\(tool) is not installed (Tools/setup.sh installs it)")
            }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Command.packageRoot.appendingPathComponent("Tests/Support/readback.py").path, mode, path] + extra
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "readback.py \(mode) \(path)")
        return try JSONSerialization.jsonObject(with: data)
    }

    private func tables(_ path: URL) throws -> [(header: [String], rows: [[String]])] {
        let list = try XCTUnwrap(try readBack("tables", path.path) as? [[String: Any]])
        return list.map { ($0["header"] as? [String] ?? [], $0["rows"] as? [[String]] ?? []) }
    }

    private func csvRows(_ path: URL, separator: String = ",") throws -> [[String]] {
        try XCTUnwrap(try readBack("csv", path.path, [separator]) as? [[String]])
    }

    func testExamplesAreWhatTheBundledScriptsProduce() throws {
        try makeExamples(in: out)
        let committed = Command.packageRoot.appendingPathComponent("Reports/examples")
        let expected = try files(under: committed).filter { !$0.hasPrefix("README") }
        XCTAssertEqual(try files(under: out), expected, "run Tools/examples to regenerate Reports/examples")
        for name in expected {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            XCTAssertEqual(made, try Data(contentsOf: committed.appendingPathComponent(name)), "\(name) differs: run Tools/examples")
        }
        for script in Self.scripts {
            XCTAssertTrue(expected.contains { $0.hasPrefix(script + "/") && $0.hasSuffix(".md") }, "an example report of \(script).lua")
        }
    }

    func testEveryBundledReportParsesWithPandocIntoRectangularTables() throws {
        try makeExamples(in: out)
        var checked = 0
        for name in try files(under: out) where name.hasSuffix(".md") {
            let markdown = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            // Tables as written: a header line followed by an alignment line.
            let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            let written = zip(lines, lines.dropFirst()).filter { $0.0.hasPrefix("| ") && ($0.1.hasPrefix("| :---") || $0.1.hasPrefix("| ---:")) }
            let parsed = try tables(out.appendingPathComponent(name))
            XCTAssertEqual(parsed.count, written.count, "\(name): every table parses as a table")
            for (i, table) in parsed.enumerated() {
                XCTAssertFalse(table.header.isEmpty, "\(name) table \(i + 1)")
                for row in table.rows { XCTAssertEqual(row.count, table.header.count, "\(name) table \(i + 1): \(row)") }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
        // Tables written both ways hold the same cells in Markdown (as pandoc reads it) and in CSV.
        for (md, index, csv) in [("production/production.md", 0, "production/production.csv"),
                                 ("overview/overview.md", 0, "overview/coverage.csv"),
                                 ("references/references.md", 1, "references/reference_languages.csv"),
                                 ("sources/sources.md", 0, "sources/cited_sources.csv")] {
            let table = try tables(out.appendingPathComponent(md))[index]
            let rows = try csvRows(out.appendingPathComponent(csv))
            XCTAssertEqual([table.header] + table.rows, rows, "\(md) table \(index + 1) against \(csv)")
        }
    }

    func testEveryBundledCSVReadsBackWithPythonsCSVModule() throws {
        try makeExamples(in: out)
        var checked = 0
        for name in try files(under: out) where name.hasSuffix(".csv") {
            let rows = try csvRows(out.appendingPathComponent(name))
            let header = try XCTUnwrap(rows.first, name)
            XCTAssertFalse(header.isEmpty, name)
            for row in rows { XCTAssertEqual(row.count, header.count, "\(name): \(row)") }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testCSVAndJSONOfOneTableHoldTheSameCells() throws {
        let script = out.appendingPathComponent("both.lua")
        try """
        local t = Table.new{ columns = { "name", "value", "note" }, rows = {
          { "plain", 1, "a, b" },
          { "quote \\"q\\"", -3.5, "line\\nbreak" },
          { "=SUM(A1:A2)", 0, "Кяхта; 恰克图" },
          { "@cmd", 2.25, "" },
          { " padded ", 10, "-2" },
        } }
        report.csv("plain.csv", t)
        report.csv("excel.csv", t, { bom = true, separator = ";" })
        report.csv("tabbed.csv", t, { separator = "\\t" })
        report.json("table.json", t)
        """.write(to: script, atomically: true, encoding: .utf8)
        let result = try Command.run(["run", script.path, "--corpus", "Samples", "--out", out.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let folder = out.appendingPathComponent("out")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("table.json"))) as? [[String: Any]])
        XCTAssertEqual(json.count, 5)
        let bom = try Data(contentsOf: folder.appendingPathComponent("excel.csv")).prefix(3)
        XCTAssertEqual(Array(bom), [0xEF, 0xBB, 0xBF])
        for (file, separator) in [("plain.csv", ","), ("excel.csv", ";"), ("tabbed.csv", "\t")] {
            let rows = try csvRows(folder.appendingPathComponent(file), separator: separator)
            XCTAssertEqual(rows.first, ["name", "value", "note"], file)
            XCTAssertEqual(rows.count, 6, file)
            for (row, object) in zip(rows.dropFirst(), json) {
                for (c, column) in ["name", "value", "note"].enumerated() {
                    var expected = "\(object[column]!)"
                    if let number = object[column] as? NSNumber { expected = number.stringValue }
                    // Text a spreadsheet would run as a formula carries a leading apostrophe in CSV;
                    // text that reads as a number ("-2") is left as it is.
                    if object[column] is String, let first = expected.first, "=+-@".contains(first), Double(expected) == nil {
                        expected = "'" + expected
                    }
                    XCTAssertEqual(row[c], expected, "\(file), column \(column)")
                }
            }
        }
    }

    func testEveryBundledScriptRunsOnARealWebOfScienceExportAndTheSeedRecord() throws {
        let wos = try Command.sharedCorpus("wos/bibx-savedrecs.txt")
        let seed = try Command.sharedCorpus("seed")
        for corpus in [wos, seed] {
            for script in Self.scripts {
                let folder = out.appendingPathComponent(script + "-" + URL(fileURLWithPath: corpus).lastPathComponent)
                let params = script == "concordance" ? ["--param", "term=magnetic"] : []
                let result = try Command.run(["run", "Scripts/\(script).lua", "--corpus", corpus, "--out", folder.path] + params)
                XCTAssertEqual(result.status, 0, "\(script) on \(corpus): \(result.stderr)")
                let report = try String(contentsOf: folder.appendingPathComponent(script + ".md"), encoding: .utf8)
                XCTAssertTrue(report.hasPrefix("---\ntitle: "), "\(script) on \(corpus)")
            }
        }
    }
}
