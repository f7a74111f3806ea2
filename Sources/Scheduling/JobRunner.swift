// JobRunner.swift: one run of a job: take the job's lock (or record a skip), load the corpus, run
// the script under the job's limits, write the outputs into `Reports/<job>/<UTC timestamp>/`
// (built in a hidden folder and renamed into place when complete), point `Reports/<job>/latest`
// at it, remove runs beyond `keep`, and record the run in the history.
import Corpus
import Foundation
import Reports
import Scripting

/// Where a scheduler keeps its reports, history and locks.
package struct SchedulerPaths: Sendable {
    package var reports: URL

    package init(reports: URL) { self.reports = reports }

    package var state: URL { reports.appendingPathComponent(".scriptorium") }
    package var history: URL { state.appendingPathComponent("history.sqlite") }
    package func lock(_ job: String) -> URL { state.appendingPathComponent("locks/\(job).lock") }
    package func jobFolder(_ job: String) -> URL { reports.appendingPathComponent(job) }
    package var cache: URL { state.appendingPathComponent("cache") }
}

/// An exclusive lock on a file (flock), held until released or until the process ends, so a job
/// never runs twice at once, in one process or in two.
package final class JobLock {
    private var descriptor: Int32

    /// The lock, or nil when another holder has it.
    package static func acquire(_ url: URL) throws -> JobLock? {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SchedulingError.io("cannot open the lock file \(url.path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return nil
        }
        return JobLock(descriptor: fd)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    package func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

package enum SchedulingError: Error, CustomStringConvertible {
    case io(String)
    case unknownJob(String, [String])

    package var description: String {
        switch self {
        case .io(let message): return message
        case .unknownJob(let name, let names):
            return "no job named '\(name)'" + (names.isEmpty ? "; the jobs file has none" : "; jobs are \(names.joined(separator: ", "))")
        }
    }
}

package enum JobRunner {
    /// Runs `job` now, standing for the schedule time `scheduled` (nil for a run by hand).
    @discardableResult
    package static func run(_ job: Job, paths: SchedulerPaths, history: RunHistory, scheduled: Date? = nil,
                           now: Date = Date(), useCache: Bool = true, cancel: RunCancellation? = nil) throws -> RunRecord {
        guard let lock = try JobLock.acquire(paths.lock(job.name)) else {
            try history.skip(job: job.name, scheduled: scheduled, at: now, reason: "the job was already running")
            return try history.runs(job: job.name, limit: 1)[0]
        }
        defer { lock.release() }
        try history.markCrashed(job: job.name, at: now)
        let folderName = runFolderName(now, in: paths.jobFolder(job.name))
        let id = try history.begin(job: job.name, scheduled: scheduled, started: now, folder: job.name + "/" + folderName)

        var documents: Int?
        var fingerprint: String?
        func finish(_ status: RunStatus, _ exit: Int, outputs: [String] = [], error: String? = nil) throws -> RunRecord {
            try history.finish(id, ended: Date(), status: status, exitStatus: exit, documents: documents, fingerprint: fingerprint,
                               outputs: outputs, error: error)
            return try history.runs(job: job.name, limit: 1).first { $0.id == id }!
        }

        let corpus: Corpus
        do {
            let cache = useCache ? CorpusCache(folder: paths.cache) : nil
            corpus = try CorpusLoader.load(paths: job.corpus, options: LoadOptions(cache: cache))
            documents = corpus.count
            fingerprint = CorpusFingerprint.of(corpus.files.map(\.path))
        } catch let failure as CorpusLoadFailure {
            return try finish(.failed, 3, error: "corpus: \(failure.error)")
        } catch {
            return try finish(.failed, 3, error: "corpus: \(error)")
        }
        var request = ScriptRequest(scriptPath: job.script, params: job.params,
                                    limits: RunLimits(timeout: job.timeout, memoryMB: job.maxMemory))
        request.job = job.name
        if let thesaurus = job.thesaurus {
            do { try request.readThesaurus(thesaurus) } catch { return try finish(.failed, 2, error: "thesaurus: \(error)") }
        }
        if let last = try history.last(job: job.name, status: .success), let ids = try history.documentIDs(run: last.id) {
            request.previousRun = PreviousRun(time: last.started, documents: last.documents ?? ids.count,
                                              fingerprint: last.fingerprint ?? "", documentIDs: ids)
        }
        let result: RunResult
        do {
            // Each job runs in a worker process, killed at its time limit whatever it is doing,
            // so a job that hangs never holds up the others.
            result = try IsolatedRunner.run(request, corpus: corpus, cancel: cancel)
        } catch let failure as ScriptFailure {
            if case .limit(let e) = failure {
                let timedOut = e.kind == .limit(.time)
                return try finish(timedOut ? .timeout : .failed, 4, error: failure.description)
            }
            return try finish(.failed, 1, error: failure.description)
        }
        do {
            let jobFolder = paths.jobFolder(job.name)
            let partial = jobFolder.appendingPathComponent(".partial-\(folderName)")
            try? FileManager.default.removeItem(at: partial)
            try result.outputs.commit(to: partial)
            try FileManager.default.moveItem(at: partial, to: jobFolder.appendingPathComponent(folderName))
            try pointLatest(at: folderName, in: jobFolder)
            try prune(jobFolder, keep: job.keep)
        } catch {
            return try finish(.failed, 1, error: "writing the reports: \(error)")
        }
        try history.saveDocumentIDs(corpus.rowIndices.map { corpus.store.id.string($0) }, run: id, job: job.name)
        return try finish(.success, 0, outputs: result.outputs.outputs.map(\.name))
    }

    /// "20261125T060000Z", with "-2", "-3" … when a run of that second exists.
    static func runFolderName(_ date: Date, in folder: URL) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = f.string(from: date)
        var name = base
        var n = 2
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            name = "\(base)-\(n)"
            n += 1
        }
        return name
    }

    /// Points `latest` at the run folder: a new link renamed over the old one, so readers always
    /// see a complete run.
    static func pointLatest(at name: String, in folder: URL) throws {
        let temporary = folder.appendingPathComponent(".latest-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        try FileManager.default.createSymbolicLink(atPath: temporary.path, withDestinationPath: name)
        guard rename(temporary.path, folder.appendingPathComponent("latest").path) == 0 else {
            throw SchedulingError.io("cannot point \(folder.path)/latest at \(name): \(String(cString: strerror(errno)))")
        }
    }

    /// The run folders of a job, oldest first.
    package static func runFolders(_ folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.count >= 16 && $0.first?.isNumber == true && $0.contains("T") }.sorted()
    }

    /// Removes the oldest run folders beyond `keep`, never the one `latest` points to.
    static func prune(_ folder: URL, keep: Int) throws {
        let runs = runFolders(folder)
        let latest = try? FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("latest").path)
        var excess = runs.count - keep
        for name in runs where excess > 0 && name != latest {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            excess -= 1
        }
    }
}
