// ScheduleCommand.swift: `scriptorium schedule list | run JOB | run-due | history [JOB] | daemon`:
// report jobs from the jobs file, run by hand, by a system timer, or by a resident process.
import ArgumentParser
import Foundation
import Scriptorium

struct JobsOptions: ParsableArguments {
    @Option(name: .customLong("jobs"), help: ArgumentHelp("The jobs file.", valueName: "file"))
    var jobsFile: String = ReportSchedule.defaultJobsFile

    @Option(name: .customLong("reports"), help: ArgumentHelp("The reports folder: runs, history and locks live here.", valueName: "dir"))
    var reports: String = "Reports"

    @Flag(name: .customLong("no-cache"), help: "Parse every corpus file again instead of reusing Reports/.scriptorium/cache.")
    var noCache = false

    func scheduler() throws -> ReportSchedule {
        do {
            return try ReportSchedule(jobsFile: jobsFile, reports: URL(fileURLWithPath: reports), useCache: !noCache)
        } catch let error as JobsFileProblems {
            standardError("scriptorium: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}

struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run report jobs on a schedule, and show their history.",
        discussion: """
            Jobs are read from the jobs file (Reports/jobs.toml by default): [[job]] tables with a \
            name, a script, a corpus, a five-field cron schedule (or @hourly, @daily, @weekly, \
            @monthly), an optional timezone, params, timeout, max_memory and keep. Each run writes \
            to Reports/<job>/<UTC timestamp>/ and Reports/<job>/latest points to the newest \
            successful run. The history is in Reports/.scriptorium/history.sqlite.

            For a system timer, run `scriptorium schedule run-due` every few minutes: it runs each \
            job whose time has come since its last run, once however many times were missed.
            """,
        subcommands: [ListJobs.self, RunJob.self, RunDue.self, History.self, Daemon.self]
    )
}

private let timeFormat: DateFormatter = {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f
}()

private func local(_ date: Date?, _ zone: TimeZone = .current) -> String {
    guard let date else { return "-" }
    timeFormat.timeZone = zone
    return timeFormat.string(from: date)
}

/// Rows printed as columns two spaces apart, the last one unpadded.
private func printColumns(_ rows: [[String]]) {
    guard let width = rows.map(\.count).max() else { return }
    let widths = (0..<width).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
    for row in rows {
        let cells = row.enumerated().map { c, cell in c == row.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
        print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
}

private func describe(_ record: JobRun) -> String {
    var line = "\(record.job): \(record.status)"
    if let seconds = record.seconds, record.status != "skipped" { line += String(format: " in %.1f s", seconds) }
    if let documents = record.documents { line += ", \(documents) documents" }
    if !record.outputs.isEmpty { line += ", \(record.outputs.count) files in \(record.folder ?? "?")" }
    if let error = record.error { line += ": \(error)" }
    return line
}

extension ScheduleCommand {
    struct ListJobs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the jobs, their schedules, next run times and last runs.")
        @OptionGroup var options: JobsOptions

        func run() throws {
            let scheduler = try options.scheduler()
            let states = try scheduler.states()
            if states.isEmpty { print("no jobs in \(options.jobsFile)"); return }
            var rows: [[String]] = [["job", "schedule", "next run", "last run"]]
            for row in states {
                let zone = row.job.timeZone == .current ? "" : " (\(row.job.timeZone.identifier))"
                let last = row.last.map { "\($0.status) \(local($0.started))" } ?? "never"
                rows.append([row.job.name, row.job.schedule + zone, local(row.next, row.job.timeZone), last])
            }
            printColumns(rows)
        }
    }

    struct RunJob: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Run one job now.")
        @OptionGroup var options: JobsOptions
        @Argument(help: "The job's name.") var job: String

        func run() throws {
            let scheduler = try options.scheduler()
            guard scheduler.jobs.contains(where: { $0.name == job }) else {
                standardError("scriptorium: no job named '\(job)'; jobs are \(scheduler.jobs.map(\.name).joined(separator: ", "))")
                throw ExitCode(ExitStatus.usage)
            }
            let interruption = Interruption()
            interruption.install()
            interruption.enter(.running)
            let record = try scheduler.run(job: job, cancellation: interruption.cancellation)
            standardError("scriptorium: " + describe(record))
            if !record.isSuccessOrSkipped { throw ExitCode(Int32(record.exitStatus ?? 1)) }
        }
    }

    struct RunDue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-due",
            abstract: "Run every job whose time has come since its last run (for cron or a systemd timer).",
            discussion: "Exits 1 when any job failed; the others still run.")
        @OptionGroup var options: JobsOptions

        func run() throws {
            let scheduler = try options.scheduler()
            let records = try scheduler.runDue()
            for record in records { standardError("scriptorium: " + describe(record)) }
            if records.contains(where: { !$0.isSuccessOrSkipped }) { throw ExitCode(ExitStatus.scriptFailed) }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "history", abstract: "Show the last runs, of one job or of all.")
        @OptionGroup var options: JobsOptions
        @Argument(help: "A job's name; all jobs when absent.") var job: String?
        @Option(help: "How many runs to show.") var limit: Int = 20

        func run() throws {
            let records = try ReportSchedule.history(reports: URL(fileURLWithPath: options.reports), job: job, limit: limit)
            if records.isEmpty { print("no runs recorded" + (job.map { " for \($0)" } ?? "")); return }
            var rows: [[String]] = [["started", "job", "status", "seconds", "documents", "outputs", "error"]]
            for r in records {
                let seconds: String = r.seconds.map { String(format: "%.1f", $0) } ?? "-"
                let documents: String = r.documents.map { String($0) } ?? "-"
                let outputs: String = r.outputs.isEmpty ? "-" : "\(r.outputs.count) in \(r.folder ?? "")"
                let error: String = r.error.map { String($0.split(separator: "\n").first ?? "") } ?? ""
                rows.append([local(r.started), r.job, r.status, seconds, documents, outputs, error])
            }
            printColumns(rows)
        }
    }

    struct Daemon: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "daemon",
            abstract: "Stay up and run jobs when they are due; reload the jobs file when it changes; stop on SIGTERM after the running job.")
        @OptionGroup var options: JobsOptions
        @Option(help: "Jobs run at once.") var parallel: Int = 1

        func validate() throws {
            guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        }

        func run() throws {
            let stop = StopFlag()
            stop.install()
            var scheduler = try options.scheduler()
            var modified = modification(options.jobsFile)
            let running = JobStarter(parallel: parallel)
            standardError("scriptorium: daemon started with \(scheduler.jobs.count) job\(scheduler.jobs.count == 1 ? "" : "s")")
            while !stop.requested {
                let now = Date()
                if modification(options.jobsFile) != modified {
                    modified = modification(options.jobsFile)
                    do {
                        scheduler = try options.scheduler()
                        standardError("scriptorium: reloaded \(options.jobsFile): \(scheduler.jobs.count) jobs")
                    } catch { standardError("scriptorium: keeping the previous jobs") }
                }
                // Each due job runs on a thread of its own (as many at once as --parallel), in a
                // worker process killed at its timeout: the loop goes on meanwhile, so a job that
                // hangs holds up no other.
                let current = scheduler
                for (job, time) in try scheduler.dueJobs(now: now) {
                    running.start(job.name) {
                        if let record = try? current.run(job: job.name, standingFor: time) {
                            standardError("scriptorium: " + describe(record))
                        }
                    }
                }
                // Sleep until the next due time or until a job ends, waking each second for a stop
                // or a changed file.
                let wake = scheduler.nextWake(after: Date()) ?? Date().addingTimeInterval(60)
                let ended = running.endings
                while !stop.requested && Date() < wake && modification(options.jobsFile) == modified && running.endings == ended {
                    Thread.sleep(forTimeInterval: min(1, max(0.05, wake.timeIntervalSinceNow)))
                }
            }
            running.waitUntilIdle()
            standardError("scriptorium: daemon stopped")
        }

        private func modification(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
    }
}

/// Set by SIGTERM or SIGINT: the daemon finishes the running job, then stops.
final class StopFlag: @unchecked Sendable {
    private static let shared = StopFlag()
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var flag = false

    var requested: Bool { lock.lock(); defer { lock.unlock() }; return flag }

    func install() {
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in lock.lock(); flag = true; lock.unlock() }
            source.resume()
            sources.append(source)
        }
    }
}
