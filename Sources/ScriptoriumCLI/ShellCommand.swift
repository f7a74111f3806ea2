// ShellCommand.swift: `scriptorium shell --corpus PATH`: an interactive Lua prompt with the corpus
// loaded and the whole API at hand, to explore before writing a script.
import ArgumentParser
import Dispatch
import Foundation
import Scriptorium

struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Explore a corpus at an interactive Lua prompt.",
        discussion: """
            Loads the corpus and reads Lua, a line at a time, in the same sandbox as scripts: \
            `=expr` (or a bare expression) shows its value, Tables as aligned tables and documents \
            as their main fields; statements run; an error is shown and the session goes on. \
            Globals you set stay for the session. Reports written with report.* go to --out. \
            On a terminal the line can be edited, Tab completes names (corpus:te, report.), \
            Up and Down walk the history (kept in \
            ~/.scriptorium_history), Ctrl-C stops a long evaluation or clears the line, and Ctrl-D \
            leaves. Commands: :help, :docs NAME, :quit. Input from a pipe is read line by line.

            EXAMPLES
              scriptorium shell --corpus Samples
              echo '=corpus:count_by("year")' | scriptorium shell --corpus Samples
            """
    )

    @OptionGroup var corpusOptions: CorpusOptions
    @OptionGroup var display: OutputOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The folder report.* calls write to.", valueName: "dir"))
    var out: String = "Reports"

    @Option(help: ArgumentHelp("Stop an evaluation after this many seconds.", valueName: "seconds"))
    var timeout: Double = 300

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Stop an evaluation when Lua holds more than this many megabytes.", valueName: "mb"))
    var maxMemory: Int = 2048

    func run() throws {
        let corpus = try corpusOptions.load(output: display)
        let home = ProcessInfo.processInfo.environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let editor = LineEditor(historyFile: home.appendingPathComponent(".scriptorium_history"))
        let session = try ExploreSession(corpus: corpus, timeout: timeout, maxMemoryMB: maxMemory,
                                         outputFolder: URL(fileURLWithPath: out), print: { line in
                                            FileHandle.standardOutput.write(Data((line + "\n").utf8))
                                        })
        editor.complete = { session.completions(for: $0) }
        // Ctrl-C while an input is evaluated stops it; the prompt comes back.
        signal(SIGINT, SIG_IGN)
        let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupts.setEventHandler { session.interrupt() }
        interrupts.resume()
        if editor.isTerminal {
            say("Scriptorium shell: \(corpus.count) documents. `=expr` shows a value; :help for more; Ctrl-D leaves.")
        }
        var buffer = ""
        while let line = editor.readLine(prompt: buffer.isEmpty ? "scriptorium> " : ">> ") {
            if buffer.isEmpty, let done = command(line) {
                if done { break }
                continue
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: .whitespaces).isEmpty { buffer = ""; continue }
            switch session.evaluate(buffer) {
            case .incomplete:
                continue
            case .values(let text):
                if !text.isEmpty { say(text) }
            case .error(let message):
                fflush(stdout)
                standardError("error: " + message)
            }
            editor.remember(buffer.replacingOccurrences(of: "\n", with: " "))
            buffer = ""
        }
        if !buffer.isEmpty {
            standardError("error: the input ended inside an unfinished statement")
            throw ExitCode(ExitStatus.scriptFailed)
        }
    }

    /// Handles a `:command`; true to leave, false when handled, nil when the line is Lua.
    private func command(_ line: String) -> Bool? {
        let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = words.first, first.hasPrefix(":") else { return nil }
        switch first {
        case ":quit", ":q", ":exit": return true
        case ":docs":
            let name = words.count > 1 ? words[1] : "Corpus"
            say((try? ReportEngine.lookup(name)).flatMap { $0 } ?? "nothing in the API is called '\(name)'")
        default:
            say("""
                =expr           show a value (=corpus[1], =corpus:count_by("year"):head(5))
                statement       run Lua (top = corpus:terms{field = "abstract", top = 10})
                :docs [NAME]    the API reference of a name (:docs terms, :docs Table)
                :quit           leave (or Ctrl-D)
                """)
        }
        return false
    }

    private func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
