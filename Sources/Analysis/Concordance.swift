// Concordance.swift: corpus:kwic: every occurrence of a word or phrase in a text field, with the
// words around it as written (keyword in context). Matching is case-insensitive, on folded words.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

package enum Concordance {
    /// id, left, match, right, in corpus order, at most `limit` rows.
    package static func kwic(_ corpus: Corpus, pattern: String, field: TextField, window: Int = 5, limit: Int? = nil,
                            check: InterruptionCheck? = nil) throws -> Table {
        let tokenizer = Tokenizer()
        let wanted = tokenizer.tokens(pattern).map { Array($0.utf8) }
        guard !wanted.isEmpty else { throw AnalysisError.invalid("the pattern '\(pattern)' has no words") }
        let s = corpus.store
        let parts = try Parallel.map(corpus.rowIndices, chunkSize: 256, check: check) { rows -> [[Cell]] in
            var out: [[Cell]] = []
            var scratch: [UInt8] = []
            for row in rows {
                if let limit, out.count >= limit { break }
                field.forEachText(s, row: row) { text in
                    var words: [[UInt8]] = []
                    var spans: [Range<Int>] = []
                    tokenizer.forEachToken(in: text, scratch: &scratch) { word, span in
                        words.append(Array(word))
                        spans.append(span)
                    }
                    guard words.count >= wanted.count else { return }
                    for first in 0...(words.count - wanted.count) where words[first] == wanted[0] {
                        guard (0..<wanted.count).allSatisfy({ words[first + $0] == wanted[$0] }) else { continue }
                        let last = first + wanted.count - 1
                        let leftStart = spans[max(0, first - window)].lowerBound
                        let rightEnd = spans[min(words.count - 1, last + window)].upperBound
                        func excerpt(_ r: Range<Int>) -> Cell {
                            .text(String(decoding: UnsafeBufferPointer(rebasing: text[r]), as: UTF8.self)
                                .split(whereSeparator: \.isNewline).joined(separator: " ")
                                .trimmingCharacters(in: " "))
                        }
                        out.append([.text(s.id.string(row)),
                                    first > 0 ? excerpt(leftStart ..< spans[first].lowerBound) : .text(""),
                                    excerpt(spans[first].lowerBound ..< spans[last].upperBound),
                                    last + 1 < words.count ? excerpt(spans[last].upperBound ..< rightEnd) : .text("")])
                    }
                }
            }
            return out
        }
        let rows = parts.flatMap { $0 }
        return Table(trusted: ["id", "left", "match", "right"], rows: limit.map { Array(rows.prefix($0)) } ?? rows)
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
