// ScriptDescription.swift: the contract of a described script, one whose chunk returns
// `{description = ..., params = {...}, outputs = {...}, run = function(corpus, params) ... end}`:
// reading and validating that table, and turning `--param` text into the declared types.
import Foundation
import Lua

/// A parameter a described script declares.
package struct ScriptParameter: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable { case string, integer, number, boolean }

    package var name: String
    package var kind: Kind
    /// A list of values of `kind`, given on the command line separated by commas.
    package var isList: Bool
    /// The value when the parameter is not given; nil when it has none.
    package var defaultValue: LuaValue?
    /// The run stops with a usage error when a required parameter is not given.
    package var required: Bool
    package var help: String

    /// The declared type as written: `integer`, `string[]`.
    package var typeName: String { kind.rawValue + (isList ? "[]" : "") }

    /// The types a parameter may have.
    package static let typeNames: [String] = Kind.allCases.map(\.rawValue) + Kind.allCases.map { $0.rawValue + "[]" }

    /// The value of `text` given with `--param NAME=text`, in the declared type.
    package func convert(_ text: String) throws -> LuaValue {
        guard isList else { return try convertOne(text, given: text) }
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return .array([]) }
        return .array(try items.map { try convertOne($0, given: text) })
    }

    /// One value; `given` is the whole --param text, for the message.
    private func convertOne(_ raw: String, given: String) throws -> LuaValue {
        let text = raw.trimmingCharacters(in: .whitespaces)
        func bad(_ what: String) -> ScriptParameterError {
            ScriptParameterError("--param \(name)=\(given): '\(name)' takes \(isList ? "a comma-separated list of \(what)s" : "\(article(what)) \(what)"), and '\(raw)' is not one")
        }
        switch kind {
        case .string: return .string(raw)
        case .integer:
            guard let i = Int64(text) else { throw bad("integer") }
            return .integer(i)
        case .number:
            guard let d = Double(text), d.isFinite else { throw bad("number") }
            return .number(d)
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .boolean(true)
            case "false", "no", "off", "0": return .boolean(false)
            default: throw bad("boolean (true or false)")
            }
        }
    }

    /// Whether `value` (a default written in the script) has the declared type.
    func accepts(_ value: LuaValue) -> Bool {
        guard isList else { return acceptsOne(value) }
        guard let items = value.arrayValue else { return false }
        return items.allSatisfy(acceptsOne)
    }

    private func acceptsOne(_ value: LuaValue) -> Bool {
        switch (kind, value) {
        case (.string, .string), (.integer, .integer), (.number, .integer), (.number, .number), (.boolean, .boolean): return true
        default: return false
        }
    }
}

private func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

/// A `--param` value that does not fit its declaration, or a parameter the script does not have.
package struct ScriptParameterError: Error, CustomStringConvertible, Equatable {
    package var description: String
    package init(_ description: String) { self.description = description }
}

/// A described script's header, validated.
package struct ScriptDescription: Sendable, Equatable {
    package var description: String
    package var params: [ScriptParameter]
    package var outputs: [String]

    /// The keys a description may have.
    static let keys = ["description", "params", "outputs", "run"]
    static let parameterKeys = ["name", "type", "default", "help", "required"]

    /// Reads the table a script returned; throws `ScriptDescriptionError` listing every problem.
    package static func read(_ value: LuaValue, script: String) throws -> ScriptDescription {
        var problems: [String] = []
        guard case .table(let table) = value else {
            throw ScriptDescriptionError(script: script, problems: ["the script returns a \(typeName(value)), not a description table"])
        }
        for key in table.keys {
            guard let name = key.stringValue else { problems.append("the description has a non-string key \(key)"); continue }
            if !keys.contains(name) { problems.append(unknownKey(name, in: "the description", known: keys)) }
        }
        if value["run"] != .opaque("function") {
            problems.append("'run' must be a function (run = function(corpus, params) ... end), not \(typeName(value["run"]))")
        }
        var text = ""
        switch value["description"] {
        case .string(let s): text = s
        case .nil: problems.append("'description' is missing: say in a sentence what the script reports")
        case let other: problems.append("'description' must be a string, not \(typeName(other))")
        }
        var outputs: [String] = []
        if value["outputs"] != .nil {
            if let items = value["outputs"].arrayValue, items.allSatisfy({ $0.stringValue != nil }) {
                outputs = items.compactMap(\.stringValue)
            } else {
                problems.append("'outputs' must be a list of file names")
            }
        }
        var params: [ScriptParameter] = []
        if value["params"] != .nil {
            if let items = value["params"].arrayValue {
                for (i, item) in items.enumerated() {
                    if let p = readParameter(item, label: "params[\(i + 1)]", problems: &problems) {
                        if params.contains(where: { $0.name == p.name }) { problems.append("params[\(i + 1)]: '\(p.name)' is declared twice") }
                        params.append(p)
                    }
                }
            } else {
                problems.append("'params' must be a list of {name = ..., type = ..., default = ..., help = ...}")
            }
        }
        if !problems.isEmpty { throw ScriptDescriptionError(script: script, problems: problems) }
        return ScriptDescription(description: text, params: params, outputs: outputs)
    }

    private static func readParameter(_ item: LuaValue, label: String, problems: inout [String]) -> ScriptParameter? {
        guard case .table(let fields) = item else {
            problems.append("\(label) must be a table {name = ..., type = ...}, not \(typeName(item))")
            return nil
        }
        for key in fields.keys {
            if let k = key.stringValue, !parameterKeys.contains(k) { problems.append(unknownKey(k, in: label, known: parameterKeys)) }
        }
        guard let name = item["name"].stringValue, !name.isEmpty else {
            problems.append("\(label): 'name' must be a non-empty string")
            return nil
        }
        let where_ = "\(label) ('\(name)')"
        guard let typeText = item["type"].stringValue else {
            problems.append("\(where_): 'type' is missing; types are \(ScriptParameter.typeNames.joined(separator: ", "))")
            return nil
        }
        let isList = typeText.hasSuffix("[]")
        guard let kind = ScriptParameter.Kind(rawValue: isList ? String(typeText.dropLast(2)) : typeText) else {
            let close = Suggestion.closest(to: typeText, among: ScriptParameter.typeNames)
            problems.append("\(where_): type '\(typeText)' is not a type" + (close.map { " (did you mean '\($0)'?)" } ?? "")
                + "; types are \(ScriptParameter.typeNames.joined(separator: ", "))")
            return nil
        }
        var help = ""
        switch item["help"] {
        case .string(let s): help = s
        case .nil: break
        case let other: problems.append("\(where_): 'help' must be a string, not \(typeName(other))")
        }
        var required = false
        switch item["required"] {
        case .boolean(let b): required = b
        case .nil: break
        case let other: problems.append("\(where_): 'required' must be true or false, not \(typeName(other))")
        }
        var parameter = ScriptParameter(name: name, kind: kind, isList: isList, defaultValue: nil, required: required, help: help)
        let given = item["default"]
        if given != .nil {
            if parameter.accepts(given) {
                // An integer default of a number parameter is kept as the script wrote it.
                parameter.defaultValue = given
            } else {
                problems.append("\(where_): the default \(given) is \(typeName(given)), not \(article(typeText)) \(typeText)")
            }
        }
        return parameter
    }

    private static func unknownKey(_ key: String, in place: String, known: [String]) -> String {
        let close = Suggestion.closest(to: key, among: known)
        return "\(place) has an unknown key '\(key)'" + (close.map { " (did you mean '\($0)'?)" } ?? "") + "; keys are \(known.joined(separator: ", "))"
    }

    private static func typeName(_ value: LuaValue) -> String {
        switch value {
        case .nil: return "nil"
        case .boolean: return "a boolean"
        case .integer: return "an integer"
        case .number: return "a number"
        case .string: return "a string"
        case .table: return "a table"
        case .opaque(let t): return "a \(t)"
        }
    }

    /// The typed values of the parameters: `given` (`--param` text) converted, defaults filled in.
    /// Throws for a name the script does not declare, a value of the wrong type, or a required
    /// parameter not given.
    package func parameterValues(_ given: [String: String]) throws -> [String: LuaValue] {
        var values: [String: LuaValue] = [:]
        for (key, text) in given.sorted(by: { $0.key < $1.key }) {
            guard let p = params.first(where: { $0.name == key }) else {
                let close = Suggestion.closest(to: key, among: params.map(\.name))
                let known = params.isEmpty ? "the script takes no parameters" : "parameters are " + params.map(\.name).joined(separator: ", ")
                throw ScriptParameterError("--param \(key): the script has no parameter '\(key)'" + (close.map { " (did you mean '\($0)'?)" } ?? "") + "; \(known)")
            }
            values[key] = try p.convert(text)
        }
        for p in params where values[p.name] == nil {
            if let d = p.defaultValue {
                values[p.name] = d
            } else if p.required {
                throw ScriptParameterError("--param \(p.name)=...: '\(p.name)' is required (\(p.typeName)\(p.help.isEmpty ? "" : ": " + p.help))")
            }
        }
        return values
    }

    /// The parameters as help text, one a line: `  --param top=INTEGER   keywords to chart (default 20)`.
    package var parameterHelp: String {
        guard !params.isEmpty else { return "  (no parameters)" }
        let heads = params.map { "  --param \($0.name)=\($0.typeName.uppercased())" }
        let width = heads.map(\.count).max() ?? 0
        return zip(heads, params).map { head, p in
            var line = head.padding(toLength: width + 3, withPad: " ", startingAt: 0) + p.help
            if let d = p.defaultValue { line += " (default \(Self.display(d)))" } else if p.required { line += " (required)" }
            return line
        }.joined(separator: "\n")
    }

    /// A value as a user would type it.
    package static func display(_ value: LuaValue) -> String {
        switch value {
        case .string(let s): return s.isEmpty ? "\"\"" : s
        case .table: return (value.arrayValue ?? []).map(display).joined(separator: ",")
        default: return value.description
        }
    }

    /// The description, parameters and outputs as `scriptorium describe` prints them.
    package func text(script: String) -> String {
        var lines = ["\(script): \(description)", "", "Parameters:", parameterHelp]
        if !outputs.isEmpty { lines += ["", "Outputs:"] + outputs.map { "  " + $0 } }
        return lines.joined(separator: "\n")
    }
}

/// A described script whose header is not valid.
package struct ScriptDescriptionError: Error, CustomStringConvertible, Equatable {
    package var script: String
    package var problems: [String]
    package var description: String {
        "\(script): the script's description is not valid:\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
