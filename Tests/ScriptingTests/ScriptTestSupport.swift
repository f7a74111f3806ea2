// ScriptTestSupport.swift: a small corpus written in the tests and a helper that runs a script
// over it in memory.
import Analysis
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Reports
import Scripting
import XCTest

enum Fixture {
    static func author(_ text: String) -> AuthorName { AuthorName.parse(text)! }

    /// Three documents with known values.
    static let corpus = Corpus(documents: [
        Document(id: "a", title: "Tea roads of Kyakhta", authors: [author("Ivanova M.A."), author("Batbayar T.")],
                 affiliations: ["Irkutsk State University"], abstract: "Goals. Trade routes.", sections: [Section(label: "Goals", text: "Trade routes.")],
                 doi: "10.1/a-2019-1", year: 2019, keywords: ["Tea trade", "Kyakhta"],
                 references: [ReferenceParser.parse("Ivanova M. A. Customs. *Oriental Studies*. 2017. No. 2. Pp. 3-9. (In Russ.)", number: 1),
                              ReferenceParser.parse("Foust C. M. *Muscovite and Mandarin*. Chapel Hill, 1969. 424 p.", number: 2)],
                 language: "en", source: SourceLocation(path: "a.txt", line: 2)),
        Document(id: "b", title: "Монгольские документы", authors: [author("Ivanova M. A.")], abstract: nil,
                 doi: nil, year: 2021, keywords: ["tea trade", "Archives"],
                 references: [ReferenceParser.parse("Belov E. A. *Russia and Mongolia*. Moscow, 1999. 318 p. (In Russ.)", number: 1)],
                 language: "ru", source: SourceLocation(path: "b.txt", line: 2)),
        Document(id: "c", title: "Herders | markets", authors: [author("Lee J.H.")], year: 2021, keywords: [],
                 language: "en", source: SourceLocation(path: "c.txt", line: 2)),
    ])

    static func run(_ source: String, corpus: Corpus = corpus, params: [String: String] = [:]) throws -> (RunResult, [String]) {
        var printed: [String] = []
        let request = ScriptRequest(scriptPath: "test.lua", source: source, params: params, print: { printed.append($0) })
        let result = try ScriptRunner.run(request, corpus: corpus)
        return (result, printed)
    }

    /// Runs `source` and returns what it printed.
    static func printed(_ source: String, params: [String: String] = [:]) throws -> [String] {
        try run(source, params: params).1
    }

    /// The error message a failing script produces.
    static func failure(_ source: String) -> String {
        do {
            _ = try run(source)
            return "(no error)"
        } catch let failure as ScriptFailure {
            return failure.luaError?.message ?? failure.description
        } catch {
            return "\(error)"
        }
    }
}
