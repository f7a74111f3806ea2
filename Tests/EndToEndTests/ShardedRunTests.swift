// ShardedRunTests.swift: a report run over a corpus cut into shards, driven by `scriptorium-dist`
// on its local engine (a process per step, started in shuffled order), writes byte for byte the
// report `scriptorium run` writes over the whole corpus: with 1, 2, 3 and 7 shards, over corpora
// whose duplicate records and author name forms fall in different shards. A failing shard fails the
// run with the script's own message; a step run twice writes the same bytes.
import Foundation
import XCTest

final class ShardedRunTests: XCTestCase {
    private let script = "Tests/Support/sharded_report.lua"

    private var python: String {
        get throws {
            guard let p = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw XCTSkip("python3 is needed to drive a sharded run")
            }
            return p
        }
    }

    /// The test environment's Python, with pyspark (`make test` installs it into .venv-test).
    private var sparkPython: String {
        get throws {
            let python = Command.packageRoot.appendingPathComponent(".venv-test/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw XCTSkip("pyspark is not installed (`make test` installs it into .venv-test)")
            }
            return python
        }
    }

    /// Runs `scriptorium-dist run` from the package root; returns its status and standard error.
    private func distributed(_ arguments: [String], python: String? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python ?? self.python)
        process.arguments = ["-m", "scriptorium_dist.cli", "run"] + arguments + ["--scriptorium", try Command.binary().path]
        process.currentDirectoryURL = Command.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(
            ["PYTHONPATH": Command.packageRoot.appendingPathComponent("scriptorium-dist").path]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = PipeReader(err).wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The files of a report folder by name.
    private func files(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue { out[name] = try Data(contentsOf: url) }
        }
        return out
    }

    private func assertShardedEqualsWhole(corpus: String, shards: [Int], file: StaticString = #filePath, line: UInt = #line) throws {
        let work = try temporaryFolder("sharded")
        let whole = work.appendingPathComponent("whole")
        let plain = try Command.run(["run", script, "--corpus", corpus, "--out", whole.path, "-q"])
        XCTAssertEqual(plain.status, 0, plain.stderr, file: file, line: line)
        let expected = try files(whole)
        XCTAssertEqual(expected.count, 10, file: file, line: line)
        for n in shards {
            let out = work.appendingPathComponent("sharded-\(n)")
            let result = try distributed([script, "--corpus", corpus, "--out", out.path, "--engine", "local", "--shards", "\(n)", "--seed", "\(n)"])
            XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
            let got = try files(out)
            XCTAssertEqual(Set(got.keys), Set(expected.keys), file: file, line: line)
            for (name, bytes) in expected where got[name] != bytes {
                XCTFail("\(corpus), \(n) shards: \(name) differs from the whole run's", file: file, line: line)
            }
        }
    }

    func testShardedReportsEqualTheWholeRunsByteForByte() throws {
        try assertShardedEqualsWhole(corpus: "Samples", shards: [1, 2, 3, 7])
    }

    /// The heavy identity tests run once, in the plain suite (the sanitizer run has the small ones).
    private func runOnce() throws {
        if ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil { throw XCTSkip("a heavy sharded-run test runs once, in the plain suite") }
    }

    func testTheBundledScriptsThatSplitGiveTheirWholeRunsReports() throws {
        try runOnce()
        let corpus = Command.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/wos").path
        guard FileManager.default.fileExists(atPath: corpus) else { throw XCTSkip("the shared corpora are absent (\(corpus))") }
        for (name, params) in [("production", []), ("sources", []), ("keywords", []), ("terms", []), ("authors", []),
                               ("concordance", ["--param", "term=polymer"]), ("countries", [])] {
            let check = try Command.run(["check", "--sharded", "Scripts/\(name).lua"])
            XCTAssertEqual(check.status, 0, "\(name): \(check.stdout)")
            let work = try temporaryFolder("sharded-\(name)")
            let whole = work.appendingPathComponent("whole"), out = work.appendingPathComponent("sharded")
            XCTAssertEqual(try Command.run(["run", "Scripts/\(name).lua", "--corpus", corpus, "--out", whole.path, "-q"] + params).status, 0)
            let result = try distributed(["Scripts/\(name).lua", "--corpus", corpus, "--out", out.path, "--shards", "3", "--seed", "5"] + params)
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(try files(out), try files(whole), name)
        }
    }

    func testDuplicatesAndAuthorFormsAcrossShardsAreResolvedAsInOneRun() throws {
        try runOnce()
        // The Web of Science export merges records and unifies author forms; MEDLINE's files repeat records.
        for name in ["wos", "medline"] {
            let corpus = Command.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/\(name)").path
            guard FileManager.default.fileExists(atPath: corpus) else { throw XCTSkip("the shared corpora are absent (\(corpus))") }
            try assertShardedEqualsWhole(corpus: corpus, shards: [2, 3, 7])
        }
    }

    /// On Apache Spark in local mode (the heavy test: run once, in the plain suite, not again under
    /// the sanitizer): the same bytes, and a failing shard fails the job with its message.
    func testOnSparkInLocalModeTheReportIsTheSameAndAFailureCarriesItsMessage() throws {
        try runOnce()
        let python = try sparkPython
        let work = try temporaryFolder("sharded-spark")
        let whole = work.appendingPathComponent("whole")
        XCTAssertEqual(try Command.run(["run", script, "--corpus", "Samples", "--out", whole.path, "-q"]).status, 0)
        let out = work.appendingPathComponent("spark")
        let result = try distributed([script, "--corpus", "Samples", "--out", out.path, "--engine", "spark", "--master", "local[2]", "--shards", "3"],
                                     python: python)
        if result.stderr.contains("No module named 'pyspark'") { throw XCTSkip("pyspark is not installed in .venv-test") }
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try files(out), try files(whole))
        let failing = work.appendingPathComponent("failing.lua")
        try "corpus:filter(function(doc) if doc.year == 2019 then error('a record of 2019 is not wanted') end return true end):count_by('year')"
            .write(to: failing, atomically: false, encoding: .utf8)
        let failed = try distributed([failing.path, "--corpus", "Samples", "--out", work.appendingPathComponent("never").path, "--engine", "spark",
                                      "--master", "local[2]", "--shards", "2"], python: python)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("a record of 2019 is not wanted"), failed.stderr)
    }

    func testAFailingShardFailsTheRunWithTheScriptsMessage() throws {
        let work = try temporaryFolder("sharded-failure")
        let failing = work.appendingPathComponent("failing.lua")
        try """
            local n = corpus:fold{ init = 0, merge = function(a, b) return a + b end,
              step = function(acc, doc) if doc.year == 2023 then error("no documents of 2023, please") end return acc + 1 end }
            report.markdown("never.md"):paragraph(tostring(n))
            """.write(to: failing, atomically: false, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        let result = try distributed([failing.path, "--corpus", "Samples", "--out", out.path, "--shards", "3"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("no documents of 2023, please"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing is written")
    }

    func testACallThatNeedsTheWholeCorpusIsRefusedByName() throws {
        let work = try temporaryFolder("sharded-refused")
        let result = try distributed(["Scripts/references.lua", "--corpus", "Samples", "--out", work.appendingPathComponent("out").path, "--shards", "2"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("references.lua:29: corpus:documents() needs the whole corpus in one place"), result.stderr)
    }

    func testWhatOnlyTheWholeCorpusDecidesIsRefusedRatherThanGuessed() throws {
        // A cited work's key and the citation links are decided over the whole corpus: a shard
        // alone would give other answers, so a sharded run refuses them with a message.
        let work = try temporaryFolder("sharded-global")
        for (source, message) in [
            ("report.csv('k.csv', corpus:count_by('references.key'))", "the field references.key (a work's key is decided over the whole corpus)"),
            ("corpus:fold{init = 0, step = function(n, doc) return n + doc.cited_by end, merge = function(a, b) return a + b end}",
             "citation links (doc.cited_by, ref.target) are made over the whole corpus"),
            ("corpus:fold{init = 0, step = function(n, doc) for _, r in ipairs(doc.references) do local k = r.key end return n end, merge = function(a, b) return a + b end}",
             "ref.key is decided over the whole corpus"),
        ] {
            let script = work.appendingPathComponent("global.lua")
            try source.write(to: script, atomically: false, encoding: .utf8)
            let result = try distributed([script.path, "--corpus", "Samples", "--out", work.appendingPathComponent("out").path, "--shards", "2"])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(message), "\(source): \(result.stderr)")
            XCTAssertEqual(try Command.run(["run", script.path, "--corpus", "Samples", "--out", work.appendingPathComponent("whole").path]).status, 0,
                           "a whole run reads it")
        }
    }

    func testAStepRunTwiceWritesTheSameBytes() throws {
        let work = try temporaryFolder("sharded-retry")
        let plan = work.appendingPathComponent("plan.json").path
        let answers = work.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        XCTAssertEqual(try Command.run(["shard", "plan", "--corpus", "Samples", "--shards", "2", "--output", plan]).status, 0)
        var packs: [String] = []
        for k in 0 ..< 2 {
            let pack = work.appendingPathComponent("shard-\(k).arrow").path
            XCTAssertEqual(try Command.run(["shard", "load", "--plan", plan, "--shard", "\(k)", "--output", pack]).status, 0)
            packs.append(pack)
        }
        let duplicates = work.appendingPathComponent("duplicates.arrow").path
        XCTAssertEqual(try Command.run(["shard", "resolve", "--plan", plan, "--output", duplicates] + packs.flatMap { ["--pack", $0] }).status, 0)
        let final = work.appendingPathComponent("final-1.arrow").path
        XCTAssertEqual(try Command.run(["shard", "finalize", "--plan", plan, "--shard", "1", "--pack", packs[1], "--duplicates", duplicates,
                                        "--output", final]).status, 0)
        let identities = work.appendingPathComponent("identities.json").path
        XCTAssertEqual(try Command.run(["shard", "identities", "--plan", plan, "--pack", packs[0], "--pack", final, "--output", identities]).status, 0)
        var parts: [Data] = []
        for attempt in 0 ..< 2 {
            let part = work.appendingPathComponent("part-\(attempt).arrow").path
            let result = try Command.run(["shard", "part", script, "--plan", plan, "--shard", "1", "--pack", final, "--identities", identities,
                                          "--round", "3", "--answers", answers.path, "--output", part])
            XCTAssertEqual(result.status, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains("call-1.arrow"), "round 3 needs the answer of call 1, which is missing: \(result.stderr)")
            let first = try Command.run(["shard", "part", script, "--plan", plan, "--shard", "1", "--pack", final, "--identities", identities,
                                         "--round", "1", "--answers", answers.path, "--output", part])
            XCTAssertEqual(first.status, 0, first.stderr)
            XCTAssertTrue(first.stdout.contains("\"reached\":true"), first.stdout)
            parts.append(try Data(contentsOf: URL(fileURLWithPath: part)))
        }
        XCTAssertEqual(parts[0], parts[1])
        // A pack given as another shard's is refused by name.
        let wrong = try Command.run(["shard", "part", script, "--plan", plan, "--shard", "0", "--pack", final, "--identities", identities,
                                     "--round", "1", "--answers", answers.path, "--output", work.appendingPathComponent("x.arrow").path])
        XCTAssertEqual(wrong.status, 2, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("is not the pack of shard 0 of this plan"), wrong.stderr)
    }
}
