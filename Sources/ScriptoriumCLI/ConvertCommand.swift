// ConvertCommand.swift: `scriptorium convert --corpus PATH... --to jsonl|arrow`: saves a corpus read
// from any mix of exports (merged, references parsed) as Scriptorium's own JSON Lines, or as a pack
// (an Arrow IPC file mapped in place when loaded, and read by pyarrow, polars, R and DuckDB); both
// read back as the same corpus.
import ArgumentParser
import Foundation
import Scriptorium

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Save a corpus as Scriptorium JSON Lines or as an Arrow pack (the whole document model, one document a line or row).",
        discussion: """
            EXAMPLES
              scriptorium convert --corpus exports/ --to jsonl --output corpus.jsonl
              scriptorium convert --corpus exports/ --output corpus.arrow
              scriptorium run Scripts/overview.lua --corpus corpus.arrow
            """
    )

    @OptionGroup var corpusOptions: CorpusOptions
    @OptionGroup var display: OutputOptions

    @Option(help: ArgumentHelp("The format to write: jsonl, or arrow (a pack); by default arrow when --output ends in .arrow, else jsonl.",
                               valueName: "format"))
    var to: String?

    @Option(name: .customLong("output"), help: ArgumentHelp("The file to write; standard output when absent.", valueName: "file"))
    var output: String?

    /// The format to write: as given, or from the output's extension.
    var format: String { to ?? (output?.hasSuffix(".arrow") == true ? "arrow" : "jsonl") }

    func validate() throws {
        guard ["jsonl", "arrow"].contains(format) else { throw ValidationError("--to '\(format)' is not supported; the output formats are jsonl and arrow") }
        guard format == "jsonl" || output != nil else { throw ValidationError("--to arrow writes a file: give it with --output FILE.arrow") }
        guard !corpusOptions.paths.isEmpty else { throw ValidationError("give at least one --corpus path") }
    }

    func run() throws {
        let corpus = try corpusOptions.load(output: display)
        if format == "arrow", let output {
            do { try corpus.writePack(to: output) } catch {
                standardError("scriptorium: cannot write '\(output)': \(error)")
                throw ExitCode(ExitStatus.scriptFailed)
            }
            standardError("scriptorium: \(corpus.count) document\(corpus.count == 1 ? "" : "s") written to \(output)")
            return
        }
        let text = try corpus.jsonLines()
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        // Written beside the target and renamed, so a failed write never leaves half a file.
        let target = URL(fileURLWithPath: output)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        do {
            try Data(text.utf8).write(to: temporary)
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            standardError("scriptorium: cannot write '\(output)': \(error.localizedDescription)")
            throw ExitCode(ExitStatus.scriptFailed)
        }
        standardError("scriptorium: \(corpus.count) document\(corpus.count == 1 ? "" : "s") written to \(output)")
    }
}
