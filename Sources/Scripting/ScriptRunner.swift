// ScriptRunner.swift: runs one report script over a corpus: builds its sandboxed Lua world, binds
// the API, runs it under limits, and hands back the outputs it produced (not yet written).
import Analysis
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Lua
import Reports

/// Limits of one run.
package struct RunLimits: Sendable {
    /// Seconds the script may run; nil for none.
    package var timeout: Double?
    /// Megabytes Lua may hold; nil for none.
    package var memoryMB: Int?

    /// How many files and bytes the run may write.
    package var outputs: OutputLimits

    package init(timeout: Double? = 300, memoryMB: Int? = 2048, outputs: OutputLimits = OutputLimits()) {
        self.timeout = timeout
        self.memoryMB = memoryMB
        self.outputs = outputs
    }
}

/// What a scheduled job's previous successful run saw, for change reports.
package struct PreviousRun: Sendable {
    package var time: Date
    package var documents: Int
    package var fingerprint: String
    /// The ids of the documents it saw.
    package var documentIDs: Set<String>

    package init(time: Date, documents: Int, fingerprint: String, documentIDs: Set<String>) {
        self.time = time
        self.documents = documents
        self.fingerprint = fingerprint
        self.documentIDs = documentIDs
    }
}

/// What to run and how.
package struct ScriptRequest {
    /// Path of the script file, as given (used in messages).
    package var scriptPath: String
    /// Script source; read from `scriptPath` when nil.
    package var source: String?
    package var params: [String: String]
    package var limits: RunLimits
    package var csv: CSVOptions
    /// Folders `require` searches; by default the script's folder, its `lib/`, and `Scripts/lib/`.
    package var modulePaths: [URL]?
    /// Where `print` goes.
    package var print: (String) -> Void
    /// The day reports are dated (YYYY-MM-DD); by default SOURCE_DATE_EPOCH's day when that is
    /// set (for reproducible reports), else today, in UTC.
    package var date: String?
    /// The scheduled job this run belongs to, if any.
    package var job: String?
    /// Modules the host adds to the script's globals.
    package var hostModules: [HostModuleSpec] = []
    /// The job's last successful run, if any.
    package var previousRun: PreviousRun?
    /// The thesaurus the aggregations obey unless a call gives its own.
    package var thesaurus: Thesaurus?
    /// How the run takes part in a sharded run (a plain run is `.whole`).
    package var role: ShardRole = .whole
    /// The corpus a report names, when it is not the corpus the run is given (the whole corpus
    /// of a sharded run, whose steps each see a shard or nothing).
    package var reportedCorpus: (paths: [String], documents: Int)?
    /// The script's name in reports, when it is not `scriptPath` (a sharded run's steps read the
    /// script by an absolute path).
    package var reportedScript: String?

    package init(scriptPath: String, source: String? = nil, params: [String: String] = [:], limits: RunLimits = RunLimits(),
                csv: CSVOptions = CSVOptions(), modulePaths: [URL]? = nil,
                print: @escaping (String) -> Void = SandboxOptions.printToStandardError) {
        self.scriptPath = scriptPath
        self.source = source
        self.params = params
        self.limits = limits
        self.csv = csv
        self.modulePaths = modulePaths
        self.print = print
    }

    /// Reads the thesaurus file at `path` for the run; throws a message naming the file and line.
    package mutating func readThesaurus(_ path: String) throws {
        thesaurus = try Thesaurus(contentsOf: path)
    }

    /// Today in UTC, or the day of SOURCE_DATE_EPOCH when it is set.
    static func defaultDate() -> String {
        var date = Date()
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init) {
            date = Date(timeIntervalSince1970: epoch)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    /// The script's source: `source`, or the file at `scriptPath`.
    func readSource() throws -> String {
        if let source { return source }
        guard let data = FileManager.default.contents(atPath: scriptPath) else {
            throw ScriptFailure.unreadable(scriptPath, FileManager.default.fileExists(atPath: scriptPath) ? "permission denied" : "no such file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    var defaultModulePaths: [URL] {
        let folder = URL(fileURLWithPath: scriptPath).deletingLastPathComponent()
        let shared = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Scripts/lib")
        var seen = Set<String>()
        return [folder, folder.appendingPathComponent("lib"), shared].filter {
            seen.insert($0.resolvingSymlinksInPath().standardizedFileURL.path).inserted
        }
    }
}

/// Why a run failed.
package enum ScriptFailure: Error, CustomStringConvertible {
    /// The script file could not be read.
    case unreadable(String, String)
    /// The script did not compile or raised an error.
    case script(LuaError)
    /// A time or memory limit, or cancellation, stopped the script.
    case limit(LuaError)
    /// A described script's header is not valid.
    case description(ScriptDescriptionError)
    /// A `--param` does not fit the script's declared parameters.
    case parameters(ScriptParameterError)
    /// A host module cannot be added (a bad name, one taken by the API, a bad parameter type).
    case host(String)

    package var description: String {
        switch self {
        case .unreadable(let path, let why): return "cannot read script '\(path)': \(why)"
        case .script(let e), .limit(let e): return e.description
        case .description(let e): return e.description
        case .parameters(let e): return e.description
        case .host(let problem): return problem
        }
    }

    package var luaError: LuaError? {
        switch self {
        case .script(let e), .limit(let e): return e
        case .unreadable, .description, .parameters, .host: return nil
        }
    }
}

/// The result of a successful run.
package struct RunResult {
    /// The files the script produced, not yet written.
    package var outputs: OutputSet
    /// The most memory Lua held at once, in bytes.
    package var peakLuaMemory: Int
    package var seconds: Double
    /// The calls the script made that need the whole corpus (see `ShardRole`).
    package var calls: Int = 0
    /// In a step of a sharded run: whether the script reached the step's call (false when it
    /// ended before making it).
    package var reachedStep = false
}

package enum ScriptRunner {
    /// Runs the script and returns its outputs; throws `ScriptFailure`.
    package static func run(_ request: ScriptRequest, corpus: Corpus, cancel: RunCancellation? = nil) throws -> RunResult {
        let started = Date()
        let source = try request.readSource()
        let limits = LuaLimits(timeout: request.limits.timeout, memoryBytes: request.limits.memoryMB.map { $0 * 1024 * 1024 })
        let context: ScriptContext
        do {
            context = try ScriptContext(limits: limits,
                                        sandboxOptions: SandboxOptions(modulePaths: request.modulePaths ?? request.defaultModulePaths, print: request.print),
                                        csvOptions: request.csv)
        } catch let e as LuaError { throw ScriptFailure.script(e) }
        // The bound functions capture the context, which holds the state: closing the state
        // breaks that cycle, so each run's memory is released when it ends.
        defer { context.state.close() }
        context.outputs = OutputSet(limits: request.limits.outputs)
        context.thesaurus = request.thesaurus
        cancel?.attach(context.state.canceller)
        defer { cancel?.detach() }
        context.role = request.role
        context.run = RunInfo(script: request.reportedScript ?? request.scriptPath, corpus: request.reportedCorpus?.paths ?? corpus.paths,
                              documents: request.reportedCorpus?.documents ?? corpus.count,
                              date: request.date ?? ScriptRequest.defaultDate(), job: request.job, previous: request.previousRun)
        try bind(context, corpus: corpus, params: request.params.mapValues { LuaValue.string($0) }, modules: request.hostModules)
        do {
            context.state.restartClock(timeout: request.limits.timeout)
            try context.sandbox.load(source, chunkName: "@" + request.scriptPath)
            let s = context.state.main!
            try s.call(arguments: 0, results: 1)
            if s.type(at: -1) == .table {
                try runDescribed(context, request: request, corpus: corpus)
            } else {
                s.pop()
            }
        } catch let e as LuaError {
            // A step of a sharded run stops the script once its call is done.
            if context.stepDone, case .limit(.cancelled) = e.kind {
                return RunResult(outputs: context.outputs, peakLuaMemory: context.state.peakMemory,
                                 seconds: Date().timeIntervalSince(started), calls: context.calls, reachedStep: true)
            }
            if case .limit = e.kind { throw ScriptFailure.limit(e) }
            throw ScriptFailure.script(e)
        }
        return RunResult(outputs: context.outputs, peakLuaMemory: context.state.peakMemory,
                         seconds: Date().timeIntervalSince(started), calls: context.calls, reachedStep: context.stepDone)
    }

    /// Runs a described script whose table is on top of the stack: validates it, converts the
    /// parameters to their declared types and calls `run(corpus, params)`.
    private static func runDescribed(_ context: ScriptContext, request: ScriptRequest, corpus: Corpus) throws {
        let s = context.state.main!
        let description: ScriptDescription
        let values: [String: LuaValue]
        do {
            description = try ScriptDescription.read(s.value(at: -1, depth: 8), script: request.scriptPath)
            values = try description.parameterValues(request.params)
        } catch let e as ScriptDescriptionError {
            throw ScriptFailure.description(e)
        } catch let e as ScriptParameterError {
            throw ScriptFailure.parameters(e)
        }
        context.sandbox.setGlobal("params") { s in pushParameters(values, context: context, on: s) }
        s.getField("run", at: -1)
        s.remove(at: -2)
        CorpusBinding.push(corpus, in: context, on: s)
        pushParameters(values, context: context, on: s)
        try s.call(arguments: 2, results: 0)
    }

    /// Reads a described script's header without running its `run` function; nil for a plain
    /// script (one whose main chunk returns nothing), which is not run at all.
    package static func describe(_ request: ScriptRequest) throws -> ScriptDescription? {
        let source = try request.readSource()
        let context: ScriptContext
        do {
            context = try ScriptContext(limits: LuaLimits(timeout: 10, memoryBytes: 256 * 1024 * 1024),
                                        sandboxOptions: SandboxOptions(modulePaths: request.modulePaths ?? request.defaultModulePaths, print: { _ in }),
                                        csvOptions: request.csv)
        } catch let e as LuaError { throw ScriptFailure.script(e) }
        defer { context.state.close() }
        try bind(context, corpus: Corpus(documents: []), params: [:], modules: request.hostModules)
        do {
            let main = try context.state.compile(source, chunkName: "@" + request.scriptPath)
            guard ScriptChecker.returnsValue(main) else { return nil }
            context.state.restartClock(timeout: 10)
            try context.sandbox.load(source, chunkName: "@" + request.scriptPath)
            let s = context.state.main!
            try s.call(arguments: 0, results: 1)
            defer { s.pop() }
            guard s.type(at: -1) == .table else { return nil }
            return try ScriptDescription.read(s.value(at: -1, depth: 8), script: request.scriptPath)
        } catch let e as LuaError {
            throw ScriptFailure.script(e)
        } catch let e as ScriptDescriptionError {
            throw ScriptFailure.description(e)
        }
    }

    /// Pushes a read-only table of parameter values.
    private static func pushParameters(_ values: [String: LuaValue], context: ScriptContext, on s: LuaStack) {
        context.pushHelper("readonly", on: s)
        s.pushTable(fields: values.count)
        for (k, v) in values.sorted(by: { $0.key < $1.key }) {
            s.push(v)
            s.setField(k, at: -2)
        }
        s.push("params")
        try? s.call(arguments: 2, results: 1)
    }

    /// Binds the whole API into the context's sandbox.
    static func bind(_ context: ScriptContext, corpus: Corpus, params: [String: LuaValue], modules: [HostModuleSpec]) throws {
        DocumentBinding.register(in: context)
        TableBinding.register(in: context)
        CorpusBinding.register(in: context)
        NetworkBinding.register(in: context)
        ReportBinding.register(in: context)
        StatsBinding.register(in: context)
        BibliometricsBinding.register(in: context)
        for e in APIRecords.entries { context.registry.add(e) }
        context.registry.add(APIEntry(owner: "globals", name: "corpus", kind: .field, parameters: [], returns: "Corpus", summary: "the corpus the script runs on"))
        context.registry.add(APIEntry(owner: "globals", name: "params", kind: .field, parameters: [], returns: "table<string, any>", summary: "read-only parameters: the --param KEY=VALUE strings, or a described script's declared parameters in their types"))
        context.registry.add(APIEntry(owner: "globals", name: "run", kind: .field, parameters: [], returns: "RunInfo",
                                      summary: "this run: {job (the scheduled job's name, or nil), previous = {time (ISO 8601, UTC), documents, fingerprint} of the job's last successful run, or nil}"))
        context.sandbox.setGlobal("corpus") { s in CorpusBinding.push(corpus, in: context, on: s) }
        context.sandbox.setGlobal("run") { s in
            let run = context.run
            context.pushHelper("readonly", on: s)
            s.pushTable(fields: 2)
            s.push(run.job)
            s.setField("job", at: -2)
            if let previous = run.previous {
                s.pushTable(fields: 3)
                s.push(ISO8601DateFormatter().string(from: previous.time))
                s.setField("time", at: -2)
                s.push(previous.documents)
                s.setField("documents", at: -2)
                s.push(previous.fingerprint)
                s.setField("fingerprint", at: -2)
                s.setField("previous", at: -2)
            }
            s.push("run")
            try? s.call(arguments: 2, results: 1)
        }
        context.sandbox.setGlobal("params") { s in pushParameters(params, context: context, on: s) }
        let reserved = Set(Sandbox.baseGlobals + context.registry.entries.map(\.owner).filter { $0 != "globals" } + ["corpus", "params", "run"])
        for module in modules {
            if let problem = module.problem(reserved: reserved) { throw ScriptFailure.host(problem) }
            context.registry.add(APIEntry(owner: "globals", name: module.name, kind: .field, parameters: [], returns: module.name + "lib", summary: module.summary))
            context.setModule(module.name, module.bound())
        }
    }

    /// Every function a script can reach from its globals that is the engine's own (not Lua's
    /// libraries), as "owner.name": module functions, global functions and methods of the types.
    package static func reachableFunctions(hostModules: [HostModuleSpec] = []) throws -> [String] {
        let context = try ScriptContext(limits: LuaLimits(), sandboxOptions: SandboxOptions(), csvOptions: CSVOptions())
        defer { context.state.close() }
        try bind(context, corpus: Corpus(documents: []), params: [:], modules: hostModules)
        let s = context.state.main!
        let lua = Set(["string", "table", "math", "utf8", "coroutine", "os", "_G"])
        var names: [String] = []
        context.sandbox.pushEnvironment()
        s.forEachPair(at: -1) {
            guard let global = s.toString(-2), s.type(at: -2) == .string else { return }
            if s.type(at: -1) == .function, !Sandbox.baseGlobals.contains(global) { names.append("globals.\(global)") }
            if s.type(at: -1) == .table, !lua.contains(global), !s.hasMetatable(at: -1) {
                s.forEachPair(at: -1) {
                    if s.type(at: -1) == .function, let member = s.toString(-2) { names.append("\(global).\(member)") }
                }
            }
        }
        s.pop()
        for type in context.state.registeredTypes {
            names += context.state.methodNames(ofType: type).map { "\(type).\($0)" }
        }
        return names.sorted()
    }

    /// The API entries bound into every script, for documentation.
    package static func apiEntries(hostModules: [HostModuleSpec] = []) throws -> [APIEntry] {
        let context = try ScriptContext(limits: LuaLimits(), sandboxOptions: SandboxOptions(), csvOptions: CSVOptions())
        defer { context.state.close() }
        try bind(context, corpus: Corpus(documents: []), params: [:], modules: hostModules)
        return context.registry.entries
    }
}

/// Cancels a run from another thread (or a signal handler's relay).
package final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var canceller: LuaCanceller?
    private var cancelled = false

    package init() {}

    package func cancel() {
        lock.lock()
        cancelled = true
        let c = canceller
        lock.unlock()
        c?.cancel()
    }

    package var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func attach(_ c: LuaCanceller) {
        lock.lock()
        canceller = c
        let already = cancelled
        lock.unlock()
        if already { c.cancel() }
    }

    func detach() {
        lock.lock()
        canceller = nil
        lock.unlock()
    }
}
