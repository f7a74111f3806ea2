// FoldBinding.swift: `corpus:fold{init, step, merge}`, what a script that accumulates over the
// documents in Lua writes so that the accumulation splits across shards: each part starts from
// `init`, `step(acc, doc)` adds one document, and `merge(a, b)` joins two parts' accumulators (a's
// documents before b's). The accumulator crosses processes as a plain value (nil, booleans,
// numbers, strings, tables of them), written in `LuaValueText`.
import Analysis
import Lua

enum FoldBinding {
    static let kind = "fold"

    static func function(_ context: ScriptContext) -> APIFunction {
        APIFunction("Corpus", "fold", [APIParameter("spec", "{init: any, step: function, merge: function}")],
                    returns: "any",
                    "accumulates over the documents in order: starts from `init` (a value, or a function making one), calls `step(acc, doc)` for each document (its result, when not nil, is the new accumulator), and returns the accumulator; a sharded run folds each shard apart and joins the parts with `merge(a, b)` (a's documents come before b's), so `merge` must give what one fold over both would; the accumulator holds nil, booleans, numbers, strings and tables of them") { s in
            let handle = try CorpusBinding.handle(s)
            guard s.type(at: 2) == .table else { throw LuaArgumentError(2, "a table {init = ..., step = function(acc, doc) ... end, merge = function(a, b) ... end} expected") }
            _ = try OptionsTable(s, 2, known: ["init", "step", "merge"])
            s.getField("step", at: 2)
            s.getField("merge", at: 2)
            s.getField("init", at: 2)
            // Stack: 3 step, 4 merge, 5 init.
            guard s.type(at: 3) == .function else { throw LuaArgumentError(2, "fold needs 'step', a function(acc, doc)") }
            guard s.type(at: 4) == .function else { throw LuaArgumentError(2, "fold needs 'merge', a function(a, b) joining two parts' accumulators") }
            /// Leaves the accumulator over the corpus's documents on top of the stack.
            func fold() throws {
                if s.type(at: 5) == .function {
                    s.pushCopy(of: 5)
                    try s.call(arguments: 0, results: 1)
                } else {
                    s.pushCopy(of: 5)
                }
                let acc = s.top
                for i in 0 ..< handle.corpus.count {
                    s.pushCopy(of: 3)
                    s.pushCopy(of: acc)
                    DocumentBinding.push(document: handle.corpus.row(i), slot: handle.slot, on: s)
                    try s.call(arguments: 2, results: 1)
                    // The result, when not nil, takes the accumulator's place (it is just above it).
                    if s.type(at: -1) == .nil { s.pop() } else { s.remove(at: acc) }
                }
            }
            func plainValue() throws -> LuaValue {
                let value = s.value(at: -1)
                if let problem = LuaValueText.problem(value) { throw ScriptError("fold: the accumulator \(problem)") }
                return value
            }
            switch try context.nextCall("fold") {
            case .compute:
                try fold()
            case .answered(let path):
                s.push(try LuaValueText.decode(try PartialColumns.read(path).value("value")))
            case .part(_, let output):
                try fold()
                var part = PartialColumns(kind: kind)
                part.values["value"] = LuaValueText.encode(try plainValue())
                try part.write(to: output)
                context.endStep()
            case .merge(let parts, let output):
                for (k, path) in parts.enumerated() {
                    let columns = try PartialColumns.read(path)
                    guard columns.kind == kind else { throw ScriptError("'\(path)' holds a partial '\(columns.kind)', not a fold's") }
                    let value = try LuaValueText.decode(try columns.value("value"))
                    if k == 0 { s.push(value); continue }
                    let acc = s.top
                    s.pushCopy(of: 4)
                    s.pushCopy(of: acc)
                    s.push(value)
                    try s.call(arguments: 2, results: 1)
                    if s.type(at: -1) == .nil { s.pop() } else { s.remove(at: acc) }
                }
                guard !parts.isEmpty else { throw ScriptError("fold: no parts to merge") }
                var merged = PartialColumns(kind: kind)
                merged.values["value"] = LuaValueText.encode(try plainValue())
                try merged.write(to: output)
                context.endStep()
            }
            return 1
        }
    }
}
