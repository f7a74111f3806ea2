// DocsCommand.swift: `scriptorium docs [NAME]`: the Lua API reference in the terminal.
import ArgumentParser
import Scripting

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Show the Lua API reference.",
        discussion: """
            Without a name, prints the whole reference (the same text as docs/lua-api.md). With a \
            name, prints the matching entries: a module or type (Corpus, Table, stats), a function \
            (terms, count_by) or a qualified name (Corpus:terms).
            """
    )

    @Argument(help: ArgumentHelp("A module, type or function name.", valueName: "name"))
    var name: String?

    func run() throws {
        let entries = try ScriptRunner.apiEntries()
        guard let name else {
            print(APIReference.markdown(entries), terminator: "")
            return
        }
        let found = APIReference.matching(name, in: entries)
        guard !found.isEmpty else {
            standardError("scriptorium: nothing in the API is called '\(name)'; try `scriptorium docs` for the whole reference")
            throw ExitCode(ExitStatus.usage)
        }
        for e in found { print("\(e.signature)\n    \(e.summary)") }
    }
}
