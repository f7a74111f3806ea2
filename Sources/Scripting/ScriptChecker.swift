// ScriptChecker.swift: `scriptorium check`: finds a script's mistakes without running it. Syntax
// errors come from the compiler (with a column found from the token it names); reads of undefined
// globals and misspelt API names come from the compiled chunk, by following which registers hold
// the corpus, a module or an API object; a described script's header is read and validated.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Lua
import Reports

/// One mistake found in a script.
package struct CheckProblem: Sendable, Equatable, CustomStringConvertible {
    package var script: String
    package var line: Int
    package var column: Int?
    package var message: String

    package var description: String {
        "\(script):\(line):" + (column.map { "\($0):" } ?? "") + " " + message
    }
}

package enum ScriptChecker {
    /// The mistakes found in the script, in line order; empty when it is clean.
    /// With `sharded`, also what a sharded run cannot do: reading documents one by one outside
    /// `fold` and `filter`, and calls not split across shards.
    package static func check(_ request: ScriptRequest, sharded: Bool = false) throws -> [CheckProblem] {
        let source = try request.readSource()
        let context = try ScriptContext(limits: LuaLimits(timeout: 10, memoryBytes: 256 * 1024 * 1024),
                                        sandboxOptions: SandboxOptions(print: { _ in }), csvOptions: CSVOptions())
        defer { context.state.close() }
        try ScriptRunner.bind(context, corpus: Corpus(documents: []), params: [:], modules: request.hostModules)
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let main: LuaPrototype
        do {
            main = try context.state.compile(source, chunkName: "@" + request.scriptPath)
        } catch let e as LuaError {
            return [syntaxProblem(e, script: request.scriptPath, lines: sourceLines)]
        }
        var problems: [CheckProblem] = []
        // A described script's header, when it is valid, also names the parameters `params` has.
        var declared: Set<String>?
        if returnsValue(main) {
            let (header, found) = describedProblems(request, main: main)
            problems += found
            declared = header.map { Set($0.params.map(\.name)) }
        }
        var walker = Walker(world: World(context: context), script: request.scriptPath, lines: sourceLines,
                            assigned: assignedGlobals(main), parameters: declared, sharded: sharded)
        walker.walk(main)
        problems += walker.problems
        return problems.sorted { a, b in
            let left: (Int, Int) = (a.line, a.column ?? 0)
            let right: (Int, Int) = (b.line, b.column ?? 0)
            return left < right
        }
    }

    /// Whether the main chunk returns a value: a described script returns its table.
    static func returnsValue(_ main: LuaPrototype) -> Bool {
        main.code.contains { $0.opcode == .return && $0.b != 1 } || main.code.contains { $0.opcode == .return1 }
    }

    /// A described script's header and its problems, found by running its main chunk (not `run`).
    private static func describedProblems(_ request: ScriptRequest, main: LuaPrototype) -> (ScriptDescription?, [CheckProblem]) {
        var returnLine = 1
        for (pc, i) in main.code.enumerated() where i.opcode == .return || i.opcode == .return1 { returnLine = main.lines[pc] }
        do {
            return (try ScriptRunner.describe(request), [])
        } catch ScriptFailure.description(let e) {
            return (nil, e.problems.map { CheckProblem(script: request.scriptPath, line: returnLine, column: nil, message: "description: " + $0) })
        } catch ScriptFailure.script(let e) {
            let (line, message) = located(e.message, script: request.scriptPath)
            return (nil, [CheckProblem(script: request.scriptPath, line: line ?? returnLine, column: nil, message: message)])
        } catch {
            return (nil, [CheckProblem(script: request.scriptPath, line: returnLine, column: nil, message: "\(error)")])
        }
    }

    /// A compiler message (`script.lua:3: '=' expected near 'x'`) as a problem with a column.
    private static func syntaxProblem(_ e: LuaError, script: String, lines: [String]) -> CheckProblem {
        let (line, message) = located(e.message, script: script)
        var column: Int?
        if let line, line >= 1, line <= lines.count, let near = message.range(of: " near ") {
            var token = String(message[near.upperBound...])
            if token.hasPrefix("'") && token.hasSuffix("'") && token.count >= 2 { token = String(token.dropFirst().dropLast()) }
            let text = lines[line - 1]
            if token == "<eof>" {
                column = text.count + 1
            } else if let r = text.range(of: token, options: .backwards) {
                // The compiler stops at the token it could not take: usually the last one so written.
                column = text.distance(from: text.startIndex, to: r.lowerBound) + 1
            }
        }
        return CheckProblem(script: script, line: line ?? 1, column: column, message: "syntax error: " + message)
    }

    /// Splits `script.lua:12: message` into the line and the message.
    private static func located(_ text: String, script: String) -> (Int?, String) {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count == 3, let line = Int(parts[1]) {
            return (line, parts[2].trimmingCharacters(in: .whitespaces))
        }
        return (nil, text)
    }

    /// Names assigned as globals anywhere in the chunk (`name = ...` without `local`).
    private static func assignedGlobals(_ p: LuaPrototype) -> Set<String> {
        var names = Set<String>()
        let env = p.upvalueNames.firstIndex(of: "_ENV")
        for i in p.code where i.opcode == .settabup && i.a == env {
            if let name = p.string(i.b) { names.insert(name) }
        }
        for f in p.functions { names.formUnion(assignedGlobals(f)) }
        return names
    }
}

/// What a script can see: its globals, the members of its modules and the API's object types.
private struct World {
    /// Global names of the sandbox.
    var globals: Set<String> = []
    /// The members of each global that is a plain table (string, math, report, stats, ...).
    var modules: [String: Set<String>] = [:]
    /// Methods and fields of each API type (Corpus, Table, MarkdownDocument, Document, Reference).
    var methods: [String: [String: APIEntry]] = [:]
    var fields: [String: [String: APIEntry]] = [:]
    /// Module functions' entries: "report" -> "csv" -> entry.
    var functions: [String: [String: APIEntry]] = [:]
    /// Types whose field reads are checked (their fields are fixed).
    static let closedTypes: Set<String> = ["Document", "Reference", "Corpus", "Table"]

    init(context: ScriptContext) {
        let s = context.state.main!
        context.sandbox.pushEnvironment()
        s.forEachPair(at: -1) {
            guard s.type(at: -2) == .string, let name = s.toString(-2) else { return }
            globals.insert(name)
            // Read-only views (params, run) have no raw members: their fields are not checked.
            if s.type(at: -1) == .table, name != "_G", !s.hasMetatable(at: -1) {
                var members = Set<String>()
                s.forEachPair(at: -1) { if s.type(at: -2) == .string, let m = s.toString(-2) { members.insert(m) } }
                modules[name] = members
            }
        }
        s.pop()
        for e in context.registry.entries {
            switch e.kind {
            case .method: methods[e.owner, default: [:]][e.name] = e
            case .field: fields[e.owner, default: [:]][e.name] = e
            case .function: functions[e.owner, default: [:]][e.name] = e
            }
        }
    }

    /// The keys an options parameter takes, from its type: a table type written out
    /// (`{field: string, top?: integer}`) or a record type of the API (ChartSpec); nil for others.
    func optionKeys(_ type: String) -> [String]? {
        if let record = fields[type], methods[type] == nil { return Array(record.keys).sorted() }
        guard type.hasPrefix("{"), type.hasSuffix("}") else { return nil }
        var keys: [String] = []
        var depth = 0
        var item = ""
        for c in type.dropFirst().dropLast() + [","] {
            switch c {
            case "{", "(", "<": depth += 1; item.append(c)
            case "}", ")", ">": depth -= 1; item.append(c)
            case "," where depth == 0:
                let name = item.split(separator: ":", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                let key = name.hasSuffix("?") ? String(name.dropLast()) : name
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
                keys.append(key)
                item = ""
            default: item.append(c)
            }
        }
        return keys
    }

    /// The object type a return type names, if the checker follows it ("Table", "Corpus?").
    func objectType(_ returns: String) -> String? {
        let name = returns.hasSuffix("?") ? String(returns.dropLast()) : returns
        return methods[name] != nil || fields[name] != nil ? name : nil
    }
}

/// What the checker knows a register holds.
private enum Shape {
    case module(String)
    case object(String)
    /// A function of the API (before the call), as the script names it (`corpus:terms`).
    case function(APIEntry, name: String)
    /// A table constructor's string keys so far, each with its line.
    case literal([(key: String, line: Int)])
    /// An iterator of a generic `for` whose loop variable is of this type.
    case iterator(String)
    /// A described script's parameters.
    case parameters
    /// An array of API objects (`doc.references`, `doc.authors`).
    case list(String)
}

/// Walks the instructions of each function, following the shapes of registers.
private struct Walker {
    let world: World
    let script: String
    let lines: [String]
    let assigned: Set<String>
    /// The parameters a described script declares; nil for a plain script.
    let parameters: Set<String>?
    /// Whether to report what a sharded run cannot do.
    let sharded: Bool
    var problems: [CheckProblem] = []
    private var reported = Set<String>()

    init(world: World, script: String, lines: [String], assigned: Set<String>, parameters: Set<String>?, sharded: Bool = false) {
        self.world = world
        self.script = script
        self.lines = lines
        self.assigned = assigned
        self.parameters = parameters
        self.sharded = sharded
    }

    mutating func walk(_ p: LuaPrototype) {
        let env = p.upvalueNames.firstIndex(of: "_ENV")
        let targets = jumpTargets(p)
        let stable = stableLocals(p)
        var shapes: [Int: Shape] = [:]
        var loopVariables: [Int: (register: Int, type: String)] = [:]
        for r in 0..<p.parameterCount {
            switch p.localName(register: r, pc: 0) {
            case "corpus"?: shapes[r] = .object("Corpus")
            case "params"? where parameters != nil: shapes[r] = .parameters
            default: break
            }
        }
        for (pc, i) in p.code.enumerated() {
            if targets.contains(pc) {
                shapes = shapes.filter { stable.contains(LocalSlot(register: $0.key, pc: pc, prototype: p)) }
            }
            if let loop = loopVariables[pc] { shapes[loop.register] = .object(loop.type) }
            guard let op = i.opcode else { shapes = [:]; continue }
            let line = pc < p.lines.count ? p.lines[pc] : p.lineDefined
            switch op {
            case .gettabup where i.b == env:
                guard let name = p.string(i.c) else { break }
                shapes[i.a] = nil
                if name == "corpus" {
                    shapes[i.a] = .object("Corpus")
                } else if name == "params" && parameters != nil {
                    shapes[i.a] = .parameters
                } else if world.modules[name] != nil {
                    shapes[i.a] = .module(name)
                } else if !world.globals.contains(name) && !assigned.contains(name) {
                    let close = Suggestion.closest(to: name, among: world.globals.union(assigned))
                    report(line, token: name, "undefined global '\(name)'" + (close.map { "; did you mean '\($0)'?" } ?? ""))
                }
            case .getfield:
                let key = p.string(i.c) ?? ""
                let base = shapes[i.b]
                shapes[i.a] = nil
                switch base {
                case .module(let m)?:
                    let members = world.modules[m] ?? []
                    if !members.contains(key) {
                        let close = Suggestion.closest(to: key, among: members)
                        report(line, token: ".\(key)", "'\(m).\(key)' does not exist" + (close.map { "; did you mean '\(m).\($0)'?" } ?? ""))
                    } else if let e = world.functions[m]?[key] {
                        shapes[i.a] = .function(e, name: "\(m).\(key)")
                    }
                case .parameters?:
                    let declared = parameters ?? []
                    if !declared.contains(key) {
                        let close = Suggestion.closest(to: key, among: declared)
                        report(line, token: ".\(key)", "'params.\(key)' is not a declared parameter" + (close.map { "; did you mean 'params.\($0)'?" }
                            ?? (declared.isEmpty ? "; the script declares none" : "; parameters are \(declared.sorted().joined(separator: ", "))")))
                    }
                case .object(let t)? where World.closedTypes.contains(t):
                    let known = Set((world.fields[t] ?? [:]).keys).union((world.methods[t] ?? [:]).keys)
                    if !known.contains(key) {
                        let close = Suggestion.closest(to: key, among: known)
                        let receiver = name(of: i.b, in: p, pc: pc, type: t)
                        report(line, token: ".\(key)", "'\(receiver).\(key)': \(t) has no field '\(key)'" + (close.map { "; did you mean '\(receiver).\($0)'?" } ?? ""))
                    } else if let e = world.fields[t]?[key] {
                        if let object = world.objectType(e.returns) {
                            shapes[i.a] = .object(object)
                        } else if e.returns.hasSuffix("[]"), let element = world.objectType(String(e.returns.dropLast(2))) {
                            shapes[i.a] = .list(element)
                        }
                    }
                default: break
                }
            case .self:
                let base = shapes[i.b]
                shapes[i.a] = nil
                shapes[i.a + 1] = base
                guard i.k, let key = p.string(i.c), case .object(let t)? = base else { break }
                let methods = world.methods[t] ?? [:]
                let receiver = name(of: i.b, in: p, pc: pc, type: t)
                if let e = methods[key] {
                    shapes[i.a] = .function(e, name: "\(receiver):\(key)")
                    if sharded, t == "Corpus", !CorpusBinding.shardable.contains(key) || key == "documents" {
                        report(line, token: ":\(key)", key == "documents"
                            ? "'\(receiver):documents()' reads the documents one by one, which a sharded run cannot do; accumulate with corpus:fold{init, step, merge}"
                            : "'\(receiver):\(key)' needs the whole corpus in one place and cannot run sharded yet; a sharded run splits #corpus, "
                                + CorpusBinding.shardable.subtracting(["documents"]).sorted().joined(separator: ", "))
                    }
                } else {
                    let close = Suggestion.closest(to: key, among: methods.keys)
                    report(line, token: ":\(key)", "'\(receiver):\(key)' is not a function" + (close.map { "; did you mean '\(receiver):\($0)'?" } ?? "; \(t) methods are \(methods.keys.sorted().joined(separator: ", "))"))
                }
            case .geti:
                // corpus[1] is a document; doc.references[1] a reference.
                let base = shapes[i.b]
                shapes[i.a] = nil
                if case .object("Corpus")? = base {
                    shapes[i.a] = .object("Document")
                    if sharded { report(line, token: "[", "reading one document by position (corpus[i]) needs the whole corpus, which a sharded run does not have; use corpus:fold") }
                }
                if case .list(let element)? = base { shapes[i.a] = .object(element) }
            case .newtable:
                shapes[i.a] = .literal([])
            case .setfield:
                if case .literal(var keys)? = shapes[i.a], let key = p.string(i.b) {
                    keys.append((key, line))
                    shapes[i.a] = .literal(keys)
                }
            case .call:
                let callee = shapes[i.a]
                if case .function(let entry, let name)? = callee { checkOptions(entry, name: name, call: i, shapes: shapes) }
                shapes = shapes.filter { $0.key < i.a }
                if case .function(let entry, _)? = callee {
                    let returns = entry.returns
                    if let t = world.objectType(returns) {
                        shapes[i.a] = .object(t)
                    } else if returns.hasPrefix("fun(): "), let t = world.objectType(String(returns.dropFirst(7))) {
                        shapes[i.a] = .iterator(t)
                    }
                }
            case .tforprep:
                if case .iterator(let t)? = shapes[i.a] { loopVariables[pc + 1] = (i.a + 4, t) }
                shapes = shapes.filter { $0.key < i.a }
            case .move:
                shapes[i.a] = shapes[i.b]
            default:
                if let written = writes(i) { shapes = shapes.filter { !written.contains($0.key) } }
            }
        }
        for f in p.functions { walk(f) }
    }

    /// Reports keys of table constructors given as option tables that the function does not take
    /// (`corpus:terms{feild = ...}`): its parameter's type lists the keys it takes.
    private mutating func checkOptions(_ entry: APIEntry, name: String, call i: LuaInstruction, shapes: [Int: Shape]) {
        let first = i.a + (entry.kind == .method ? 2 : 1)
        for (j, parameter) in entry.parameters.enumerated() {
            let register = first + j
            guard i.b == 0 || register < i.a + i.b, case .literal(let keys)? = shapes[register],
                  let accepted = world.optionKeys(parameter.type) else { continue }
            for (key, line) in keys where !accepted.contains(key) {
                let close = Suggestion.closest(to: key, among: accepted)
                report(line, token: key, "'\(name)' has no option '\(key)'" + (close.map { "; did you mean '\($0)'?" } ?? "; options are \(accepted.joined(separator: ", "))"))
            }
        }
    }

    /// How a register is named in a message: its local's name, or the type's usual name.
    private func name(of register: Int, in p: LuaPrototype, pc: Int, type: String) -> String {
        if let local = p.localName(register: register, pc: pc) { return local }
        return type == "Corpus" ? "corpus" : type.prefix(1).lowercased() + type.dropFirst()
    }

    private mutating func report(_ line: Int, token: String, _ message: String) {
        let key = "\(line) \(message)"
        guard reported.insert(key).inserted else { return }
        var column: Int?
        if line >= 1 && line <= lines.count, let r = lines[line - 1].range(of: token) {
            let start = lines[line - 1].distance(from: lines[line - 1].startIndex, to: r.lowerBound)
            column = start + (token.hasPrefix(".") || token.hasPrefix(":") ? 2 : 1)
        }
        problems.append(CheckProblem(script: script, line: line, column: column, message: message))
    }
}

/// A live local: its register at an instruction of a prototype.
private struct LocalSlot: Hashable {
    var local: Int
    init(register: Int, pc: Int, prototype p: LuaPrototype) {
        local = -1
        var n = 0
        for (index, l) in p.locals.enumerated() where l.startPC <= pc && pc < l.endPC {
            if n == register { local = index; return }
            n += 1
        }
    }
    init(local: Int) { self.local = local }
}

/// Locals never written after their declaration: their shape holds over their whole scope, even
/// where control flow joins.
private func stableLocals(_ p: LuaPrototype) -> Set<LocalSlot> {
    var result = Set<LocalSlot>()
    for (index, l) in p.locals.enumerated() {
        // The register is the count of locals live at its start that were declared before it.
        let register = p.locals[..<index].filter { $0.startPC <= l.startPC && l.startPC < $0.endPC }.count
        var written = false
        for pc in l.startPC ..< min(l.endPC, p.code.count) {
            if let w = writes(p.code[pc]), w.contains(register) { written = true; break }
        }
        if !written { result.insert(LocalSlot(local: index)) }
    }
    return result
}

/// Instructions that control can reach other than from the one before.
private func jumpTargets(_ p: LuaPrototype) -> Set<Int> {
    var targets = Set<Int>()
    for (pc, i) in p.code.enumerated() {
        switch i.opcode {
        case .jmp?: targets.insert(pc + 1 + i.sj)
        case .forloop?, .tforloop?: targets.insert(pc + 1 - i.bx)
        case .forprep?: targets.insert(pc + 2 + i.bx)
        case .tforprep?: targets.insert(pc + 1 + i.bx)
        case .eq?, .lt?, .le?, .eqk?, .eqi?, .lti?, .lei?, .gti?, .gei?, .test?, .testset?, .lfalseskip?: targets.insert(pc + 2)
        default: break
        }
    }
    return targets
}

/// The registers an instruction writes, when it writes any.
private func writes(_ i: LuaInstruction) -> ClosedRange<Int>? {
    guard let op = i.opcode else { return 0...255 }
    switch op {
    case .loadnil: return i.a ... i.a + i.b
    case .self: return i.a ... i.a + 1
    case .call, .vararg: return i.a ... 255
    case .tforcall, .tforprep, .tforloop, .forloop, .forprep: return i.a ... 255
    case .settabup, .settable, .seti, .setfield, .setupval, .setlist, .jmp, .eq, .lt, .le, .eqk, .eqi, .lti, .lei, .gti, .gei,
         .test, .return, .return0, .return1, .tailcall, .mmbin, .mmbini, .mmbink, .close, .tbc, .varargprep, .extraarg:
        return nil
    default: return i.a ... i.a
    }
}
