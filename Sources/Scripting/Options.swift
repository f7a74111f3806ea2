// Options.swift: reading an options table argument (`{field = "abstract", top = 20}`) with
// errors that name the function's argument, the option and what was expected. Unknown options are
// refused, listing the known ones, so a misspelt option never passes silently.
import Analysis
import Tables
import Lua

struct OptionsTable {
    let stack: LuaStack
    let index: Int32
    let argument: Int32
    let present: Bool

    /// The table at `index` (nil or absent means no options), checked against `known` names.
    init(_ stack: LuaStack, _ index: Int32, argument: Int32? = nil, known: [String]) throws {
        self.stack = stack
        self.index = stack.absolute(index)
        self.argument = argument ?? index
        present = !stack.isNoneOrNil(index)
        guard present else { return }
        guard stack.type(at: index) == .table else {
            throw LuaArgumentError(self.argument, "table of options expected, got \(stack.typeName(at: index))")
        }
        var unknown: [String] = []
        stack.forEachPair(at: index) {
            let key = stack.toString(-2) ?? "[\(stack.typeName(at: -2))]"
            if !known.contains(key) { unknown.append(key) }
        }
        if let first = unknown.sorted().first {
            throw LuaArgumentError(self.argument, "unknown option '\(first)'; options are \(known.joined(separator: ", "))")
        }
    }

    private func with<T>(_ key: String, _ read: () throws -> T?) rethrows -> T? {
        guard present else { return nil }
        stack.getField(key, at: index)
        defer { stack.pop() }
        return stack.isNoneOrNil(-1) ? nil : try read()
    }

    func string(_ key: String) throws -> String? {
        try with(key) {
            guard let s = stack.toStringCoercing(-1) else { throw error(key, "a string") }
            return s
        }
    }

    func integer(_ key: String, min: Int? = nil) throws -> Int? {
        try with(key) {
            guard let i = stack.toInteger(-1) else { throw error(key, "an integer") }
            if let min, i < min { throw LuaArgumentError(argument, "option '\(key)' must be at least \(min), got \(i)") }
            return i
        }
    }

    func number(_ key: String) throws -> Double? {
        try with(key) {
            guard stack.type(at: -1) == .number, let d = stack.toNumber(-1), d.isFinite else { throw error(key, "a number") }
            return d
        }
    }

    func boolean(_ key: String) throws -> Bool? {
        try with(key) {
            guard stack.type(at: -1) == .boolean else { throw error(key, "a boolean") }
            return stack.toBool(-1)
        }
    }

    /// A string, or an array of strings.
    func strings(_ key: String) throws -> [String]? {
        try with(key) {
            if stack.type(at: -1) == .string { return [stack.toString(-1)!] }
            guard stack.type(at: -1) == .table else { throw error(key, "a string or an array of strings") }
            return try stack.stringArray(stack.top, argument: argument)
        }
    }

    /// A Table (the userdata).
    func table(_ key: String) throws -> Table? {
        try with(key) {
            guard let t = stack.object(at: -1, typeName: TableBinding.typeName, as: Table.self) else { throw error(key, "a Table") }
            return t
        }
    }

    func choice(_ key: String, _ choices: [String]) throws -> String? {
        guard let s = try string(key) else { return nil }
        guard choices.contains(s) else {
            throw LuaArgumentError(argument, "option '\(key)' is '\(s)'; it must be one of \(choices.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return s
    }

    /// A pair {from, to} of integers (either may be nil) or a single integer.
    func range(_ key: String) throws -> (Int?, Int?)? {
        try with(key) {
            if let i = stack.toInteger(-1) { return (i, i) }
            guard stack.type(at: -1) == .table else { throw error(key, "{from, to}") }
            stack.getIndex(1, at: -1)
            let from = stack.toInteger(-1)
            stack.pop()
            stack.getIndex(2, at: -1)
            let to = stack.toInteger(-1)
            stack.pop()
            return (from, to)
        }
    }

    /// stopwords = "en" | "ru" | {list} | false.
    func stopwords(_ key: String = "stopwords") throws -> StopwordSet? {
        try with(key) {
            switch stack.type(at: -1) {
            case .boolean:
                if stack.toBool(-1) { throw LuaArgumentError(argument, "option '\(key)' may be a language ('en', 'ru'), a list of words or false, not true") }
                return nil
            case .string:
                let language = stack.toString(-1)!
                guard let set = StopwordSet.builtIn(language) else {
                    throw LuaArgumentError(argument, "option '\(key)' is '\(language)'; built-in lists are \(StopwordSet.builtInLanguages.map { "'\($0)'" }.joined(separator: ", "))")
                }
                return set
            case .table:
                return StopwordSet(words: try stack.stringArray(stack.top, argument: argument))
            default:
                throw error(key, "a language ('en', 'ru'), a list of words or false")
            }
        }
    }

    /// The options that group values: `thesaurus` ({label = replacement or false}, or false for
    /// none; the run's thesaurus when absent), `normalize` and `stem`.
    static let groupingKeys = ["thesaurus", "normalize", "stem"]

    func grouping(runThesaurus: Thesaurus?) throws -> ValueGrouping {
        let thesaurus: Thesaurus? = try with("thesaurus") {
            switch stack.type(at: -1) {
            case .boolean:
                if stack.toBool(-1) { throw LuaArgumentError(argument, "option 'thesaurus' may be a table {label = replacement or false} or false, not true") }
                return Thesaurus(entries: [])
            case .table:
                var entries: [Thesaurus.Entry] = []
                var problem: String?
                stack.forEachPair(at: stack.top) {
                    guard problem == nil else { return }
                    guard stack.type(at: -2) == .string, let label = stack.toString(-2) else { problem = "its labels must be strings"; return }
                    switch stack.type(at: -1) {
                    case .string: entries.append(.init(label: label, replacement: stack.toString(-1).flatMap { $0.isEmpty ? nil : $0 }, place: "thesaurus['\(label)']"))
                    case .boolean where !stack.toBool(-1): entries.append(.init(label: label, replacement: nil, place: "thesaurus['\(label)']"))
                    default: problem = "'\(label)' must be replaced by a string, or by false to remove it"
                    }
                }
                if let problem { throw LuaArgumentError(argument, "option 'thesaurus': \(problem)") }
                return Thesaurus(entries: entries.sorted { $0.label < $1.label })
            default:
                throw error("thesaurus", "a table {label = replacement or false} or false")
            }
        } ?? runThesaurus
        let stem = try choice("stem", ["english", "russian", "en", "ru"]).map { $0 == "en" || $0 == "english" ? StemLanguage.english : .russian }
        return ValueGrouping(thesaurus: thesaurus?.entries.isEmpty == true ? nil : thesaurus, normalize: try boolean("normalize") ?? false, stem: stem)
    }

    private func error(_ key: String, _ expected: String) -> LuaArgumentError {
        LuaArgumentError(argument, "option '\(key)' must be \(expected), got \(stack.typeName(at: -1))")
    }
}
