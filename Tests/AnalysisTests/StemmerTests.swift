// StemmerTests.swift: the English (Porter2) and Russian stemmers against the Snowball project's
// own output for every word of the fixtures (Stemming/README.md says where they come from), and
// stemming inside the aggregations.
import Analysis
import Corpus
import Foundation
import Tables
import XCTest

final class StemmerTests: XCTestCase {
    private func fixture(_ name: String) throws -> [(word: String, stem: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Stemming/\(name).tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(parts[0]), String(parts[1]))
        }
    }

    private func check(_ language: StemLanguage, minimum: Int) throws {
        let pairs = try fixture(language.rawValue)
        XCTAssertGreaterThanOrEqual(pairs.count, minimum)
        let stemmer = Stemmer(language)
        let wrong = pairs.filter { stemmer.stem($0.word) != $0.stem }
        XCTAssertTrue(wrong.isEmpty, "\(wrong.count) of \(pairs.count) differ, first: "
            + wrong.prefix(10).map { "\($0.word) -> \(stemmer.stem($0.word)), not \($0.stem)" }.joined(separator: "; "))
    }

    func testEnglishMatchesSnowball() throws { try check(.english, minimum: 6_000) }
    func testRussianMatchesSnowball() throws { try check(.russian, minimum: 4_000) }

    func testFamiliarStems() {
        let en = Stemmer(.english), ru = Stemmer(.russian)
        XCTAssertEqual(["networks", "network", "networking"].map(en.stem), ["network", "network", "network"])
        XCTAssertEqual(en.stem("generously"), "generous")
        XCTAssertEqual(["революции", "революция", "революционный"].map(ru.stem), ["революц", "революц", "революцион"])
    }

    func testStemmingGroupsTermsInsideTheCounts() throws {
        let corpus = Corpus(documents: [
            AnalysisFixture.doc("a", year: 2020, abstract: "Networks and networking."),
            AnalysisFixture.doc("b", year: 2020, abstract: "A network. Революции и революция."),
        ])
        let t = try TermCounter.terms(corpus, TermOptions(field: .abstract), grouping: ValueGrouping(stem: .english))
        // network: three forms, two documents, shown by the first met of the equally frequent.
        XCTAssertEqual(t.rows.first.map { $0.map(\.description) }, ["Networks".lowercased(), "3", "2"])
        let ru = try TermCounter.terms(corpus, TermOptions(field: .abstract), grouping: ValueGrouping(stem: .russian))
        XCTAssertTrue(ru.rows.contains { $0.map(\.description) == ["революции", "2", "1"] }, "\(ru.rows)")
    }
}
