// Impact.swift: impact indicators of authors, sources, institutions and countries (and of single
// documents): documents, citations, citations per document and per year, the h-, g- and m-index,
// and the mean normalised citation score (each document's citations over the mean of the
// citations of the corpus's documents of its year). The reference year (the "now" of per-year
// figures and of the m-index) is a parameter, so a report computed again gives the same numbers.
import Corpus
import CorpusStore
import CorpusModel
import Foundation
import Tables

/// What impact is measured for.
package enum ImpactUnit: String, CaseIterable, Sendable {
    case authors, sources, institutions, countries, documents

    /// The field whose values are the units (nil for documents).
    var field: CorpusField? {
        switch self {
        case .authors: return .authors
        case .sources: return .journal
        case .institutions: return .institutions
        case .countries: return .countries
        case .documents: return nil
        }
    }

    /// The column naming a unit.
    var column: String {
        switch self {
        case .authors: return "author"
        case .sources: return "source"
        case .institutions: return "institution"
        case .countries: return "country"
        case .documents: return "id"
        }
    }
}

/// Which citation counts are used.
package enum CitationCount: String, CaseIterable, Sendable {
    /// As the source database counts them (times cited).
    case global
    /// By the corpus's own documents (`CitationIndex.citedBy`).
    case local
}

package enum Impact {
    /// The h-index: the largest h such that h of the counts are at least h.
    package static func hIndex(_ citations: [Int]) -> Int {
        let sorted = citations.sorted(by: >)
        var h = 0
        while h < sorted.count && sorted[h] >= h + 1 { h += 1 }
        return h
    }

    /// The g-index: the largest g (at most the number of documents) such that the g most cited
    /// documents hold at least g² citations together.
    package static func gIndex(_ citations: [Int]) -> Int {
        var g = 0, sum = 0
        for (i, c) in citations.sorted(by: >).enumerated() {
            sum += c
            if sum >= (i + 1) * (i + 1) { g = i + 1 }
        }
        return g
    }

    /// The m-index: h divided by the years since the first publication, counting both ends
    /// (a first document in the reference year gives h / 1); nil without a first year or when
    /// the first year is after the reference year.
    package static func mIndex(h: Int, firstYear: Int?, referenceYear: Int) -> Double? {
        guard let firstYear, firstYear <= referenceYear else { return nil }
        return Double(h) / Double(referenceYear - firstYear + 1)
    }

    /// One row a unit, by h-index, then citations, then documents descending, then name.
    /// `referenceYear` defaults to the latest publication year of the corpus.
    package static func table(_ corpus: Corpus, unit: ImpactUnit, referenceYear: Int? = nil, citations count: CitationCount = .global,
                              top: Int? = nil, grouping: ValueGrouping = .none) throws -> Table {
        let s = corpus.store
        let rows = corpus.rowIndices
        let local = count == .local ? corpus.citations.citedBy : nil
        func citations(_ row: Int) -> Int { local.map { Int($0[row]) } ?? s.citations[row] ?? 0 }
        let year = referenceYear ?? rows.compactMap { s.year[$0] }.max() ?? 0
        // The mean citations of each year's documents, for the normalised score.
        var yearTotals: [Int: (citations: Int, documents: Int)] = [:]
        for row in rows { if let y = s.year[row] { yearTotals[y, default: (0, 0)].citations += citations(row); yearTotals[y, default: (0, 0)].documents += 1 } }
        func normalized(_ row: Int) -> Double? {
            guard let y = s.year[row], let t = yearTotals[y], t.citations > 0 else { return nil }
            return Double(citations(row)) / (Double(t.citations) / Double(t.documents))
        }

        var units: [(label: [Cell], rows: [Int])] = []
        if let field = unit.field {
            let keys = ValueKeys(grouping, form: KeyForm(field))
            let displays = keys.displays
            var index: [String: Int] = [:]
            for row in rows {
                for value in field.values(s, row: row) {
                    guard let key = keys.isIdentity ? value.key : keys.group(value.key) else { continue }
                    if let i = index[key] {
                        if units[i].rows.last != row { units[i].rows.append(row) }
                    } else {
                        index[key] = units.count
                        var label = [displays[key].map(Cell.text) ?? value.cell]
                        if unit == .countries { label.append(.text(Countries.name(label[0].description) ?? label[0].description)) }
                        units.append((label, [row]))
                    }
                }
            }
        } else {
            units = rows.map { row in ([.text(s.id.string(row)), .text(s.title.string(row)), s.year[row].map(Cell.int) ?? .null], [row]) }
        }

        struct Figures { var label: [Cell]; var documents, citations, h, g: Int; var firstYear: Int?; var m, perYear, mncs: Double? }
        var figures: [Figures] = units.map { u in
            let counts = u.rows.map(citations)
            let h = hIndex(counts), total = counts.reduce(0, +)
            let first = u.rows.compactMap { s.year[$0] }.min()
            let scores = u.rows.compactMap(normalized)
            let span = first.map { year - $0 + 1 }.flatMap { $0 > 0 ? $0 : nil }
            return Figures(label: u.label, documents: u.rows.count, citations: total, h: h, g: gIndex(counts), firstYear: first,
                           m: mIndex(h: h, firstYear: first, referenceYear: year),
                           perYear: span.map { Double(total) / Double($0) },
                           mncs: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count))
        }
        figures.sort { a, b in
            if a.h != b.h { return a.h > b.h }
            if a.citations != b.citations { return a.citations > b.citations }
            if a.documents != b.documents { return a.documents > b.documents }
            return Cell.ascending(a.label[0], b.label[0])
        }
        if let top { figures = Array(figures.prefix(top)) }
        let labelColumns = unit == .documents ? ["id", "title", "year"] : unit == .countries ? ["country", "name"] : [unit.column]
        func number(_ d: Double?, _ places: Double) -> Cell { d.map { .number(($0 * places).rounded() / places) } ?? .null }
        return try Table(columns: labelColumns + ["documents", "citations", "citations_per_document", "citations_per_year",
                                                  "h_index", "g_index", "m_index", "first_year", "mncs"],
                         rows: figures.map { f in
            f.label + [.int(f.documents), .int(f.citations), number(Double(f.citations) / Double(max(f.documents, 1)), 100),
                       number(f.perYear, 100), .int(f.h), .int(f.g), number(f.m, 1000), f.firstYear.map(Cell.int) ?? .null, number(f.mncs, 1000)]
        })
    }
}
