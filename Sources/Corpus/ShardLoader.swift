// ShardLoader.swift: the documents of one shard of a plan, read from its files into a pack (an
// Arrow file, as `convert` writes), and opened again for the steps of the run. A shard's pack
// carries its plan's checksum and its number, so a pack is never taken for another plan's shard.
import Arrow
import CorpusReaders
import CorpusStore
import CorpusModel
import Foundation

package enum ShardLoader {
    private static let planKey = "scriptorium.shard.plan", shardKey = "scriptorium.shard.index"

    /// Reads shard `k`'s files (in the plan's order, not merged: merging is a step of its own
    /// across shards) and writes them as a pack at `output`. Returns its documents and diagnostics.
    package static func load(_ plan: ShardPlan, shard k: Int, output: String, threads: Int = 0) throws -> (documents: Int, diagnostics: [Diagnostic]) {
        let shard = try plan.shard(k)
        let files = plan.files[shard.files].map(\.path)
        let format = try plan.format.map { name -> CorpusFormat in
            guard let f = CorpusFormat(rawValue: name) else { throw ShardError("the plan forces the format '\(name)', which this version does not read") }
            return f
        }
        let (store, diagnostics, _, _) = CorpusLoader.parse(files: files, options: LoadOptions(threads: threads, format: format, merge: false))
        try write(store, plan: plan, shard: k, output: output)
        return (store.count, diagnostics)
    }

    /// Writes shard `k`'s store as a pack marked with its plan and number.
    package static func write(_ store: DocumentStore, plan: ShardPlan, shard k: Int, output: String) throws {
        try StorePack.write(store, to: output, metadata: [ArrowKeyValue(key: planKey, value: plan.checksum), ArrowKeyValue(key: shardKey, value: String(k))])
    }

    /// The store of shard `k`'s pack; throws when it is not a pack of this plan's shard `k`.
    package static func open(_ path: String, plan: ShardPlan, shard k: Int) throws -> DocumentStore {
        do {
            let file = try ArrowFile(path: path)
            let metadata = file.schema.metadata
            guard metadata.first(where: { $0.key == planKey })?.value == plan.checksum,
                  metadata.first(where: { $0.key == shardKey })?.value == String(k) else {
                throw ShardError("'\(path)' is not the pack of shard \(k) of this plan (load it again with `scriptorium shard load`)")
            }
            return try StorePack.read(file)
        } catch let e as ArrowError {
            throw ShardError("'\(path)' cannot be read as a shard's pack: \(e)")
        }
    }
}
