// ReportEngine.swift: running a researcher's Lua report script on a loaded corpus, with
// parameters, limits and host modules, and getting its reports back in memory or in a folder;
// reading a script's header and checking it without running it.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Lua
import Reports
import Scripting

/// A script to run, and how.
public struct ReportScript: @unchecked Sendable {
    /// Where the script comes from.
    public enum Source: Sendable {
        /// A file; messages name it as given.
        case file(String)
        /// Source text; `name` names it in messages (`name:LINE: ...`).
        case text(String, name: String)
    }

    /// The script file or text.
    public var source: Source
    /// Parameters, as `--param KEY=VALUE` gives them: a described script converts them to its
    /// declared types; a plain script sees the strings.
    public var params: [String: String]
    /// Seconds the script may run; nil for no limit.
    public var timeout: Double?
    /// Megabytes Lua may hold; nil for no limit.
    public var maxMemoryMB: Int?
    /// Write CSV cells as they are, without protecting cells a spreadsheet would run as formulas.
    public var csvRaw: Bool
    /// Modules added to the script's globals.
    public var modules: [HostModule]
    /// Folders `require` searches; by default the script's folder, its `lib/` and `Scripts/lib/`.
    public var modulePaths: [URL]?
    /// Receives each line the script prints; when nil, the lines are kept in ``ReportOutputs/printed``.
    public var print: ((String) -> Void)?
    /// The day reports are dated (YYYY-MM-DD); by default today, or SOURCE_DATE_EPOCH's day.
    public var date: String?
    /// Files the script may write (1,000 by default); past it, adding one fails with a limit error.
    public var maxOutputs: Int
    /// Megabytes the script's files may hold in all (1,024 by default).
    public var maxOutputMB: Int
    /// Where the script runs: in this process, or in a worker process that can be killed.
    public var isolation: Isolation
    /// A thesaurus file in VOSviewer's format (a header line, then a label, a tab and what
    /// replaces it; an empty replacement removes the label) that the aggregations obey
    /// unless a call gives its own.
    public var thesaurus: String?

    /// Where a script runs.
    public enum Isolation: Sendable, Equatable {
        /// In the calling process, for scripts you trust. The time limit and cancellation are
        /// checked between Lua instructions and between chunks of the engine's work, so code
        /// that runs long without returning to Lua (a Lua pattern matched inside the C string
        /// library, a host module's function) is not interrupted; the memory limit counts what
        /// Lua holds, not the Swift values the engine makes. Nothing stops a script's finalizer
        /// from looping when the run ends.
        case inProcess
        /// In a worker process forked from this one, which sees the corpus without copying it,
        /// cannot write files, open sockets or start programs (where the kernel allows a seccomp
        /// filter), and is killed at the time limit or on cancellation whatever it is doing, and
        /// bounded in CPU time and address space. Its outputs come back to this process, as
        /// in-process. Costs a fork a run.
        case process
    }

    /// A script to run; every setting but the source has the command's default, but the
    /// isolation: in-process here, in a worker process for the command.
    public init(_ source: Source, params: [String: String] = [:], timeout: Double? = 300, maxMemoryMB: Int? = 2048,
                csvRaw: Bool = false, modules: [HostModule] = [], modulePaths: [URL]? = nil, print: ((String) -> Void)? = nil,
                date: String? = nil, maxOutputs: Int = 1000, maxOutputMB: Int = 1024, isolation: Isolation = .inProcess,
                thesaurus: String? = nil) {
        self.source = source
        self.params = params
        self.timeout = timeout
        self.maxMemoryMB = maxMemoryMB
        self.csvRaw = csvRaw
        self.modules = modules
        self.modulePaths = modulePaths
        self.print = print
        self.date = date
        self.maxOutputs = maxOutputs
        self.maxOutputMB = maxOutputMB
        self.isolation = isolation
        self.thesaurus = thesaurus
    }

    /// The script's name in messages.
    public var name: String {
        switch source {
        case .file(let path): return path
        case .text(_, let name): return name
        }
    }

    func request(printer: @escaping (String) -> Void) throws -> ScriptRequest {
        var text: String?
        if case .text(let t, _) = source { text = t }
        var request = ScriptRequest(scriptPath: name, source: text, params: params,
                                    limits: RunLimits(timeout: timeout, memoryMB: maxMemoryMB,
                                                      outputs: OutputLimits(files: maxOutputs, bytes: maxOutputMB * 1_048_576)),
                                    csv: CSVOptions(raw: csvRaw),
                                    modulePaths: modulePaths, print: print ?? printer)
        request.date = date
        request.hostModules = modules.map(\.spec)
        if let thesaurus {
            do {
                try request.readThesaurus(thesaurus)
            } catch {
                throw ReportError(kind: .thesaurus, message: "\(error)")
            }
        }
        return request
    }
}

/// A file a script produced.
public struct ReportFile: Sendable, Equatable {
    /// Its path inside the output folder: "overview.md", "charts/years.svg".
    public var name: String
    /// "text/markdown", "text/csv", "application/json", "image/svg+xml".
    public var mediaType: String
    /// The file's bytes.
    public var data: Data
}

/// What a successful run produced, held in memory until written.
public final class ReportOutputs: @unchecked Sendable {
    private let set: OutputSet
    /// The files, in the order the script made them.
    public let files: [ReportFile]
    /// What the script printed, when the script had no print handler.
    public let printed: [String]
    /// How long the run took, in seconds.
    public let seconds: Double
    /// The most memory Lua held at once, in bytes.
    public let peakLuaMemory: Int

    init(_ result: RunResult, printed: [String]) {
        set = result.outputs
        files = result.outputs.outputs.map { ReportFile(name: $0.name, mediaType: $0.mediaType, data: Data($0.bytes)) }
        self.printed = printed
        seconds = result.seconds
        peakLuaMemory = result.peakLuaMemory
    }

    /// The file called `name`, if the script produced one.
    public subscript(name: String) -> ReportFile? { files.first { $0.name == name } }

    /// Writes every file into `folder` together: staged inside it and moved into place when all
    /// are written, so a failure leaves the earlier reports as they were. Past `deadline`
    /// (the run's time limit), it stops with a time limit error and writes nothing. Returns the paths.
    @discardableResult
    public func write(to folder: URL, before deadline: Date? = nil) throws -> [String] {
        do {
            return try set.commit(to: folder, deadline: deadline)
        } catch OutputError.timeLimit {
            throw ReportError(kind: .timeLimit, message: "\(OutputError.timeLimit)")
        } catch {
            throw ReportError(kind: .output, message: "\(error)")
        }
    }
}

/// Why a run (or a look at a script) failed.
public struct ReportError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The script file could not be read.
        case unreadableScript
        /// The script did not compile, or raised an error (its message is `script.lua:LINE: ...`).
        case script
        /// The time limit stopped it.
        case timeLimit
        /// The memory limit stopped it.
        case memoryLimit
        /// ``ReportCancellation/cancel()`` stopped it.
        case cancelled
        /// The limit on the number or size of the files it writes stopped it.
        case outputLimit
        /// A described script's header is not valid (see ``problems``).
        case description
        /// A parameter does not fit the script's declarations.
        case parameters
        /// A host module could not be added.
        case hostModule
        /// The reports could not be written.
        case output
        /// The thesaurus file could not be read, or a line of it is not valid.
        case thesaurus
        /// A step of a sharded run could not be done (a bad plan, a pack of another shard).
        case shard
    }

    /// What went wrong.
    public var kind: Kind
    /// The message, `script.lua:LINE: ...` for script errors.
    public var message: String
    /// The Lua traceback, for script errors.
    public var traceback: String = ""
    /// Each problem of an invalid header.
    public var problems: [String] = []

    public var description: String { traceback.isEmpty ? message : message + "\n" + traceback }

    init(kind: Kind, message: String, traceback: String = "", problems: [String] = []) {
        self.kind = kind
        self.message = message
        self.traceback = traceback
        self.problems = problems
    }

    init(_ failure: ScriptFailure) {
        switch failure {
        case .unreadable: self.init(kind: .unreadableScript, message: failure.description)
        case .script(let e): self.init(kind: .script, message: e.message, traceback: e.traceback)
        case .limit(let e):
            let kind: Kind
            switch e.kind {
            case .limit(.time): kind = .timeLimit
            case .limit(.memory): kind = .memoryLimit
            case .limit(.outputs): kind = .outputLimit
            default: kind = .cancelled
            }
            self.init(kind: kind, message: e.message, traceback: e.traceback)
        case .description(let e): self.init(kind: .description, message: e.description, problems: e.problems)
        case .parameters(let e): self.init(kind: .parameters, message: e.description)
        case .host(let problem): self.init(kind: .hostModule, message: problem)
        }
    }
}

/// Stops a run from another thread: the script ends with ``ReportError/Kind/cancelled`` at its
/// next instruction count check or between chunks of an aggregation.
public final class ReportCancellation: @unchecked Sendable {
    let inner = RunCancellation()
    public init() {}
    /// Asks the run to stop; safe from any thread, and before the run starts.
    public func cancel() { inner.cancel() }
    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { inner.isCancelled }
}

/// A described script's header.
public struct ScriptHeader: Sendable, Equatable {
    /// One of its declared parameters.
    public struct Parameter: Sendable, Equatable {
        public var name: String
        /// "integer", "string[]", ...
        public var type: String
        /// The default as a user would type it, if any.
        public var defaultValue: String?
        public var required: Bool
        public var help: String
    }

    public var description: String
    public var parameters: [Parameter]
    public var outputs: [String]
    /// The parameters as help text, a line each.
    public var parameterHelp: String
    /// Description, parameters and outputs, as `scriptorium describe` prints them.
    public var text: String
}

/// A mistake `check` found.
public struct ScriptIssue: Sendable, Equatable, CustomStringConvertible {
    public var script: String
    public var line: Int
    public var column: Int?
    public var message: String
    /// `script.lua:LINE:COLUMN: message`.
    public var description: String
}

/// Runs report scripts, reads their headers, checks them, and documents the API they see.
public enum ReportEngine {
    /// Runs `script` on `corpus` and returns what it produced, in memory. Throws ``ReportError``.
    /// Runs are independent: several may run at once on one corpus, from different threads.
    public static func run(_ script: ReportScript, on corpus: LoadedCorpus, cancellation: ReportCancellation? = nil) throws -> ReportOutputs {
        let printed = PrintedLines()
        do {
            let request = try script.request(printer: printed.append)
            let result = script.isolation == .process
                ? try IsolatedRunner.run(request, corpus: corpus.corpus, cancel: cancellation?.inner)
                : try ScriptRunner.run(request, corpus: corpus.corpus, cancel: cancellation?.inner)
            return ReportOutputs(result, printed: printed.lines)
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
    }

    /// A described script's header, read without running its `run` function; nil for a plain
    /// script, which is not run at all.
    public static func describe(_ script: ReportScript) throws -> ScriptHeader? {
        let description: ScriptDescription?
        do {
            description = try ScriptRunner.describe(try script.request(printer: { _ in }))
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
        guard let d = description else { return nil }
        return ScriptHeader(
            description: d.description,
            parameters: d.params.map {
                ScriptHeader.Parameter(name: $0.name, type: $0.typeName, defaultValue: $0.defaultValue.map(ScriptDescription.display),
                                       required: $0.required, help: $0.help)
            },
            outputs: d.outputs, parameterHelp: d.parameterHelp, text: d.text(script: script.name))
    }

    /// The mistakes in `script`, found without running it: syntax errors with line and column,
    /// reads of undefined globals, misspelt API and library names, and a described script's
    /// header problems. Empty when it is clean.
    /// With `sharded`, also what a sharded run (``ShardedRun``) cannot do: documents read one by
    /// one outside `fold` and `filter`, and calls that need the whole corpus in one place.
    public static func check(_ script: ReportScript, sharded: Bool = false) throws -> [ScriptIssue] {
        do {
            return try ScriptChecker.check(try script.request(printer: { _ in }), sharded: sharded).map {
                ScriptIssue(script: $0.script, line: $0.line, column: $0.column, message: $0.message, description: $0.description)
            }
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
    }

    /// The Lua API reference as Markdown (docs/lua-api.md), with `modules` when given.
    public static func reference(modules: [HostModule] = []) throws -> String {
        APIReference.markdown(try entries(modules))
    }

    /// LuaCATS definitions of the API for lua-language-server (Scripts/types/scriptorium.lua),
    /// with `modules` when given.
    public static func typeDefinitions(modules: [HostModule] = []) throws -> String {
        LuaTypeDefinitions.source(try entries(modules))
    }

    /// The reference entries matching `name` ("terms", "Corpus", "corpus:terms") as text with
    /// their examples; nil when nothing matches.
    public static func lookup(_ name: String, modules: [HostModule] = []) throws -> String? {
        let found = APIReference.matching(name, in: try entries(modules))
        return found.isEmpty ? nil : APIReference.text(found)
    }

    /// The commented template `scriptorium new` writes, for a script called `name`.
    public static func template(name: String) -> String { ScriptTemplate.source(name: name) }

    /// Whether `name` can name a new script: letters, digits, `_` and `-`, starting with a letter.
    public static func isValidScriptName(_ name: String) -> Bool { ScriptTemplate.isValidName(name) }

    /// Sends the progress of long aggregations (10,000 documents or more) to `handler`, for every
    /// run in the process; nil stops it.
    public static func reportAggregationProgress(to handler: (@Sendable (ProgressReport) -> Void)?) {
        ProgressSink.aggregations = handler.map(ProgressReport.sink)
    }

    private static func entries(_ modules: [HostModule]) throws -> [APIEntry] {
        do {
            return try ScriptRunner.apiEntries(hostModules: modules.map(\.spec))
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
    }
}

/// Lines a script printed, gathered from the run's thread.
final class PrintedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String] = []
    func append(_ line: String) { lock.lock(); kept.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return kept }
}
