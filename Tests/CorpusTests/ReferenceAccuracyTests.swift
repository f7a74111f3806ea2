// ReferenceAccuracyTests.swift: the reference parser measured on a labelled set of reference
// strings (References/labelled.jsonl, made by Tools/refset: structured metadata of the shared
// corpora rendered in many citation styles, plus real strings of the shared exports labelled by
// hand). Each field is scored per style against the labels; the scores are printed as a table and
// held to floors, so that a change to the parser that loses ground fails here.
@testable import CorpusReaders
@testable import CorpusModel
import Foundation
import XCTest

final class ReferenceAccuracyTests: XCTestCase {
    /// One labelled reference: its style, its text and the fields it really holds.
    struct Labelled {
        var id: String
        var style: String
        var text: String
        var expected: [String: Any]
    }

    static let fields = ["first_author", "title", "container", "year", "volume", "issue", "first_page", "doi"]

    static func labelled() throws -> [Labelled]? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("References/labelled.jsonl")
        guard let data = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return try data.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Labelled(id: object["id"] as? String ?? "", style: object["style"] as! String, text: object["text"] as! String,
                            expected: object["expected"] as? [String: Any] ?? [:])
        }
    }

    /// The reference as the readers parse a reference of this origin.
    static func parse(_ item: Labelled) -> Reference {
        item.style == "wos" ? CitationText.webOfScience(item.text) : CitationText.freeText(item.text)
    }

    /// Lower-case letters and digits, accents removed, words joined by single spaces.
    static func normalised(_ s: String?) -> String? {
        guard let s else { return nil }
        let words = MatchKeys.normalisedWords(s)
        return words.isEmpty ? nil : words
    }

    /// The parsed value of `field` and the labelled one, both normalised; nil when the label does
    /// not hold the field.
    static func values(_ field: String, _ parsed: Reference, _ expected: [String: Any]) -> (got: String?, want: String)? {
        func text(_ key: String) -> String? {
            if let s = expected[key] as? String { return s }
            if let n = expected[key] as? Int { return String(n) }
            return nil
        }
        switch field {
        case "first_author":
            guard let authors = expected["authors"] as? [[String: Any]], let first = authors.first,
                  let family = first["family"] as? String ?? first["literal"] as? String, let want = normalised(family) else { return nil }
            return (normalised(parsed.authors.first?.family), want)
        case "year":
            guard let want = text("year") else { return nil }
            return (parsed.year.map(String.init), want)
        case "first_page":
            guard let want = normalised(text("first_page")) else { return nil }
            let first = parsed.pages.map { p in String(p.prefix { !"-–—‐ ".contains($0) }) }
            return (normalised(first), want)
        case "doi":
            guard let want = text("doi")?.lowercased() else { return nil }
            return (parsed.doi?.lowercased(), want)
        default:
            guard let want = normalised(text(field)) else { return nil }
            let got: String? = switch field {
            case "title": parsed.title
            case "container": parsed.container
            case "volume": parsed.volume
            case "issue": parsed.issue
            default: nil
            }
            return (normalised(got), want)
        }
    }

    /// Right and labelled counts per style and field, and the misses of each field.
    static func score(_ items: [Labelled]) -> (counts: [String: [String: (right: Int, total: Int)]], misses: [String: [String]]) {
        var counts: [String: [String: (right: Int, total: Int)]] = [:]
        var misses: [String: [String]] = [:]
        for item in items {
            let parsed = parse(item)
            for field in fields {
                guard let (got, want) = values(field, parsed, item.expected) else { continue }
                let right = got == want
                for style in [item.style, "all"] {
                    let old = counts[style, default: [:]][field] ?? (0, 0)
                    counts[style, default: [:]][field] = (old.right + (right ? 1 : 0), old.total + 1)
                }
                if !right { misses[field, default: []].append("[\(item.style)] \(item.text)\n    want \(want), got \(got ?? "nil")") }
            }
        }
        return (counts, misses)
    }

    /// The scores as a Markdown table: a row per style, a column per field, "right/labelled".
    static func table(_ counts: [String: [String: (right: Int, total: Int)]]) -> String {
        var lines = ["| style | " + fields.joined(separator: " | ") + " |", "|---|" + String(repeating: "---:|", count: fields.count)]
        for style in counts.keys.sorted(by: { ($0 == "all" ? "~" : $0) < ($1 == "all" ? "~" : $1) }) {
            let cells = fields.map { f -> String in
                guard let c = counts[style]?[f], c.total > 0 else { return "" }
                // The whole set's row to a tenth of a point, as its floors are held.
                return String(format: style == "all" ? "%.1f%% (%d)" : "%.0f%% (%d)", 100 * Double(c.right) / Double(c.total), c.total)
            }
            lines.append("| \(style) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// The share of each field the parser gets right over the whole set, at least: raised as the
    /// parser improves, never lowered (the aim is 0.95 for every field).
    static let floors: [String: Double] = [
        "first_author": 0.98, "title": 0.95, "container": 0.95, "year": 0.99, "volume": 0.97, "issue": 0.95, "first_page": 0.96, "doi": 0.98,
    ]

    func testEachFieldOfTheLabelledSetIsParsedAtLeastAsOftenAsItsFloor() throws {
        guard let items = try Self.labelled() else { throw XCTSkip("References/labelled.jsonl is absent; `make refset` makes it") }
        let (counts, misses) = Self.score(items)
        print("Reference parser accuracy on \(items.count) labelled references:\n" + Self.table(counts))
        if let field = ProcessInfo.processInfo.environment["SCRIPTORIUM_REFERENCE_MISSES"] {
            print((misses[field] ?? []).joined(separator: "\n"))
        }
        for field in Self.fields {
            guard let c = counts["all"]?[field], c.total > 0 else { continue }
            let share = Double(c.right) / Double(c.total)
            XCTAssertGreaterThanOrEqual(share, Self.floors[field] ?? 0, "\(field): \(c.right) of \(c.total)")
        }
    }
}
