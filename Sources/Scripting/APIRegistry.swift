// APIRegistry.swift: every function, method and field of the Lua API, declared once with its
// signature and a one-line description. Bindings register through it, so the reference and the
// editor types can be generated from what is really bound.
import Lua

/// A parameter of an API function.
package struct APIParameter: Sendable, Hashable {
    package var name: String
    package var type: String
    package var optional: Bool

    package init(_ name: String, _ type: String, optional: Bool = false) {
        self.name = name
        self.type = type
        self.optional = optional
    }
}

/// One entry of the Lua API.
package struct APIEntry: Sendable, Hashable {
    package enum Kind: String, Sendable { case function, method, field }
    /// The module or type it belongs to: "report", "Table", "Corpus", "Document".
    package var owner: String
    package var name: String
    package var kind: Kind
    package var parameters: [APIParameter]
    package var returns: String
    package var summary: String
    /// A line of Lua that uses it, for functions and methods.
    package var example: String?

    package init(owner: String, name: String, kind: Kind, parameters: [APIParameter], returns: String, summary: String, example: String? = nil) {
        self.owner = owner
        self.name = name
        self.kind = kind
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.example = example
    }

    /// How a script writes it: `report.csv(name, table)`, `corpus:count_by(field)`, `doc.title`.
    package var signature: String {
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
package struct APIFunction {
    package var entry: APIEntry
    package var body: LuaFunction

    package init(_ owner: String, _ name: String, kind: APIEntry.Kind = .method, _ parameters: [APIParameter] = [],
                returns: String = "", _ summary: String, body: @escaping LuaFunction) {
        entry = APIEntry(owner: owner, name: name, kind: kind, parameters: parameters, returns: returns, summary: summary)
        entry.example = APIExamples.example(for: entry)
        self.body = body
    }
}

/// The entries bound into one state.
package final class APIRegistry {
    package private(set) var entries: [APIEntry] = []

    package init() {}

    package func add(_ entry: APIEntry) {
        if !entries.contains(where: { $0.owner == entry.owner && $0.name == entry.name && $0.kind == entry.kind }) { entries.append(entry) }
    }

    package func add(_ functions: [APIFunction]) {
        for f in functions { add(f.entry) }
    }

    /// Entries of one owner, in declaration order.
    package func entries(of owner: String) -> [APIEntry] { entries.filter { $0.owner == owner } }
}
