// CheckCommand.swift: `scriptorium check SCRIPT...`: a script's mistakes found without running it.
import ArgumentParser
import Foundation
import Scriptorium

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find mistakes in report scripts without running them.",
        discussion: """
            Reports syntax errors with their line and column, reads of undefined globals, misspelt \
            API names (`corpus:term` is not a function; did you mean `corpus:terms`?), misspelt \
            fields of documents and references, and, for a described script, every problem of its \
            header (unknown keys, bad parameter types, defaults of the wrong type). Nothing is run \
            but a described script's header. Exits with status 1 when anything is found. With \
            --sharded, also what a sharded run cannot do: loops over corpus:documents() and \
            corpus[i] (accumulate with corpus:fold instead), and calls not yet split across shards.

            EXAMPLES
              scriptorium check Scripts/*.lua
              scriptorium check --sharded Scripts/overview.lua
            """
    )

    @Argument(help: ArgumentHelp("The Lua report scripts.", valueName: "script"))
    var scripts: [String]

    @Flag(help: "Also report what a sharded run (scriptorium shard, scriptorium-dist) cannot do.")
    var sharded = false

    func validate() throws {
        guard !scripts.isEmpty else { throw ValidationError("name at least one script to check") }
        for s in scripts where !FileManager.default.fileExists(atPath: s) {
            throw ValidationError("script '\(s)' does not exist")
        }
    }

    func run() throws {
        var total = 0
        for script in scripts {
            let problems: [ScriptIssue]
            do {
                problems = try ReportEngine.check(ReportScript(.file(script)), sharded: sharded)
            } catch {
                standardError("scriptorium: \(error)")
                throw ExitCode(ExitStatus.usage)
            }
            for p in problems { print(p.description) }
            total += problems.count
        }
        fflush(stdout)
        let checked = "\(scripts.count) script\(scripts.count == 1 ? "" : "s")"
        if total == 0 {
            standardError("scriptorium: \(checked) checked, no problem found")
        } else {
            standardError("scriptorium: \(checked) checked, \(total) problem\(total == 1 ? "" : "s") found")
            throw ExitCode(ExitStatus.scriptFailed)
        }
    }
}
