// ShardedRun.swift: a report script run over a corpus cut into shards, step by step, each step a
// plain process that any engine can schedule (a process pool, Spark tasks, a batch system): plan
// the shards, load each shard into a pack, then in rounds run each shard's part of the script's
// next call and merge the parts, and finally write the report. Every step reads and writes files,
// so a step run twice gives the same bytes, and a failed step fails with the script's own message.
// The report is the one `ReportEngine.run` gives over the whole corpus.
import Analysis
import Corpus
import CorpusModel
import CorpusStore
import Foundation
import Scripting

public enum ShardedRun {
    /// What planning found: the number of files and bytes in each shard.
    public struct PlanSummary: Sendable, Equatable {
        public var files: [Int]
        public var bytes: [Int]
    }

    /// Plans `shards` shards over the corpus `paths` and writes the plan (JSON) to `output`.
    public static func plan(corpus paths: [String], shards: Int, loading: CorpusLoading = CorpusLoading(), output: String) throws -> PlanSummary {
        guard shards >= 1 else { throw ReportError(kind: .shard, message: "--shards must be 1 or more") }
        do {
            for path in paths where !FileManager.default.fileExists(atPath: path) { throw ShardError("corpus path '\(path)' does not exist") }
            let plan = try ShardPlan.make(paths: paths, shards: shards, format: loading.format, merge: loading.merge)
            try write(try plan.json(), to: output)
            return PlanSummary(files: plan.shards.map(\.count), bytes: plan.shards.map(\.bytes))
        } catch {
            throw ReportError(kind: .shard, message: "\(error)")
        }
    }

    /// Reads shard `shard` of the plan into a pack at `output`: its documents and the warnings
    /// its files gave.
    public static func load(plan: String, shard: Int, output: String) throws -> (documents: Int, warnings: [LoadWarning]) {
        do {
            let (documents, diagnostics) = try ShardLoader.load(try ShardPlan.read(plan), shard: shard, output: output)
            return (documents, diagnostics.map(LoadWarning.init))
        } catch {
            throw ReportError(kind: .shard, message: "\(error)")
        }
    }

    /// Finds the records of one document across the shards' packs (in shard order) and writes
    /// what finishing each shard needs to `output`. Returns how many records are merged away.
    public static func resolve(plan: String, packs: [String], output: String) throws -> Int {
        try shardStep {
            let plan = try ShardPlan.read(plan)
            guard packs.count == plan.shards.count else { throw ShardError("\(packs.count) packs for the plan's \(plan.shards.count) shards") }
            let stores = try packs.enumerated().map { try ShardLoader.open($1, plan: plan, shard: $0) }
            let duplicates = try ShardResolver.resolve(plan.merge ? stores : stores.map { _ in DocumentStore() }, output: output)
            return duplicates.groups.reduce(0) { $0 + $1.count - 1 }
        }
    }

    /// Shard `shard`'s pack with its duplicates merged (as `resolve` found them), written to
    /// `output`: the pack the rounds read. Returns its documents.
    public static func finalize(plan: String, shard: Int, pack: String, resolution: String, output: String) throws -> Int {
        try shardStep {
            let plan = try ShardPlan.read(plan)
            let loaded = try ShardLoader.open(pack, plan: plan, shard: shard)
            guard let store = try ShardResolver.finalize(loaded, shard: shard, resolution: resolution) else {
                // Nothing merged: the loaded pack is the finished one (linked, or copied across file systems).
                try? FileManager.default.removeItem(atPath: output)
                if link(pack, output) != 0 { try FileManager.default.copyItem(atPath: pack, toPath: output) }
                return loaded.count
            }
            try ShardLoader.write(store, plan: plan, shard: shard, output: output)
            return store.count
        }
    }

    /// Decides author identities over the shards' finished packs (in shard order) and writes them
    /// to `output`.
    public static func identities(plan: String, packs: [String], output: String) throws {
        try shardStep {
            let plan = try ShardPlan.read(plan)
            guard packs.count == plan.shards.count else { throw ShardError("\(packs.count) packs for the plan's \(plan.shards.count) shards") }
            try ShardResolver.identities(try packs.enumerated().map { try ShardLoader.open($1, plan: plan, shard: $0) }, output: output)
        }
    }

    /// Shard `shard`'s part of the script's call number `round` (counted from 1), written to
    /// `output`, the calls before it answered from `answers`; `pack` is the shard's finished pack
    /// and `identities` the run's author identities. Returns false when the script ends before
    /// making that call: the rounds are over.
    public static func part(_ script: ReportScript, plan: String, shard: Int, pack: String, identities: String, round: Int, answers: String,
                            output: String) throws -> Bool {
        let (plan, store) = try shardStep { () -> (ShardPlan, DocumentStore) in
            let plan = try ShardPlan.read(plan)
            var store = try ShardLoader.open(pack, plan: plan, shard: shard)
            try ShardResolver.applyIdentities(identities, to: &store, shard: shard)
            return (plan, store)
        }
        let corpus = Corpus(store: store, paths: plan.paths)
        return try step(script, corpus: corpus, role: .shard(shard: shard, round: round, answers: answers, output: output)).reachedStep
    }

    /// Runs the body of a step that is not the script's, its errors as `ReportError`s of kind `.shard`.
    private static func shardStep<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ReportError { throw e } catch { throw ReportError(kind: .shard, message: "\(error)") }
    }

    /// The answer of call `round`: the shards' `parts` (in shard order) merged into `output`.
    /// Returns false when the script ends before making that call.
    public static func merge(_ script: ReportScript, plan: String, round: Int, answers: String, parts: [String], output: String) throws -> Bool {
        let plan = try readPlan(plan)
        return try step(script, corpus: Corpus(documents: [], paths: plan.paths), role: .merge(round: round, answers: answers, parts: parts, output: output)).reachedStep
    }

    /// The report, every call answered from `answers`; `documents` is the corpus's size (the
    /// sum of the shards').
    /// `scriptName` is the script's name in the report (as the user gave it), when the steps read
    /// it by another path.
    public static func finish(_ script: ReportScript, plan: String, documents: Int, answers: String, scriptName: String? = nil) throws -> ReportOutputs {
        let plan = try readPlan(plan)
        let printed = PrintedLines()
        var script = script
        if script.print == nil { script.print = printed.append }
        let result = try step(script, corpus: Corpus(documents: [], paths: plan.paths), role: .finish(answers: answers),
                              reported: (plan.paths, documents), scriptName: scriptName)
        return ReportOutputs(result, printed: printed.lines)
    }

    private static func step(_ script: ReportScript, corpus: Corpus, role: ShardRole, reported: (paths: [String], documents: Int)? = nil,
                             scriptName: String? = nil) throws -> RunResult {
        do {
            var request = try script.request(printer: { _ in })
            if case .finish = role {} else { request.print = { _ in } }
            request.role = role
            request.reportedCorpus = reported
            request.reportedScript = scriptName
            return try ScriptRunner.run(request, corpus: corpus)
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
    }

    private static func readPlan(_ path: String) throws -> ShardPlan {
        do { return try ShardPlan.read(path) } catch { throw ReportError(kind: .shard, message: "\(error)") }
    }

    private static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw ShardError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
