// ScriptCheckerTests.swift: `check` finds each kind of mistake without running the script, with
// the line and column, and finds nothing in correct scripts.
import Scripting
import XCTest

final class ScriptCheckerTests: XCTestCase {
    private func problems(_ source: String) throws -> [String] {
        try ScriptChecker.check(ScriptRequest(scriptPath: "s.lua", source: source)).map(\.description)
    }

    func testSyntaxErrorHasLineAndColumn() throws {
        XCTAssertEqual(try problems("local a = 1\nlocal x = = 3\n"), ["s.lua:2:11: syntax error: unexpected symbol near '='"])
        XCTAssertEqual(try problems("for i = 1, 3 do\n  print(i)"),
                       ["s.lua:2:11: syntax error: 'end' expected (to close 'for' at line 1) near <eof>"])
    }

    func testShardedCheckPointsAtWhatASplitRunCannotDo() throws {
        let source = """
            local n = #corpus
            local years = corpus:where{year = {2000, nil}}:count_by("year")
            local refs = corpus:fold{init = 0, step = function(a, d) return a + #d.references end, merge = function(a, b) return a + b end}
            for doc in corpus:documents() do print(doc.title) end
            print(corpus[1].title)
            local t = corpus:impact{unit = "authors"}
            """
        let found = try ScriptChecker.check(ScriptRequest(scriptPath: "s.lua", source: source), sharded: true).map(\.description)
        XCTAssertEqual(found, [
            "s.lua:4:19: 'corpus:documents()' reads the documents one by one, which a sharded run cannot do; accumulate with corpus:fold{init, step, merge}",
            "s.lua:5:13: reading one document by position (corpus[i]) needs the whole corpus, which a sharded run does not have; use corpus:fold",
            "s.lua:6:18: 'corpus:impact' needs the whole corpus in one place and cannot run sharded yet; a sharded run splits #corpus, author_production, collaboration, cooccurrence, count_by, countries, crosstab, filter, fold, institutions, keyness, kwic, reference_ages, terms, tfidf, where",
        ])
        XCTAssertEqual(try problems(source), [], "a plain check finds nothing: the script is right for a whole run")
    }

    func testMisspeltCorpusMethod() throws {
        XCTAssertEqual(try problems("local t = corpus:term{field = 'abstract'}"),
                       ["s.lua:1:18: 'corpus:term' is not a function; did you mean 'corpus:terms'?"])
    }

    func testMisspeltModuleFunctionsOfTheAPIAndOfLua() throws {
        XCTAssertEqual(try problems("local md = report.markdwn('x.md')\nprint(string.fromat('%d', 1))\nprint(stats.meen({1}))"), [
            "s.lua:1:19: 'report.markdwn' does not exist; did you mean 'report.markdown'?",
            "s.lua:2:14: 'string.fromat' does not exist; did you mean 'string.format'?",
            "s.lua:3:13: 'stats.meen' does not exist; did you mean 'stats.mean'?",
        ])
    }

    func testUndefinedGlobalsButNotAssignedOnes() throws {
        let found = try problems("""
            total = 0
            local function add(n) total = total + n end
            add(#corpus)
            print(totl, undefined_thing)
            """)
        XCTAssertEqual(found, ["s.lua:4:7: undefined global 'totl'; did you mean 'total'?", "s.lua:4:13: undefined global 'undefined_thing'"])
    }

    func testTypesFollowedThroughLocalsCallsAndLoops() throws {
        let found = try problems("""
            local recent = corpus:where{year = {2000, 2020}}
            local t = recent:count_by("year"):sortt("year")
            local md = report.markdown("a.md")
            for i = 1, 3 do md:headng(1, "x") end
            for doc in corpus:documents() do print(doc.titl) end
            for _, doc in ipairs({corpus[1]}) do print(doc.whatever) end
            """)
        XCTAssertEqual(found, [
            "s.lua:2:35: 'table:sortt' is not a function; did you mean 'table:sort'?",
            "s.lua:4:20: 'md:headng' is not a function; did you mean 'md:heading'?",
            "s.lua:5:44: 'doc.titl': Document has no field 'titl'; did you mean 'doc.title'?",
        ], "a document reached through ipairs is not followed (its type is unknown), so nothing is said of it")
    }

    func testDocumentsByPositionAndTheirReferences() throws {
        XCTAssertEqual(try problems("print(corpus[1].titel, corpus[1].references[1].yaer, corpus[1].authors[1].family)"), [
            "s.lua:1:17: 'document.titel': Document has no field 'titel'; did you mean 'document.title'?",
            "s.lua:1:48: 'reference.yaer': Reference has no field 'yaer'; did you mean 'reference.year'?",
        ], "an author is a plain table: its fields are not checked")
    }

    func testDescribedScriptRunParameterIsTheCorpus() throws {
        let found = try problems("""
            return {
              description = "x",
              run = function(corpus, params) return corpus:count_byy("year") end,
            }
            """)
        XCTAssertEqual(found, ["s.lua:3:48: 'corpus:count_byy' is not a function; did you mean 'corpus:count_by'?"])
    }

    func testReadsOfUndeclaredParameters() throws {
        let found = try problems("""
            return {
              description = "x",
              params = { { name = "top", type = "integer", default = 5 } },
              run = function(corpus, params)
                print(params.top, params.topp, _G.params.top)
              end,
            }
            """)
        XCTAssertEqual(found, ["s.lua:5:30: 'params.topp' is not a declared parameter; did you mean 'params.top'?"])
        XCTAssertEqual(try problems("print(params.anything)"), [], "a plain script's parameters are free-form")
    }

    func testUnknownOptionsOfOptionTables() throws {
        let found = try problems("""
            local t = corpus:terms{feild = "abstract", top = 5}
            local md = report.markdown("x.md", {toc = true, titel = "x"})
            md:chart{table = t, x = "term", y = "count", knd = "bar"}
            local w = corpus:where{year = {2000, 2001}, langauge = "en"}
            local k = corpus:keyness(w, {field = "abstract", ngram = 2, zzz = 1})
            local opts = {feild = 1}
            corpus:terms(opts)
            """)
        XCTAssertEqual(found, [
            "s.lua:1:24: 'corpus:terms' has no option 'feild'; did you mean 'field'?",
            "s.lua:2:49: 'report.markdown' has no option 'titel'; did you mean 'title'?",
            "s.lua:3:46: 'md:chart' has no option 'knd'; did you mean 'kind'?",
            "s.lua:4:45: 'corpus:where' has no option 'langauge'; did you mean 'language'?",
            "s.lua:5:61: 'corpus:keyness' has no option 'zzz'; options are field, measure, top, min_count, ngram, stopwords",
            "s.lua:6:15: 'corpus:terms' has no option 'feild'; did you mean 'field'?",
        ], "a table built in a local first is followed to the call")
    }

    /// The option keys each function's declared type lists are exactly those the engine takes, so
    /// `check` and the reference say what the run does.
    func testDeclaredOptionsAreTheOnesTheEngineTakes() throws {
        let calls: [String: String] = [
            "Corpus.count_by": "corpus:count_by('year', OPT)", "Corpus.crosstab": "corpus:crosstab('year', 'year', OPT)",
            "Corpus.impact": "corpus:impact(OPT)", "Corpus.institutions": "corpus:institutions(OPT)",
            "Corpus.network": "corpus:network(OPT)", "Corpus.trend_topics": "corpus:trend_topics(OPT)", "Corpus.bursts": "corpus:bursts(OPT)", "Network.filter": "corpus:network{kind = 'coauthorship'}:filter(OPT)",
            "Network.centrality": "corpus:network{kind = 'coauthorship'}:centrality(OPT)",
            "Network.cluster": "corpus:network{kind = 'coauthorship'}:cluster(OPT)",
            "Network.summary": "corpus:network{kind = 'coauthorship'}:summary(OPT)",
            "Network.layout": "corpus:network{kind = 'coauthorship'}:layout(OPT)", "Network.new": "Network.new(OPT)",
            "MarkdownDocument.network_map": "report.markdown('n.md'):network_map(OPT)",
            "report.network": "report.network('n', corpus:network{kind = 'coauthorship'}, OPT)", "Corpus.terms": "corpus:terms(OPT)",
            "Corpus.cooccurrence": "corpus:cooccurrence(OPT)", "Corpus.tfidf": "corpus:tfidf(OPT)",
            "Corpus.keyness": "corpus:keyness(corpus, OPT)", "Corpus.kwic": "corpus:kwic('x', OPT)",
            "Corpus.most_cited": "corpus:most_cited(OPT)", "Corpus.author_production": "corpus:author_production(OPT)",
            "Corpus.where": "corpus:where(OPT)", "Corpus.fold": "corpus:fold(OPT)", "report.markdown": "report.markdown('a.md', OPT)",
            "report.csv": "report.csv('a.csv', {'a'}, {{1}}, OPT)", "bibliometrics.rpys": "bibliometrics.rpys(corpus:count_by('year'), OPT)",
            "MarkdownDocument.chart": "report.markdown('b.md'):chart(OPT)", "report.svg": "report.svg('c.svg', OPT)",
        ]
        var checked = 0
        for entry in try ScriptRunner.apiEntries() {
            for p in entry.parameters where p.type.hasPrefix("{") && !p.type.hasPrefix("{columns") || p.type == "ChartSpec" {
                let name = "\(entry.owner).\(entry.name)"
                let call = try XCTUnwrap(calls[name], "no test call for \(name)")
                let message = Fixture.failure(call.replacingOccurrences(of: "OPT", with: "{zzz_unknown = 1}"))
                let listed = try XCTUnwrap(message.components(separatedBy: "options are ").last?.dropLast(), message)
                let runtime = Set(listed.components(separatedBy: ", "))
                let declared: Set<String>
                if p.type == "ChartSpec" {
                    declared = Set(try ScriptRunner.apiEntries().filter { $0.owner == "ChartSpec" }.map(\.name))
                } else {
                    declared = Set(p.type.dropFirst().dropLast().components(separatedBy: ", ").compactMap { item -> String? in
                        guard let key = item.split(separator: ":").first else { return nil }
                        let k = key.trimmingCharacters(in: .whitespaces)
                        return k.hasSuffix("?") ? String(k.dropLast()) : (k.contains("{") || k.contains("}") || k.contains("?") ? nil : k)
                    })
                }
                XCTAssertEqual(declared, runtime, name)
                checked += 1
            }
        }
        XCTAssertEqual(checked, calls.count)
    }

    func testHeaderProblems() throws {
        let found = try problems("""
            return {
              descripton = "typo",
              params = {
                { name = "top", type = "int", default = 10 },
                { name = "share", type = "number", default = "half" },
                { name = "years", type = "integer[]", default = {2000, "2001"} },
              },
              run = function(corpus, params) end,
            }
            """)
        XCTAssertEqual(found, [
            "s.lua:9: description: the description has an unknown key 'descripton' (did you mean 'description'?); keys are description, params, outputs, run",
            "s.lua:9: description: 'description' is missing: say in a sentence what the script reports",
            "s.lua:9: description: params[1] ('top'): type 'int' is not a type; types are string, integer, number, boolean, string[], integer[], number[], boolean[]",
            "s.lua:9: description: params[2] ('share'): the default \"half\" is a string, not a number",
            "s.lua:9: description: params[3] ('years'): the default {[1] = 2000, [2] = \"2001\"} is a table, not an integer[]",
        ])
    }

    func testCorrectScriptsAreClean() throws {
        XCTAssertEqual(try problems("""
            local t = corpus:terms{field = "abstract", top = 10}
            local md = report.markdown("x.md")
            md:heading(1, "Terms"):table(t)
            for doc in corpus:documents() do
              local n = #doc.references
              if doc.year and n > 0 then print(doc.title, n, math.floor(n / 2)) end
            end
            report.csv("x.csv", Table.new{columns = {"a"}, rows = {{1}}}:sort("a"))
            """), [])
    }

    func testBundledScriptsAreClean() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let scripts = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Scripts").path).filter { $0.hasSuffix(".lua") }
        XCTAssertGreaterThanOrEqual(scripts.count, 8)
        for name in scripts {
            let path = root.appendingPathComponent("Scripts/" + name).path
            var request = ScriptRequest(scriptPath: path)
            request.modulePaths = [root.appendingPathComponent("Scripts"), root.appendingPathComponent("Scripts/lib")]
            XCTAssertEqual(try ScriptChecker.check(request), [], name)
        }
    }
}
