// NewCommand.swift: `scriptorium new NAME`: a new report script from a commented template.
import ArgumentParser
import Foundation
import Scriptorium

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new report script from a commented template.",
        discussion: """
            Writes FOLDER/NAME.lua (Scripts/ by default): a described script with a parameter, a \
            Table, a chart and CSV files, which runs as written:

              scriptorium new trends
              scriptorium run Scripts/trends.lua --corpus Samples
            """
    )

    @Argument(help: ArgumentHelp("The script's name: letters, digits, _ and -.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The folder to write it in.", valueName: "dir"))
    var folder: String = "Scripts"

    @Flag(help: "Replace the script when it exists.")
    var force = false

    func validate() throws {
        let stem = name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
        guard ReportEngine.isValidScriptName(stem) else {
            throw ValidationError("'\(name)' cannot name a script: use letters, digits, _ and -, starting with a letter")
        }
    }

    func run() throws {
        let stem = name.hasSuffix(".lua") ? String(name.dropLast(4)) : name
        let path = (folder as NSString).appendingPathComponent(stem + ".lua")
        if FileManager.default.fileExists(atPath: path) && !force {
            standardError("scriptorium: \(path) exists; choose another name or give --force to replace it")
            throw ExitCode(ExitStatus.usage)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ReportEngine.template(name: stem).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            standardError("scriptorium: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
        print(path)
        standardError("scriptorium: wrote \(path); run it with: scriptorium run \(path) --corpus Samples")
    }
}
