// Scheduler.swift: which jobs are due and running them. A job is due when one of its schedule
// times has come since the last time a run stood for (or, for a job never run, since the
// scheduler first saw it); however many times were missed while the machine was off, it runs
// once, standing for the latest of them. Time comes from the caller, so tests inject a clock.
import Foundation
import Scripting

package struct JobStatus: Sendable {
    package var job: Job
    package var next: Date?
    package var last: RunRecord?
}

package final class Scheduler {
    package let jobs: [Job]
    package let paths: SchedulerPaths
    package let history: RunHistory
    /// Read corpora through the cache in Reports/.scriptorium/cache (on unless --no-cache).
    package var useCache = true

    package init(jobs: [Job], paths: SchedulerPaths) throws {
        self.jobs = jobs
        self.paths = paths
        history = try RunHistory(path: paths.history.path)
        try Scheduler.settleAbandonedRuns(history, paths: paths)
    }

    /// Marks as crashed the runs shown as running whose job nobody holds the lock of: their
    /// process died. Every scheduler command does this when it starts.
    package static func settleAbandonedRuns(_ history: RunHistory, paths: SchedulerPaths, now: Date = Date()) throws {
        for job in try history.jobsRunning() {
            guard let lock = try JobLock.acquire(paths.lock(job)) else { continue }
            try history.markCrashed(job: job, at: now)
            lock.release()
        }
    }

    package func job(named name: String) throws -> Job {
        guard let job = jobs.first(where: { $0.name == name }) else { throw SchedulingError.unknownJob(name, jobs.map(\.name)) }
        return job
    }

    /// The schedule time a run of `job` at `now` would stand for, or nil when it is not due.
    package func dueTime(_ job: Job, now: Date) throws -> Date? {
        let seen = try history.firstSeen(job: job.name, now: now)
        let since = max(try history.lastScheduled(job: job.name) ?? seen, seen)
        return job.schedule.latest(after: since, upTo: now, in: job.timeZone)
    }

    /// The jobs due at `now`, each with the schedule time its run stands for.
    package func dueJobs(now: Date) throws -> [(job: Job, time: Date)] {
        try jobs.compactMap { job in try dueTime(job, now: now).map { (job, $0) } }
    }

    /// Runs every due job, one after another; a failure does not stop the others.
    package func runDue(now: Date = Date(), clock: () -> Date = Date.init) throws -> [RunRecord] {
        try dueJobs(now: now).map { try run($0.job, standingFor: $0.time, now: clock()) }
    }

    /// Runs one job now, with this scheduler's paths, history and cache setting.
    package func run(_ job: Job, standingFor scheduled: Date? = nil, now: Date = Date(), cancel: RunCancellation? = nil) throws -> RunRecord {
        try JobRunner.run(job, paths: paths, history: history, scheduled: scheduled, now: now, useCache: useCache, cancel: cancel)
    }

    /// Each job with its next time after `now` and its last run.
    package func status(now: Date = Date()) throws -> [JobStatus] {
        try jobs.map { job in
            JobStatus(job: job, next: job.schedule.next(after: now, in: job.timeZone), last: try history.last(job: job.name))
        }
    }

    /// The earliest next time of any job after `now`.
    package func nextWake(after now: Date) -> Date? {
        jobs.compactMap { $0.schedule.next(after: now, in: $0.timeZone) }.min()
    }
}
