// CitationRanking.swift: the documents most cited by the other documents of the loaded corpus
// (local citations, from the links `CitationLinker` makes), with the citation count the source
// gave (global citations) beside them.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

package enum CitationRanking {
    /// id, title, year, cited_by, citations: the corpus's documents by local citations descending,
    /// then id ascending; documents nobody in the corpus cites are left out.
    package static func mostCited(_ corpus: Corpus, top: Int? = nil) throws -> Table {
        let index = corpus.citations
        let s = corpus.store
        var rows = corpus.rowIndices.filter { index.citedBy[$0] > 0 }
        rows.sort { a, b in
            index.citedBy[a] != index.citedBy[b] ? index.citedBy[a] > index.citedBy[b] : s.id.string(a) < s.id.string(b)
        }
        if let top { rows = Array(rows.prefix(top)) }
        return try Table(columns: ["id", "title", "year", "cited_by", "citations"], rows: rows.map { row in
            [.text(s.id.string(row)), .text(s.title.string(row)), s.year[row].map { .int($0) } ?? .null,
             .int(Int(index.citedBy[row])), s.citations[row].map { .int($0) } ?? .null]
        })
    }
}
