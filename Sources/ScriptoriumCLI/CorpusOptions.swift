// CorpusOptions.swift: the options every command that reads a corpus shares (--corpus, --format,
// --strict, --no-merge), and loading the corpus with its warnings printed on standard error.
import ArgumentParser
import CSystem
import Corpus
import Foundation

struct CorpusOptions: ParsableArguments {
    @Option(name: .customLong("corpus"), help: ArgumentHelp(
        "A corpus file or a folder searched recursively (any supported format, .gz too); repeat for several.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Read every file as this format instead of recognising it: \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "name"))
    var format: String?

    @Flag(help: "Fail (exit status 3) when any corpus file produces a warning.")
    var strict = false

    @Flag(name: .customLong("no-merge"), help: "Keep records of the same document found in several files apart.")
    var noMerge = false

    @Option(help: ArgumentHelp("Threads that read corpus files (0: one per core).", valueName: "n"))
    var threads: Int = 0

    @Option(name: .customLong("cache"), help: ArgumentHelp(
        "Keep the parsed documents of each corpus file in this folder and reuse them while the file is unchanged.", valueName: "dir"))
    var cache: String?

    func validate() throws {
        if let format, CorpusFormat(rawValue: format) == nil {
            throw ValidationError("--format '\(format)' is not a format; formats are \(CorpusFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (one per core) or more") }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("--corpus '\(path)' does not exist")
        }
    }

    var loadOptions: LoadOptions {
        LoadOptions(strict: strict, threads: threads, format: format.flatMap(CorpusFormat.init(rawValue:)), merge: !noMerge,
                    cache: cache.map { CorpusCache(folder: URL(fileURLWithPath: $0)) })
    }

    /// Loads the corpus, printing its warnings (unless --quiet) and its progress (as --progress
    /// says); exits with the documented status when it cannot.
    func load(output: OutputOptions? = nil, printingWarnings: Bool = true) throws -> Corpus {
        do {
            var options = loadOptions
            options.progress = output?.progressSink()
            let corpus = try CorpusLoader.load(paths: paths, options: options)
            scr_return_free_memory()
            if printingWarnings && output?.quiet != true { for d in corpus.diagnostics { standardError(d.description) } }
            return corpus
        } catch let failure as CorpusLoadFailure {
            for d in failure.diagnostics { standardError(d.description) }
            standardError("scriptorium: \(failure.error)")
            throw ExitCode(ExitStatus.corpusUnreadable)
        } catch let error as CorpusError {
            standardError("scriptorium: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }
}

func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
