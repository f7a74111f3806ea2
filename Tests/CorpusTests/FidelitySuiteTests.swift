// FidelitySuiteTests.swift: the fidelity suite. Records from other importers' public test data
// (Fidelity/README.md says which), each with the values a correct importer gives, compared field
// by field: title, authors in order (family names exactly, given names by their first letter),
// year, DOI, container, type, author keywords and index terms. The score per format is printed;
// each format must keep the floor it has reached.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import Foundation
import XCTest

final class FidelitySuiteTests: XCTestCase {
    private struct Expected: Decodable {
        var title: String
        var authors: [[String?]]
        var year: Int?
        var doi: String?
        var journal: String?
        var type: String?
        var keywords: [String]
        var index_terms: [String]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fidelity")

    /// The lowest share of fields each format must get right (what it gets now, a little rounded down).
    static let floors: [String: Double] = [
        "bibtex": 0.98, "crossref": 0.98, "csl": 0.98, "medline": 0.98, "openalex": 0.98, "pubmed": 0.98, "ris": 0.98, "wos": 0.98,
    ]

    func testEveryFormatReadsItsRecordsFieldByField() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected.json"))
        let expected = try JSONDecoder().decode([String: [Expected]].self, from: data)
        var scores: [String: (right: Int, total: Int)] = [:]
        var misses: [String] = []
        for (name, records) in expected.sorted(by: { $0.key < $1.key }) {
            let format = String(name.prefix { $0 != "-" })
            let corpus = try CorpusLoader.load(paths: [Self.folder.appendingPathComponent(name).path], options: LoadOptions(merge: false))
            XCTAssertEqual(corpus.count, records.count, "\(name): records read")
            for (k, want) in records.enumerated() where k < corpus.count {
                let got = corpus.document(k)
                let checks: [(String, Bool, String)] = [
                    ("title", got.title == want.title, got.title),
                    ("authors", sameAuthors(got.authors, want.authors), got.authors.map { "\($0.family)|\($0.given ?? $0.initials)" }.joined(separator: "; ")),
                    ("year", got.year == want.year, "\(got.year.map(String.init) ?? "nil")"),
                    ("doi", got.doi?.lowercased() == want.doi?.lowercased(), got.doi ?? "nil"),
                    ("journal", got.journal == want.journal, got.journal ?? "nil"),
                    ("type", got.type == want.type, got.type ?? "nil"),
                    ("keywords", got.keywords == want.keywords, got.keywords.joined(separator: "; ")),
                    ("index_terms", got.indexTerms == want.index_terms, got.indexTerms.joined(separator: "; ")),
                ]
                var score = scores[format] ?? (0, 0)
                for (field, right, value) in checks {
                    score.total += 1
                    if right { score.right += 1 } else { misses.append("\(name) #\(k + 1) \(field): got \(value)") }
                }
                scores[format] = score
            }
        }
        let table = scores.sorted { $0.key < $1.key }.map { f, s in
            "\(f): \(s.right)/\(s.total) (\(String(format: "%.1f", 100 * Double(s.right) / Double(s.total)))%)"
        }
        print("Fidelity suite:\n  " + table.joined(separator: "\n  ") + "\nFields missed:\n  " + misses.joined(separator: "\n  "))
        for (format, s) in scores {
            XCTAssertGreaterThanOrEqual(Double(s.right) / Double(s.total), Self.floors[format] ?? 1, "\(format) fell below its floor")
        }
    }

    /// Family names equal, given names equal in their first letter (or both absent).
    private func sameAuthors(_ got: [AuthorName], _ want: [[String?]]) -> Bool {
        guard got.count == want.count else { return false }
        return zip(got, want).allSatisfy { a, w in
            guard a.family == w.first ?? nil else { return false }
            let given = w.count > 1 ? w[1] : nil
            let mine = a.given ?? (a.initials.isEmpty ? nil : a.initials)
            return mine?.first == given?.first
        }
    }
}
