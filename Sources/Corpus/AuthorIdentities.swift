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
        let names = store.authorNames
        // The family names that initials-only forms have, as hashes of their lower-cased bytes:
        // only full forms with one of them are looked at (most are not, in most corpora).
        var wanted = Set<UInt64>()
        var scratch: [UInt8] = []
        for a in 0 ..< names.count where names.given.isEmpty(a) { wanted.insert(familyHash(names, a, &scratch)) }
        guard !wanted.isEmpty else { return 0 }
        // Full forms by lower-cased family name: their keys and initials.
        var full: [String: [(key: String, initials: String, row: Int)]] = [:]
        for a in 0 ..< names.count where !names.given.isEmpty(a) && wanted.contains(familyHash(names, a, &scratch)) {
            let family = family(names, a)
            let key = names.key.string(a)
            var initials: [UInt8] = []
            names.appendInitials(a, lowercased: true, to: &initials)
            let entry = (key: key, initials: String(decoding: initials, as: UTF8.self), row: a)
            if !(full[family]?.contains { $0.key == entry.key } ?? false) { full[family, default: []].append(entry) }
        }
        guard !full.isEmpty else { return 0 }
        var replacement: [Int: String] = [:]
        var decided: [String: String?] = [:]  // an initials key and the full key it takes, if one
        for a in 0 ..< names.count where names.given.isEmpty(a) {
            let key = names.key.string(a)
            if let known = decided[key] {
                if let target = known { replacement[a] = target }
                continue
            }
            let family = family(names, a)
            var initials: [UInt8] = []
            names.appendInitials(a, lowercased: true, to: &initials)
            let own = String(decoding: initials, as: UTF8.self)
            let fits = (full[family] ?? []).filter { compatible(own, $0.initials) }
            let target = fits.count == 1 && !own.isEmpty ? fits[0].key : nil
            decided[key] = target
            if let target {
                replacement[a] = target
                store.authorNames.fullForms[target] = Int32(fits[0].row)
            }
        }
        guard !replacement.isEmpty else { return 0 }
        var keys = TextColumn()
        keys.reserve(values: names.count, bytes: names.key.bytes.count + replacement.count * 8)
        for a in 0 ..< names.count {
            if let target = replacement[a] { keys.append(target) } else { names.key.withBytes(a) { keys.append(bytes: $0) } }
        }
        store.authorNames.key = keys
        return replacement.count
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
