// ReferenceKeys.swift: one key for each cited work across the references of a corpus, however
// each database writes it: the DOI when the reference has one; else the DOI that another
// reference to the same work (by `MatchKeys.work`: first author, year, volume and first page, or
// title) carries; else that bibliographic key (one without its page completed by the corpus's one
// key with that author, year and volume); else the reference's own text, normalised. Made
// once for a store, when first asked for, and shared by every view of it.
import CorpusModel
import Foundation

package final class ReferenceKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String]?

    package init() {}

    /// The key of every reference of `store`, by reference row.
    package func of(_ store: DocumentStore) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let keys, keys.count == store.referenceTable.count { return keys }
        let made = ReferenceKeys.make(store.referenceTable)
        keys = made
        return made
    }

    static func make(_ t: ReferenceTable) -> [String] {
        var works: [String?] = []
        works.reserveCapacity(t.count)
        var doiOfWork: [String: String] = [:]
        var dois: [String?] = []
        dois.reserveCapacity(t.count)
        for r in 0 ..< t.count {
            let family = t.authors.range(r).first.map { a in t.raw.withBytes(r) { t.authorNames.author(a, base: $0).family } }
            let work = MatchKeys.work(family: family, year: t.year[r], container: t.container.optional(r), volume: t.volume.optional(r), pages: t.pages.optional(r),
                                      title: t.title.optional(r))
            let doi = t.doi.optional(r).map { "doi:" + DOI.key($0) }
            if let work, let doi, doiOfWork[work] == nil { doiOfWork[work] = doi }
            works.append(work)
            dois.append(doi)
        }
        // A key without its page ("bai|2015|48") takes the one full key of that author, year and
        // volume, when the corpus has exactly one.
        var fullKeys: [String: Set<String>] = [:]
        for case let work? in works where work.split(separator: "|", omittingEmptySubsequences: false).count == 5 {
            fullKeys[String(work[..<work.lastIndex(of: "|")!]), default: []].insert(work)
        }
        for r in works.indices {
            guard let work = works[r], work.split(separator: "|", omittingEmptySubsequences: false).count == 4,
                  let full = fullKeys[work], full.count == 1, let only = full.first else { continue }
            works[r] = only
            if let doi = dois[r], doiOfWork[only] == nil { doiOfWork[only] = doi }
        }
        return (0 ..< t.count).map { r in
            if let doi = dois[r] { return doi }
            if let work = works[r] { return doiOfWork[work] ?? work }
            return "text:" + MatchKeys.normalisedWords(t.raw.string(r))
        }
    }
}
