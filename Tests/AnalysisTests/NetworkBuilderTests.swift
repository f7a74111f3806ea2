// NetworkBuilderTests.swift: networks built from small corpora, counted by hand: full and
// fractional co-authorship, the cut to the top units before pairs are made, terms shown by their
// most frequent spelling (not their stem), and the documents behind a coupling link.
import Analysis
import Corpus
import CorpusModel
import Graphs
import XCTest

final class NetworkBuilderTests: XCTestCase {
    private func doc(_ id: String, _ authors: [String], year: Int = 2020, abstract: String? = nil, references: [String] = []) -> Document {
        AnalysisFixture.doc(id, year: year, abstract: abstract, authors: authors, references: references)
    }

    func testCoauthorshipFullAndFractional() throws {
        // d1: A, B, C (each link 1/2 fractionally); d2: A, B (1).
        let corpus = Corpus(documents: [doc("d1", ["Alpha A.", "Beta B.", "Gamma C."]), doc("d2", ["Alpha A.", "Beta B."])])
        func weights(_ counting: NetworkCounting, top: Int? = nil) throws -> [String] {
            var options = NetworkOptions(kind: .coauthorship, counting: counting)
            options.top = top
            let net = try NetworkBuilder.build(corpus, options)
            return net.graph.edgeList.map { "\(net.labels[$0.a])-\(net.labels[$0.b]):\($0.weight)" }
        }
        XCTAssertEqual(try weights(.full), ["Alpha A.-Beta B.:2.0", "Alpha A.-Gamma C.:1.0", "Beta B.-Gamma C.:1.0"])
        XCTAssertEqual(try weights(.fractional), ["Alpha A.-Beta B.:1.5", "Alpha A.-Gamma C.:0.5", "Beta B.-Gamma C.:0.5"])
        // The top two authors: Gamma is left out before pairs are made; d1's share stays 1/2.
        XCTAssertEqual(try weights(.fractional, top: 2), ["Alpha A.-Beta B.:1.5"])
    }

    func testStemmedTermsAreShownByTheirMostFrequentSpelling() throws {
        let corpus = Corpus(documents: [
            doc("a", [], abstract: "Studies of herding; herding studies."), doc("b", [], abstract: "A study of herding."),
        ])
        var options = NetworkOptions(kind: .cooccurrence, unit: "terms", grouping: ValueGrouping(stem: .english))
        options.terms = TermOptions(field: .abstract, stopwords: .english)
        let net = try NetworkBuilder.build(corpus, options)
        XCTAssertEqual(Set(net.labels), ["studies", "herding"])
    }

    func testTheDocumentsBehindACouplingLinkAreBothEnds() throws {
        let corpus = Corpus(documents: [
            doc("a", ["Alpha A."], references: ["Smith J. Roads. *K*. 2001.", "Lee K. Rivers. *M*. 1999."]),
            doc("b", ["Beta B."], references: ["Smith J. Roads. *K*. 2001."]),
            doc("c", ["Gamma C."], references: ["Other O. Hills. *N*. 1990."]),
        ])
        let net = try NetworkBuilder.build(corpus, NetworkOptions(kind: .coupling))
        XCTAssertEqual(net.graph.edgeList.map { [$0.a, $0.b] }, [[0, 1]])
        XCTAssertEqual(net.documents(0, 1), [0, 1])
        XCTAssertEqual(net.selfLinks, [2, 1, 1], "each document's references, for cosine and Jaccard")
    }
}
