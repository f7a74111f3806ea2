// ConvertCommand.swift: `scriptorium convert --corpus PATH... --to jsonl`: saves a corpus read from
// any mix of exports (merged, references parsed) as Scriptorium's own JSON Lines, which reads back
// as the same corpus.
import ArgumentParser
import Foundation
import Scriptorium

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Save a corpus as Scriptorium JSON Lines (the whole document model, one document a line).",
        discussion: """
            EXAMPLES
              scriptorium convert --corpus exports/ --to jsonl --output corpus.jsonl
              scriptorium run Scripts/overview.lua --corpus corpus.jsonl
            """
    )

    @OptionGroup var corpusOptions: CorpusOptions
    @OptionGroup var display: OutputOptions

    @Option(help: ArgumentHelp("The format to write: jsonl.", valueName: "format"))
    var to: String = "jsonl"

    @Option(name: .customLong("output"), help: ArgumentHelp("The file to write; standard output when absent.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard to == "jsonl" else { throw ValidationError("--to '\(to)' is not supported; the one output format is jsonl") }
        guard !corpusOptions.paths.isEmpty else { throw ValidationError("give at least one --corpus path") }
    }

    func run() throws {
        let corpus = try corpusOptions.load(output: display)
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
