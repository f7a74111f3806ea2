// CountryProduction.swift: what each country produces, from the countries of the documents'
// addresses (`Address`): documents (full counting: a document counts once for each of its
// countries), fractional documents (each document's one unit shared among its authors with a
// country, an author's share among its countries), the corresponding author's country with single-
// (SCP) and multiple-country (MCP) publications, and citations.
import Corpus
import CorpusStore
import CorpusModel
import Foundation
import Tables

package enum CountryProduction {
    /// One row a country, most documents first (then the code): country (ISO code), name,
    /// documents, fractional, scp, mcp, mcp_share, citations, citations_per_document.
    package static func table(_ corpus: Corpus) throws -> Table {
        let s = corpus.store
        let corresponding = DocumentSchema.recordColumns("corresponding").last.map { s.schema.text[$0] }
        var documents: [String: Int] = [:], fractional: [String: Double] = [:]
        var scp: [String: Int] = [:], mcp: [String: Int] = [:], citations: [String: Int] = [:]
        for row in corpus.rowIndices {
            let authors = s.authors.range(row).count
            var authorCountries = Array(repeating: [String](), count: authors)
            var countries: [String] = []
            for a in s.affiliations.range(row) {
                guard let country = Address(parsing: s.affiliationText.string(a)).country else { continue }
                if !countries.contains(country) { countries.append(country) }
                for author in s.affiliationLinks.authors(of: a) where author < authors && !authorCountries[author].contains(country) {
                    authorCountries[author].append(country)
                }
            }
            guard !countries.isEmpty else { continue }
            for c in countries {
                documents[c, default: 0] += 1
                citations[c, default: 0] += s.citations[row] ?? 0
            }
            // Fractional: the document's unit among its authors with a country (or among its
            // countries when no author is linked to an address).
            let linked = authorCountries.filter { !$0.isEmpty }
            if linked.isEmpty {
                for c in countries { fractional[c, default: 0] += 1 / Double(countries.count) }
            } else {
                for list in linked { for c in list { fractional[c, default: 0] += 1 / Double(linked.count) / Double(list.count) } }
            }
            // The corresponding author's country, else the first author's, else the first address's.
            let lead = corresponding.flatMap { $0.isEmpty(row) ? nil : Address(parsing: $0.string(row)).country }
                ?? authorCountries.first(where: { !$0.isEmpty })?.first ?? countries[0]
            if countries.count == 1 { scp[lead, default: 0] += 1 } else { mcp[lead, default: 0] += 1 }
        }
        let codes = documents.keys.sorted { (documents[$0]!, $1) > (documents[$1]!, $0) }
        return try Table(columns: ["country", "name", "documents", "fractional", "scp", "mcp", "mcp_share", "citations", "citations_per_document"],
                         rows: codes.map { c in
            let n = documents[c]!, single = scp[c] ?? 0, multiple = mcp[c] ?? 0
            let led = single + multiple
            return [.text(c), .text(Countries.name(c) ?? c), .int(n), .number((fractional[c] ?? 0).rounded(toPlaces: 3)),
                    .int(single), .int(multiple), .number(led > 0 ? (Double(multiple) / Double(led)).rounded(toPlaces: 3) : 0),
                    .int(citations[c] ?? 0), .number((Double(citations[c] ?? 0) / Double(n)).rounded(toPlaces: 2))]
        })
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
