// TermCounter.swift: corpus:terms: how often each term (word or n-gram) occurs in a text field and
// in how many documents, counted in parallel over documents.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Tables

package enum TermCounter {
    /// Counts of every term of the corpus.
    package static func count(_ corpus: Corpus, _ options: TermOptions, check: InterruptionCheck? = nil) throws -> TermTable {
        if options.ngram <= 1 && !options.field.isTermList { return try countWords(corpus, options, check: check) }
        let store = corpus.store
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> TermTable in
            var table = TermTable()
            var extractor = TermExtractor(options)
            for row in rows {
                extractor.forEachHashedTerm(store, row: row) { table.add($0, hash: $1, document: Int32(row)) }
            }
            return table
        }, merge: { $0.merge($1) })
        return total ?? TermTable()
    }

    /// Counts of single words: the tokenizer feeding a WordCounter, with nothing called per word
    /// that is not inlined.
    private static func countWords(_ corpus: Corpus, _ options: TermOptions, check: InterruptionCheck?) throws -> TermTable {
        let store = corpus.store
        let counters = try Parallel.accumulate(corpus.rowIndices, check: check, make: { WordCounter(stopwords: options.stopwords) }) {
            counter, rows in
            let tokenizer = Tokenizer()
            var scratch: [UInt8] = []
            for row in rows {
                let document = Int32(row)
                options.field.forEachTextOutlined(store, row: row) { text in
                    tokenizer.forEachToken(in: text, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in
                        counter.add(word, document: document)
                    }
                }
            }
        }
        guard let total = counters.first else { return TermTable() }
        for other in counters.dropFirst() { total.merge(other) }
        return total.table()
    }

    /// term, count, documents: by count descending, then term ascending. Under a `grouping`, the
    /// terms of a group are one term, shown in its most frequent spelling.
    package static func terms(_ corpus: Corpus, _ options: TermOptions, minCount: Int = 1, top: Int? = nil,
                             grouping: ValueGrouping = .none, check: InterruptionCheck? = nil) throws -> Table {
        if !grouping.isNone { return try groupedTerms(corpus, options, minCount: minCount, top: top, grouping: grouping, check: check) }
        if options.ngram == 2 && !options.field.isTermList {
            return try BigramCounter.terms(corpus, options, minCount: minCount, top: top, check: check)
        }
        return terms(TermCounts(table: try count(corpus, options, check: check)), minCount: minCount, top: top)
    }

    /// The `terms` table of counts (of a whole corpus, or merged from its shards): by count
    /// descending, then term ascending.
    package static func terms(_ counts: TermCounts, minCount: Int = 1, top: Int? = nil) -> Table {
        let table = counts.table
        let ranked = table.ranked(minCount: minCount, limit: top)
        return Table(trusted: ["term", "count", "documents"], rows: ranked.map {
            [.text(table.key($0)), .int(table.count(of: $0)), .int(table.documents(of: $0))]
        })
    }

    private static func groupedTerms(_ corpus: Corpus, _ options: TermOptions, minCount: Int, top: Int?,
                                     grouping: ValueGrouping, check: InterruptionCheck?) throws -> Table {
        let store = corpus.store
        let keys = ValueKeys(grouping, form: .folded)
        let total = try Parallel.reduce(corpus.rowIndices, check: check, { rows -> GroupedTable in
            var table = GroupedTable(keys)
            var extractor = TermExtractor(options)
            for row in rows {
                extractor.forEachTerm(store, row: row) { table.add($0, document: Int32(row)) }
            }
            return table
        }, merge: { $0.merge($1) }) ?? GroupedTable(keys)
        let groups = total.groups
        let ranked = groups.ranked(minCount: minCount, limit: top)
        let best = total.bestSpellings { total.variants.count(of: $0) }, written = keys.displays
        return Table(trusted: ["term", "count", "documents"], rows: ranked.map {
            [.text(total.display($0, best: best, written: written, label: total.variants.key)), .int(groups.count(of: $0)), .int(groups.documents(of: $0))]
        })
    }
}

/// Each term's occurrences and documents: the partial result of `terms` (ties are broken by the
/// term itself, so no first meeting is needed). Counts of disjoint documents add up.
package struct TermCounts: Partial {
    package static let kind = "terms"
    package var table: TermTable

    package init(table: TermTable) { self.table = table }

    package mutating func merge(_ other: TermCounts) { table.merge(other.table) }

    package var columns: PartialColumns {
        var c = PartialColumns(kind: Self.kind)
        c.add("term", .texts((0 ..< table.count).map { table.key($0) }))
        c.add("count", .ints((0 ..< table.count).map { Int64(table.count(of: $0)) }))
        c.add("documents", .ints((0 ..< table.count).map { Int64(table.documents(of: $0)) }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let terms = try c.texts("term"), counts = try c.ints("count"), documents = try c.ints("documents")
        guard terms.count == counts.count, counts.count == documents.count else { throw PartialError("the columns of the term counts differ in length") }
        table = TermTable()
        for i in terms.indices {
            guard counts[i] >= 0, documents[i] >= 0, documents[i] <= Int64(Int32.max) else { throw PartialError("a term's counts are out of range") }
            var term = terms[i]
            term.withUTF8 { table.add($0, occurrences: Int(counts[i]), documents: Int(documents[i])) }
        }
    }
}
