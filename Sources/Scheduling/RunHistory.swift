// RunHistory.swift: the history of job runs in SQLite (`Reports/.scriptorium/history.sqlite`),
// one row per run or skip, written through GRDB in WAL mode with a busy timeout so that two
// processes can use it at once. A run is written as "running" when it starts, so a process that
// dies mid-run leaves a row the next process marks as crashed.
import Foundation
import GRDB

package enum RunStatus: String, Sendable, CaseIterable {
    case running, success, failed, timeout, skipped, crashed
}

package struct RunRecord: Equatable, Sendable {
    package var id: Int64
    package var job: String
    /// The schedule time the run stands for; nil for a run started by hand.
    package var scheduled: Date?
    package var started: Date
    package var ended: Date?
    package var status: RunStatus
    package var exitStatus: Int?
    package var documents: Int?
    package var fingerprint: String?
    package var outputs: [String]
    /// The run's folder, relative to the reports folder.
    package var folder: String?
    package var error: String?

    package var seconds: Double? { ended.map { $0.timeIntervalSince(started) } }
}

package final class RunHistory: @unchecked Sendable {
    private let pool: DatabasePool

    package init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    job TEXT NOT NULL,
                    scheduled REAL,
                    started REAL NOT NULL,
                    ended REAL,
                    status TEXT NOT NULL,
                    exit_status INTEGER,
                    documents INTEGER,
                    fingerprint TEXT,
                    outputs TEXT NOT NULL DEFAULT '',
                    folder TEXT,
                    error TEXT,
                    pid INTEGER
                );
                CREATE INDEX run_job_started ON run(job, started);
                CREATE TABLE job_seen (job TEXT PRIMARY KEY, first_seen REAL NOT NULL);
                """)
        }
        migrator.registerMigration("v2-documents") { db in
            try db.execute(sql: "CREATE TABLE run_documents (run_id INTEGER PRIMARY KEY, job TEXT NOT NULL, ids TEXT NOT NULL)")
        }
        try migrator.migrate(pool)
    }

    /// Keeps the ids of the documents a successful run saw (only the job's newest such list is kept).
    package func saveDocumentIDs(_ ids: [String], run id: Int64, job: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM run_documents WHERE job = ?", arguments: [job])
            try db.execute(sql: "INSERT INTO run_documents (run_id, job, ids) VALUES (?, ?, ?)", arguments: [id, job, ids.joined(separator: "\n")])
        }
    }

    /// The ids of the documents the run saw, when they were kept.
    package func documentIDs(run id: Int64) throws -> Set<String>? {
        try pool.read { db in
            try String.fetchOne(db, sql: "SELECT ids FROM run_documents WHERE run_id = ?", arguments: [id]).map {
                Set($0.isEmpty ? [] : $0.components(separatedBy: "\n"))
            }
        }
    }

    /// Records the start of a run and returns its id.
    package func begin(job: String, scheduled: Date?, started: Date, folder: String?) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO run (job, scheduled, started, status, folder, pid) VALUES (?, ?, ?, 'running', ?, ?)",
                           arguments: [job, scheduled?.timeIntervalSince1970, started.timeIntervalSince1970, folder, Int(getpid())])
            return db.lastInsertedRowID
        }
    }

    package func finish(_ id: Int64, ended: Date, status: RunStatus, exitStatus: Int, documents: Int?, fingerprint: String?,
                       outputs: [String], error: String?) throws {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE run SET ended = ?, status = ?, exit_status = ?, documents = ?, fingerprint = ?, outputs = ?, error = ?
                WHERE id = ?
                """, arguments: [ended.timeIntervalSince1970, status.rawValue, exitStatus, documents, fingerprint,
                                 outputs.joined(separator: "\n"), error, id])
        }
    }

    /// Records that a run was skipped (the job was already running).
    package func skip(job: String, scheduled: Date?, at date: Date, reason: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO run (job, scheduled, started, ended, status, error) VALUES (?, ?, ?, ?, 'skipped', ?)",
                           arguments: [job, scheduled?.timeIntervalSince1970, date.timeIntervalSince1970, date.timeIntervalSince1970, reason])
        }
    }

    /// Marks the job's runs still shown as running as crashed (call it holding the job's lock, so
    /// no live process owns them). Returns how many were marked.
    @discardableResult
    package func markCrashed(job: String, at date: Date) throws -> Int {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE run SET status = 'crashed', ended = ?, error = 'the process stopped during the run'
                WHERE job = ? AND status = 'running'
                """, arguments: [date.timeIntervalSince1970, job])
            return db.changesCount
        }
    }

    /// The jobs with a run still shown as running.
    package func jobsRunning() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT job FROM run WHERE status = 'running' ORDER BY job") }
    }

    /// When the scheduler first saw the job (recorded now if never).
    package func firstSeen(job: String, now: Date) throws -> Date {
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO job_seen (job, first_seen) VALUES (?, ?)", arguments: [job, now.timeIntervalSince1970])
            let seconds = try Double.fetchOne(db, sql: "SELECT first_seen FROM job_seen WHERE job = ?", arguments: [job]) ?? now.timeIntervalSince1970
            return Date(timeIntervalSince1970: seconds)
        }
    }

    /// The latest schedule time a run (of any outcome) stood for.
    package func lastScheduled(job: String) throws -> Date? {
        try pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(scheduled) FROM run WHERE job = ?", arguments: [job]).map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The most recent runs, newest first; of one job or of all.
    package func runs(job: String? = nil, limit: Int = 20) throws -> [RunRecord] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM run \(job == nil ? "" : "WHERE job = ?") ORDER BY started DESC, id DESC LIMIT ?
                """, arguments: StatementArguments(job.map { [$0, limit] as [DatabaseValueConvertible] } ?? [limit]))
            return rows.map(Self.record)
        }
    }

    /// The newest run of a job with the given status.
    package func last(job: String, status: RunStatus? = nil) throws -> RunRecord? {
        try pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT * FROM run WHERE job = ? \(status == nil ? "AND status != 'skipped'" : "AND status = ?") ORDER BY started DESC, id DESC LIMIT 1
                """, arguments: StatementArguments(status.map { [job, $0.rawValue] } ?? [job]))
            return row.map(Self.record)
        }
    }

    private static func record(_ row: Row) -> RunRecord {
        let outputs: String = row["outputs"] ?? ""
        return RunRecord(id: row["id"], job: row["job"], scheduled: (row["scheduled"] as Double?).map { Date(timeIntervalSince1970: $0) },
                         started: Date(timeIntervalSince1970: row["started"]),
                         ended: (row["ended"] as Double?).map { Date(timeIntervalSince1970: $0) },
                         status: RunStatus(rawValue: row["status"]) ?? .failed, exitStatus: row["exit_status"],
                         documents: row["documents"], fingerprint: row["fingerprint"],
                         outputs: outputs.isEmpty ? [] : outputs.components(separatedBy: "\n"), folder: row["folder"], error: row["error"])
    }
}
