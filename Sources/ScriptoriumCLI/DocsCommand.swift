// DocsCommand.swift: `scriptorium docs [NAME]`: the Lua API reference in the terminal.
import ArgumentParser
import Scriptorium

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Show the Lua API reference.",
        discussion: """
            Without a name, prints the whole reference (the same text as docs/lua-api.md). With a \
            name, prints the matching entries with an example: a module or type (Corpus, Table, \
            stats), a function (terms, count_by) or a qualified name (Corpus:terms). With --types, \
            prints the editor type definitions kept in Scripts/types/scriptorium.lua.
            """
    )

    @Argument(help: ArgumentHelp("A module, type or function name.", valueName: "name"))
    var name: String?

    @Flag(help: "Print the LuaCATS type definitions for lua-language-server instead (Scripts/types/scriptorium.lua).")
    var types = false

    func run() throws {
        if types {
            print(try ReportEngine.typeDefinitions(), terminator: "")
            return
        }
        guard let name else {
            print(try ReportEngine.reference(), terminator: "")
            return
        }
        guard let found = try ReportEngine.lookup(name) else {
            standardError("scriptorium: nothing in the API is called '\(name)'; try `scriptorium docs` for the whole reference")
            throw ExitCode(ExitStatus.usage)
        }
        print(found)
    }
}
