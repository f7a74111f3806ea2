// AuthorIdentities.swift: one person, one key, across a corpus. Web of Science writes "Kostoff,
// RN" in older records and "Kostoff, Ronald N." in newer ones; an initials-only form whose
// initials agree with exactly one full form of the same family name in the corpus is that person,
// and takes its key. Two different full given names ("Cheng, Yang" and "Cheng, Yan") never meet,
// and an initials form that fits several full forms ("Li, X." beside "Li, Xin" and "Li, Xia")
// stays apart. The forms each identity was found under are listed for reports.
import CorpusStore
import CorpusModel
import CorpusBytes

package enum AuthorIdentities {
    /// Rewrites the keys of the store's document authors so that each initials-only form takes the
    /// key of the one full form it fits. Returns how many authors took another key.
    @discardableResult
    package static func unify(_ store: inout DocumentStore) -> Int {
        apply(decide([store.authorNames]), to: &store, table: 0)
    }

    /// The identity an initials-only key takes: the full form's key, and where that form was
    /// first met (table and row), with its name.
    package struct Decision: Codable, Equatable, Sendable {
        package var key: String
        package var table: Int
        package var row: Int
        package var name: AuthorName
    }

    /// What `unify` decides over author tables read in corpus order (a corpus's, or its shards'
    /// in shard order): for each initials-only key that fits exactly one full form, that form.
    package static func decide(_ tables: [AuthorTable]) -> [String: Decision] {
        // The family names that initials-only forms have, as hashes of their lower-cased bytes:
        // only full forms with one of them are looked at (most are not, in most corpora).
        var wanted = Set<UInt64>()
        var scratch: [UInt8] = []
        for names in tables {
            for a in 0 ..< names.count where names.given.isEmpty(a) { wanted.insert(familyHash(names, a, &scratch)) }
        }
        guard !wanted.isEmpty else { return [:] }
        // Full forms by lower-cased family name: their keys and initials, first met first.
        var full: [String: [(key: String, initials: String, table: Int, row: Int)]] = [:]
        for (t, names) in tables.enumerated() {
            for a in 0 ..< names.count where !names.given.isEmpty(a) && wanted.contains(familyHash(names, a, &scratch)) {
                let family = family(names, a)
                let key = names.key.string(a)
                var initials: [UInt8] = []
                names.appendInitials(a, lowercased: true, to: &initials)
                let entry = (key: key, initials: String(decoding: initials, as: UTF8.self), table: t, row: a)
                if !(full[family]?.contains { $0.key == entry.key } ?? false) { full[family, default: []].append(entry) }
            }
        }
        guard !full.isEmpty else { return [:] }
        var decided: [String: Decision?] = [:]  // an initials key and the full form it takes, if one
        for names in tables {
            for a in 0 ..< names.count where names.given.isEmpty(a) {
                let key = names.key.string(a)
                guard decided[key] == nil else { continue }
                let family = family(names, a)
                var initials: [UInt8] = []
                names.appendInitials(a, lowercased: true, to: &initials)
                let own = String(decoding: initials, as: UTF8.self)
                let fits = (full[family] ?? []).filter { compatible(own, $0.initials) }
                if fits.count == 1 && !own.isEmpty {
                    let f = fits[0]
                    decided[key] = .some(Decision(key: f.key, table: f.table, row: f.row, name: tables[f.table].author(f.row)))
                } else {
                    decided[key] = .some(nil)
                }
            }
        }
        return decided.compactMapValues { $0 }
    }

    /// Gives the store's authors the keys `decisions` choose; the store is table `table` of the
    /// decision (a full form first met in another table is added to its names, unreferenced, so
    /// the identity is shown by it). Returns how many authors took another key.
    @discardableResult
    package static func apply(_ decisions: [String: Decision], to store: inout DocumentStore, table: Int) -> Int {
        guard !decisions.isEmpty else { return 0 }
        let names = store.authorNames
        var keys = TextColumn()
        var replaced = 0
        var targets: [Int: String] = [:]
        for a in 0 ..< names.count where names.given.isEmpty(a) {
            if let d = names.key.withBytes(a, { decisions[String(decoding: $0, as: UTF8.self)] }) {
                targets[a] = d.key
                replaced += 1
            }
        }
        guard replaced > 0 else { return 0 }
        keys.reserve(values: names.count, bytes: names.key.bytes.count + replaced * 8)
        for a in 0 ..< names.count {
            if let target = targets[a] { keys.append(target) } else { names.key.withBytes(a) { keys.append(bytes: $0) } }
        }
        store.authorNames.key = keys
        var byTarget: [String: Decision] = [:]
        for d in decisions.values { byTarget[d.key] = d }
        for d in Set(targets.values).sorted().compactMap({ byTarget[$0] }) where store.authorNames.fullForms[d.key] == nil {
            if d.table == table {
                store.authorNames.fullForms[d.key] = Int32(d.row)
            } else {
                store.authorNames.fullForms[d.key] = Int32(store.authorNames.count)
                store.authorNames.append(d.name)
            }
        }
        return replaced
    }

    private static func familyHash(_ names: AuthorTable, _ a: Int, _ scratch: inout [UInt8]) -> UInt64 {
        scratch.removeAll(keepingCapacity: true)
        names.withFamily(a) { Lowercase.append($0, to: &scratch) }
        return ContentHash.of(scratch)
    }

    private static func family(_ names: AuthorTable, _ a: Int) -> String {
        var out: [UInt8] = []
        names.withFamily(a) { Lowercase.append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether initials "r." and "r.n." (lower-cased, dotted) can be one person's: one is the other
    /// or begins it, name by name ("r." fits "r.n.", "r.n." fits "r.", "r.m." does not fit "r.n.").
    package static func compatible(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: "."), y = b.split(separator: ".")
        return !x.isEmpty && !y.isEmpty && zip(x, y).allSatisfy { $0 == $1 }
    }

    /// Each identity's key with the distinct written forms it was found under, in order of first
    /// appearance, for the documents `rows` of the store.
    package static func forms(_ store: DocumentStore, rows: [Int]) -> [(key: String, forms: [String], documents: Int)] {
        var order: [String] = []
        var forms: [String: [String]] = [:]
        var documents: [String: Int] = [:]
        let names = store.authorNames
        for row in rows {
            var seen = Set<String>()
            for a in store.authors.range(row) {
                let key = names.key.string(a)
                let written = names.written.string(a)
                if forms[key] == nil { order.append(key) }
                if !(forms[key]?.contains(written) ?? false) { forms[key, default: []].append(written) }
                if seen.insert(key).inserted { documents[key, default: 0] += 1 }
            }
        }
        return order.map { ($0, forms[$0]!, documents[$0]!) }
    }
}
