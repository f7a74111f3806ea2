// ShardResolver.swift: the steps of a sharded run that need every shard at once, done on their
// keys alone. Records of one document found in different shards are merged where a single run
// merges them: the duplicate groups are found over the shards' match keys in corpus order, and the
// documents a shard needs from other shards to build its merged records are written beside them.
// Then author identities are decided over every shard's author names, as a single run decides them
// over its corpus. Each shard is then finished on its own (`finalize`), and the decisions applied
// when its pack is opened.
import Arrow
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

package enum ShardResolver {
    /// What finishing the shards needs: the duplicate groups (as shard and row, in corpus order)
    /// and, for groups across shards, the other shards' documents, by shard and row.
    package struct Duplicates: Codable, Equatable {
        package struct Member: Codable, Hashable, Comparable {
            package var shard: Int
            package var row: Int
            package static func < (a: Member, b: Member) -> Bool { (a.shard, a.row) < (b.shard, b.row) }
        }
        package var groups: [[Member]]
    }

    private static let groupsKey = "scriptorium.shard.duplicates", membersKey = "scriptorium.shard.members"

    /// Finds the duplicate groups over the shards' stores (in shard order) and writes them, with
    /// the documents of groups that cross shards, to the pack `output`.
    package static func resolve(_ stores: [DocumentStore], output: String) throws -> Duplicates {
        var finder = DuplicateFinder()
        var starts: [Int] = []
        var next = 0
        for store in stores {
            starts.append(next)
            finder.add(DuplicateFinder.keys(store))
            next += store.count
        }
        func member(_ global: Int) -> Duplicates.Member {
            let k = stores.indices.last { starts[$0] <= global && global < starts[$0] + stores[$0].count }!
            return Duplicates.Member(shard: k, row: global - starts[k])
        }
        let groups = finder.groups().map { $0.map(member).sorted() }
        // The documents of groups across shards, outside their first member's shard.
        var members = DocumentStore()
        var listed: [Duplicates.Member] = []
        for g in groups where Set(g.map(\.shard)).count > 1 {
            for m in g where m.shard != g[0].shard {
                members.append(rows: m.row ..< m.row + 1, of: stores[m.shard])
                listed.append(m)
            }
        }
        let duplicates = Duplicates(groups: groups)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try StorePack.write(members, to: output, metadata: [
            ArrowKeyValue(key: groupsKey, value: String(decoding: try encoder.encode(duplicates), as: UTF8.self)),
            ArrowKeyValue(key: membersKey, value: String(decoding: try encoder.encode(listed), as: UTF8.self)),
        ])
        return duplicates
    }

    /// Shard `shard`'s store with its duplicates merged as a single run merges them: a group's
    /// records become one at its first member's place (from any shard), and the other members
    /// leave their shards. Nil when no group touches the shard (its store stands as it is).
    package static func finalize(_ store: DocumentStore, shard: Int, resolution path: String) throws -> DocumentStore? {
        let file = try ArrowFile(path: path)
        let metadata = file.schema.metadata
        guard let groupsText = metadata.first(where: { $0.key == groupsKey })?.value,
              let membersText = metadata.first(where: { $0.key == membersKey })?.value else {
            throw ShardError("'\(path)' is not the duplicates of a sharded run")
        }
        let duplicates = try JSONDecoder().decode(Duplicates.self, from: Data(groupsText.utf8))
        let listed = try JSONDecoder().decode([Duplicates.Member].self, from: Data(membersText.utf8))
        let members = try StorePack.read(file)
        guard members.count == listed.count else { throw ShardError("'\(path)': its documents do not match its list") }
        var rowOfMember: [Duplicates.Member: Int] = [:]
        for (i, m) in listed.enumerated() { rowOfMember[m] = i }
        // Rows of this shard that go: members of a group whose first member is elsewhere.
        var leaving = Set<Int>()
        var mine: [[Duplicates.Member]] = []
        for g in duplicates.groups {
            if g[0].shard == shard { mine.append(g) } else { for m in g where m.shard == shard { leaving.insert(m.row) } }
        }
        guard !leaving.isEmpty || !mine.isEmpty else { return nil }
        // The shard without the leaving rows, then the other shards' members of its groups.
        var base = DocumentStore()
        var newRow = [Int](repeating: -1, count: store.count)
        var runStart = 0
        for row in 0 ... store.count where row == store.count || leaving.contains(row) {
            if runStart < row {
                for r in runStart ..< row { newRow[r] = base.count + (r - runStart) }
                base.append(rows: runStart ..< row, of: store)
            }
            runStart = row + 1
        }
        var groups: [[Int]] = []
        for g in mine {
            var rows: [Int] = []
            for m in g {
                if m.shard == shard {
                    rows.append(newRow[m.row])
                } else {
                    guard let i = rowOfMember[m] else { throw ShardError("'\(path)' lacks a document of shard \(m.shard)") }
                    rows.append(base.count)
                    base.append(rows: i ..< i + 1, of: members)
                }
            }
            groups.append(rows)
        }
        return DocumentMerger.merge(base, groups: groups).0
    }

    // MARK: Author identities

    private static let identitiesKey = "scriptorium.shard.identities"

    /// Decides author identities over the shards' (finished) stores, in shard order, and writes
    /// the decisions to `output` (JSON).
    package static func identities(_ stores: [DocumentStore], output: String) throws {
        let decisions = AuthorIdentities.decide(stores.map(\.authorNames))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(decisions)
        let url = URL(fileURLWithPath: output)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else { throw ShardError("cannot write '\(output)': \(String(cString: strerror(errno)))") }
    }

    /// Applies the identities decided for the run to shard `shard`'s store.
    package static func applyIdentities(_ path: String, to store: inout DocumentStore, shard: Int) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw ShardError("cannot read the identities '\(path)'") }
        let decisions: [String: AuthorIdentities.Decision]
        do { decisions = try JSONDecoder().decode([String: AuthorIdentities.Decision].self, from: data) } catch {
            throw ShardError("'\(path)' is not the author identities of a sharded run: \(error)")
        }
        AuthorIdentities.apply(decisions, to: &store, table: shard)
    }
}
