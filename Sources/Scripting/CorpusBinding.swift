// CorpusBinding.swift: the `corpus` a script receives: its length, its documents by position,
// iteration, sub-corpora, and the aggregations computed in Swift.
import Analysis
import Tables
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Lua

/// What a Corpus userdata holds.
final class CorpusHandle {
    let corpus: Corpus
    let slot: Int32
    init(corpus: Corpus, slot: Int32) {
        self.corpus = corpus
        self.slot = slot
    }
}

enum CorpusBinding {
    static let typeName = "Corpus"

    static func register(in context: ScriptContext) {
        let functions = methods(context)
        context.registerType(typeName, functions, index: { s in
            let handle = try self.handle(s)
            try context.requireWholeCorpus("corpus[i]")
            guard let position = s.toInteger(2), s.type(at: 2) == .number else {
                if let key = s.toString(2) {
                    throw ScriptError("corpus has no field or method '\(key)'; methods are "
                        + functions.map(\.entry.name).sorted().joined(separator: ", ") + "; documents are corpus[1] to corpus[#corpus]")
                }
                throw ScriptError("corpus is indexed by position (1 to #corpus) or method name, not by \(s.typeName(at: 2))")
            }
            guard position >= 1 && position <= handle.corpus.count else { s.pushNil(); return 1 }
            DocumentBinding.push(document: handle.corpus.row(position - 1), slot: handle.slot, on: s)
            return 1
        }, metamethods: [
            "__len": { s in
                let c = try self.handle(s).corpus
                s.push(try context.distributed("#corpus") { _ in DocumentCount(c.count) }.count)
                return 1
            },
            "__tostring": { s in
                let c = try self.handle(s).corpus
                let n = try context.distributed("tostring(corpus)") { _ in DocumentCount(c.count) }.count
                s.push("Corpus of \(n) document\(n == 1 ? "" : "s")")
                return 1
            },
        ])
        context.state.addMethod("documents", toType: typeName) { s in
            s.push(function: "documents") { s in
                try context.requireWholeCorpus("corpus:documents()")
                context.pushHelper("positions", on: s)
                s.pushCopy(of: 1)
                try s.call(arguments: 1, results: 1)
                return 1
            }
        }
    }

    // MARK: methods

    /// The fields `where` takes a value or a list of values of: the schema's countable fields.
    private static let valueConditions = CorpusField.allCases.filter {
        if case .schemaText = $0 { true } else if case .schemaList = $0 { true } else { false }
    }

    /// The methods a sharded run splits across its shards (the others need the whole corpus).
    static let shardable: Set<String> = ["documents", "count_by", "crosstab", "cooccurrence", "terms", "tfidf", "keyness", "kwic", "author_production", "collaboration", "reference_ages", "countries", "institutions", "where", "filter", "fold"]

    private static func methods(_ context: ScriptContext) -> [APIFunction] {
        allMethods(context).map { f in
            guard !shardable.contains(f.entry.name) else { return f }
            var wrapped = f
            wrapped.body = { s in
                try context.requireWholeCorpus("corpus:\(f.entry.name)")
                return try f.body(s)
            }
            return wrapped
        }
    }

    private static func allMethods(_ context: ScriptContext) -> [APIFunction] {
        func check(_ s: LuaStack) -> InterruptionCheck { s.state.limitCheck }
        return [FoldBinding.function(context),
            APIFunction("Corpus", "documents", returns: "fun(): Document",
                        "iterates the documents in order: `for doc in corpus:documents() do ... end`") { _ in 0 },
            APIFunction("Corpus", "count_by", [APIParameter("field", "string"), APIParameter("options", "{top?: integer, min_count?: integer, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false, variants?: boolean}", optional: true)],
                        returns: "Table", "how many documents have each value of a field (references, for `references.*` fields), most frequent first; `normalize`, `stem` and `thesaurus` merge spellings (shown by the most frequent), `variants = true` adds a column listing them") { s in
                let corpus = try handle(s).corpus
                let field = try corpusField(s, 2, context)
                let o = try OptionsTable(s, 3, argument: 3, known: ["top", "min_count", "variants"] + OptionsTable.groupingKeys)
                let grouping = try o.grouping(runThesaurus: context.thesaurus)
                let counts = try context.distributed("count_by") { shard in
                    try FieldCounter.valueCounts(corpus, field, grouping: grouping, shard: shard, check: check(s))
                }
                try TableBinding.push(FieldCounter.countBy(counts, field, minCount: o.integer("min_count", min: 1) ?? 1, top: o.integer("top", min: 0),
                                                           grouping: grouping, variants: o.boolean("variants") ?? false), on: s)
                return 1
            },
            APIFunction("Corpus", "author_forms", returns: "Table",
                        "each author identity with the forms it was found under (\"Kostoff, RN\" and \"Kostoff, Ronald N.\" are one person): key, name, forms, documents; most documents first") { s in
                let corpus = try handle(s).corpus
                let rows = AuthorIdentities.forms(corpus.store, rows: corpus.rowIndices)
                    .sorted { $0.documents != $1.documents ? $0.documents > $1.documents : $0.key < $1.key }
                    .map { [Cell.text($0.key), .text($0.forms.max { $0.count < $1.count } ?? ""), .text($0.forms.joined(separator: "; ")), .int($0.documents)] }
                try TableBinding.push(try Table(columns: ["key", "name", "forms", "documents"], rows: rows), on: s)
                return 1
            },
            APIFunction("Corpus", "crosstab", [APIParameter("field_a", "string"), APIParameter("field_b", "string"),
                                               APIParameter("options", "{normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}", optional: true)],
                        returns: "Table",
                        "how many documents (references, when a field is a reference field) have each pair of values: a, b, count; `normalize`, `stem` and `thesaurus` merge spellings as count_by does") { s in
                let corpus = try handle(s).corpus
                let a = try corpusField(s, 2, context), b = try corpusField(s, 3, context)
                let o = try OptionsTable(s, 4, known: OptionsTable.groupingKeys)
                let grouping = try o.grouping(runThesaurus: context.thesaurus)
                // Under a grouping, each field's groups are shown by their spelling over the whole corpus.
                func groups(_ f: CorpusField) throws -> FieldCounter.FieldGroups? {
                    guard !grouping.isNone else { return nil }
                    let counts = try context.distributed("crosstab") { shard in
                        try FieldCounter.valueCounts(corpus, f, grouping: grouping, shard: shard, check: check(s))
                    }
                    return FieldCounter.groups(counts, f, grouping)
                }
                let groupA = try groups(a), groupB = try groups(b)
                let pairs = try context.distributed("crosstab") { shard in
                    try FieldCounter.pairCounts(corpus, a, b, grouping: grouping, shard: shard, check: check(s))
                }
                try TableBinding.push(FieldCounter.crosstab(pairs, a, b, groupA: groupA, groupB: groupB), on: s)
                return 1
            },
            APIFunction("Corpus", "terms", [APIParameter("options", "{field: string, top?: integer, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}")],
                        returns: "Table", "term frequencies of a text field: term, count, documents; n-grams never contain a stopword; `normalize`, `stem` and `thesaurus` merge spellings (shown by the most frequent)") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["field", "top", "min_count", "ngram", "stopwords"] + OptionsTable.groupingKeys)
                let options = try termOptions(o, s)
                let grouping = try o.grouping(runThesaurus: context.thesaurus), minCount = try o.integer("min_count", min: 1) ?? 1, top = try o.integer("top", min: 0)
                // A whole run counts as fast as it can (words and word pairs have counters of their
                // own); a sharded run counts each shard's terms and adds them up.
                if context.isWhole {
                    try TableBinding.push(try TermCounter.terms(corpus, options, minCount: minCount, top: top, grouping: grouping, check: check(s)), on: s)
                    return 1
                }
                guard grouping.isNone else { try context.requireWholeCorpus("corpus:terms with normalize, stem or a thesaurus") ; return 0 }
                let counts = try context.distributed("terms") { _ in TermCounts(table: try TermCounter.count(corpus, options, check: check(s))) }
                try TableBinding.push(TermCounter.terms(counts, minCount: minCount, top: top), on: s)
                return 1
            },
            APIFunction("Corpus", "cooccurrence", [APIParameter("options", "{field: string, top?: integer, min_count?: integer, max_items?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}")],
                        returns: "Table", "documents holding each pair of keywords, authors, cited containers or terms: a, b, count; `normalize`, `stem` and `thesaurus` merge spellings first") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["field", "top", "min_count", "max_items", "stopwords"] + OptionsTable.groupingKeys)
                guard let name = try o.string("field") else { throw LuaArgumentError(2, "option 'field' is required") }
                let items: CooccurrenceItems
                if let field = CorpusField(rawValue: name) {
                    try requireSplittable(field, context)
                    items = .field(field)
                } else if let text = try? TextField(name: name) {
                    items = .terms(TermOptions(field: text, stopwords: try o.stopwords()))
                } else {
                    throw LuaArgumentError(2, "option 'field' is '\(name)'; it must be a field (\(CorpusField.names.joined(separator: ", "))) or a text field (\(TextField.names.joined(separator: ", ")))")
                }
                let grouping = try o.grouping(runThesaurus: context.thesaurus), minCount = try o.integer("min_count", min: 1) ?? 1
                // Two calls: the items' documents over the whole corpus choose the items, then their pairs are counted.
                let vocabulary = try context.distributed("cooccurrence") { shard in
                    try Cooccurrence.vocabulary(corpus, items: items, grouping: grouping, shard: shard, check: check(s))
                }
                let selection = Cooccurrence.Selection(vocabulary, items: items, minCount: minCount, maxItems: try o.integer("max_items", min: 2) ?? 5000,
                                                       grouping: grouping)
                let pairs = try context.distributed("cooccurrence") { _ in
                    try Cooccurrence.pairCounts(corpus, items: items, selection: selection, check: check(s))
                }
                try TableBinding.push(Cooccurrence.table(pairs, selection, minCount: minCount, top: o.integer("top", min: 0)), on: s)
                return 1
            },
            APIFunction("Corpus", "tfidf", [APIParameter("options", "{field: string, top?: integer, ngram?: integer, stopwords?: string|string[]|false}")],
                        returns: "Table", "the terms that characterise each document (count × log10(N / documents with the term)): id, term, score") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["field", "top", "stopwords", "ngram"])
                let options = try termOptions(o, s), top = try o.integer("top", min: 1) ?? 10
                // The documents with each term and the number of documents, over the whole corpus;
                // then each document's scores.
                let df = try context.distributed("tfidf") { _ in TermCounts(table: try TermCounter.count(corpus, options, check: check(s))) }
                let n = try context.distributed("tfidf") { _ in DocumentCount(corpus.count) }
                let rows = try context.distributed("tfidf") { shard in
                    try TFIDF.scoredRows(corpus, options, documentFrequencies: df.table, documents: n.count, top: top, shard: shard, check: check(s))
                }
                try TableBinding.push(rows.table, on: s)
                return 1
            },
            APIFunction("Corpus", "keyness", [APIParameter("other", "Corpus"), APIParameter("options", "{field: string, measure?: \"g2\"|\"chi2\", top?: integer, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false}")],
                        returns: "Table", "terms that distinguish this corpus from another: term, count_a, count_b, score, p (G2 with Williams' or chi2 with Yates' correction)") { s in
                let corpus = try handle(s).corpus
                guard let other = s.object(at: 2, typeName: typeName, as: CorpusHandle.self)?.corpus else {
                    throw LuaArgumentError(2, "Corpus expected, got \(s.typeName(at: 2))")
                }
                let o = try OptionsTable(s, 3, known: ["field", "measure", "top", "min_count", "stopwords", "ngram"])
                let measure = KeynessMeasure(rawValue: try o.choice("measure", KeynessMeasure.allCases.map(\.rawValue)) ?? "g2")!
                let options = try termOptions(o, s)
                let a = try context.distributed("keyness") { _ in TermCounts(table: try TermCounter.count(corpus, options, check: check(s))) }
                let b = try context.distributed("keyness") { _ in TermCounts(table: try TermCounter.count(other, options, check: check(s))) }
                try TableBinding.push(Keyness.compare(a.table, b.table, measure: measure, minCount: o.integer("min_count", min: 1) ?? 1,
                                                      top: o.integer("top", min: 0)), on: s)
                return 1
            },
            APIFunction("Corpus", "kwic", [APIParameter("pattern", "string"), APIParameter("options", "{field?: string, window?: integer, limit?: integer}", optional: true)],
                        returns: "Table", "each occurrence of a word or phrase with the words around it: id, left, match, right") { s in
                let corpus = try handle(s).corpus
                let pattern = try s.argumentString(2)
                let o = try OptionsTable(s, 3, known: ["field", "window", "limit"])
                let field = try textField(o.string("field") ?? "abstract", argument: 3)
                let window = try o.integer("window", min: 0) ?? 5, limit = try o.integer("limit", min: 0)
                do {
                    let lines = try context.distributed("kwic") { shard in
                        try Concordance.lines(corpus, pattern: pattern, field: field, window: window, limit: limit, shard: shard, check: check(s))
                    }
                    try TableBinding.push(lines.table(limit: limit), on: s)
                } catch let e as AnalysisError { throw LuaArgumentError(2, e.description) }
                return 1
            },
            APIFunction("Corpus", "most_cited", [APIParameter("options", "{top?: integer}", optional: true)], returns: "Table",
                        "documents most cited by the corpus's own documents: id, title, year, cited_by (local citations), citations (as the source counts them)") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["top"])
                try TableBinding.push(try CitationRanking.mostCited(corpus, top: o.integer("top", min: 0)), on: s)
                return 1
            },
            APIFunction("Corpus", "author_production", [APIParameter("options", "{top?: integer}", optional: true)], returns: "Table",
                        "each author's documents, counted in full and fractionally (1/k for a document with k authors): author, documents, fractional") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["top"])
                let shares = try context.distributed("author_production") { shard in Bibliometrics.authorShares(corpus, shard: shard) }
                try TableBinding.push(try Bibliometrics.authorProduction(shares, top: o.integer("top", min: 0)), on: s)
                return 1
            },
            APIFunction("Corpus", "reference_ages", [], returns: "Table",
                        "references by age when cited (citing year minus cited year; in-press references count as 0): age, count") { s in
                let corpus = try handle(s).corpus
                try TableBinding.push(try Bibliometrics.referenceAges(try context.distributed("reference_ages") { _ in Bibliometrics.referenceAgeCounts(corpus) }), on: s)
                return 1
            },
            APIFunction("Corpus", "countries", [], returns: "Table",
                        "production by country, from the countries of the addresses: country (ISO 3166-1 code), name, documents (full counting), fractional (each document's unit shared among its authors, an author's share among its countries), scp and mcp (documents whose corresponding author, else first author, is in the country, with one country or several), mcp_share, citations, citations_per_document; most documents first") { s in
                let corpus = try handle(s).corpus
                try TableBinding.push(try CountryProduction.table(try context.distributed("countries") { shard in
                    CountryProduction.countryCounts(corpus, shard: shard)
                }), on: s)
                return 1
            },
            APIFunction("Corpus", "impact", [APIParameter("options", "{unit: \"authors\"|\"sources\"|\"institutions\"|\"countries\"|\"documents\", year?: integer, citations?: \"global\"|\"local\", top?: integer, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}")],
                        returns: "Table",
                        "impact of each author, source, institution, country or document: its name, documents, citations, citations_per_document, citations_per_year, h_index, g_index, m_index, first_year, mncs (mean of its documents' citations over their year's mean); `year` is the reference year (default the corpus's latest), `citations` the database's counts (global) or the corpus's own (local); highest h first") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["unit", "year", "citations", "top"] + OptionsTable.groupingKeys)
                guard let unit = try o.choice("unit", ImpactUnit.allCases.map(\.rawValue)).flatMap(ImpactUnit.init) else {
                    throw LuaArgumentError(2, "option 'unit' is required: one of \(ImpactUnit.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
                }
                let count = try o.choice("citations", CitationCount.allCases.map(\.rawValue)).flatMap(CitationCount.init) ?? .global
                try TableBinding.push(try Impact.table(corpus, unit: unit, referenceYear: o.integer("year"), citations: count,
                                                       top: o.integer("top", min: 0), grouping: o.grouping(runThesaurus: context.thesaurus)), on: s)
                return 1
            },
            NetworkBinding.corpusNetwork(context),
            APIFunction("Corpus", "trend_topics", [APIParameter("options", "{field?: string, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}", optional: true)],
                        returns: "Table",
                        "each value of a field (keywords by default; a text field such as \"abstract\" gives its terms, English stopwords left out) with at least min_count documents (5) and the quartiles of its documents' years: term, documents, year_q1, year_median, year_q3; earliest median first") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["field", "min_count", "ngram", "stopwords"] + OptionsTable.groupingKeys)
                try TableBinding.push(try Themes.trendTopics(corpus, try themeSource(o), grouping: o.grouping(runThesaurus: context.thesaurus),
                                                            minCount: o.integer("min_count", min: 1) ?? 5), on: s)
                return 1
            },
            APIFunction("Corpus", "bursts", [APIParameter("options", "{field?: string, min_count?: integer, gamma?: number, scale?: number, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}", optional: true)],
                        returns: "Table",
                        "bursts of a field's values over the years (keywords by default; \"references.key\" for cited works; a text field such as \"title\" for its terms), by Kleinberg's two-state automaton: the burst state `scale` (2) times the base rate, entering it costing gamma (1, CiteSpace's γ) × ln(years): term, begin, end, strength; strongest first") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["field", "min_count", "gamma", "scale", "ngram", "stopwords"] + OptionsTable.groupingKeys)
                let source = try themeSource(o)
                let scale = try o.number("scale") ?? 2
                guard scale > 1 else { throw LuaArgumentError(2, "option 'scale' must be more than 1, got \(scale)") }
                try TableBinding.push(try Themes.bursts(corpus, source, grouping: o.grouping(runThesaurus: context.thesaurus),
                                                       minCount: o.integer("min_count", min: 1) ?? 3, scale: scale, gamma: try o.number("gamma") ?? 1), on: s)
                return 1
            },
            APIFunction("Corpus", "institutions", [APIParameter("options", "{top?: integer}", optional: true)], returns: "Table",
                        "production by top-level institution (abbreviated and full names as one): institution, documents (full counting), fractional (each document's unit shared among its authors, an author's share among its institutions), citations, citations_per_document; most documents first") { s in
                let corpus = try handle(s).corpus
                let o = try OptionsTable(s, 2, known: ["top"])
                let counts = try context.distributed("institutions") { shard in CountryProduction.institutionCounts(corpus, shard: shard) }
                try TableBinding.push(try CountryProduction.institutions(counts, top: o.integer("top", min: 0)), on: s)
                return 1
            },
            APIFunction("Corpus", "collaboration", [], returns: "Collaboration",
                        "authorship figures: {documents (with authors), single_authored, multi_authored, authors_per_document, collaboration_index, with_country (documents with an address in a country), international (with addresses in two countries or more), international_share}") { s in
                let corpus = try handle(s).corpus
                let counts = try context.distributed("collaboration") { _ in
                    var counts = Bibliometrics.collaborationCounts(corpus)
                    counts.merge(CountryProduction.internationalCounts(corpus))
                    return counts
                }
                let c = Bibliometrics.collaboration(counts)
                let international = (withCountry: counts[5], international: counts[6])
                s.pushTable(fields: 8)
                s.push(international.withCountry); s.setField("with_country", at: -2)
                s.push(international.international); s.setField("international", at: -2)
                s.push(international.withCountry > 0 ? Double(international.international) / Double(international.withCountry) : 0)
                s.setField("international_share", at: -2)
                s.push(c.documents); s.setField("documents", at: -2)
                s.push(c.singleAuthored); s.setField("single_authored", at: -2)
                s.push(c.multiAuthored); s.setField("multi_authored", at: -2)
                s.push(c.authorsPerDocument); s.setField("authors_per_document", at: -2)
                s.push(c.collaborationIndex); s.setField("collaboration_index", at: -2)
                return 1
            },
            APIFunction("Corpus", "where", [APIParameter("conditions", "{year?: integer|{integer?, integer?}, language?: string, keyword?: string, author?: string, "
                                                          + valueConditions.map { "\($0.rawValue)?: string|string[]" }.joined(separator: ", ") + "}")],
                        returns: "Corpus", "the documents meeting every condition, as a sub-corpus (filtered in Swift); any other countable field (`type`, `index_terms`, `categories`, ...) given a value or a list of values keeps the documents having one of them") { s in
                let corpus = try handle(s).corpus
                let byValue = valueConditions
                let o = try OptionsTable(s, 2, known: ["year", "language", "keyword", "author"] + byValue.map(\.rawValue))
                let years = try o.range("year")
                var filter = DocumentFilter(yearFrom: years?.0, yearTo: years?.1, language: try o.string("language"),
                                            keyword: try o.string("keyword"), author: try o.string("author"))
                for field in byValue {
                    if let accepted = try o.strings(field.rawValue) { filter.values.append((field, Set(accepted.map { $0.lowercased() }))) }
                }
                push(CorpusFilter.filter(corpus, filter), in: context, on: s)
                return 1
            },
            APIFunction("Corpus", "filter", [APIParameter("predicate", "fun(doc: Document): boolean")], returns: "Corpus",
                        "the documents for which the function returns true, as a sub-corpus") { s in
                let handle = try handle(s)
                guard s.type(at: 2) == .function else { throw LuaArgumentError(2, "function expected, got \(s.typeName(at: 2))") }
                var kept: [Int] = []
                for i in 0..<handle.corpus.count {
                    let row = handle.corpus.row(i)
                    s.pushCopy(of: 2)
                    DocumentBinding.push(document: row, slot: handle.slot, on: s)
                    try s.call(arguments: 1, results: 1)
                    if s.toBool(-1) { kept.append(row) }
                    s.pop()
                }
                push(handle.corpus.subset(rows: kept), in: context, on: s)
                return 1
            },
            APIFunction("Corpus", "since_last_run", [], returns: "Corpus",
                        "the documents added since the scheduled job's last successful run, as a sub-corpus (all of them when there was none)") { s in
                let handle = try handle(s)
                guard let seen = context.run.previous?.documentIDs else {
                    push(handle.corpus, in: context, on: s)
                    return 1
                }
                let store = handle.corpus.store
                let added = handle.corpus.rowIndices.filter { !seen.contains(store.id.string($0)) }
                push(handle.corpus.subset(rows: added), in: context, on: s)
                return 1
            },
            APIFunction("Corpus", "split_by", [APIParameter("field", "string")], returns: "table<string|integer, Corpus>",
                        "a sub-corpus for each value of a field, in a table keyed by the value") { s in
                let corpus = try handle(s).corpus
                let groups = CorpusFilter.split(corpus, by: try corpusField(s, 2, context))
                s.pushTable(fields: groups.count)
                for (value, sub) in groups {
                    s.push(value)
                    push(sub, in: context, on: s)
                    s.rawSet(at: -3)
                }
                return 1
            },
        ]
    }

    /// A field whose values a shard cannot know alone is refused in a sharded run: a cited work's
    /// key is unified over the whole corpus (the DOI another reference gives for the same work).
    private static func requireSplittable(_ field: CorpusField, _ context: ScriptContext) throws {
        if field == .referencesKey { try context.requireWholeCorpus("the field references.key (a work's key is decided over the whole corpus)") }
    }

    private static func corpusField(_ s: LuaStack, _ index: Int32, _ context: ScriptContext) throws -> CorpusField {
        let field = try corpusField(s, index)
        try requireSplittable(field, context)
        return field
    }

    private static func corpusField(_ s: LuaStack, _ index: Int32) throws -> CorpusField {
        let name = try s.argumentString(index)
        do { return try CorpusField(name: name) } catch { throw LuaArgumentError(index, String(describing: error)) }
    }

    /// The values trend topics and bursts look at: a countable field (keywords by default), or the
    /// terms of a text field ("title", "abstract") cut as `ngram` and `stopwords` say.
    private static func themeSource(_ o: OptionsTable) throws -> ThemeSource {
        let name = try o.string("field") ?? "keywords"
        if let field = CorpusField(rawValue: name) {
            if try o.integer("ngram") != nil { throw LuaArgumentError(o.argument, "option 'ngram' belongs to a text field such as 'abstract', not '\(name)'") }
            return .field(field)
        }
        guard let text = try? TextField(name: name) else {
            throw LuaArgumentError(o.argument, "option 'field' is '\(name)'; it must be a field (\(CorpusField.names.joined(separator: ", "))) or a text field (\(TextField.names.joined(separator: ", ")))")
        }
        let ngram = try o.integer("ngram", min: 1) ?? 1
        return .terms(TermOptions(field: text, ngram: min(ngram, 5), stopwords: try o.stopwords() ?? StopwordSet.builtIn("en")))
    }

    static func textField(_ name: String, argument: Int32) throws -> TextField {
        do { return try TextField(name: name) } catch {
            throw LuaArgumentError(argument, "option 'field' is '\(name)'; text fields are \(TextField.names.joined(separator: ", "))")
        }
    }

    private static func termOptions(_ o: OptionsTable, _ s: LuaStack) throws -> TermOptions {
        guard let name = try o.string("field") else { throw LuaArgumentError(o.argument, "option 'field' is required (\(TextField.names.joined(separator: ", ")))") }
        let ngram = try o.integer("ngram", min: 1) ?? 1
        guard ngram <= 5 else { throw LuaArgumentError(o.argument, "option 'ngram' must be 1 to 5, got \(ngram)") }
        return TermOptions(field: try textField(name, argument: o.argument), ngram: ngram, stopwords: try o.stopwords())
    }

    static func push(_ corpus: Corpus, in context: ScriptContext, on s: LuaStack) {
        s.pushObject(CorpusHandle(corpus: corpus, slot: context.slot(for: corpus)), typeName: typeName)
    }

    static func handle(_ s: LuaStack) throws -> CorpusHandle {
        guard let h = s.object(at: 1, typeName: typeName, as: CorpusHandle.self) else {
            throw LuaArgumentError(1, "Corpus expected, got \(s.typeName(at: 1))")
        }
        return h
    }
}

