// ShardCommand.swift: `scriptorium shard plan|load|part|merge|finish`: the steps of a report run
// split across shards, each a process an engine schedules (`scriptorium-dist` drives them on a
// process pool or Apache Spark). Steps that report print one line of JSON on standard output.
import ArgumentParser
import Foundation
import Scriptorium

struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "The steps of a report run split across shards (driven by scriptorium-dist).",
        discussion: """
            A sharded run plans the corpus's files into shards, loads each shard into a pack, finds \
            the records of one document across shards (`resolve`) and merges them into each shard's \
            finished pack (`finalize`), decides author identities over all shards (`identities`), then \
            runs rounds: in round N each shard computes its part of the script's Nth call that \
            needs the whole corpus (#corpus, count_by, crosstab, fold), and the parts are merged \
            into that call's answer; when the script makes no Nth call, `finish` writes the \
            report, identical to `scriptorium run`'s over the whole corpus.

            EXAMPLES
              scriptorium shard plan --corpus exports/ --shards 4 --output run/plan.json
              scriptorium shard load --plan run/plan.json --shard 0 --output run/shard-0.arrow
              scriptorium shard resolve --plan run/plan.json --pack run/shard-0.arrow --output run/duplicates.arrow
              scriptorium shard finalize --plan run/plan.json --shard 0 --pack run/shard-0.arrow --duplicates run/duplicates.arrow --output run/final-0.arrow
              scriptorium shard identities --plan run/plan.json --pack run/final-0.arrow --output run/identities.json
              scriptorium shard part Scripts/keywords.lua --plan run/plan.json --shard 0 --pack run/final-0.arrow --identities run/identities.json --round 1 --answers run/answers --output run/part-1-0.arrow
              scriptorium shard merge Scripts/keywords.lua --plan run/plan.json --round 1 --answers run/answers --part run/part-1-0.arrow --output run/answers/call-1.arrow
              scriptorium shard finish Scripts/keywords.lua --plan run/plan.json --documents 499 --answers run/answers --out Reports
            """,
        subcommands: [Plan.self, Load.self, Resolve.self, Finalize.self, Identities.self, Part.self, Merge.self, Finish.self]
    )

    /// Prints a step's result as one line of JSON.
    static func report(_ object: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// Runs a step, its failure printed with the script's own message (exit status 1, or 2 for a
    /// usage problem such as a bad plan).
    static func step<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ReportError {
            standardError("scriptorium: \(error)")
            throw ExitCode(error.kind == .shard || error.kind == .parameters || error.kind == .unreadableScript ? ExitStatus.usage : ExitStatus.scriptFailed)
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cut a corpus's files into shards balanced by size; write the plan (JSON).")

        @OptionGroup var corpusOptions: CorpusOptions
        @Option(help: ArgumentHelp("How many shards.", valueName: "n"))
        var shards: Int
        @Option(help: ArgumentHelp("The plan file to write.", valueName: "file"))
        var output: String

        func validate() throws {
            guard shards >= 1 else { throw ValidationError("--shards must be 1 or more") }
            guard !corpusOptions.paths.isEmpty else { throw ValidationError("give at least one --corpus path") }
        }

        func run() throws {
            let summary = try ShardCommand.step {
                try ShardedRun.plan(corpus: corpusOptions.paths, shards: shards, loading: corpusOptions.loading(progress: nil), output: output)
            }
            ShardCommand.report(["shards": shards, "files": summary.files, "bytes": summary.bytes])
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read one shard's files into a pack.")

        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @OptionGroup var shardNumber: ShardNumber
        var shard: Int { shardNumber.shard }
        @Option(help: ArgumentHelp("The pack to write.", valueName: "file"))
        var output: String

        func run() throws {
            let (documents, warnings) = try ShardCommand.step { try ShardedRun.load(plan: plan, shard: shard, output: output) }
            ShardCommand.report(["shard": shard, "documents": documents, "warnings": warnings.map(\.description)])
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find the records of one document across the shards' packs.")

        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @Option(name: .customLong("pack"), help: ArgumentHelp("A shard's pack, in shard order; repeat for each.", valueName: "file"))
        var packs: [String] = []
        @Option(help: ArgumentHelp("The file to write (a pack of the documents groups across shards need).", valueName: "file"))
        var output: String

        func run() throws {
            let merged = try ShardCommand.step { try ShardedRun.resolve(plan: plan, packs: packs, output: output) }
            ShardCommand.report(["merged": merged])
        }
    }

    struct Finalize: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge a shard's duplicates into its finished pack.")

        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @OptionGroup var shardNumber: ShardNumber
        var shard: Int { shardNumber.shard }
        @Option(help: ArgumentHelp("The shard's pack (from `load`).", valueName: "file"))
        var pack: String
        @Option(help: ArgumentHelp("What `resolve` wrote.", valueName: "file"))
        var duplicates: String
        @Option(help: ArgumentHelp("The finished pack to write.", valueName: "file"))
        var output: String

        func run() throws {
            let documents = try ShardCommand.step { try ShardedRun.finalize(plan: plan, shard: shard, pack: pack, resolution: duplicates, output: output) }
            ShardCommand.report(["shard": shard, "documents": documents])
        }
    }

    struct Identities: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide author identities over the shards' finished packs.")

        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @Option(name: .customLong("pack"), help: ArgumentHelp("A shard's finished pack, in shard order; repeat for each.", valueName: "file"))
        var packs: [String] = []
        @Option(help: ArgumentHelp("The identities file to write (JSON).", valueName: "file"))
        var output: String

        func run() throws {
            try ShardCommand.step { try ShardedRun.identities(plan: plan, packs: packs, output: output) }
            ShardCommand.report(["written": output])
        }
    }

    struct Part: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compute one shard's part of the script's call of a round.")

        @OptionGroup var script: ShardScriptOptions
        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @OptionGroup var shardNumber: ShardNumber
        var shard: Int { shardNumber.shard }
        @Option(help: ArgumentHelp("The shard's finished pack (from `finalize`).", valueName: "file"))
        var pack: String
        @Option(help: ArgumentHelp("The run's author identities (from `identities`).", valueName: "file"))
        var identities: String
        @Option(help: ArgumentHelp("The round: the number of the call (from 1).", valueName: "n"))
        var round: Int
        @Option(help: ArgumentHelp("The folder of the answers of earlier calls.", valueName: "dir"))
        var answers: String
        @Option(help: ArgumentHelp("The part to write.", valueName: "file"))
        var output: String

        func run() throws {
            let reached = try ShardCommand.step {
                try ShardedRun.part(script.reportScript(), plan: plan, shard: shard, pack: pack, identities: identities, round: round,
                                    answers: answers, output: output)
            }
            ShardCommand.report(["round": round, "shard": shard, "reached": reached])
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Merge the shards' parts of a round into the call's answer.")

        @OptionGroup var script: ShardScriptOptions
        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @Option(help: ArgumentHelp("The round: the number of the call (from 1).", valueName: "n"))
        var round: Int
        @Option(help: ArgumentHelp("The folder of the answers of earlier calls.", valueName: "dir"))
        var answers: String
        @Option(name: .customLong("part"), help: ArgumentHelp("A shard's part, in shard order; repeat for each.", valueName: "file"))
        var parts: [String] = []
        @Option(help: ArgumentHelp("The answer to write.", valueName: "file"))
        var output: String

        func run() throws {
            let reached = try ShardCommand.step {
                try ShardedRun.merge(script.reportScript(), plan: plan, round: round, answers: answers, parts: parts, output: output)
            }
            ShardCommand.report(["round": round, "reached": reached])
        }
    }

    struct Finish: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the report, every call answered.")

        @OptionGroup var script: ShardScriptOptions
        @OptionGroup var planFile: PlanFile
        var plan: String { planFile.plan }
        @Option(help: ArgumentHelp("The corpus's documents (the sum of the shards').", valueName: "n"))
        var documents: Int
        @Option(help: ArgumentHelp("The folder of the calls' answers.", valueName: "dir"))
        var answers: String
        @Option(name: .customLong("out"), help: ArgumentHelp("The output folder.", valueName: "dir"))
        var out: String = "Reports"
        @Option(name: .customLong("script-name"), help: ArgumentHelp("The script's name in the report, when the steps read it by another path.", valueName: "name"))
        var scriptName: String?

        func run() throws {
            let outputs = try ShardCommand.step {
                try ShardedRun.finish(script.reportScript(), plan: plan, documents: documents, answers: answers, scriptName: scriptName)
            }
            for line in outputs.printed { standardError(line) }
            let written: [String]
            do { written = try outputs.write(to: URL(fileURLWithPath: out)) } catch let error as ReportError {
                standardError("scriptorium: \(error); no report was written")
                throw ExitCode(ExitStatus.scriptFailed)
            }
            standardError("scriptorium: \(documents) document\(documents == 1 ? "" : "s"); wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(out)")
        }
    }
}

/// The plan every step after `plan` reads.
struct PlanFile: ParsableArguments {
    @Option(help: ArgumentHelp("The plan file.", valueName: "file"))
    var plan: String
}

/// The shard a step works on.
struct ShardNumber: ParsableArguments {
    @Option(help: ArgumentHelp("The shard's number (from 0).", valueName: "k"))
    var shard: Int
}

/// The script and what it is run with, as `run` takes them.
struct ShardScriptOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The Lua report script.", valueName: "script"))
    var script: String
    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter for the script, seen as params.KEY; repeat for several.", valueName: "key=value"))
    var params: [String] = []
    @Option(help: ArgumentHelp("Stop the script after this many seconds.", valueName: "seconds"))
    var timeout: Double = 300
    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Stop the script when Lua holds more than this many megabytes.", valueName: "mb"))
    var maxMemory: Int = 2048
    @Option(help: ArgumentHelp("A thesaurus file that count_by, cooccurrence and terms obey.", valueName: "file"))
    var thesaurus: String?
    @Flag(name: .customLong("csv-raw"), help: "Write CSV cells exactly as they are.")
    var csvRaw = false

    func validate() throws {
        for p in params where !p.contains("=") || p.hasPrefix("=") { throw ValidationError("--param '\(p)' must be KEY=VALUE") }
        guard FileManager.default.fileExists(atPath: script) else { throw ValidationError("script '\(script)' does not exist") }
    }

    func reportScript() -> ReportScript {
        var parameters: [String: String] = [:]
        for p in params {
            let parts = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            parameters[String(parts[0])] = String(parts[1])
        }
        return ReportScript(.file(script), params: parameters, timeout: timeout, maxMemoryMB: maxMemory, csvRaw: csvRaw,
                            print: nil, isolation: .inProcess, thesaurus: thesaurus)
    }
}
