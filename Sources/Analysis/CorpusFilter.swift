// CorpusFilter.swift: sub-corpora: corpus:where{...} filtered in Swift, and corpus:split_by(field).
// A sub-corpus is a view of the same store: no document is copied.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

/// Conditions of corpus:where; every condition given must hold.
package struct DocumentFilter: Sendable {
    package var yearFrom: Int?
    package var yearTo: Int?
    package var language: String?
    /// Documents with this keyword (case-insensitive).
    package var keyword: String?
    /// Documents by this author: "Dudin P.N." matches by normalised name, "Dudin" by family name.
    package var author: String?
    /// Documents with at least one of the values (compared without case) of each field:
    /// `where{type = {"article", "review"}}`.
    package var values: [(field: CorpusField, accepted: Set<String>)] = []

    package init(yearFrom: Int? = nil, yearTo: Int? = nil, language: String? = nil, keyword: String? = nil, author: String? = nil) {
        self.yearFrom = yearFrom
        self.yearTo = yearTo
        self.language = language
        self.keyword = keyword
        self.author = author
    }
}

package enum CorpusFilter {
    package static func filter(_ corpus: Corpus, _ f: DocumentFilter) -> Corpus {
        let s = corpus.store
        let keyword = f.keyword?.lowercased()
        let authorName = f.author.flatMap { AuthorName.parse($0, order: .familyFirst) }
        let authorKey = authorName.flatMap { $0.initials.isEmpty ? nil : $0.key }
        let family = f.author?.lowercased()
        let language = f.language?.lowercased()
        let rows = corpus.rowIndices.filter { row in
            if f.yearFrom != nil || f.yearTo != nil {
                guard let y = s.year[row], y >= (f.yearFrom ?? Int.min), y <= (f.yearTo ?? Int.max) else { return false }
            }
            if let language, s.language.string(row).lowercased() != language { return false }
            if let keyword, !s.keywords.range(row).contains(where: { s.keywordText.string($0).lowercased() == keyword }) { return false }
            for (field, accepted) in f.values where !field.values(s, row: row).contains(where: { accepted.contains($0.key) }) {
                return false
            }
            if let family {
                let matches = s.authors.range(row).contains { a in
                    if let authorKey {
                        // Its identity's key, or its own initials ("Kostoff R.N." finds "Kostoff, Ronald N." too).
                        return s.authorNames.key.string(a) == authorKey || s.authorNames.author(a).initialsKey == authorName?.initialsKey
                    }
                    return s.authorNames.family.string(a).lowercased() == family
                }
                if !matches { return false }
            }
            return true
        }
        return corpus.subset(rows: rows)
    }

    /// The sub-corpora holding each value of `field`, keyed by the value's cell, in value order. A
    /// document with several values is in several sub-corpora; one without any is in none.
    package static func split(_ corpus: Corpus, by field: CorpusField) -> [(Cell, Corpus)] {
        let s = corpus.store
        var groups: [String: (cell: Cell, rows: [Int])] = [:]
        for row in corpus.rowIndices {
            let values = field.isReferenceField
                ? s.references.range(row).flatMap { field.referenceValues(s, reference: $0) }
                : field.values(s, row: row)
            var seen = Set<String>()
            for v in values where seen.insert(v.key).inserted {
                groups[v.key, default: (v.cell, [])].rows.append(row)
            }
        }
        return groups.values.sorted { Cell.ascending($0.cell, $1.cell) }.map { ($0.cell, corpus.subset(rows: $0.rows)) }
    }
}
