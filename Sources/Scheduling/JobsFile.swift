// JobsFile.swift: the jobs file (`Reports/jobs.toml`): a list of `[[job]]` tables, each a report
// script to run on a corpus on a cron schedule. Read with TOMLKit and validated as a whole, with
// errors that name the file, the job and the field. Relative paths are taken from the current
// folder, as on the command line.
import Analysis
import Tables
import Foundation
import Scripting
import TOMLKit

package struct Job: Equatable, Sendable {
    package var name: String
    package var script: String
    package var corpus: [String]
    package var schedule: CronSchedule
    package var timeZone: TimeZone
    package var params: [String: String]
    /// Seconds.
    package var timeout: Double
    /// Megabytes.
    package var maxMemory: Int
    /// Runs kept on disk (the latest successful one is always kept).
    package var keep: Int
    /// A thesaurus file (VOSviewer's format) the job's aggregations obey.
    package var thesaurus: String?

    package init(name: String, script: String, corpus: [String], schedule: CronSchedule, timeZone: TimeZone = .current,
                params: [String: String] = [:], timeout: Double = 300, maxMemory: Int = 2048, keep: Int = 10, thesaurus: String? = nil) {
        self.name = name
        self.script = script
        self.corpus = corpus
        self.schedule = schedule
        self.timeZone = timeZone
        self.params = params
        self.timeout = timeout
        self.maxMemory = maxMemory
        self.keep = keep
        self.thesaurus = thesaurus
    }
}

package struct JobsFileError: Error, CustomStringConvertible, Equatable {
    package let path: String
    package let problems: [String]
    package var description: String {
        problems.count == 1 ? "\(path): \(problems[0])" : "\(path): \(problems.count) problems:\n" + problems.map { "  " + $0 }.joined(separator: "\n")
    }
}

package enum JobsFile {
    package static let defaultPath = "Reports/jobs.toml"
    static let keys = ["name", "script", "corpus", "schedule", "timezone", "params", "timeout", "max_memory", "keep", "thesaurus"]

    /// Reads and validates the jobs file; every problem found is reported at once.
    package static func load(_ path: String) throws -> [Job] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobsFileError(path: path, problems: [FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"])
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    package static func parse(_ text: String, path: String) throws -> [Job] {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw JobsFileError(path: path, problems: ["line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)"])
        }
        var problems: [String] = []
        for key in table.keys where key != "job" {
            problems.append("unknown top-level key '\(key)'; jobs are [[job]] tables")
        }
        guard let list = table["job"] else {
            if problems.isEmpty { return [] }
            throw JobsFileError(path: path, problems: problems)
        }
        guard let array = list.array else {
            throw JobsFileError(path: path, problems: problems + ["'job' must be a list of [[job]] tables"])
        }
        var jobs: [Job] = []
        var seen: [String: Int] = [:]
        for (i, value) in array.enumerated() {
            guard let entry = value.table else { problems.append("job \(i + 1) is not a table"); continue }
            var reader = JobReader(table: entry, index: i)
            let job = reader.read()
            problems.append(contentsOf: reader.problems)
            if let name = entry["name"]?.string {
                if let first = seen[name] {
                    problems.append("job '\(name)': the name is used by job \(first + 1) too; names must differ")
                    continue
                }
                seen[name] = i
            }
            if let job { jobs.append(job) }
        }
        if !problems.isEmpty { throw JobsFileError(path: path, problems: problems) }
        return jobs
    }
}

/// Reads one [[job]] table, collecting its problems.
private struct JobReader {
    let table: TOMLTable
    let index: Int
    var problems: [String] = []

    init(table: TOMLTable, index: Int) {
        self.table = table
        self.index = index
    }

    private var label: String {
        if let name = table["name"]?.string { return "job '\(name)'" }
        return "job \(index + 1)"
    }

    private mutating func problem(_ field: String, _ message: String) { problems.append("\(label), field '\(field)': \(message)") }

    private mutating func string(_ key: String, required: Bool) -> String? {
        guard let value = table[key] else {
            if required { problems.append("\(label): the field '\(key)' is missing") }
            return nil
        }
        guard let s = value.string, !s.isEmpty else { problem(key, "must be a non-empty string"); return nil }
        return s
    }

    private mutating func number(_ key: String, minimum: Double) -> Double? {
        guard let value = table[key] else { return nil }
        guard let d = value.double ?? value.int.map(Double.init), d >= minimum else {
            problem(key, "must be a number of at least \(Cell.format(minimum))")
            return nil
        }
        return d
    }

    mutating func read() -> Job? {
        for key in table.keys where !JobsFile.keys.contains(key) {
            let close = Suggestion.closest(to: key, among: JobsFile.keys)
            problems.append("\(label): unknown field '\(key)'" + (close.map { " (did you mean '\($0)'?)" } ?? "") + "; fields are \(JobsFile.keys.joined(separator: ", "))")
        }
        let name = string("name", required: true)
        if let name, name.contains("/") || name.hasPrefix(".") || name.contains(where: { $0.isWhitespace }) {
            problem("name", "'\(name)' must not contain '/' or spaces or start with '.' (it names the job's folder)")
        }
        let script = string("script", required: true)
        if let script, !FileManager.default.fileExists(atPath: script) { problem("script", "'\(script)' does not exist") }
        var corpus: [String] = []
        if let value = table["corpus"] {
            if let one = value.string { corpus = [one] }
            else if let list = value.array, list.allSatisfy({ $0.string != nil }) { corpus = list.compactMap(\.string) }
            else { problem("corpus", "must be a path or a list of paths") }
            for path in corpus where !FileManager.default.fileExists(atPath: path) { problem("corpus", "'\(path)' does not exist") }
        } else {
            problems.append("\(label): the field 'corpus' is missing")
        }
        var schedule: CronSchedule?
        if let text = string("schedule", required: true) {
            do { schedule = try CronSchedule(text) } catch { problem("schedule", String(describing: error)) }
        }
        var timeZone = TimeZone.current
        if let zone = string("timezone", required: false) {
            if let tz = TimeZone(identifier: zone) { timeZone = tz } else { problem("timezone", "'\(zone)' is not a time zone name such as Europe/Moscow") }
        }
        var params: [String: String] = [:]
        if let value = table["params"] {
            if let t = value.table {
                for key in t.keys {
                    guard let v = t[key] else { continue }
                    if let s = v.string { params[key] = s }
                    else if let i = v.int { params[key] = String(i) }
                    else if let d = v.double { params[key] = Cell.format(d) }
                    else if let b = v.bool { params[key] = b ? "true" : "false" }
                    else { problem("params", "'\(key)' must be a string, number or boolean") }
                }
            } else {
                problem("params", "must be a table such as { top = 50 }")
            }
        }
        let timeout = number("timeout", minimum: 1) ?? 300
        let memory = number("max_memory", minimum: 16).map { Int($0) } ?? 2048
        let keep = number("keep", minimum: 1).map { Int($0) } ?? 10
        let thesaurus = string("thesaurus", required: false)
        if let thesaurus {
            do { _ = try Thesaurus(contentsOf: thesaurus) } catch { problem("thesaurus", "\(error)") }
        }
        guard problems.isEmpty, let name, let script, let schedule else { return nil }
        return Job(name: name, script: script, corpus: corpus, schedule: schedule, timeZone: timeZone, params: params,
                   timeout: timeout, maxMemory: memory, keep: keep, thesaurus: thesaurus)
    }
}
