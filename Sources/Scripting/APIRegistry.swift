// APIRegistry.swift: every function, method and field of the Lua API, declared once with its
// signature and a one-line description. Bindings register through it, so the reference and the
// editor types can be generated from what is really bound.
import Lua

/// A parameter of an API function.
public struct APIParameter: Sendable, Hashable {
    public var name: String
    public var type: String
    public var optional: Bool

    public init(_ name: String, _ type: String, optional: Bool = false) {
        self.name = name
        self.type = type
        self.optional = optional
    }
}

/// One entry of the Lua API.
public struct APIEntry: Sendable, Hashable {
    public enum Kind: String, Sendable { case function, method, field }
    /// The module or type it belongs to: "report", "Table", "Corpus", "Document".
    public var owner: String
    public var name: String
    public var kind: Kind
    public var parameters: [APIParameter]
    public var returns: String
    public var summary: String
    /// A line of Lua that uses it, for functions and methods.
    public var example: String?

    public init(owner: String, name: String, kind: Kind, parameters: [APIParameter], returns: String, summary: String, example: String? = nil) {
        self.owner = owner
        self.name = name
        self.kind = kind
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.example = example
    }

    /// How a script writes it: `report.csv(name, table)`, `corpus:count_by(field)`, `doc.title`.
    public var signature: String {
        // Module functions keep the module's name (Table.new, stats.mean); methods and fields are
        // shown on a value of the type (corpus:terms, document.title); globals stand alone.
        let receiver = kind == .function ? owner : owner.prefix(1).lowercased() + owner.dropFirst()
        switch kind {
        case .field where owner == "globals": return "\(name): \(returns)"
        case .field: return "\(receiver).\(name): \(returns)"
        case .function, .method:
            let separator = kind == .method ? ":" : "."
            let params = parameters.map { $0.optional ? "[\($0.name)]" : $0.name }.joined(separator: ", ")
            return "\(receiver)\(separator)\(name)(\(params))" + (returns.isEmpty ? "" : " -> \(returns)")
        }
    }
}

/// A Swift function with its API entry.
public struct APIFunction {
    public var entry: APIEntry
    public var body: LuaFunction

    public init(_ owner: String, _ name: String, kind: APIEntry.Kind = .method, _ parameters: [APIParameter] = [],
                returns: String = "", _ summary: String, body: @escaping LuaFunction) {
        entry = APIEntry(owner: owner, name: name, kind: kind, parameters: parameters, returns: returns, summary: summary)
        entry.example = APIExamples.example(for: entry)
        self.body = body
    }
}

/// The entries bound into one state.
public final class APIRegistry {
    public private(set) var entries: [APIEntry] = []

    public init() {}

    public func add(_ entry: APIEntry) {
        if !entries.contains(where: { $0.owner == entry.owner && $0.name == entry.name && $0.kind == entry.kind }) { entries.append(entry) }
    }

    public func add(_ functions: [APIFunction]) {
        for f in functions { add(f.entry) }
    }

    /// Entries of one owner, in declaration order.
    public func entries(of owner: String) -> [APIEntry] { entries.filter { $0.owner == owner } }
}
