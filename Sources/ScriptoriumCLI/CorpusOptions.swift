// CorpusOptions.swift: the options every command that reads a corpus shares (--corpus, --format,
// --strict, --no-merge), and loading the corpus with its warnings printed on standard error.
import ArgumentParser
import CSystem
import Foundation
import Scriptorium

struct CorpusOptions: ParsableArguments {
    @Option(name: .customLong("corpus"), help: ArgumentHelp(
        "A corpus file or a folder searched recursively (any supported format, .gz too); repeat for several.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("format"), help: ArgumentHelp(
        "Read every file as this format instead of recognising it: \(LoadedCorpus.formatNames.joined(separator: ", ")).",
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
        if let format, !LoadedCorpus.formatNames.contains(format) {
            throw ValidationError("--format '\(format)' is not a format; formats are \(LoadedCorpus.formatNames.joined(separator: ", "))")
        }
        guard threads >= 0 else { throw ValidationError("--threads must be 0 (one per core) or more") }
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("--corpus '\(path)' does not exist")
        }
    }

    /// How the corpus is loaded, with the progress bar --progress asks for.
    func loading(progress: ProgressBar?) -> CorpusLoading {
        CorpusLoading(strict: strict, threads: threads, format: format, merge: !noMerge,
                      cacheFolder: cache.map { URL(fileURLWithPath: $0) }, progress: progress?.handler)
    }

    /// Loads the corpus, printing its warnings (unless --quiet) and its progress (as --progress
    /// says); exits with the documented status when it cannot.
    func load(output: OutputOptions? = nil, printingWarnings: Bool = true) throws -> LoadedCorpus {
        do {
            let corpus = try LoadedCorpus.load(paths: paths, options: loading(progress: output?.progressBar()))
            scr_return_free_memory()
            if printingWarnings && output?.quiet != true { for w in corpus.warnings { standardError(w.description) } }
            return corpus
        } catch let error as CorpusLoadError {
            for w in error.warnings { standardError(w.description) }
            standardError("scriptorium: \(error)")
            throw ExitCode(error.reason == .missingPath ? ExitStatus.usage : ExitStatus.corpusUnreadable)
        }
    }
}

func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
