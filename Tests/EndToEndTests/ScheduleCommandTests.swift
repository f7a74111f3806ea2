// ScheduleCommandTests.swift: `scriptorium schedule` as a user runs it: list, run, history, a bad
// jobs file, and the daemon reloading its jobs file and stopping on SIGTERM.
import Foundation
import XCTest

final class ScheduleCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try temporaryFolder("schedule") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    @discardableResult
    private func writeJobs(_ text: String) throws -> String {
        let path = folder.appendingPathComponent("jobs.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let overviewJob = """
        [[job]]
        name = "overview"
        script = "Scripts/overview.lua"
        corpus = ["Samples"]
        schedule = "0 6 * * MON"
        timezone = "Europe/Moscow"
        params = { top = 5 }
        """

    func testListRunAndHistory() throws {
        let jobs = try writeJobs(overviewJob)
        let reports = folder.appendingPathComponent("Reports").path
        let list = try Command.run(["schedule", "list", "--jobs", jobs, "--reports", reports])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("overview  at 06:00 on Monday (Europe/Moscow)"), list.stdout)
        XCTAssertTrue(list.stdout.hasSuffix("never\n"), list.stdout)
        let run = try Command.run(["schedule", "run", "overview", "--jobs", jobs, "--reports", reports])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("overview: success in "), run.stderr)
        let latest = folder.appendingPathComponent("Reports/overview/latest/overview.md")
        XCTAssertTrue(try String(contentsOf: latest, encoding: .utf8).contains("# Corpus overview"))
        let history = try Command.run(["schedule", "history", "overview", "--reports", reports])
        XCTAssertEqual(history.status, 0, history.stderr)
        XCTAssertTrue(history.stdout.hasPrefix("started "), history.stdout)
        XCTAssertTrue(history.stdout.contains("overview  success  "), history.stdout)
        XCTAssertTrue(history.stdout.contains(" 14 "), history.stdout)
        let unknown = try Command.run(["schedule", "run", "weekly", "--jobs", jobs, "--reports", reports])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no job named 'weekly'; jobs are overview"), unknown.stderr)
    }

    func testABadJobsFileIsAUsageErrorNamingTheProblem() throws {
        let jobs = try writeJobs(overviewJob.replacingOccurrences(of: "0 6 * * MON", with: "0 6 * * FUNDAY"))
        let result = try Command.run(["schedule", "list", "--jobs", jobs, "--reports", folder.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("jobs.toml: job 'overview', field 'schedule': day-of-week field 'FUNDAY'"), result.stderr)
    }

    func testDaemonReloadsItsJobsFileAndStopsOnSIGTERM() throws {
        let jobs = try writeJobs(overviewJob)
        let logURL = folder.appendingPathComponent("daemon.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        let process = Process()
        process.executableURL = try Command.binary()
        process.arguments = ["schedule", "daemon", "--jobs", jobs, "--reports", folder.appendingPathComponent("Reports").path]
        process.currentDirectoryURL = Command.packageRoot
        process.standardError = log
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        /// Waits up to 30 s for the log to contain `text`.
        func waitFor(_ text: String) -> Bool {
            for _ in 0..<300 {
                if (try? String(contentsOf: logURL, encoding: .utf8))?.contains(text) == true { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        XCTAssertTrue(waitFor("daemon started with 1 job"))
        // A new modification time, even on file systems with one-second times.
        Thread.sleep(forTimeInterval: 1.1)
        try writeJobs(overviewJob + "\n\n" + overviewJob.replacingOccurrences(of: "name = \"overview\"", with: "name = \"second\""))
        XCTAssertTrue(waitFor("reloaded \(jobs): 2 jobs"))
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let text = try String(contentsOf: logURL, encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.hasSuffix("daemon stopped\n"), text)
    }
}
