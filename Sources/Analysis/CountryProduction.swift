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
    package static func table(_ corpus: Corpus) throws -> Table { try table(countryCounts(corpus)) }

    /// What `countries` counts (shard `shard`'s part in a sharded run).
    package static func countryCounts(_ corpus: Corpus, shard: Int = 0) -> UnitProduction {
        production(corpus, shard: shard) { address in address.country.map { ($0, $0) } }
    }

    /// The `countries` table from its counts (whole, or merged from shards).
    package static func table(_ counts: UnitProduction) throws -> Table {
        let codes = counts.order
        return try Table(columns: ["country", "name", "documents", "fractional", "scp", "mcp", "mcp_share", "citations", "citations_per_document"],
                         rows: codes.map { c in
            let u = counts.units[c]!
            let n = u.documents, single = u.scp, multiple = u.mcp
            let led = single + multiple
            return [.text(c), .text(Countries.name(c) ?? c), .int(n), .number(u.fractional.rounded(toPlaces: 3)),
                    .int(single), .int(multiple), .number(led > 0 ? (Double(multiple) / Double(led)).rounded(toPlaces: 3) : 0),
                    .int(u.citations), .number((Double(u.citations) / Double(n)).rounded(toPlaces: 2))]
        })
    }

    /// One row a top-level institution (abbreviated and full names as one, shown in the first
    /// spelling met), most documents first: institution, documents, fractional (each document's
    /// unit shared among its authors with an institution, an author's share among its
    /// institutions), citations, citations_per_document.
    package static func institutions(_ corpus: Corpus, top: Int? = nil) throws -> Table {
        try institutions(institutionCounts(corpus), top: top)
    }

    /// What `institutions` counts (shard `shard`'s part in a sharded run).
    package static func institutionCounts(_ corpus: Corpus, shard: Int = 0) -> UnitProduction {
        production(corpus, shard: shard) { address in address.institution.map { (SourceKey.of($0), $0) } }
    }

    /// The `institutions` table from its counts (whole, or merged from shards).
    package static func institutions(_ counts: UnitProduction, top: Int? = nil) throws -> Table {
        let keys = top.map { Array(counts.order.prefix($0)) } ?? counts.order
        return try Table(columns: ["institution", "documents", "fractional", "citations", "citations_per_document"], rows: keys.map { k in
            let u = counts.units[k]!
            return [.text(u.spelling), .int(u.documents), .number(u.fractional.rounded(toPlaces: 3)), .int(u.citations),
                    .number((Double(u.citations) / Double(u.documents)).rounded(toPlaces: 2))]
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

    /// The units (keys, and how each was written) `unit` finds in the addresses, counted.
    private static func production(_ corpus: Corpus, shard: Int, unit keyed: (Address) -> (key: String, spelling: String)?) -> UnitProduction {
        let s = corpus.store
        let parsed = s.parsedAddresses.of(s)
        let corresponding = DocumentSchema.recordColumns("corresponding").last.map { s.schema.text[$0] }
        var counts = UnitProduction()
        for row in corpus.rowIndices {
            let authors = s.authors.range(row).count
            var authorUnits = Array(repeating: [String](), count: authors)
            var units: [String] = []
            for a in s.affiliations.range(row) {
                guard let (u, spelling) = keyed(parsed[a]) else { continue }
                counts.meet(u, spelling: spelling, first: FirstMet(shard: shard, origin: ValueOrigin(row, item: a)))
                if !units.contains(u) { units.append(u) }
                for author in s.affiliationLinks.authors(of: a) where author < authors && !authorUnits[author].contains(u) {
                    authorUnits[author].append(u)
                }
            }
            guard !units.isEmpty else { continue }
            for u in units {
                counts.units[u]!.documents += 1
                counts.units[u]!.citations += s.citations[row] ?? 0
            }
            // Fractional: the document's unit among its authors with a unit (or among its units
            // when no author is linked to an address), kept as shares 1/(a·b) by (a, b).
            let linked = authorUnits.filter { !$0.isEmpty }
            if linked.isEmpty {
                for u in units { counts.units[u]!.shares[Share(units.count, 1), default: 0] += 1 }
            } else {
                for list in linked { for u in list { counts.units[u]!.shares[Share(linked.count, list.count), default: 0] += 1 } }
            }
            // The corresponding author's unit, else the first author's, else the first address's.
            // (Its address is met after the document's own.)
            let led = corresponding.flatMap { $0.isEmpty(row) ? nil : keyed(Address(parsing: $0.string(row))) }
            if let led { counts.meet(led.key, spelling: led.spelling, first: FirstMet(shard: shard, origin: ValueOrigin(row, item: Int(UInt32.max)))) }
            let lead = led?.key ?? authorUnits.first(where: { !$0.isEmpty })?.first ?? units[0]
            if units.count == 1 { counts.units[lead]!.scp += 1 } else { counts.units[lead]!.mcp += 1 }
        }
        return counts
    }
}

/// A share of one document: 1 / (a × b) (a document shared among a authors, an author's share
/// among b units).
package struct Share: Hashable, Comparable {
    package var a: Int
    package var b: Int
    init(_ a: Int, _ b: Int) { self.a = a; self.b = b }
    package static func < (x: Share, y: Share) -> Bool { (x.a, x.b) < (y.a, y.b) }
}

/// What `countries` and `institutions` count for each unit (a country's code, an institution's
/// key): documents, citations, documents led with one unit (scp) or several (mcp), the shares
/// of documents by their size (so the fractional count is divided once, whatever the order of
/// merging), and how the unit was written where first met. A partial result.
package struct UnitProduction: Partial {
    package static let kind = "unit-production"

    package struct Unit {
        package var spelling: String
        var first: FirstMet
        package var documents = 0
        package var citations = 0
        package var scp = 0
        package var mcp = 0
        var shares: [Share: Int] = [:]
        /// The fractional documents: each share size counted, then added in one order.
        package var fractional: Double { shares.keys.sorted().reduce(0) { $0 + Double(shares[$1]!) / Double($1.a) / Double($1.b) } }
    }

    package fileprivate(set) var units: [String: Unit] = [:]

    package init() {}

    /// Notes unit `key`, written `spelling` at `first`.
    mutating func meet(_ key: String, spelling: String, first: FirstMet) {
        guard var u = units[key] else {
            units[key] = Unit(spelling: spelling, first: first)
            return
        }
        if first < u.first {
            u.first = first
            u.spelling = spelling
            units[key] = u
        }
    }

    /// Most documents first, then the key; units with no document (only led) are left out.
    package var order: [String] {
        units.keys.filter { units[$0]!.documents > 0 }.sorted { (units[$0]!.documents, $1) > (units[$1]!.documents, $0) }
    }

    package mutating func merge(_ other: UnitProduction) {
        for (key, o) in other.units {
            guard var u = units[key] else { units[key] = o; continue }
            u.documents += o.documents
            u.citations += o.citations
            u.scp += o.scp
            u.mcp += o.mcp
            u.shares.merge(o.shares, uniquingKeysWith: +)
            if o.first < u.first {
                u.first = o.first
                u.spelling = o.spelling
            }
            units[key] = u
        }
    }

    package var columns: PartialColumns {
        let keys = units.keys.sorted()
        var c = PartialColumns(kind: Self.kind)
        c.add("key", .texts(keys))
        c.add("spelling", .texts(keys.map { units[$0]!.spelling }))
        c.add("first_shard", .ints(keys.map { units[$0]!.first.shard }))
        c.add("first_row", .ints(keys.map { units[$0]!.first.row }))
        for (name, value) in [("documents", \Unit.documents), ("citations", \Unit.citations), ("scp", \Unit.scp), ("mcp", \Unit.mcp)] {
            c.add(name, .ints(keys.map { Int64(units[$0]![keyPath: value]) }))
        }
        c.add("shares", .texts(keys.map { k in units[k]!.shares.keys.sorted().map { "\($0.a)/\($0.b):\(units[k]!.shares[$0]!)" }.joined(separator: ",") }))
        return c
    }

    package init(columns c: PartialColumns) throws {
        let keys = try c.texts("key"), spellings = try c.texts("spelling"), shards = try c.ints("first_shard"), rows = try c.ints("first_row")
        let documents = try c.ints("documents"), citations = try c.ints("citations"), scp = try c.ints("scp"), mcp = try c.ints("mcp")
        let shares = try c.texts("shares")
        guard [spellings, shares].allSatisfy({ $0.count == keys.count }),
              [shards, rows, documents, citations, scp, mcp].allSatisfy({ $0.count == keys.count }) else {
            throw PartialError("the columns of the production counts differ in length")
        }
        for i in keys.indices {
            var u = Unit(spelling: spellings[i], first: FirstMet(shard: shards[i], row: rows[i]))
            u.documents = Int(documents[i]); u.citations = Int(citations[i]); u.scp = Int(scp[i]); u.mcp = Int(mcp[i])
            for entry in shares[i].split(separator: ",") {
                let parts = entry.split(separator: ":"), size = parts.first?.split(separator: "/") ?? []
                guard parts.count == 2, size.count == 2, let a = Int(size[0]), let b = Int(size[1]), let n = Int(parts[1]), a > 0, b > 0 else {
                    throw PartialError("a unit's shares are damaged")
                }
                u.shares[Share(a, b)] = n
            }
            units[keys[i]] = u
        }
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
