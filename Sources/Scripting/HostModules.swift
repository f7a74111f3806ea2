// HostModules.swift: Lua modules an embedding program adds: a global table of Swift functions with
// declared parameters, checked like the built-in API's (`bad argument #2 to 'scale' (number
// expected, got string)`), whose thrown errors reach the script as Lua errors at the calling line,
// and whose entries join the registry, so the reference and the editor types can list them.
import Lua

/// A function of a host module.
package struct HostFunctionSpec: @unchecked Sendable {
    package var name: String
    /// Parameter types: string, integer, number, boolean, table, any.
    package var parameters: [APIParameter]
    package var returns: String
    package var summary: String
    package var example: String?
    package var body: ([LuaValue]) throws -> [LuaValue]

    package init(name: String, parameters: [APIParameter], returns: String, summary: String, example: String?,
                 body: @escaping ([LuaValue]) throws -> [LuaValue]) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.example = example
        self.body = body
    }
}

/// A module the host adds to every script's globals.
package struct HostModuleSpec: @unchecked Sendable {
    package var name: String
    package var summary: String
    package var functions: [HostFunctionSpec]

    package init(name: String, summary: String, functions: [HostFunctionSpec]) {
        self.name = name
        self.summary = summary
        self.functions = functions
    }

    /// The parameter types a host function may declare.
    package static let parameterTypes = ["string", "integer", "number", "boolean", "table", "any"]

    /// Why this module cannot be added, or nil when it can.
    package func problem(reserved: Set<String>) -> String? {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_",
              name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" }) else {
            return "host module name '\(name)' is not a Lua name"
        }
        if reserved.contains(name) { return "host module '\(name)' would replace the global '\(name)' that scripts already have" }
        for f in functions {
            for p in f.parameters where !Self.parameterTypes.contains(p.type) {
                return "\(name).\(f.name): parameter '\(p.name)' has type '\(p.type)'; types are \(Self.parameterTypes.joined(separator: ", "))"
            }
        }
        return nil
    }

    /// The module's functions bound for a state: arguments checked against the declarations.
    func bound() -> [APIFunction] {
        functions.map { f in
            var function = APIFunction(name, f.name, kind: .function, f.parameters, returns: f.returns, f.summary) { s in
                var arguments: [LuaValue] = []
                for (i, p) in f.parameters.enumerated() {
                    let index = Int32(i + 1)
                    try Self.check(s, index, p)
                    arguments.append(s.value(at: index))
                }
                let results = try f.body(arguments)
                for r in results { s.push(r) }
                return Int32(results.count)
            }
            function.entry.example = f.example
            return function
        }
    }

    private static func check(_ s: LuaStack, _ index: Int32, _ p: APIParameter) throws {
        let type = s.type(at: index)
        if type == .nil || type == .none {
            guard p.optional || p.type == "any" else { throw LuaArgumentError(index, "\(p.type) expected, got \(type == .none ? "no value" : "nil")") }
            return
        }
        switch p.type {
        case "string": _ = try s.argumentString(index)
        case "integer": _ = try s.argumentInteger(index)
        case "number": guard type == .number else { throw LuaArgumentError(index, "number expected, got \(s.typeName(at: index))") }
        case "boolean": guard type == .boolean else { throw LuaArgumentError(index, "boolean expected, got \(s.typeName(at: index))") }
        case "table": try s.argumentTable(index)
        default: break
        }
    }
}
