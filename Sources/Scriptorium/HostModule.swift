// HostModule.swift: Lua modules an embedding program adds to every script: a name and Swift
// closures with declared parameters. Arguments are checked like the built-in API's, a thrown
// Swift error reaches the script as a Lua error at the calling line, and the module's entries can
// join the generated reference and editor types.
import Lua
import Scripting

/// A plain value passed between a script and a host function.
public enum HostValue: Sendable, Equatable, CustomStringConvertible {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    /// A Lua sequence `{v1, v2, ...}`.
    case array([HostValue])
    /// A Lua table with string keys.
    case table([String: HostValue])

    /// The string, or nil for any other kind.
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    /// The number (an integer converted), or nil.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
    /// The integer (a number with an integer value converted), or nil.
    public var integer: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int64(d)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let b): return String(b)
        case .integer(let i): return String(i)
        case .number(let d): return String(d)
        case .string(let s): return "\"\(s)\""
        case .array(let items): return "{" + items.map(\.description).joined(separator: ", ") + "}"
        case .table(let t): return "{" + t.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + "}"
        }
    }

    init(_ value: LuaValue) {
        switch value {
        case .nil, .opaque: self = .nil
        case .boolean(let b): self = .boolean(b)
        case .integer(let i): self = .integer(i)
        case .number(let d): self = .number(d)
        case .string(let s): self = .string(s)
        case .table(let t):
            if let array = value.arrayValue {
                self = .array(array.map(HostValue.init))
            } else {
                var fields: [String: HostValue] = [:]
                for (k, v) in t { fields[k.stringValue ?? k.description] = HostValue(v) }
                self = .table(fields)
            }
        }
    }

    var luaValue: LuaValue {
        switch self {
        case .nil: return .nil
        case .boolean(let b): return .boolean(b)
        case .integer(let i): return .integer(i)
        case .number(let d): return .number(d)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.luaValue))
        case .table(let t):
            var table: [LuaValue: LuaValue] = [:]
            for (k, v) in t { table[.string(k)] = v.luaValue }
            return .table(table)
        }
    }
}

/// A declared parameter of a host function.
public struct HostParameter: Sendable, Equatable {
    /// What a parameter accepts; the engine checks it before the function is called.
    public enum Kind: String, Sendable { case string, integer, number, boolean, table, any }
    public var name: String
    public var kind: Kind
    public var optional: Bool

    /// A parameter called `name` that takes `kind`; an optional one may be left out or nil.
    public init(_ name: String, _ kind: Kind, optional: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
    }
}

/// A function of a host module.
public struct HostFunction: @unchecked Sendable {
    public var name: String
    public var parameters: [HostParameter]
    /// The result's type as the reference shows it ("number", "string[]"); empty for none.
    public var returns: String
    /// A one-line description for the reference.
    public var summary: String
    /// A line of Lua that uses it, for the reference.
    public var example: String?
    /// Called with the checked arguments, one for each declared parameter (`.nil` for an optional
    /// one not given); returns the function's results. A thrown error becomes a Lua error at the
    /// script's calling line, with the error's description as its message.
    public var body: ([HostValue]) throws -> [HostValue]

    /// A function called `name` in its module, run by `body`.
    public init(_ name: String, parameters: [HostParameter] = [], returns: String = "", summary: String, example: String? = nil,
                body: @escaping ([HostValue]) throws -> [HostValue]) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.example = example
        self.body = body
    }
}

/// A module the host adds to the globals of every script it runs: `lab.normalise(...)`.
public struct HostModule: Sendable {
    public var name: String
    /// What the module is for, a sentence for the reference.
    public var summary: String
    public var functions: [HostFunction]

    /// A module seen by scripts as the global `name`; it may not take a name scripts already have.
    public init(name: String, summary: String, functions: [HostFunction]) {
        self.name = name
        self.summary = summary
        self.functions = functions
    }

    var spec: HostModuleSpec {
        HostModuleSpec(name: name, summary: summary, functions: functions.map { f in
            HostFunctionSpec(name: f.name, parameters: f.parameters.map { APIParameter($0.name, $0.kind.rawValue, optional: $0.optional) },
                             returns: f.returns, summary: f.summary, example: f.example) { arguments in
                try f.body(arguments.map(HostValue.init)).map(\.luaValue)
            }
        })
    }
}
