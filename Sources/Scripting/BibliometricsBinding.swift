// BibliometricsBinding.swift: the `bibliometrics` module: growth rate, Lotka's law, Bradford's
// zones, the Price index and RPYS, computed in Swift from the Tables a script already has.
import Analysis
import Tables
import Lua

enum BibliometricsBinding {
    static func register(in context: ScriptContext) {
        context.setModule("bibliometrics", [
            APIFunction("bibliometrics", "growth_rate", kind: .function,
                        [APIParameter("table", "Table"), APIParameter("year_column", "string", optional: true), APIParameter("count_column", "string", optional: true)],
                        returns: "number?", "compound annual growth rate in percent from the first to the last year of a year/count Table (columns default to year and count); nil when it cannot be computed") { s in
                let t = try TableBinding.table(s, at: 1)
                let series = try numberPairs(t, (try s.optionalString(2) ?? "year", 2), (try s.optionalString(3) ?? "count", 3))
                s.push(Bibliometrics.growthRate(series.map { (year: Int($0.0), count: $0.1) }))
                return 1
            },
            APIFunction("bibliometrics", "lotka", kind: .function, [APIParameter("table", "Table"), APIParameter("column", "string", optional: true)],
                        returns: "LotkaFit?", "Lotka's law fitted to a Table of authors' document counts (column default documents): {beta, constant, r_squared, ks_distance, p_value, table = Table of documents, authors, observed, expected}; nil with fewer than two productivity levels") { s in
                let t = try TableBinding.table(s, at: 1)
                let counts = try TableBinding.column(t, try s.optionalString(2) ?? "documents", argument: 2).compactMap { $0.doubleValue.map { Int($0) } }
                guard let fit = Bibliometrics.lotka(documentsPerAuthor: counts) else { s.pushNil(); return 1 }
                s.pushTable(fields: 6)
                s.push(fit.beta); s.setField("beta", at: -2)
                s.push(fit.constant); s.setField("constant", at: -2)
                s.push(fit.rSquared); s.setField("r_squared", at: -2)
                s.push(fit.ksDistance); s.setField("ks_distance", at: -2)
                s.push(fit.pValue); s.setField("p_value", at: -2)
                try TableBinding.push(try Table(columns: ["documents", "authors", "observed", "expected"], rows: fit.table.map {
                    [.int($0.documents), .int($0.authors), .number(round6($0.observed)), .number(round6($0.expected))]
                }), on: s)
                s.setField("table", at: -2)
                return 1
            },
            APIFunction("bibliometrics", "bradford", kind: .function,
                        [APIParameter("table", "Table"), APIParameter("source_column", "string", optional: true), APIParameter("count_column", "string", optional: true)],
                        returns: "Table", "Bradford's zones of a Table of sources and document counts (the first column and count by default): rank, source, count, cumulative, zone (1 to 3, about a third of the documents each)") { s in
                let t = try TableBinding.table(s, at: 1)
                let names = try TableBinding.column(t, try s.optionalString(2) ?? (t.columns.first ?? "source"), argument: 2)
                let counts = try TableBinding.column(t, try s.optionalString(3) ?? "count", argument: 3)
                let sources = zip(names, counts).compactMap { n, c in c.doubleValue.map { (source: n.description, count: Int($0)) } }
                try TableBinding.push(try Table(columns: ["rank", "source", "count", "cumulative", "zone"], rows: Bibliometrics.bradford(sources).map {
                    [.int($0.rank), .text($0.source), .int($0.count), .int($0.cumulative), .int($0.zone)]
                }), on: s)
                return 1
            },
            APIFunction("bibliometrics", "price_index", kind: .function, [APIParameter("ages", "Table"), APIParameter("window", "integer", optional: true)],
                        returns: "number?", "the share (0 to 1) of references at most window (default 5) years old when cited, from corpus:reference_ages()") { s in
                let t = try TableBinding.table(s, at: 1)
                let window = s.isNoneOrNil(2) ? 5 : try s.argumentInteger(2)
                let ages = try numberPairs(t, ("age", 1), ("count", 1)).map { (age: Int($0.0), count: Int($0.1)) }
                s.push(Bibliometrics.priceIndex(ages: ages, window: window))
                return 1
            },
            APIFunction("bibliometrics", "rpys", kind: .function, [APIParameter("table", "Table"), APIParameter("options", "{from?: integer, to?: integer}", optional: true)],
                        returns: "Table", "reference publication year spectroscopy from a year/count Table such as corpus:count_by(\"references.year\"): year, count, median (of the five years around it), deviation (count − median)") { s in
                let t = try TableBinding.table(s, at: 1)
                let o = try OptionsTable(s, 2, known: ["from", "to"])
                let pairs = try numberPairs(t, ("year", 1), ("count", 1)).map { (year: Int($0.0), count: Int($0.1)) }
                let rows = Bibliometrics.rpys(pairs, from: try o.integer("from"), to: try o.integer("to"))
                try TableBinding.push(try Table(columns: ["year", "count", "median", "deviation"], rows: rows.map {
                    [.int($0.year), .int($0.count), .number($0.median), .number($0.deviation)]
                }), on: s)
                return 1
            },
        ])
    }

    /// The rows of two columns (each a name and the argument that named it) where both hold numbers.
    private static func numberPairs(_ t: Table, _ a: (String, Int32), _ b: (String, Int32)) throws -> [(Double, Double)] {
        zip(try TableBinding.column(t, a.0, argument: a.1), try TableBinding.column(t, b.0, argument: b.1)).compactMap { x, y in
            guard let x = x.doubleValue, let y = y.doubleValue else { return nil }
            return (x, y)
        }
    }

    private static func round6(_ d: Double) -> Double { (d * 1e6).rounded() / 1e6 }
}
