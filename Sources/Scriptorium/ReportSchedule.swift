// ReportSchedule.swift: report jobs from a jobs file (TOML): their schedules, running them by
// hand, by a timer or from a resident process, and their history, as values.
import Foundation
import Scheduling
import Scripting

/// A job of the jobs file.
public struct ScheduledJob: Sendable, Equatable {
    public var name: String
    public var script: String
    /// The schedule in words: "at 06:00 on Monday".
    public var schedule: String
    public var timeZone: TimeZone

    init(_ job: Job) {
        name = job.name
        script = job.script
        schedule = job.schedule.inWords
        timeZone = job.timeZone
    }
}

/// One run of a job, as the history records it.
public struct JobRun: Sendable, Equatable {
    public var job: String
    /// success, failed, timeout, skipped, crashed or running.
    public var status: String
    public var started: Date
    public var seconds: Double?
    public var documents: Int?
    /// The files written.
    public var outputs: [String]
    /// The run's folder, relative to the reports folder.
    public var folder: String?
    public var error: String?
    /// The exit status a `scriptorium run` of it would have had.
    public var exitStatus: Int?

    /// It succeeded, or was skipped because the job was already running.
    public var isSuccessOrSkipped: Bool { status == "success" || status == "skipped" }

    init(_ r: RunRecord) {
        job = r.job
        status = r.status.rawValue
        started = r.started
        seconds = r.seconds
        documents = r.documents
        outputs = r.outputs
        folder = r.folder
        error = r.error
        exitStatus = r.exitStatus
    }
}

/// A job with its next run time and its last run.
public struct JobState: Sendable, Equatable {
    public var job: ScheduledJob
    public var next: Date?
    public var last: JobRun?
}

/// A jobs file that cannot be used, with every problem found in it.
public struct JobsFileProblems: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The jobs of a jobs file and their runs under a reports folder.
public final class ReportSchedule: @unchecked Sendable {
    private let scheduler: Scheduler

    /// Where jobs are read from by default: Reports/jobs.toml.
    public static let defaultJobsFile = JobsFile.defaultPath

    /// Reads and checks the jobs file; runs, history and locks live under `reports`. With
    /// `useCache`, corpora are read through the cache in `reports/.scriptorium/cache`.
    public init(jobsFile: String, reports: URL, useCache: Bool = true) throws {
        let jobs: [Job]
        do { jobs = try JobsFile.load(jobsFile) } catch let error as JobsFileError {
            throw JobsFileProblems(description: error.description)
        }
        scheduler = try Scheduler(jobs: jobs, paths: SchedulerPaths(reports: reports))
        scheduler.useCache = useCache
    }

    public var jobs: [ScheduledJob] { scheduler.jobs.map(ScheduledJob.init) }

    /// Each job with its next run time and last run.
    public func states(now: Date = Date()) throws -> [JobState] {
        try scheduler.status(now: now).map { JobState(job: ScheduledJob($0.job), next: $0.next, last: $0.last.map(JobRun.init)) }
    }

    /// Runs the job called `name` now.
    public func run(job name: String, standingFor scheduled: Date? = nil, cancellation: ReportCancellation? = nil) throws -> JobRun {
        let job = try scheduler.job(named: name)
        return JobRun(try scheduler.run(job, standingFor: scheduled, cancel: cancellation?.inner))
    }

    /// Runs every job whose time has come since its last run, once however many times were missed.
    public func runDue(now: Date = Date()) throws -> [JobRun] {
        try scheduler.runDue(now: now).map(JobRun.init)
    }

    /// The jobs due now, each with the time it stands for.
    public func dueJobs(now: Date = Date()) throws -> [(job: ScheduledJob, time: Date)] {
        try scheduler.dueJobs(now: now).map { (ScheduledJob($0.job), $0.time) }
    }

    /// When the next job is due after `now`.
    public func nextWake(after now: Date) -> Date? { scheduler.nextWake(after: now) }

    /// The last runs, newest first, of one job or all, from the history under `reports`.
    public static func history(reports: URL, job: String? = nil, limit: Int = 20) throws -> [JobRun] {
        let paths = SchedulerPaths(reports: reports)
        let history = try RunHistory(path: paths.history.path)
        try Scheduler.settleAbandonedRuns(history, paths: paths)
        return try history.runs(job: job, limit: limit).map(JobRun.init)
    }
}
