// AnalysisFixture.swift: small corpora written for the aggregation tests, with values countable by hand.
import Analysis
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes

enum AnalysisFixture {
    static func doc(_ id: String, year: Int?, abstract: String?, keywords: [String] = [], authors: [String] = [],
                    language: String? = "en", references: [String] = []) -> Document {
        Document(id: id, title: "Title \(id)", authors: authors.compactMap { AuthorName.parse($0) }, abstract: abstract,
                 year: year, keywords: keywords, references: references.map { ReferenceParser.parse($0) },
                 language: language, source: SourceLocation(path: "\(id).txt"))
    }

    /// Four documents: English, Russian (Cyrillic), one with hyphenated words, one empty.
    static let corpus = Corpus(documents: [
        doc("d1", year: 2020, abstract: "The steppe trade grew. Steppe trade routes and the tea trade.",
            keywords: ["Tea", "Trade", "Steppe"], authors: ["Ivanova M.A.", "Batbayar T."],
            references: ["Ivanova M. A. Tea. *J*. 2017. (In Russ.)", "Smith J. Roads. *K*. 2001."]),
        doc("d2", year: 2021, abstract: "Революция и революция: Russia-Mongolia don't trade.",
            keywords: ["trade", "Mongolia"], authors: ["Ivanova M. A."], language: "ru",
            references: ["Petrov P. Революция. *Вестник*. 2017. (In Russ.)"]),
        doc("d3", year: 2021, abstract: "Tea tea TEA, and steppe.", keywords: ["Tea", "Steppe"], authors: ["Lee J.H."]),
        doc("d4", year: nil, abstract: nil, keywords: [], authors: [], language: nil),
    ])
}
