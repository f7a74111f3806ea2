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
        try lines(corpus, pattern: pattern, field: field, window: window, limit: limit, check: check).table(limit: limit)
    }

    /// The lines of `kwic` in the documents of `corpus` (shard `shard`'s, in a sharded run): at
    /// most `limit`, the first in corpus order; a partial result.
    package static func lines(_ corpus: Corpus, pattern: String, field: TextField, window: Int = 5, limit: Int? = nil, shard: Int = 0,
                              check: InterruptionCheck? = nil) throws -> OrderedRows {
        let tokenizer = Tokenizer()
        let wanted = tokenizer.tokens(pattern).map { Array($0.utf8) }
        guard !wanted.isEmpty else { throw AnalysisError.invalid("the pattern '\(pattern)' has no words") }
        let s = corpus.store
        let parts = try Parallel.map(corpus.rowIndices, chunkSize: 256, check: check) { rows -> [OrderedRows.Row] in
            var out: [OrderedRows.Row] = []
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
                        func excerpt(_ r: Range<Int>) -> String {
                            String(decoding: UnsafeBufferPointer(rebasing: text[r]), as: UTF8.self)
                                .split(whereSeparator: \.isNewline).joined(separator: " ")
                                .trimmingCharacters(in: " ")
                        }
                        out.append(OrderedRows.Row(shard: Int64(shard), row: Int64(row), cells: [
                            s.id.string(row), first > 0 ? excerpt(leftStart ..< spans[first].lowerBound) : "",
                            excerpt(spans[first].lowerBound ..< spans[last].upperBound),
                            last + 1 < words.count ? excerpt(spans[last].upperBound ..< rightEnd) : ""]))
                    }
                }
            }
            return out
        }
        let rows = parts.flatMap { $0 }
        return OrderedRows(columns: ["id", "left", "match", "right"], rows: limit.map { Array(rows.prefix($0)) } ?? rows)
    }
}

/// Rows of text cells, each with where its document is (shard and row): a partial result whose
/// merged parts keep the corpus order (the rows of one document in their own order).
package struct OrderedRows: Partial {
    package static let kind = "ordered-rows"

    package struct Row {
        var shard: Int64
        var row: Int64
        var cells: [String]
    }

    private(set) var names: [String]
    private(set) var rows: [Row]

    init(columns: [String], rows: [Row]) {
        names = columns
        self.rows = rows
    }

    package mutating func merge(_ other: OrderedRows) {
        rows = inCorpusOrder(rows + other.rows) { ($0.shard, $0.row) }
    }

    /// The rows as a table of text, the first `limit`.
    package func table(limit: Int?) -> Table {
        let kept = limit.map { Array(rows.prefix($0)) } ?? rows
        return Table(trusted: names, rows: kept.map { $0.cells.map(Cell.text) })
    }

    package var columns: PartialColumns {
        var c = PartialColumns(kind: Self.kind)
        c.add("shard", .ints(rows.map(\.shard)))
        c.add("row", .ints(rows.map(\.row)))
        for (i, name) in names.enumerated() { c.add("cell_" + name, .texts(rows.map { $0.cells[i] })) }
        c.values["columns"] = names.joined(separator: "\t")
        return c
    }

    package init(columns c: PartialColumns) throws {
        names = try c.value("columns").split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let shards = try c.ints("shard"), rowsOf = try c.ints("row")
        let cells = try names.map { try c.texts("cell_" + $0) }
        guard shards.count == rowsOf.count, cells.allSatisfy({ $0.count == shards.count }) else { throw PartialError("the columns of the rows differ in length") }
        rows = shards.indices.map { i in Row(shard: shards[i], row: rowsOf[i], cells: cells.map { $0[i] }) }
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
