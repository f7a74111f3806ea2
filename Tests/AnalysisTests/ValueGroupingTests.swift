// ValueGroupingTests.swift: the thesaurus and the built-in normalisation inside count_by,
// cooccurrence and terms: merged values count the documents holding any of their spellings
// once, removed values are gone, and a merged value shows its most frequent spelling.
import Analysis
import Tables
import Corpus
import CorpusModel
import Foundation
import XCTest

final class ValueGroupingTests: XCTestCase {
    private func rows(_ t: Table) -> [String] { t.rows.map { $0.map(\.description).joined(separator: "|") } }

    /// Five documents whose keywords spell one concept four ways, and repeat a spelling within a
    /// document.
    private let corpus = Corpus(documents: [
        AnalysisFixture.doc("d1", year: 2020, abstract: "Patterned media and bit-patterned media.",
                            keywords: ["Bit-patterned media", "bit patterned media (BPM)", "Magnetic recording"], authors: ["Smith J."]),
        AnalysisFixture.doc("d2", year: 2020, abstract: "Neural networks for media.",
                            keywords: ["bit patterned media", "Neural networks"], authors: ["Smith, John"]),
        AnalysisFixture.doc("d3", year: 2021, abstract: "A neural network.",
                            keywords: ["Bit-patterned media", "neural network", "magnetic recording"], authors: ["Lee J.H."]),
        AnalysisFixture.doc("d4", year: 2021, abstract: "Recording studies, a study.",
                            keywords: ["Bit patterned media (BPM)", "Studies", "Magnetic recording"]),
        AnalysisFixture.doc("d5", year: 2022, abstract: nil, keywords: ["Bit-patterned media", "BPM"]),
    ])

    private func thesaurus(_ text: String) throws -> Thesaurus { try Thesaurus(text: text, name: "t.txt") }

    // MARK: the file

    func testThesaurusFileIsVOSviewersFormat() throws {
        let t = try thesaurus("\nlabel\treplace by\nBPM\tbit patterned media\n\n#MeToo\tMeToo movement\nstudies\t\r\n")
        // A line starting with # is a label like any other, as VOSviewer reads it.
        XCTAssertEqual(t.entries.map(\.label), ["BPM", "#MeToo", "studies"])
        XCTAssertEqual(t.entries.map(\.replacement), ["bit patterned media", "MeToo movement", nil])
        XCTAssertEqual(t.entries.map(\.place), ["t.txt:3", "t.txt:5", "t.txt:6"])
    }

    func testThesaurusMistakesNameTheLine() throws {
        XCTAssertThrowsError(try thesaurus("label\treplace by\nBPM bit patterned media\n")) {
            XCTAssertTrue("\($0)".hasPrefix("t.txt:2: "), "\($0)")
        }
        XCTAssertThrowsError(try thesaurus("label\treplace by\nBPM\ta\nbpm\tb\n")) {
            XCTAssertTrue("\($0)".contains("t.txt:3") && "\($0)".contains("t.txt:2"), "\($0)")
        }
        XCTAssertThrowsError(try thesaurus("\tx\n")) { XCTAssertTrue("\($0)".contains("label is empty"), "\($0)") }
        // The same replacement twice is no conflict.
        XCTAssertEqual(try thesaurus("BPM\tx\nbpm\tX\n").entries.count, 1)
    }

    func testThesaurusFileIsReadFromDisk() throws {
        let path = NSTemporaryDirectory() + "thesaurus-\(UUID().uuidString).txt"
        try Data("\u{FEFF}label\treplace by\nBPM\tbit patterned media\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try Thesaurus(contentsOf: path).entries.first?.label, "BPM")
        XCTAssertThrowsError(try Thesaurus(contentsOf: path + ".missing")) { XCTAssertTrue("\($0)".contains(".missing")) }
    }

    // MARK: normalisation

    func testNormalisationOfKeywords() {
        let cases: [(String, String)] = [
            ("bit-patterned media", "bit patterned media"),
            ("bit patterned media (bpm)", "bit patterned media"),
            ("bit–patterned  media", "bit patterned media"),
            ("bit_patterned media", "bit patterned media"),
            ("neural networks", "neural network"),
            ("case studies", "case study"),
            ("processes", "process"),
            ("approaches", "approach"),
            ("meta-analyses", "meta analysis"),
            ("boxes", "box"),
            // Left as they are: -ss, -us, -is, -ics, short words, invariant words, non-Latin.
            ("mass", "mass"), ("virus", "virus"), ("analysis", "analysis"), ("physics", "physics"),
            ("gas", "gas"), ("time series", "time series"), ("species", "species"), ("ties", "ties"),
            ("революции", "революции"),
            // A bracket that is not a short acronym stays.
            ("media (bit patterned)", "media (bit patterned)"),
        ]
        for (key, expected) in cases { XCTAssertEqual(ValueKeys.normalized(key), expected, key) }
    }

    func testNormalisedKeywordsCountEachDocumentOnce() throws {
        let t = try FieldCounter.countBy(corpus, .keywords, grouping: ValueGrouping(normalize: true), variants: true)
        // Every document holds the concept; d1 holds two of its spellings and counts once.
        // "Bit-patterned media" (3 documents) is the most frequent spelling.
        XCTAssertEqual(t.columns, ["keywords", "count", "variants"])
        XCTAssertEqual(rows(t).first, "Bit-patterned media|5|Bit-patterned media (3); bit patterned media (BPM) (2); bit patterned media (1)")
        XCTAssertTrue(rows(t).contains("Magnetic recording|3|Magnetic recording (3)"))
        XCTAssertTrue(rows(t).contains("Neural networks|2|Neural networks (1); neural network (1)"))
        XCTAssertTrue(rows(t).contains("Studies|1|Studies (1)"))
        // Without normalisation the spellings stay apart (case is always folded).
        let plain = try FieldCounter.countBy(corpus, .keywords)
        XCTAssertEqual(rows(plain).prefix(2), ["Bit-patterned media|3", "Magnetic recording|3"])
        XCTAssertEqual(plain.rows.count, 8)
    }

    func testThesaurusMergesAndRemovesInCountBy() throws {
        let t = try thesaurus("label\treplace by\nBPM\tbit patterned media\nmagnetic recording\t\n")
        let merged = try FieldCounter.countBy(corpus, .keywords, grouping: ValueGrouping(thesaurus: t, normalize: true))
        // "BPM" (d5) joins the concept's group, which d5 already counts, shown as the thesaurus
        // writes it; "magnetic recording" is gone.
        XCTAssertEqual(rows(merged), ["bit patterned media|5", "Neural networks|2", "Studies|1"])
        // Without normalisation the thesaurus merges only what it names: "bpm" into "bit
        // patterned media", which is written as the thesaurus writes it.
        let exact = try FieldCounter.countBy(corpus, .keywords, grouping: ValueGrouping(thesaurus: t))
        XCTAssertTrue(rows(exact).contains("bit patterned media|2"), "\(rows(exact))")
        XCTAssertFalse(rows(exact).contains { $0.lowercased().hasPrefix("magnetic recording|") })
    }

    func testThesaurusMergesAuthorsWrittenInAnyForm() throws {
        let t = try thesaurus("Smith, J.\tSmith, John\n")
        let authors = try FieldCounter.countBy(corpus, .authors, grouping: ValueGrouping(thesaurus: t))
        XCTAssertEqual(rows(authors), ["Smith, John|2", "Lee J.H.|1"])
    }

    func testThesaurusInsideCooccurrence() throws {
        let t = try thesaurus("BPM\tbit patterned media\nneural network\t\n")
        let pairs = try Cooccurrence.pairs(corpus, items: .field(.keywords), grouping: ValueGrouping(thesaurus: t, normalize: true))
        // Pairs of groups, each document once: the concept with magnetic recording in d1, d3, d4.
        XCTAssertEqual(rows(pairs).first, "Magnetic recording|bit patterned media|3")
        XCTAssertFalse(rows(pairs).contains { $0.contains("eural") })
        // No pair of a group with itself, although d1 and d5 hold two of its spellings.
        XCTAssertFalse(pairs.rows.contains { $0[0] == $0[1] })
    }

    func testThesaurusInsideTerms() throws {
        let t = try thesaurus("networks\tnetwork\nstudy\tstudies\na\t\n")
        let terms = try TermCounter.terms(corpus, TermOptions(field: .abstract), grouping: ValueGrouping(thesaurus: t))
        // network: "networks" (d2) and "network" (d3): occurrences add up, each document once;
        // studies: two occurrences in d4, one document; "a" is removed.
        XCTAssertTrue(rows(terms).contains("network|2|2"), "\(rows(terms))")
        XCTAssertTrue(rows(terms).contains("studies|2|1"), "\(rows(terms))")
        XCTAssertFalse(rows(terms).contains { $0.hasPrefix("a|") })
        let normalized = try TermCounter.terms(corpus, TermOptions(field: .abstract), grouping: ValueGrouping(normalize: true))
        XCTAssertTrue(rows(normalized).contains("media|3|2"), "\(rows(normalized))")
        // "networks" and "network" once each: the first met is shown.
        XCTAssertTrue(rows(normalized).contains("networks|2|2"), "\(rows(normalized))")
    }

    func testCountriesAndInstitutionsObeyTheThesaurus() throws {
        let docs = [
            Document(id: "a", title: "A", affiliations: ["Univ Oxford, Dept Phys, Oxford OX1 3PU, England", "Peking Univ, Beijing, Peoples R China"],
                     source: SourceLocation(path: "a.txt")),
            Document(id: "b", title: "B", affiliations: ["University of Oxford, Oxford, UK", "Seoul Natl Univ, Seoul, South Korea"],
                     source: SourceLocation(path: "b.txt")),
        ]
        let c = Corpus(documents: docs)
        let countries = try FieldCounter.countBy(c, .countries, grouping: ValueGrouping(thesaurus: try thesaurus("Korea\t\n")))
        XCTAssertEqual(rows(countries), ["GB|2", "CN|1"])
        let institutions = try FieldCounter.countBy(c, .institutions, grouping: ValueGrouping(thesaurus: try thesaurus("Peking University\tPKU\n")))
        XCTAssertEqual(rows(institutions).first, "Univ Oxford|2")
        XCTAssertTrue(rows(institutions).contains("PKU|1"), "\(rows(institutions))")
    }
}
