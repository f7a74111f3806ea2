// RunCommandTests.swift: `scriptorium run` as a user runs it: the bundled overview on the bundled
// samples, and each exit status produced by a case that causes it.
import Foundation
import XCTest

final class RunCommandTests: XCTestCase {
    private var out: URL!

    override func setUpWithError() throws { out = try temporaryFolder("reports") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: out) }

    private func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testOverviewOnSamplesWritesTheExpectedFiles() throws {
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", "Samples", "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["coverage.csv", "keywords.csv", "overview-documents-per-year.svg", "overview.md"])
        let overview = try String(contentsOf: out.appendingPathComponent("overview.md"), encoding: .utf8)
        XCTAssertTrue(overview.hasPrefix("---\ntitle: \"Corpus overview\"\ndate: \""), overview)
        XCTAssertTrue(overview.contains("\ncorpus: [\"Samples\"]\ndocuments: 14\nscript: \"Scripts/overview.lua\"\n---\n\n# Corpus overview\n\n- Documents: 14\n"), overview)
        XCTAssertTrue(overview.contains("- Annual growth rate: -12.94 %\n"), overview)
        XCTAssertTrue(overview.contains("| year | 13 | 92.9 |"), overview)
        XCTAssertTrue(overview.contains("![Documents per year](overview-documents-per-year.svg)"), overview)
        XCTAssertTrue(overview.contains("| 2021 | 4 |"), overview)
        XCTAssertTrue(overview.contains("| Ivanova M.A. | 5 |"), overview)
        XCTAssertTrue(overview.contains("| ru | 22 | 45.8 |"), overview)
        let csv = try String(contentsOf: out.appendingPathComponent("keywords.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("keywords,count\r\nRussia-China relations,3\r\nTea trade,3\r\n"), csv)
        XCTAssertEqual(csv.components(separatedBy: "\r\n").count, 53)
        XCTAssertTrue(result.stderr.contains("14 documents; wrote 4 files"), result.stderr)
    }

    func testParamsReachTheScript() throws {
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", "Samples", "--out", out.path, "--param", "top=3"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let overview = try String(contentsOf: out.appendingPathComponent("overview.md"), encoding: .utf8)
        let keywordSection = overview.components(separatedBy: "## Top author keywords")[1].components(separatedBy: "##")[0]
        XCTAssertEqual(keywordSection.split(separator: "\n").filter { $0.hasPrefix("| ") }.count, 5)  // header, rule, 3 rows
    }

    func testScriptErrorExitsOneWithLineAndTracebackAndWritesNothing() throws {
        let scripts = try temporaryFolder("scripts")
        defer { try? FileManager.default.removeItem(at: scripts) }
        let script = try write("""
            report.csv("partial.csv", {"a"}, {{1}})
            local function broken()
              return corpus[1].no_such_field
            end
            broken()
            """, to: "broken.lua", in: scripts)
        let result = try Command.run(["run", script, "--corpus", "Samples", "--out", out.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("broken.lua:3: unknown document field 'no_such_field'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("stack traceback:"), result.stderr)
        XCTAssertTrue(result.stderr.contains("broken.lua:5: in main chunk"), result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    func testFailedRunLeavesEarlierReportsAsTheyWere() throws {
        XCTAssertEqual(try Command.run(["run", "Scripts/overview.lua", "--corpus", "Samples", "--out", out.path]).status, 0)
        let before = try Data(contentsOf: out.appendingPathComponent("overview.md"))
        let scripts = try temporaryFolder("scripts")
        defer { try? FileManager.default.removeItem(at: scripts) }
        let script = try write("report.markdown('overview.md'):heading(1, 'half')\nerror('stop')", to: "half.lua", in: scripts)
        XCTAssertEqual(try Command.run(["run", script, "--corpus", "Samples", "--out", out.path]).status, 1)
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("overview.md")), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["coverage.csv", "keywords.csv", "overview-documents-per-year.svg", "overview.md"])
    }

    func testUsageErrorsExitTwo() throws {
        let unknownOption = try Command.run(["run", "Scripts/overview.lua", "--corpuss", "Samples"])
        XCTAssertEqual(unknownOption.status, 2)
        XCTAssertTrue(unknownOption.stderr.contains("--corpuss"), unknownOption.stderr)
        let missingScript = try Command.run(["run", "Scripts/missing.lua", "--corpus", "Samples"])
        XCTAssertEqual(missingScript.status, 2)
        XCTAssertTrue(missingScript.stderr.contains("script 'Scripts/missing.lua' does not exist"), missingScript.stderr)
        let badParam = try Command.run(["run", "Scripts/overview.lua", "--param", "novalue"])
        XCTAssertEqual(badParam.status, 2)
        XCTAssertTrue(badParam.stderr.contains("--param 'novalue' must be KEY=VALUE"), badParam.stderr)
        let missingCorpus = try Command.run(["run", "Scripts/overview.lua", "--corpus", "no/such/folder"])
        XCTAssertEqual(missingCorpus.status, 2)
        XCTAssertTrue(missingCorpus.stderr.contains("--corpus 'no/such/folder' does not exist"), missingCorpus.stderr)
    }

    func testCorpusWithoutReadableDocumentsExitsThree() throws {
        let corpus = try temporaryFolder("corpus")
        defer { try? FileManager.default.removeItem(at: corpus) }
        _ = try write("", to: "empty.txt", in: corpus)
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", corpus.path, "--out", out.path])
        XCTAssertEqual(result.status, 3)
        XCTAssertTrue(result.stderr.contains("empty.txt: warning: empty file, skipped"), result.stderr)
        XCTAssertTrue(result.stderr.contains("no readable document"), result.stderr)
    }

    func testStrictFailsOnAnyWarningWithStatusThree() throws {
        let corpus = try temporaryFolder("corpus")
        defer { try? FileManager.default.removeItem(at: corpus) }
        let sample = try String(contentsOf: Command.packageRoot.appendingPathComponent("Samples/001_steppe_trade.txt"), encoding: .utf8)
        _ = try write(sample, to: "good.txt", in: corpus)
        _ = try write("", to: "empty.txt", in: corpus)
        let lenient = try Command.run(["run", "Scripts/overview.lua", "--corpus", corpus.path, "--out", out.path])
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("empty.txt: warning: empty file, skipped"))
        let strict = try Command.run(["run", "Scripts/overview.lua", "--corpus", corpus.path, "--out", out.path, "--strict"])
        XCTAssertEqual(strict.status, 3)
        XCTAssertTrue(strict.stderr.contains("--strict: 1 warning while loading the corpus"), strict.stderr)
    }

    func testTimeLimitExitsFour() throws {
        let scripts = try temporaryFolder("scripts")
        defer { try? FileManager.default.removeItem(at: scripts) }
        let script = try write("while true do end", to: "loop.lua", in: scripts)
        let result = try Command.run(["run", script, "--corpus", "Samples", "--out", out.path, "--timeout", "0.5"])
        XCTAssertEqual(result.status, 4)
        XCTAssertTrue(result.stderr.contains("loop.lua:1: time limit of 0.5 s exceeded"), result.stderr)
    }

    func testInterruptStopsTheScriptWritesNothingAndExits130() throws {
        let script = try write("local n = 0\nwhile true do n = n + 1 end\n", to: "loop.lua", in: out)
        let reports = out.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try "earlier".write(to: reports.appendingPathComponent("overview.md"), atomically: true, encoding: .utf8)
        for signal in [SIGINT, SIGTERM] {
            let process = Process()
            process.executableURL = try Command.binary()
            process.arguments = ["run", script, "--corpus", "Samples", "--out", reports.path]
            process.currentDirectoryURL = Command.packageRoot
            let err = Pipe()
            process.standardError = err
            try process.run()
            Thread.sleep(forTimeInterval: 1.5)
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 130, stderr)
            XCTAssertTrue(stderr.contains("interrupted"), stderr)
            XCTAssertEqual(try String(contentsOf: reports.appendingPathComponent("overview.md"), encoding: .utf8), "earlier")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: reports.path), ["overview.md"])
        }
    }

    func testATermSignalEndsAPatternBombWithinTwoSeconds() throws {
        // The match runs inside the C string library, where Lua's checks never come: the worker
        // process is killed instead.
        let script = try write("string.find(string.rep('a', 30), string.rep('a*', 30) .. 'b')\n", to: "bomb.lua", in: out)
        let reports = out.appendingPathComponent("bomb-reports")
        let process = Process()
        process.executableURL = try Command.binary()
        process.arguments = ["run", script, "--corpus", "Samples", "--out", reports.path, "--timeout", "600"]
        process.currentDirectoryURL = Command.packageRoot
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(signalled)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertLessThan(seconds, 2, stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? [], [], "no file and no staging folder")
    }

    func testHelpReadsLikeAManPage() throws {
        let root = try Command.run(["--help"])
        XCTAssertEqual(root.status, 0)
        XCTAssertTrue(root.stdout.contains("EXIT STATUS"), root.stdout)
        let run = try Command.run(["run", "--help"])
        XCTAssertEqual(run.status, 0)
        for flag in ["--corpus <path>", "--out <dir>", "--param <key=value>", "--strict", "--timeout <seconds>", "--max-memory <mb>"] {
            XCTAssertTrue(run.stdout.contains(flag), "\(flag) missing from:\n\(run.stdout)")
        }
    }

    func testSeedRecordRunsThroughTheOverview() throws {
        let seed = Command.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/seed")
        guard FileManager.default.fileExists(atPath: seed.path) else { throw XCTSkip("\(seed.path) is absent") }
        let result = try Command.run(["run", "Scripts/overview.lua", "--corpus", seed.path, "--out", out.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        let overview = try String(contentsOf: out.appendingPathComponent("overview.md"), encoding: .utf8)
        XCTAssertTrue(overview.contains("- Documents: 1\n"), overview)
        XCTAssertTrue(overview.contains("- References: 18\n"), overview)
        XCTAssertTrue(overview.contains("| ru | 18 | 100 |"), overview)
        XCTAssertTrue(overview.contains("| Kuzmin S.L. | 4 |"), overview)
    }
}
