// SchedulerTests.swift: the jobs file's validation, run-due with an injected clock (due, not due,
// missed while off, a job already running), history rows for each outcome, a crash mid-run,
// the latest link and retention.
import Foundation
import Scheduling
import XCTest

final class SchedulerTests: XCTestCase {
    private var root: URL!
    private var paths: SchedulerPaths!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        paths = SchedulerPaths(reports: root.appendingPathComponent("Reports"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    private var samples: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Samples").path
    }

    private func script(_ name: String, _ source: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func job(_ name: String, _ source: String = "report.markdown('r.md'):heading(1, 'n = ' .. #corpus)",
                     schedule: String = "0 6 * * *", timeout: Double = 60, keep: Int = 10) throws -> Job {
        Job(name: name, script: try script(name + ".lua", source), corpus: [samples], schedule: try CronSchedule(schedule),
            timeZone: TimeZone(identifier: "UTC")!, timeout: timeout, keep: keep)
    }

    private func at(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.date(from: text)!
    }

    // MARK: The jobs file

    func testJobsFileIsReadAndValidated() throws {
        let overview = try script("overview.lua", "-- a script")
        let jobs = try JobsFile.parse("""
            [[job]]
            name = "weekly-overview"
            script = "\(overview)"
            corpus = ["\(samples)"]
            schedule = "0 6 * * MON"
            timezone = "Europe/Moscow"
            params = { top = 50, lang = "ru", share = 0.5 }
            timeout = 600
            max_memory = 4096
            keep = 12
            thesaurus = "\(try script("thesaurus.txt", "label\treplace by\nBPM\tbit patterned media\n"))"
            """, path: "jobs.toml")
        XCTAssertEqual(jobs.count, 1)
        let job = jobs[0]
        XCTAssertEqual(job.name, "weekly-overview")
        XCTAssertEqual(job.corpus, [samples])
        XCTAssertEqual(job.schedule.inWords, "at 06:00 on Monday")
        XCTAssertEqual(job.timeZone.identifier, "Europe/Moscow")
        XCTAssertEqual(job.params, ["top": "50", "lang": "ru", "share": "0.5"])
        XCTAssertEqual(job.timeout, 600)
        XCTAssertEqual(job.maxMemory, 4096)
        XCTAssertEqual(job.keep, 12)
        XCTAssertEqual(job.thesaurus.map { URL(fileURLWithPath: $0).lastPathComponent }, "thesaurus.txt")
    }

    func testJobsFileErrorsNameTheJobAndTheField() throws {
        let overview = try script("overview.lua", "")
        let bad = try script("bad-thesaurus.txt", "label\treplace by\nno tab\n")
        XCTAssertThrowsError(try JobsFile.parse("""
            [[job]]
            name = "a"
            script = "\(overview)"
            corpus = "\(samples)"
            shedule = "0 6 * * *"

            [[job]]
            name = "b"
            script = "missing.lua"
            corpus = "\(samples)"
            schedule = "0 25 * * *"
            timezone = "Mars/Olympus"

            [[job]]
            name = "b"
            script = "\(overview)"
            corpus = "\(samples)"
            schedule = "@daily"
            thesaurus = "\(bad)"
            """, path: "Reports/jobs.toml")) { error in
            XCTAssertEqual(String(describing: error), """
                Reports/jobs.toml: 7 problems:
                  job 'a': unknown field 'shedule' (did you mean 'schedule'?); fields are name, script, corpus, schedule, timezone, params, timeout, max_memory, keep, thesaurus
                  job 'a': the field 'schedule' is missing
                  job 'b', field 'script': 'missing.lua' does not exist
                  job 'b', field 'schedule': hour field '25': 25 is outside 0-23
                  job 'b', field 'timezone': 'Mars/Olympus' is not a time zone name such as Europe/Moscow
                  job 'b', field 'thesaurus': \(bad):2: a thesaurus line is a label, a tab and what replaces it (empty to remove the label); this line has no tab
                  job 'b': the name is used by job 2 too; names must differ
                """)
        }
        XCTAssertThrowsError(try JobsFile.parse("[[job]\nname = 1", path: "j.toml")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("j.toml: line 1, column"), String(describing: error))
        }
    }

    // MARK: Running

    func testRunWritesATimestampedFolderPointsLatestAndRecordsTheRun() throws {
        let scheduler = try Scheduler(jobs: [try job("daily")], paths: paths)
        let record = try JobRunner.run(scheduler.jobs[0], paths: paths, history: scheduler.history, now: at("2026-11-25 06:00"))
        XCTAssertEqual(record.status, .success)
        XCTAssertEqual(record.exitStatus, 0)
        XCTAssertEqual(record.documents, 14)
        XCTAssertEqual(record.outputs, ["r.md"])
        XCTAssertEqual(record.folder, "daily/20261125T060000Z")
        XCTAssertNotNil(record.fingerprint)
        let latest = paths.jobFolder("daily").appendingPathComponent("latest/r.md")
        XCTAssertTrue(try String(contentsOf: latest, encoding: .utf8).contains("# n = 14"))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: paths.jobFolder("daily").appendingPathComponent("latest").path), "20261125T060000Z")
    }

    func testHistoryRowsForFailureTimeoutAndSkip() throws {
        let failing = try job("failing", "error('no data for this week')")
        let slow = try job("slow", "while true do end", timeout: 1)
        let scheduler = try Scheduler(jobs: [failing, slow], paths: paths)
        let failed = try JobRunner.run(failing, paths: paths, history: scheduler.history)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.exitStatus, 1)
        XCTAssertTrue(failed.error?.contains("no data for this week") == true, failed.error ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: paths.jobFolder("failing").appendingPathComponent("latest").path), "a failed run is never latest")
        let timedOut = try JobRunner.run(slow, paths: paths, history: scheduler.history)
        XCTAssertEqual(timedOut.status, .timeout)
        XCTAssertEqual(timedOut.exitStatus, 4)
        // A job whose lock is held elsewhere is skipped, and the skip recorded.
        let held = try XCTUnwrap(try JobLock.acquire(paths.lock("failing")))
        let skipped = try JobRunner.run(failing, paths: paths, history: scheduler.history)
        XCTAssertEqual(skipped.status, .skipped)
        XCTAssertEqual(skipped.error, "the job was already running")
        held.release()
        XCTAssertEqual(try scheduler.history.runs(job: "failing").map(\.status), [.skipped, .failed])
    }

    func testARunLeftRunningByADeadProcessIsMarkedCrashed() throws {
        let daily = try job("daily")
        let scheduler = try Scheduler(jobs: [daily], paths: paths)
        // A process began a run and died: its row says running, and nobody holds the lock.
        _ = try scheduler.history.begin(job: "daily", scheduled: nil, started: at("2026-11-24 06:00"), folder: nil)
        XCTAssertEqual(try scheduler.history.last(job: "daily")?.status, .running)
        try JobRunner.run(daily, paths: paths, history: scheduler.history, now: at("2026-11-25 06:00"))
        XCTAssertEqual(try scheduler.history.runs(job: "daily").map(\.status), [.success, .crashed])
        XCTAssertEqual(try scheduler.history.runs(job: "daily")[1].error, "the process stopped during the run")
    }

    func testTheNextProcessShowsADeadRunAsCrashedButLeavesALiveOneRunning() throws {
        let history = try RunHistory(path: paths.history.path)
        _ = try history.begin(job: "dead", scheduled: nil, started: at("2026-11-24 06:00"), folder: nil)
        _ = try history.begin(job: "live", scheduled: nil, started: at("2026-11-24 06:00"), folder: nil)
        let live = try XCTUnwrap(try JobLock.acquire(paths.lock("live")))   // its process is still at work
        defer { live.release() }
        _ = try Scheduler(jobs: [], paths: paths)                            // a new scheduler process starts
        XCTAssertEqual(try history.last(job: "dead")?.status, .crashed)
        XCTAssertEqual(try history.last(job: "live")?.status, .running)
    }

    func testAJobThatHangsInCIsKilledAtItsTimeoutAndTheNextJobRuns() throws {
        let hanging = try job("hanging", "string.find(string.rep('a', 30), string.rep('a*', 30) .. 'b')", timeout: 1)
        let next = try job("next")
        let scheduler = try Scheduler(jobs: [hanging, next], paths: paths)
        let started = Date()
        let record = try JobRunner.run(hanging, paths: paths, history: scheduler.history)
        XCTAssertLessThan(Date().timeIntervalSince(started), 6)
        XCTAssertEqual(record.status, .timeout)
        XCTAssertEqual(record.exitStatus, 4)
        XCTAssertEqual(try JobRunner.run(next, paths: paths, history: scheduler.history).status, .success)
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: paths.jobFolder("hanging").path)) ?? []).filter { !$0.hasPrefix(".") }, [])
    }

    func testRetentionKeepsTheNewestRunsAndAlwaysTheLatestSuccess() throws {
        let kept = try job("kept", keep: 2)
        let scheduler = try Scheduler(jobs: [kept], paths: paths)
        for hour in 1...4 { try JobRunner.run(kept, paths: paths, history: scheduler.history, now: at("2026-11-25 0\(hour):00")) }
        XCTAssertEqual(JobRunner.runFolders(paths.jobFolder("kept")), ["20261125T030000Z", "20261125T040000Z"])
        // A later failure adds no folder and keeps the latest success.
        let broken = Job(name: "kept", script: try script("broken.lua", "error('x')"), corpus: [samples], schedule: kept.schedule, keep: 1)
        try JobRunner.run(broken, paths: paths, history: scheduler.history, now: at("2026-11-25 05:00"))
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: paths.jobFolder("kept").appendingPathComponent("latest").path), "20261125T040000Z")
    }

    // MARK: run-due

    func testRunDueWithAnInjectedClock() throws {
        let daily = try job("daily", schedule: "0 6 * * *")
        let scheduler = try Scheduler(jobs: [daily], paths: paths)
        // First seen on Monday 05:00: not due until 06:00.
        XCTAssertEqual(try scheduler.runDue(now: at("2026-11-23 05:00")).count, 0)
        XCTAssertEqual(try scheduler.runDue(now: at("2026-11-23 05:59")).count, 0)
        let first = try scheduler.runDue(now: at("2026-11-23 06:01"))
        XCTAssertEqual(first.map(\.status), [.success])
        XCTAssertEqual(first[0].scheduled, at("2026-11-23 06:00"))
        XCTAssertEqual(try scheduler.runDue(now: at("2026-11-23 12:00")).count, 0, "06:00 has had its run")
        // Off from Monday noon to Thursday 09:00: three 06:00s were missed; one run stands for the latest.
        let late = try scheduler.runDue(now: at("2026-11-26 09:00"))
        XCTAssertEqual(late.count, 1)
        XCTAssertEqual(late[0].scheduled, at("2026-11-26 06:00"))
        XCTAssertEqual(try scheduler.runDue(now: at("2026-11-26 09:30")).count, 0)
    }

    func testRunDueSkipsAJobAlreadyRunningAndRunsTheOthers() throws {
        let a = try job("a", schedule: "@hourly"), b = try job("b", "error('broken')", schedule: "@hourly")
        let c = try job("c", schedule: "@hourly")
        let scheduler = try Scheduler(jobs: [a, b, c], paths: paths)
        _ = try scheduler.runDue(now: at("2026-11-25 00:30"))
        let held = try XCTUnwrap(try JobLock.acquire(paths.lock("a")))
        defer { held.release() }
        let records = try scheduler.runDue(now: at("2026-11-25 01:05"))
        XCTAssertEqual(records.map(\.job), ["a", "b", "c"])
        XCTAssertEqual(records.map(\.status), [.skipped, .failed, .success], "a failing job does not stop the others")
    }

    func testLockIsExclusiveAcrossProcesses() throws {
        // Another process (Python's fcntl.flock) holds the job's lock for two seconds.
        let lock = paths.lock("shared")
        try FileManager.default.createDirectory(at: lock.deletingLastPathComponent(), withIntermediateDirectories: true)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, sys, time
            f = open(sys.argv[1], "w"); fcntl.flock(f, fcntl.LOCK_EX); print("locked", flush=True); time.sleep(2)
            """, lock.path]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData  // "locked"
        XCTAssertNil(try JobLock.acquire(lock), "held by the other process")
        holder.waitUntilExit()
        XCTAssertNotNil(try JobLock.acquire(lock), "free once it has ended")
    }

    func testAScriptSeesWhatChangedSinceTheJobsLastSuccessfulRun() throws {
        // A corpus folder of two sample records; a third arrives before the second run.
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["001_steppe_trade.txt", "002_soviet_advisers.txt"] {
            try FileManager.default.copyItem(atPath: samples + "/" + name, toPath: corpus.appendingPathComponent(name).path)
        }
        let source = """
            local md = report.markdown("changes.md", {front = false})
            local previous = run.previous
            md:paragraph(run.job .. ": " .. (previous and (previous.documents .. " documents on " .. previous.time) or "first run"))
            local new = corpus:since_last_run()
            md:paragraph(#new .. " new: " .. table.concat(new:count_by("title"):column("title"), "; "))
            """
        let weekly = Job(name: "weekly", script: try script("changes.lua", source), corpus: [corpus.path], schedule: try CronSchedule("@weekly"))
        let scheduler = try Scheduler(jobs: [weekly], paths: paths)
        try JobRunner.run(weekly, paths: paths, history: scheduler.history, now: at("2026-11-16 06:00"))
        let report = paths.jobFolder("weekly").appendingPathComponent("latest/changes.md")
        let first = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(first.hasPrefix("weekly: first run\n\n2 new: "), first)
        try FileManager.default.copyItem(atPath: samples + "/003_kalmyk_epic.txt", toPath: corpus.appendingPathComponent("003_kalmyk_epic.txt").path)
        try JobRunner.run(weekly, paths: paths, history: scheduler.history, now: at("2026-11-23 06:00"))
        let second = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(second.hasPrefix("weekly: 2 documents on 2026-11-16T06:00:00Z\n\n1 new: "), second)
        XCTAssertTrue(second.contains("Kalmyk"), second)
    }
}
