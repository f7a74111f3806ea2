// InspectCommand.swift: `scriptorium inspect --corpus PATH...`: what was read from each file
// (format, records, warnings), the warnings themselves, how many duplicates were merged, and the
// share of documents that have each field, so a researcher sees what a corpus holds before
// writing a report on it.
import ArgumentParser
import Foundation
import Scriptorium

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what a corpus holds: formats, records read and skipped, and field coverage.",
        discussion: """
            EXAMPLES
              scriptorium inspect --corpus exports/
              scriptorium inspect --corpus savedrecs.txt --corpus scopus.csv --no-merge
            """
    )

    @OptionGroup var corpusOptions: CorpusOptions
    @OptionGroup var display: OutputOptions

    func validate() throws {
        guard !corpusOptions.paths.isEmpty else { throw ValidationError("give at least one --corpus path") }
    }

    func run() throws {
        let corpus = try corpusOptions.load(output: display, printingWarnings: false)
        print(corpus.inspection)
    }
}
