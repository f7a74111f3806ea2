// CountryProduction.swift: what each country produces, from the countries of the documents'
// addresses (`Address`): documents (full counting: a document counts once for each of its
// countries), fractional documents (each document's one unit shared among its authors with a
// country, an author's share among its countries), the corresponding author's country with single-
// (SCP) and multiple-country (MCP) publications, and citations; the international co-authorship
// share; and the same production for institutions.
import Corpus
import CorpusStore
import CorpusModel
import Foundation
import Tables

package enum CountryProduction {
    /// One row a country, most documents first (then the code): country (ISO code), name,
    /// documents, fractional, scp, mcp, mcp_share, citations, citations_per_document.
    package static func table(_ corpus: Corpus) throws -> Table {
        let counts = production(corpus) { $0.country }
        let codes = counts.order
        return try Table(columns: ["country", "name", "documents", "fractional", "scp", "mcp", "mcp_share", "citations", "citations_per_document"],
                         rows: codes.map { c in
            let n = counts.documents[c]!, single = counts.scp[c] ?? 0, multiple = counts.mcp[c] ?? 0
            let led = single + multiple
            return [.text(c), .text(Countries.name(c) ?? c), .int(n), .number((counts.fractional[c] ?? 0).rounded(toPlaces: 3)),
                    .int(single), .int(multiple), .number(led > 0 ? (Double(multiple) / Double(led)).rounded(toPlaces: 3) : 0),
                    .int(counts.citations[c] ?? 0), .number((Double(counts.citations[c] ?? 0) / Double(n)).rounded(toPlaces: 2))]
        })
    }

    /// One row a top-level institution (abbreviated and full names as one, shown in the first
    /// spelling met), most documents first: institution, documents, fractional (each document's
    /// unit shared among its authors with an institution, an author's share among its
    /// institutions), citations, citations_per_document.
    package static func institutions(_ corpus: Corpus, top: Int? = nil) throws -> Table {
        var spelling: [String: String] = [:]
        let counts = production(corpus) { address in
            guard let name = address.institution else { return nil }
            let key = SourceKey.of(name)
            if spelling[key] == nil { spelling[key] = name }
            return key
        }
        let keys = top.map { Array(counts.order.prefix($0)) } ?? counts.order
        return try Table(columns: ["institution", "documents", "fractional", "citations", "citations_per_document"], rows: keys.map { k in
            let n = counts.documents[k]!
            return [.text(spelling[k] ?? k), .int(n), .number((counts.fractional[k] ?? 0).rounded(toPlaces: 3)), .int(counts.citations[k] ?? 0),
                    .number((Double(counts.citations[k] ?? 0) / Double(n)).rounded(toPlaces: 2))]
        })
    }

    /// Documents with an address in a country, and those with addresses in two countries or
    /// more (international co-authorship).
    /// `internationalShare` as a partial result: documents with a country (5) and with two or
    /// more (6), numbered after `Bibliometrics.collaborationCounts`'s tallies.
    package static func internationalCounts(_ corpus: Corpus) -> IntCounts {
        let share = internationalShare(corpus)
        return IntCounts([5: Int64(share.withCountry), 6: Int64(share.international)])
    }

    package static func internationalShare(_ corpus: Corpus) -> (withCountry: Int, international: Int) {
        let s = corpus.store
        let parsed = s.parsedAddresses.of(s)
        var with = 0, international = 0
        for row in corpus.rowIndices {
            var countries = Set<String>()
            for a in s.affiliations.range(row) { if let c = parsed[a].country { countries.insert(c) } }
            if !countries.isEmpty { with += 1 }
            if countries.count > 1 { international += 1 }
        }
        return (with, international)
    }

    /// Counts of the units `unit` finds in each address (a country, an institution's key).
    private struct Counts {
        var documents: [String: Int] = [:], fractional: [String: Double] = [:]
        var scp: [String: Int] = [:], mcp: [String: Int] = [:], citations: [String: Int] = [:]
        /// Most documents first, then the key.
        var order: [String] { documents.keys.sorted { (documents[$0]!, $1) > (documents[$1]!, $0) } }
    }

    private static func production(_ corpus: Corpus, unit: (Address) -> String?) -> Counts {
        let s = corpus.store
        let parsed = s.parsedAddresses.of(s)
        let corresponding = DocumentSchema.recordColumns("corresponding").last.map { s.schema.text[$0] }
        var counts = Counts()
        for row in corpus.rowIndices {
            let authors = s.authors.range(row).count
            var authorUnits = Array(repeating: [String](), count: authors)
            var units: [String] = []
            for a in s.affiliations.range(row) {
                guard let u = unit(parsed[a]) else { continue }
                if !units.contains(u) { units.append(u) }
                for author in s.affiliationLinks.authors(of: a) where author < authors && !authorUnits[author].contains(u) {
                    authorUnits[author].append(u)
                }
            }
            guard !units.isEmpty else { continue }
            for u in units {
                counts.documents[u, default: 0] += 1
                counts.citations[u, default: 0] += s.citations[row] ?? 0
            }
            // Fractional: the document's unit among its authors with a unit (or among its units
            // when no author is linked to an address).
            let linked = authorUnits.filter { !$0.isEmpty }
            if linked.isEmpty {
                for u in units { counts.fractional[u, default: 0] += 1 / Double(units.count) }
            } else {
                for list in linked { for u in list { counts.fractional[u, default: 0] += 1 / Double(linked.count) / Double(list.count) } }
            }
            // The corresponding author's unit, else the first author's, else the first address's.
            let lead = corresponding.flatMap { $0.isEmpty(row) ? nil : unit(Address(parsing: $0.string(row))) }
                ?? authorUnits.first(where: { !$0.isEmpty })?.first ?? units[0]
            if units.count == 1 { counts.scp[lead, default: 0] += 1 } else { counts.mcp[lead, default: 0] += 1 }
        }
        return counts
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
