// ShardPlan.swift: a corpus cut into shards for a distributed run. The plan lists the corpus's
// files in the loader's order, each with its global index and size, and cuts them into runs of
// consecutive files balanced by size, so that the shards' documents, joined in shard order, are the
// corpus's documents in the order a single run reads them. The plan is a JSON file every step of
// the run reads; its checksum ties the shards' files to it.
import CorpusBytes
import Foundation

package struct ShardPlan: Codable, Equatable, Sendable {
    /// The layout of plan files this version writes and reads.
    package static let layout = 1

    package struct File: Codable, Equatable, Sendable {
        package var path: String
        package var size: Int
    }

    /// A run of consecutive files: `files` indexes the plan's files.
    package struct Shard: Codable, Equatable, Sendable {
        package var index: Int
        package var first: Int
        package var count: Int
        package var bytes: Int
        package var files: Range<Int> { first ..< first + count }
    }

    package var layout: Int
    /// The corpus paths as given (a report names them).
    package var paths: [String]
    /// The format every file is read as, when one is forced.
    package var format: String?
    /// Whether records of one document are merged (across shards too).
    package var merge: Bool
    package var files: [File]
    package var shards: [Shard]

    /// Plans `shards` shards (at least one) over the files under `paths`. Shards may be empty when
    /// there are fewer files than shards.
    package static func make(paths: [String], shards: Int, format: String?, merge: Bool) throws -> ShardPlan {
        precondition(shards >= 1)
        // Files by absolute path, so that a step run elsewhere (another folder, another machine
        // sharing the file system) finds them; `paths` stay as given, for reports.
        let folder = FileManager.default.currentDirectoryPath
        let listed = try CorpusLoader.expand(paths).map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
        let stamper = FileSystem.Stamper()
        let files = listed.map { File(path: $0, size: stamper.stamp($0)?.size ?? 0) }
        return ShardPlan(layout: layout, paths: paths, format: format, merge: merge, files: files,
                         shards: balanced(files.map(\.size), into: shards))
    }

    /// Cuts `sizes` into `n` runs of consecutive items: run k ends where the running total comes
    /// nearest to k/n of the whole.
    static func balanced(_ sizes: [Int], into n: Int) -> [Shard] {
        var prefix = [0]
        for size in sizes { prefix.append(prefix[prefix.count - 1] + size) }
        let total = Double(prefix[prefix.count - 1])
        var bounds = [0]
        for k in 1 ..< n {
            let target = total * Double(k) / Double(n)
            let last = bounds[bounds.count - 1]
            var i = last
            while i < sizes.count && Double(prefix[i]) < target { i += 1 }
            if i > last && abs(Double(prefix[i - 1]) - target) < abs(Double(prefix[i]) - target) { i -= 1 }
            bounds.append(i)
        }
        bounds.append(sizes.count)
        return (0 ..< n).map { k in
            Shard(index: k, first: bounds[k], count: bounds[k + 1] - bounds[k], bytes: prefix[bounds[k + 1]] - prefix[bounds[k]])
        }
    }

    // MARK: The plan file

    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// A checksum of the plan, which the shards' files carry.
    package var checksum: String { String(ContentHash.of(Array((try? json()) ?? Data())), radix: 16) }

    /// Reads a plan file; the error names the file and what is wrong with it.
    package static func read(_ path: String) throws -> ShardPlan {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShardError("cannot read the plan '\(path)'") }
        let plan: ShardPlan
        do { plan = try JSONDecoder().decode(ShardPlan.self, from: data) } catch {
            throw ShardError("'\(path)' is not a shard plan: \(error)")
        }
        guard plan.layout == layout else { throw ShardError("'\(path)' is a plan of layout \(plan.layout); this version reads layout \(layout)") }
        var next = 0
        for (k, shard) in plan.shards.enumerated() {
            guard shard.index == k, shard.first == next, shard.count >= 0, shard.first + shard.count <= plan.files.count else {
                throw ShardError("'\(path)': shard \(k) does not follow the one before it")
            }
            next += shard.count
        }
        guard next == plan.files.count, !plan.shards.isEmpty else { throw ShardError("'\(path)': the shards do not cover the files") }
        return plan
    }

    /// The shard numbered `k`; the error says how many there are.
    package func shard(_ k: Int) throws -> Shard {
        guard k >= 0 && k < shards.count else { throw ShardError("there is no shard \(k): the plan has shards 0 to \(shards.count - 1)") }
        return shards[k]
    }
}

/// A step of a sharded run that cannot go on, and why.
package struct ShardError: Error, CustomStringConvertible, Equatable {
    package let description: String
    package init(_ description: String) { self.description = description }
}
