// main.swift: the `scriptorium` command. A thin client of the engine: it parses arguments, loads
// the corpus, runs the script, writes the outputs and maps failures to exit statuses.
import ArgumentParser
import CSystem
import Foundation

/// Exit statuses, as documented in `scriptorium --help`.
enum ExitStatus {
    static let success: Int32 = 0
    static let scriptFailed: Int32 = 1
    static let usage: Int32 = 2
    static let corpusUnreadable: Int32 = 3
    static let limitReached: Int32 = 4
    static let interrupted: Int32 = 130
}

struct ScriptoriumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scriptorium",
        abstract: "Run Lua report scripts over corpora of scholarly article records.",
        discussion: """
            Scriptorium loads a corpus of article records, runs a report script written in Lua 5.4 \
            against it in a sandbox, and writes the Markdown and CSV files the script asks for into \
            an output folder. Counting and grouping run in compiled code; the script decides what \
            to report.

            EXIT STATUS
              0  success
              1  the script failed (its message and traceback are printed)
              2  usage error (bad arguments, unreadable script)
              3  the corpus has no readable document, or --strict found a problem
              4  a time or memory limit stopped the script
              130  interrupted (SIGINT or SIGTERM); nothing was written

            EXAMPLES
              scriptorium run Scripts/overview.lua --corpus Samples
              scriptorium run my.lua --corpus exports/ --out reports/ --param top=50
              scriptorium new trends && scriptorium check Scripts/trends.lua
              scriptorium shell --corpus Samples
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, CheckCommand.self, DescribeCommand.self, NewCommand.self, ShellCommand.self, InspectCommand.self, ConvertCommand.self,
                      DocsCommand.self, ScheduleCommand.self, ShardCommand.self]
    )
}

scr_release_large_buffers_promptly()

// `scriptorium run SCRIPT --help` describes the script's own parameters before run's options.
if let help = RunCommand.scriptHelp(Array(CommandLine.arguments.dropFirst())) {
    print(help)
    Foundation.exit(0)
}

// Parse, run, and map errors to the documented statuses (argument errors are 2, not 64).
do {
    var command = try ScriptoriumCommand.parseAsRoot()
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = ScriptoriumCommand.exitCode(for: error)
    if code == .success {
        print(ScriptoriumCommand.fullMessage(for: error))
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((ScriptoriumCommand.fullMessage(for: error) + "\n").utf8))
    Foundation.exit(ExitStatus.usage)
}
