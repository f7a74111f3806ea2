// ScriptSession.swift: an interactive Lua session over a loaded corpus (`scriptorium shell`): one
// sandboxed state kept between inputs, each input evaluated under the limits, its values shown
// as text (Tables as aligned tables, documents as their main fields), errors returned, not fatal.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Lua
import Reports

/// What one input gave.
package enum SessionResult: Equatable {
    /// The values it returned (or printed), as text; empty when it returned nothing.
    case values(String)
    /// The input is not complete yet (an open `function`, `do`, string...): read another line.
    case incomplete
    /// It failed; the message, the session goes on.
    case error(String)
}

package final class ScriptSession {
    private let context: ScriptContext
    private let limits: RunLimits
    /// Outputs written by report calls go here after each input.
    package let outputFolder: URL?

    /// Opens a session on `corpus`; `print` receives what the script prints.
    package init(corpus: Corpus, params: [String: String] = [:], limits: RunLimits = RunLimits(), hostModules: [HostModuleSpec] = [],
                outputFolder: URL? = nil, print: @escaping (String) -> Void = SandboxOptions.printToStandardError) throws {
        let paths = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                     URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Scripts/lib")]
        context = try ScriptContext(limits: LuaLimits(timeout: limits.timeout, memoryBytes: limits.memoryMB.map { $0 * 1024 * 1024 }),
                                    sandboxOptions: SandboxOptions(modulePaths: paths, print: print), csvOptions: CSVOptions())
        self.limits = limits
        self.outputFolder = outputFolder
        context.run = RunInfo(script: "shell", corpus: corpus.paths, documents: corpus.count,
                              date: ScriptRequest.defaultDate(), job: nil, previous: nil)
        try ScriptRunner.bind(context, corpus: corpus, params: params.mapValues { LuaValue.string($0) }, modules: hostModules)
    }

    deinit { context.state.close() }

    /// Stops the input being evaluated (from another thread, or a signal handler's relay).
    package func interrupt() { context.state.cancel() }

    /// Evaluates one input: `=expr` and bare expressions show their values; statements run.
    package func evaluate(_ input: String) -> SessionResult {
        var text = input
        if text.hasPrefix("=") { text = "return " + text.dropFirst() }
        let s = context.state.main!
        let base = s.top
        defer { s.top = base }
        // An expression first (as the standalone interpreter does), then a statement.
        do {
            try context.sandbox.load("return " + text, chunkName: "=shell")
        } catch {
            do {
                try context.sandbox.load(text, chunkName: "=shell")
            } catch let e as LuaError {
                return e.message.hasSuffix("<eof>") ? .incomplete : .error(e.message)
            } catch {
                return .error("\(error)")
            }
        }
        context.state.clearCancellation()
        context.state.restartClock(timeout: limits.timeout)
        do {
            try s.call(arguments: 0)
        } catch let e as LuaError {
            context.outputs = OutputSet()
            return .error(e.kind == .limit(.cancelled) ? "interrupted" : e.message)
        } catch {
            return .error("\(error)")
        }
        var shown: [String] = []
        for i in stride(from: base + 1, through: s.top, by: 1) { shown.append(show(at: i)) }
        if let written = writeOutputs() { shown.append(written) }
        return .values(shown.joined(separator: "\n"))
    }

    /// Names that complete the identifier (or `name.field`, `name:method`) at the end of `text`:
    /// globals, the members of a module, or the methods and fields of an API object held by a
    /// global. Nothing is evaluated; only names already bound are looked up.
    package func completions(for text: String) -> [String] {
        let tail = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == ":" }.reversed())
        guard !tail.isEmpty else { return [] }
        guard let separator = tail.lastIndex(where: { $0 == "." || $0 == ":" }) else {
            return names(in: nil, method: false).filter { $0.hasPrefix(tail) }.sorted()
        }
        let base = String(tail[..<separator])
        let partial = String(tail[tail.index(after: separator)...])
        let path = base.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.contains(where: \.isEmpty) else { return [] }
        let symbol = tail[separator] == ":" ? ":" : "."
        return names(in: path, method: symbol == ":").filter { $0.hasPrefix(partial) }.sorted().map { base + symbol + $0 }
    }

    /// The names under the global `path` (a.b.c), or the globals when nil.
    private func names(in path: [String]?, method: Bool) -> [String] {
        let s = context.state.main!
        let base = s.top
        defer { s.top = base }
        context.sandbox.pushEnvironment()
        for name in path ?? [] {
            guard s.type(at: -1) == .table else { return [] }
            s.push(name)
            s.rawGet(at: -2)
        }
        if let type = s.userdataTypeName(at: -1) {
            let entries = context.registry.entries(of: type)
            return entries.filter { method ? $0.kind == .method : $0.kind == .field }.map(\.name)
        }
        guard s.type(at: -1) == .table, !method else { return [] }
        var found: [String] = []
        s.forEachPair(at: -1) { if s.type(at: -2) == .string, let k = s.toString(-2) { found.append(k) } }
        return found
    }

    /// Writes the outputs of the last input into the output folder; a line saying so, or nil.
    private func writeOutputs() -> String? {
        guard !context.outputs.outputs.isEmpty else { return nil }
        defer { context.outputs = OutputSet() }
        guard let outputFolder else { return "(no output folder: \(context.outputs.outputs.count) output(s) not written)" }
        do {
            _ = try context.outputs.commit(to: outputFolder)
            return "wrote " + context.outputs.outputs.map(\.name).joined(separator: ", ") + " to \(outputFolder.path)"
        } catch {
            return "could not write the outputs: \(error)"
        }
    }

    /// The value at `index` as the shell shows it.
    private func show(at index: Int32) -> String {
        let s = context.state.main!
        switch s.userdataTypeName(at: index) {
        case DocumentBinding.documentType?:
            return DocumentBinding.summary(of: s, at: index, context: context) ?? "Document"
        case nil where s.type(at: index) == .table:
            return Self.inspect(s.value(at: index, depth: 3))
        default:
            // Through Lua's tostring, in a protected call, so __tostring metamethods apply.
            let value = s.absolute(index)
            context.pushHelper("tostring", on: s)
            s.pushCopy(of: value)
            guard (try? s.call(arguments: 1, results: 1)) != nil else { return s.typeName(at: value) }
            defer { s.pop() }
            return s.toString(-1) ?? s.typeName(at: value)
        }
    }

    /// A plain Lua value as compact text: `{1, 2, x = "a"}`, cut after 20 items.
    static func inspect(_ value: LuaValue) -> String {
        switch value {
        case .string(let s): return "\"" + s + "\""
        case .table(let t):
            if t.isEmpty { return "{}" }
            var parts: [String] = []
            if let array = value.arrayValue {
                parts = array.prefix(20).map(inspect)
                if array.count > 20 { parts.append("… \(array.count - 20) more") }
            } else {
                let keys = t.keys.sorted { $0.description < $1.description }
                for k in keys.prefix(20) {
                    let name = k.stringValue.map { $0 } ?? "[\(k)]"
                    parts.append("\(name) = \(inspect(t[k]!))")
                }
                if keys.count > 20 { parts.append("… \(keys.count - 20) more") }
            }
            return "{" + parts.joined(separator: ", ") + "}"
        default: return value.description
        }
    }
}
