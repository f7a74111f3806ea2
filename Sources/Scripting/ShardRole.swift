// ShardRole.swift: how one run of a script takes part in a sharded run. Every step of a sharded
// run runs the whole script again, and the script's calls that need the whole corpus (`#corpus`,
// `count_by`, `crosstab`, `fold`, ...) are numbered in the order it makes them; the same script
// with the same answers makes the same calls in every step. A shard's step takes the merged
// answers of the calls before its round, computes its part of the round's call over its own
// documents, writes it and stops; the merging step reads every shard's part of that call and
// writes the answer; the finishing step takes every call's answer and writes the report. A
// plain run is a whole corpus: its calls are computed where they are made.
import Analysis
import Foundation
import Lua

package enum ShardRole: Sendable {
    /// A run over the whole corpus.
    case whole
    /// Shard `shard`'s part of call `round`, written to `output`; earlier calls answered from `answers`.
    case shard(shard: Int, round: Int, answers: String, output: String)
    /// The answer of call `round`, merged from the shards' parts (in shard order) into `output`.
    case merge(round: Int, answers: String, parts: [String], output: String)
    /// The report, every call answered from `answers`.
    case finish(answers: String)

    /// The answer of call `n` in an answers folder.
    package static func answer(_ answers: String, call n: Int) -> String {
        URL(fileURLWithPath: answers).appendingPathComponent("call-\(n).arrow").path
    }
}

/// What a run does with its next call.
enum CallStep {
    /// Computes it over the corpus and uses the result (a whole run).
    case compute
    /// Reads its merged answer.
    case answered(String)
    /// Computes this shard's part, writes it to `output`, and stops.
    case part(shard: Int, output: String)
    /// Merges the shards' parts into `output`, and stops.
    case merge(parts: [String], output: String)
}

extension ScriptContext {
    /// The step for the script's next call; throws once the step's own call is done (the run is
    /// being stopped), so that nothing after it is computed.
    func nextCall(_ name: String) throws -> CallStep {
        guard !stepDone else { throw ScriptError("the step of this sharded run is over") }
        calls += 1
        switch role {
        case .whole: return .compute
        case .finish(let answers): return .answered(ShardRole.answer(answers, call: calls))
        case .shard(let shard, let round, let answers, let output):
            return calls < round ? .answered(ShardRole.answer(answers, call: calls)) : .part(shard: shard, output: output)
        case .merge(let round, let answers, let parts, let output):
            return calls < round ? .answered(ShardRole.answer(answers, call: calls)) : .merge(parts: parts, output: output)
        }
    }

    /// Ends the step: its call is done, and the script stops at its next instruction.
    func endStep() {
        stepDone = true
        state.cancel()
        state.stop(.cancelled)
    }

    /// Call `name`, an aggregation with partial results: computed where the run needs it, merged
    /// where it merges, read where it is answered.
    func distributed<P: Partial>(_ name: String, _ compute: (_ shard: Int) throws -> P) throws -> P {
        switch try nextCall(name) {
        case .compute:
            return try compute(0)
        case .answered(let path):
            return try P.read(path)
        case .part(let shard, let output):
            let part = try compute(shard)
            try part.columns.write(to: output)
            endStep()
            return part
        case .merge(let parts, let output):
            var merged: P?
            for path in parts {
                let part = try P.read(path)
                if merged == nil { merged = part } else { merged!.merge(part) }
            }
            guard let merged else { throw ScriptError("call \(calls) (\(name)) has no parts to merge") }
            try merged.columns.write(to: output)
            endStep()
            return merged
        }
    }

    /// Whether the run is a plain run over the whole corpus.
    var isWhole: Bool {
        if case .whole = role { return true }
        return false
    }

    /// Refuses what a sharded run cannot do (read documents one by one outside `fold` and
    /// `filter`, or a call not split across shards yet).
    func requireWholeCorpus(_ what: String) throws {
        guard case .whole = role else {
            throw ScriptError("\(what) needs the whole corpus in one place, which a sharded run does not have; use corpus:fold, "
                              + "corpus:count_by, corpus:crosstab, corpus:where or corpus:filter")
        }
    }
}
