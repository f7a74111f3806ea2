// RunCommand.swift: `scriptorium run SCRIPT`: load the corpus, run the script, write its outputs.
import ArgumentParser
import Foundation
import Scriptorium

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a report script over a corpus and write its reports.",
        discussion: """
            The script runs in a sandbox: it sees the corpus, the Table, report and params globals \
            and Lua's string, table, math, utf8 and coroutine libraries, but no files, processes or \
            environment. It runs in a worker process that cannot write files or open sockets and is \
            killed at the time limit whatever it is doing (--in-process runs it in this process). Its \
            reports are kept in memory and written to the output folder together when it succeeds; \
            a failed run writes nothing and leaves earlier reports as they were.

            A corpus path is a file or a folder searched recursively. Each file's format is \
            recognised from its content (Web of Science, Scopus CSV, RIS, BibTeX, PubMed XML, \
            MEDLINE, JATS, Crossref, OpenAlex, CSL-JSON, Scriptorium JSON Lines, article records; \
            .gz files too). Records found in several files are merged (--no-merge keeps them apart). \
            What cannot be read is reported as a warning naming the file and line; the rest loads.

            EXAMPLES
              scriptorium run Scripts/overview.lua --corpus Samples
              scriptorium run Scripts/overview.lua --corpus a/ --corpus b.txt --out /tmp/reports --param top=20
            """
    )

    @Argument(help: ArgumentHelp("The Lua report script.", valueName: "script"))
    var script: String

    @OptionGroup var corpusOptions: CorpusOptions
    @OptionGroup var display: OutputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String = "Reports"

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter for the script, seen as params.KEY; repeat for several.", valueName: "key=value"))
    var params: [String] = []

    @Option(help: ArgumentHelp("Stop the script after this many seconds.", valueName: "seconds"))
    var timeout: Double = 300

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Stop the script when Lua holds more than this many megabytes.", valueName: "mb"))
    var maxMemory: Int = 2048

    @Option(name: .customLong("max-outputs"), help: ArgumentHelp("Stop the script when it writes more than this many files.", valueName: "n"))
    var maxOutputs: Int = 1000

    @Option(name: .customLong("max-output-mb"), help: ArgumentHelp("Stop the script when its files hold more than this many megabytes.", valueName: "mb"))
    var maxOutputMB: Int = 1024

    @Flag(name: .customLong("in-process"), help: "Run the script in this process rather than in a worker process that can be killed (see Safety in the README).")
    var inProcess = false

    @Option(help: ArgumentHelp("A thesaurus file in VOSviewer's format (label, tab, replacement; an empty replacement removes the label) that count_by, cooccurrence and terms obey.", valueName: "file"))
    var thesaurus: String?

    @Flag(name: .customLong("csv-raw"), help: "Write CSV cells exactly as they are, without protecting cells that a spreadsheet would run as formulas.")
    var csvRaw = false

    func validate() throws {
        for p in params where !p.contains("=") || p.hasPrefix("=") {
            throw ValidationError("--param '\(p)' must be KEY=VALUE")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        guard maxMemory > 0 else { throw ValidationError("--max-memory must be a positive number of megabytes") }
        guard maxOutputs > 0 else { throw ValidationError("--max-outputs must be a positive number of files") }
        guard maxOutputMB > 0 else { throw ValidationError("--max-output-mb must be a positive number of megabytes") }
        guard FileManager.default.fileExists(atPath: script) else {
            throw ValidationError("script '\(script)' does not exist")
        }
        if let thesaurus, !FileManager.default.fileExists(atPath: thesaurus) {
            throw ValidationError("--thesaurus '\(thesaurus)' does not exist")
        }
    }

    func run() throws {
        let interruption = Interruption()
        interruption.install()
        let timer = StageTimer()
        let corpus = try loadCorpus()
        timer.lap("load")
        let bar = display.progressBar()
        ReportEngine.reportAggregationProgress(to: bar?.handler)
        var parameters: [String: String] = [:]
        for p in params {
            let parts = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[String(parts[0])] = String(parts[1])
        }
        let request = ReportScript(.file(script), params: parameters, timeout: timeout, maxMemoryMB: maxMemory, csvRaw: csvRaw,
                                   print: { standardError($0) }, maxOutputs: maxOutputs, maxOutputMB: maxOutputMB,
                                   isolation: inProcess ? .inProcess : .process, thesaurus: thesaurus)
        let outputs: ReportOutputs
        let deadline = Date().addingTimeInterval(timeout + 1)
        do {
            interruption.enter(.running)
            outputs = try ReportEngine.run(request, on: corpus, cancellation: interruption.cancellation)
        } catch let error as ReportError {
            throw ExitCode(Self.report(error, script: script, interrupted: interruption.wasSignalled))
        }
        timer.lap("script")
        let written: [String]
        interruption.enter(.committing)
        do {
            written = try outputs.write(to: URL(fileURLWithPath: out), before: deadline)
        } catch let error as ReportError {
            standardError("scriptorium: \(error); no report was written")
            throw ExitCode(error.kind == .timeLimit ? ExitStatus.limitReached : ExitStatus.scriptFailed)
        }
        timer.lap("writing")
        if display.timings { standardError("scriptorium: " + timer.summary) }
        let names = outputs.files.map(\.name).joined(separator: ", ")
        standardError("scriptorium: \(corpus.count) document\(corpus.count == 1 ? "" : "s"); wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(out)\(names.isEmpty ? "" : ": " + names)")
    }

    /// Prints why a run failed and returns the documented exit status.
    static func report(_ error: ReportError, script: String, interrupted: Bool) -> Int32 {
        switch error.kind {
        case .cancelled where interrupted, .timeLimit where interrupted, .memoryLimit where interrupted:
            standardError("scriptorium: interrupted; no report was written")
            return ExitStatus.interrupted
        case .parameters:
            standardError("scriptorium: \(error)")
            standardError("scriptorium: no report was written; `scriptorium run \(script) --help` lists the script's parameters")
            return ExitStatus.usage
        case .thesaurus:
            standardError("scriptorium: \(error); no report was written")
            return ExitStatus.usage
        default:
            standardError("scriptorium: \(error)")
            standardError("scriptorium: the script failed; no report was written")
            switch error.kind {
            case .timeLimit, .memoryLimit, .cancelled, .outputLimit: return ExitStatus.limitReached
            case .unreadableScript, .hostModule: return ExitStatus.usage
            default: return ExitStatus.scriptFailed
            }
        }
    }

    /// The help of `run SCRIPT --help`: the script's description and parameters, then run's own
    /// options; nil unless the arguments are `run`, an existing script and `--help` or `-h`.
    static func scriptHelp(_ arguments: [String]) -> String? {
        guard arguments.first == "run", arguments.contains("--help") || arguments.contains("-h"),
              let script = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }),
              FileManager.default.fileExists(atPath: script) else { return nil }
        let about: String
        do {
            about = try DescribeCommand.text(for: script)
        } catch {
            return nil
        }
        return about + "\n\nUSAGE: scriptorium run \(script) --corpus <path> [--param <name>=<value> ...] [<options>]\n\n"
            + helpMessage(columns: 100).components(separatedBy: "\n").drop { !$0.hasPrefix("OPTIONS") }.joined(separator: "\n")
    }

    private func loadCorpus() throws -> LoadedCorpus {
        guard !corpusOptions.paths.isEmpty else {
            standardError("scriptorium: warning: no --corpus given; the script sees an empty corpus")
            return LoadedCorpus(records: [])
        }
        return try corpusOptions.load(output: display)
    }
}
