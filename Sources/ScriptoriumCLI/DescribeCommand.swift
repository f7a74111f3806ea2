// DescribeCommand.swift: `scriptorium describe SCRIPT`: what a described script reports, its
// parameters and its outputs, read from its header without running it.
import ArgumentParser
import Foundation
import Scriptorium

struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Show a script's description, parameters and outputs.",
        discussion: """
            A described script returns {description = ..., params = {...}, outputs = {...}, \
            run = function(corpus, params) ... end}; only that table is read, the report is not run. \
            `scriptorium run SCRIPT --help` prints the same with the options of run.
            """
    )

    @Argument(help: ArgumentHelp("The Lua report script.", valueName: "script"))
    var script: String

    func validate() throws {
        guard FileManager.default.fileExists(atPath: script) else { throw ValidationError("script '\(script)' does not exist") }
    }

    func run() throws {
        print(try Self.text(for: script))
    }

    /// The description of `script`, or a note that it is a plain script.
    static func text(for script: String) throws -> String {
        do {
            guard let header = try ReportEngine.describe(ReportScript(.file(script))) else {
                return "\(script): a plain script (it returns no description table, so it declares no parameters; "
                    + "it reads params.KEY as the strings given with --param KEY=VALUE)"
            }
            return header.text
        } catch let error as ReportError {
            standardError("scriptorium: \(error)")
            throw ExitCode(ExitStatus.scriptFailed)
        }
    }
}
