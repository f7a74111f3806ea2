// CorpusBinding.swift: the `corpus` a script receives: its length, its documents by position,
// iteration, and the aggregations computed in Swift.
import Analysis
import Corpus
import Lua

/// What a Corpus userdata holds.
final class CorpusHandle {
    let corpus: Corpus
    let slot: Int32
    init(corpus: Corpus, slot: Int32) {
        self.corpus = corpus
        self.slot = slot
    }
}

enum CorpusBinding {
    static let typeName = "Corpus"

    static func register(in context: ScriptContext) {
        let functions = [
            APIFunction("Corpus", "documents", returns: "fun(): Document",
                        "iterates the documents in order: `for doc in corpus:documents() do ... end`") { _ in 0 },
            APIFunction("Corpus", "count_by", [APIParameter("field", "string")], returns: "Table",
                        "how many documents have each value of a field (references for `references.*` fields), most frequent first") { s in
                let handle = try self.handle(s)
                let name = try s.argumentString(2)
                let field: CorpusField
                do { field = try CorpusField(name: name) } catch { throw LuaArgumentError(2, String(describing: error)) }
                try s.state.checkLimits()
                TableBinding.push(FieldCounter.countBy(handle.corpus, field), on: s)
                return 1
            },
        ]
        context.registerType(typeName, functions, index: { s in
            let handle = try self.handle(s)
            guard let position = s.toInteger(2), s.type(at: 2) == .number else {
                if let key = s.toString(2) {
                    throw ScriptError("corpus has no field or method '\(key)'; methods are "
                        + functions.map(\.entry.name).joined(separator: ", ") + "; documents are corpus[1] to corpus[#corpus]")
                }
                throw ScriptError("corpus is indexed by position (1 to #corpus) or method name, not by \(s.typeName(at: 2))")
            }
            guard position >= 1 && position <= handle.corpus.count else { s.pushNil(); return 1 }
            DocumentBinding.push(document: handle.corpus.row(position - 1), slot: handle.slot, on: s)
            return 1
        }, metamethods: [
            "__len": { s in
                s.push(try self.handle(s).corpus.count)
                return 1
            },
            "__tostring": { s in
                let c = try self.handle(s).corpus
                s.push("Corpus of \(c.count) document\(c.count == 1 ? "" : "s")")
                return 1
            },
        ])
        context.state.addMethod("documents", toType: typeName) { s in context.pushHelper("positions", on: s) }
    }

    static func push(_ corpus: Corpus, in context: ScriptContext, on s: LuaStack) {
        s.pushObject(CorpusHandle(corpus: corpus, slot: context.slot(for: corpus)), typeName: typeName)
    }

    static func handle(_ s: LuaStack) throws -> CorpusHandle {
        guard let h = s.object(at: 1, typeName: typeName, as: CorpusHandle.self) else {
            throw LuaArgumentError(1, "Corpus expected, got \(s.typeName(at: 1))")
        }
        return h
    }
}
