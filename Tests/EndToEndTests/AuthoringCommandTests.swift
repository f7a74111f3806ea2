// AuthoringCommandTests.swift: writing a script as a new user does: `new`, `check`, `describe`,
// `run SCRIPT --help`, typed `--param`s, the interactive `shell` (piped and on a terminal), and
// what a run prints: the progress bar on a terminal only, --quiet and --timings.
import Foundation
import XCTest

final class AuthoringCommandTests: XCTestCase {
    func testNewScriptChecksCleanAndRunsOnTheSamples() throws {
        let folder = try temporaryFolder("new")
        let made = try Command.run(["new", "trends", "--folder", folder.path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let script = folder.appendingPathComponent("trends.lua").path
        XCTAssertEqual(made.stdout, script + "\n")
        XCTAssertEqual(try Command.run(["new", "trends", "--folder", folder.path]).status, 2, "an existing script is not replaced")
        XCTAssertEqual(try Command.run(["new", "9lives", "--folder", folder.path]).status, 2, "a name must start with a letter")

        let checked = try Command.run(["check", script])
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
        XCTAssertEqual(checked.stdout, "")

        let out = folder.appendingPathComponent("out")
        let ran = try Command.run(["run", script, "--corpus", "Samples", "--out", out.path, "--param", "top=2"])
        XCTAssertEqual(ran.status, 0, ran.stderr)
        let markdown = try String(contentsOf: out.appendingPathComponent("trends.md"), encoding: .utf8)
        XCTAssertTrue(markdown.contains("14 documents; the 2 most used keywords are listed below."), markdown)
        XCTAssertTrue(markdown.contains("![Documents per year](trends-documents-per-year.svg)"))
        let keywords = try String(contentsOf: out.appendingPathComponent("trends-keywords.csv"), encoding: .utf8)
        XCTAssertEqual(keywords.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 3, "a header and the top 2 keywords")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("trends-years.csv").path))
    }

    func testCheckReportsEachMistakeAndFails() throws {
        let folder = try temporaryFolder("check")
        let bad = folder.appendingPathComponent("bad.lua")
        try "local t = corpus:term{field = 'abstract'}\nprint(undefined_name)\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try Command.run(["check", bad.path, "Scripts/overview.lua"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, """
            \(bad.path):1:18: 'corpus:term' is not a function; did you mean 'corpus:terms'?
            \(bad.path):2:7: undefined global 'undefined_name'

            """)
        XCTAssertEqual(result.stderr, "scriptorium: 2 scripts checked, 2 problems found\n")
    }

    func testEveryBundledScriptChecksClean() throws {
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Command.packageRoot.appendingPathComponent("Scripts").path)
            .filter { $0.hasSuffix(".lua") }.sorted().map { "Scripts/" + $0 }
        let result = try Command.run(["check"] + scripts)
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertEqual(result.stderr, "scriptorium: \(scripts.count) scripts checked, no problem found\n")
    }

    func testDescribeAndScriptHelp() throws {
        let described = try Command.run(["describe", "Scripts/keywords.lua"])
        XCTAssertEqual(described.status, 0, described.stderr)
        XCTAssertTrue(described.stdout.hasPrefix("Scripts/keywords.lua: Author keywords: "), described.stdout)
        XCTAssertTrue(described.stdout.contains("  --param top=INTEGER         keywords and pairs shown in keywords.md (default 20)"), described.stdout)
        XCTAssertTrue(described.stdout.contains("Outputs:\n  keywords.md\n"), described.stdout)

        let help = try Command.run(["run", "Scripts/concordance.lua", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--param term=STRING"), help.stdout)
        XCTAssertTrue(help.stdout.contains("(required)"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--corpus <path>"), "run's own options follow")
    }

    func testParameterErrorsAreUsageErrors() throws {
        let out = try temporaryFolder("params")
        let wrong = try Command.run(["run", "Scripts/keywords.lua", "--corpus", "Samples", "--out", out.path, "--param", "top=many"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--param top=many: 'top' takes an integer, and 'many' is not one"), wrong.stderr)
        let unknown = try Command.run(["run", "Scripts/keywords.lua", "--corpus", "Samples", "--out", out.path, "--param", "heatmapp=3"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no parameter 'heatmapp' (did you mean 'heatmap'?)"), unknown.stderr)
        let missing = try Command.run(["run", "Scripts/concordance.lua", "--corpus", "Samples", "--out", out.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("'term' is required"), missing.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [], "nothing is written")
    }

    func testShellFromAPipe() throws {
        let input = """
            =#corpus
            =corpus:count_by("year"):head(2)
            error("boom")
            x = corpus:where{year = {2021, 2021}}
            =#x
            for i = 1, 2 do
              print(i * 10)
            end
            :quit
            =1
            """
        let result = try Command.run(["shell", "--corpus", "Samples"], input: input)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "14\nyear  count\n----  -----\n2021  4    \n2018  2    \n4\n10\n20\n")
        XCTAssertEqual(result.stderr, "error: shell:1: boom\n")
    }

    func testShellOnATerminalEditsLinesAndKeepsHistory() throws {
        let home = try temporaryFolder("home")
        // Type a line, take back a word and retype it, run it; recall it with Up and run it again;
        // complete a method name with Tab.
        let result = try Command.runOnTerminal(["shell", "--corpus", "Samples"],
                                               sends: ["=#corpux\u{7f}s + 1\r", "=error('x')\r", "\u{1b}[A\u{1b}[A\r", "=#corpus:whe\t{year = {2021, 2021}}\r", "\u{04}"],
                                               environment: ["HOME": home.path])
        XCTAssertEqual(result.status, 0, result.stdout)
        let shown = result.stdout.replacingOccurrences(of: "\r", with: "")
        XCTAssertTrue(shown.hasPrefix("Scriptorium shell: 14 documents."), shown)
        XCTAssertEqual(shown.components(separatedBy: "\n").filter { $0 == "15" }.count, 2, shown)
        XCTAssertTrue(shown.contains("error: shell:1: x"), shown)
        XCTAssertTrue(shown.contains("=#corpus:where{year = {2021, 2021}}\u{1b}[K\n4\n"), shown)
        let history = try String(contentsOf: home.appendingPathComponent(".scriptorium_history"), encoding: .utf8)
        XCTAssertEqual(history, "=#corpus + 1\n=error('x')\n=#corpus + 1\n=#corpus:where{year = {2021, 2021}}\n")
    }

    func testProgressOnATerminalOnly() throws {
        let fast = ["SCRIPTORIUM_PROGRESS_DELAY": "0"]
        let terminal = try Command.runOnTerminal(["run", "Benchmarks/load.lua", "--corpus", "Samples", "--out", try temporaryFolder("p1").path],
                                                 environment: fast)
        XCTAssertEqual(terminal.status, 0)
        XCTAssertTrue(terminal.stdout.contains("loading   [########################] 14/14 files"), terminal.stdout)
        let piped = try Command.run(["run", "Benchmarks/load.lua", "--corpus", "Samples", "--out", try temporaryFolder("p2").path], environment: fast)
        XCTAssertFalse(piped.stderr.contains("loading"), piped.stderr)
        let forced = try Command.run(["run", "Benchmarks/load.lua", "--corpus", "Samples", "--progress", "--out", try temporaryFolder("p3").path],
                                     environment: fast)
        XCTAssertTrue(forced.stderr.contains("14/14 files"), forced.stderr)
        let off = try Command.runOnTerminal(["run", "Benchmarks/load.lua", "--corpus", "Samples", "--no-progress", "--out", try temporaryFolder("p4").path],
                                            environment: fast)
        XCTAssertFalse(off.stdout.contains("loading"), off.stdout)
    }

    func testQuietAndTimings() throws {
        let folder = try temporaryFolder("quiet")
        try "".write(to: folder.appendingPathComponent("empty.ris"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Command.packageRoot.appendingPathComponent("Samples/001_steppe_trade.txt"),
                                         to: folder.appendingPathComponent("001.txt"))
        let loud = try Command.run(["run", "Benchmarks/load.lua", "--corpus", folder.path, "--out", folder.appendingPathComponent("o1").path])
        XCTAssertTrue(loud.stderr.contains("empty.ris: warning: empty file, skipped"), loud.stderr)
        let quiet = try Command.run(["run", "Benchmarks/load.lua", "--corpus", folder.path, "--quiet", "--timings",
                                     "--out", folder.appendingPathComponent("o2").path])
        XCTAssertEqual(quiet.status, 0)
        XCTAssertFalse(quiet.stderr.contains("empty file"), quiet.stderr)
        let timings = try XCTUnwrap(quiet.stderr.components(separatedBy: "\n").first { $0.hasPrefix("scriptorium: timings: ") })
        XCTAssertNotNil(timings.range(of: #"^scriptorium: timings: load \d+\.\d\d s, script \d+\.\d\d s, writing \d+\.\d\d s, total \d+\.\d\d s$"#,
                                      options: .regularExpression), timings)
        let failing = try Command.run(["run", "/dev/null", "--corpus", folder.appendingPathComponent("missing").path, "--quiet"])
        XCTAssertEqual(failing.status, 2, "errors are still reported under --quiet")
        XCTAssertFalse(failing.stderr.isEmpty)
    }
}
