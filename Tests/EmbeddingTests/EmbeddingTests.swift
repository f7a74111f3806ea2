// EmbeddingTests.swift: the engine as another Swift program uses it, through `import Scriptorium`
// alone: corpora from files or from records made in code, runs with outputs in memory or in a
// folder, host modules, cancellation, concurrent runs on one corpus, and diagnostics as values.
import Foundation
import Scriptorium
import XCTest

final class EmbeddingTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func samples() throws -> LoadedCorpus {
        try LoadedCorpus.load(paths: [Self.root.appendingPathComponent("Samples").path])
    }

    private let lab = HostModule(name: "lab", summary: "Test helpers of the host.", functions: [
        HostFunction("scale", parameters: [HostParameter("value", .number), HostParameter("factor", .integer, optional: true)],
                     returns: "number", summary: "value times factor (default 2)", example: "print(lab.scale(1.5, 4))") { args in
            [.number((args[0].number ?? 0) * Double(args[1].integer ?? 2))]
        },
        HostFunction("label", parameters: [HostParameter("name", .string)], returns: "string", summary: "a label for a name") { args in
            guard let name = args[0].string, !name.isEmpty else { throw HostFailure(text: "a label needs a name") }
            return [.string("<" + name + ">")]
        },
        HostFunction("summary", parameters: [HostParameter("table", .table)], returns: "table", summary: "the table's size") { args in
            guard case .array(let items) = args[0] else { return [.table(["kind": .string("record")])] }
            return [.table(["kind": .string("array"), "n": .integer(Int64(items.count))])]
        },
    ])

    func testInMemoryAndFolderOutputsAreEqual() throws {
        let corpus = try samples()
        XCTAssertEqual(corpus.count, 14)
        let script = ReportScript(.file(Self.root.appendingPathComponent("Scripts/keywords.lua").path), params: ["top": "5"], date: "2026-01-01")
        let outputs = try ReportEngine.run(script, on: corpus)
        XCTAssertEqual(outputs.files.map(\.name), ["keywords.md", "keywords-most-used-keywords.svg", "keywords-the-most-used-keywords-by-year.svg",
                                                   "keywords-co-occurrence-of-the-top-keywords.svg", "keywords.csv", "index_terms.csv", "keyword_years.csv", "keyword_pairs.csv", "keyword_spellings.csv"])
        XCTAssertEqual(outputs["keywords.md"]?.mediaType, "text/markdown")
        XCTAssertEqual(outputs["keywords.csv"]?.mediaType, "text/csv")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embed-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let written = try outputs.write(to: folder)
        XCTAssertEqual(written.count, outputs.files.count)
        for file in outputs.files {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(file.name)), file.data, file.name)
        }
    }

    func testTheRunsThesaurusIsObeyedByTheAggregations() throws {
        let corpus = try samples()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thesaurus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let source = "local t = corpus:count_by('keywords') print(t:head(1):column('keywords')[1], #t)"
        let plain = try ReportEngine.run(ReportScript(.text(source, name: "k.lua")), on: corpus).printed[0].split(separator: "\t")
        // Removing the most used keyword: the next one leads, and there is one keyword less.
        let file = folder.appendingPathComponent("thesaurus.txt")
        try Data("label\treplace by\n\(plain[0])\t\n".utf8).write(to: file)
        let script = ReportScript(.text(source, name: "k.lua"), thesaurus: file.path)
        let removed = try ReportEngine.run(script, on: corpus).printed[0].split(separator: "\t")
        XCTAssertNotEqual(removed[0], plain[0])
        XCTAssertEqual(Int(removed[1]), Int(plain[1])! - 1)
        // A call's own thesaurus (here none) replaces the run's.
        let own = try ReportEngine.run(ReportScript(.text("print(#corpus:count_by('keywords', {thesaurus = false}))", name: "k.lua"),
                                                    thesaurus: file.path), on: corpus)
        XCTAssertEqual(own.printed, [String(plain[1])])
        // A malformed thesaurus names its file and line, and nothing runs.
        try Data("label\treplace by\nno tab here\n".utf8).write(to: file)
        XCTAssertThrowsError(try ReportEngine.run(script, on: corpus)) { error in
            XCTAssertEqual((error as? ReportError)?.kind, .thesaurus)
            XCTAssertTrue("\(error)".contains("thesaurus.txt:2"), "\(error)")
        }
    }

    func testHostModuleFunctionsWithCheckedArguments() throws {
        let corpus = try samples()
        let script = ReportScript(.text("""
            print(lab.scale(1.5, 4), lab.scale(3), lab.label("x"))
            local s = lab.summary({1, 2, 3})
            print(s.kind, s.n)
            """, name: "host.lua"), modules: [lab])
        let outputs = try ReportEngine.run(script, on: corpus)
        XCTAssertEqual(outputs.printed, ["6.0\t6.0\t<x>", "array\t3"])
    }

    private func failure(_ source: String, modules: [HostModule]? = nil) throws -> ReportError {
        do {
            _ = try ReportEngine.run(ReportScript(.text(source, name: "host.lua"), modules: modules ?? [lab]), on: LoadedCorpus(records: []))
        } catch let error as ReportError {
            return error
        }
        throw XCTSkip("the script did not fail")
    }

    func testHostArgumentErrorsAndThrownErrorsReachTheScriptLine() throws {
        XCTAssertEqual(try failure("local x = 1\nlab.scale('many')").message, "host.lua:2: bad argument #1 to 'scale' (number expected, got string)")
        XCTAssertEqual(try failure("lab.scale(1, 2.5)").message, "host.lua:1: bad argument #2 to 'scale' (number has no integer representation)")
        XCTAssertEqual(try failure("lab.label()").message, "host.lua:1: bad argument #1 to 'label' (string expected, got no value)")
        let thrown = try failure("\n\nlab.label('')")
        XCTAssertEqual(thrown.kind, .script)
        XCTAssertEqual(thrown.message, "host.lua:3: a label needs a name")
        XCTAssertEqual(try failure("local ok, e = pcall(lab.label, '')\nerror('caught: ' .. e, 0)").message, "caught: a label needs a name",
                       "a host error is an ordinary Lua error that pcall catches")
    }

    func testSandboxStillAppliesWithHostModules() throws {
        XCTAssertTrue(try failure("io.open('/etc/passwd')").message.contains("attempt to index a nil value (global 'io')"))
    }

    func testHostModuleCannotReplaceABuiltInGlobal() throws {
        let report = HostModule(name: "report", summary: "x", functions: [])
        let error = try failure("print(1)", modules: [report])
        XCTAssertEqual(error.kind, .hostModule)
        XCTAssertEqual(error.message, "host module 'report' would replace the global 'report' that scripts already have")
    }

    func testHostModulesJoinTheReferenceAndTypes() throws {
        let reference = try ReportEngine.reference(modules: [lab])
        XCTAssertTrue(reference.contains("## lab\n"), reference)
        XCTAssertTrue(reference.contains("- `lab.scale(value, [factor]) -> number`: value times factor (default 2)"))
        XCTAssertFalse(try ReportEngine.reference().contains("lab.scale"), "only when the host asks")
        let types = try ReportEngine.typeDefinitions(modules: [lab])
        XCTAssertTrue(types.contains("---@class lablib\nlab = {}\n"), types)
        XCTAssertTrue(types.contains("---@param factor? integer\n---@return number\nfunction lab.scale(value, factor) end\n"))
        let issues = try ReportEngine.check(ReportScript(.text("print(lab.scal(1))", name: "c.lua"), modules: [lab]))
        XCTAssertEqual(issues.map(\.description), ["c.lua:1:11: 'lab.scal' does not exist; did you mean 'lab.scale'?"])
    }

    func testCancellationStopsALongScript() throws {
        let corpus = try samples()
        let cancellation = ReportCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancellation.cancel() }
        let started = Date()
        do {
            _ = try ReportEngine.run(ReportScript(.text("while true do end", name: "loop.lua"), timeout: 60), on: corpus, cancellation: cancellation)
            XCTFail("the script should have been stopped")
        } catch let error as ReportError {
            XCTAssertEqual(error.kind, .cancelled)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
    }

    /// Long work in compiled code (a network laid out and clustered) stops when the run is
    /// cancelled, not when the work ends.
    func testCancellationStopsCompiledNetworkWork() throws {
        let corpus = try samples()
        let source = """
            local rows = {}
            for i = 1, 2999 do rows[#rows + 1] = {"n" .. i, "n" .. (i + 1), 1}; rows[#rows + 1] = {"n" .. i, "n" .. ((i * 7) % 3000 + 1), 1} end
            local net = Network.new{edges = Table.new{columns = {"a", "b", "weight"}, rows = rows}}
            for seed = 1, 1000 do net:layout{seed = seed} end
            """
        let cancellation = ReportCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { cancellation.cancel() }
        let started = Date()
        do {
            _ = try ReportEngine.run(ReportScript(.text(source, name: "map.lua"), timeout: 600), on: corpus, cancellation: cancellation)
            XCTFail("the script should have been stopped")
        } catch let error as ReportError {
            XCTAssertEqual(error.kind, .cancelled)
        }
        // One layout of 3,000 nodes alone takes longer than this without the checks.
        XCTAssertLessThan(Date().timeIntervalSince(started), 8)
    }

    func testEightRunsAtOnceOnOneCorpus() throws {
        let corpus = try samples()
        let source = """
            return {
              description = "documents from a year on",
              params = { { name = "from", type = "integer", default = 2000 } },
              run = function(corpus, params)
                local sub = corpus:where{year = {params.from, 3000}}
                local terms = sub:terms{field = "abstract", top = 3, stopwords = "en"}
                report.csv("n.csv", Table.new{columns = {"from", "documents", "top"}, rows = {{params.from, #sub, terms[1] and terms[1].term or ""}}})
              end,
            }
            """
        let years = Array(2016...2023)
        let results = ResultBox(count: years.count)
        DispatchQueue.concurrentPerform(iterations: years.count) { i in
            results.set(i, Result { try ReportEngine.run(ReportScript(.text(source, name: "y.lua"), params: ["from": String(years[i])]), on: corpus) })
        }
        // The same runs one after another give the expected answers.
        for (i, year) in years.enumerated() {
            let expected = try ReportEngine.run(ReportScript(.text(source, name: "y.lua"), params: ["from": String(year)]), on: corpus)
            let got = try results.get(i).get()
            XCTAssertEqual(got["n.csv"]?.data, expected["n.csv"]?.data, "from \(year)")
            let text = String(decoding: got["n.csv"]!.data, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("from,documents,top\r\n\(year),"), text)
        }
        let all = String(decoding: try results.get(0).get()["n.csv"]!.data, as: UTF8.self)
        XCTAssertTrue(all.contains("2016,13,"), all)  // one sample has no year
        let last = String(decoding: try results.get(years.count - 1).get()["n.csv"]!.data, as: UTF8.self)
        XCTAssertTrue(last.contains("2023,1,"), last)
    }

    func testCorpusBuiltInCode() throws {
        let corpus = LoadedCorpus(records: [
            ArticleRecord(id: "a", title: "Tea roads", authors: ["Dudin P.N.", "Ivanova M. A."], doi: "10.1/x-2019-1",
                          keywords: ["tea"], references: ["Dudin P. N. Kyakhta. *Oriental Studies*. 2015. No. 2. Pp. 3-9. (In Russ.)"]),
            ArticleRecord(id: "b", title: "Caravans", authors: ["Dudin, P. N."], year: 2021, keywords: ["tea", "caravans"]),
        ])
        let script = ReportScript(.text("""
            print(#corpus, corpus[1].year, corpus[1].references[1].year, corpus[1].references[1].self_citation)
            for row in corpus:count_by("authors"):rows() do print(row.authors, row.count) end
            """, name: "code.lua"))
        XCTAssertEqual(try ReportEngine.run(script, on: corpus).printed, ["2\t2019\t2015\ttrue", "Dudin P.N.\t2", "Ivanova M.A.\t1"])
    }

    func testLoadDiagnosticsAreValues() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("diag-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "".write(to: folder.appendingPathComponent("empty.ris"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Samples/001_steppe_trade.txt"), to: folder.appendingPathComponent("one.txt"))
        let corpus = try LoadedCorpus.load(paths: [folder.path])
        XCTAssertEqual(corpus.count, 1)
        XCTAssertEqual(corpus.warnings.map(\.message), ["empty file, skipped"])
        XCTAssertEqual(corpus.warnings.first?.path, folder.appendingPathComponent("empty.ris").path)
        XCTAssertEqual(corpus.files.map(\.format), ["ris", "record"])
        do {
            _ = try LoadedCorpus.load(paths: [folder.path], options: CorpusLoading(strict: true))
            XCTFail("strict loading should fail")
        } catch let error as CorpusLoadError {
            XCTAssertEqual(error.reason, .strict)
            XCTAssertEqual(error.warnings.count, 1)
        }
        XCTAssertThrowsError(try LoadedCorpus.load(paths: [folder.appendingPathComponent("none").path])) { error in
            XCTAssertEqual((error as? CorpusLoadError)?.reason, .missingPath)
        }
    }

    func testDescribedScriptHeaderAndParameterErrors() throws {
        let header = try XCTUnwrap(try ReportEngine.describe(ReportScript(.file(Self.root.appendingPathComponent("Scripts/concordance.lua").path))))
        XCTAssertEqual(header.parameters.map(\.name), ["term", "field", "window", "limit"])
        XCTAssertEqual(header.parameters[2].defaultValue, "6")
        XCTAssertTrue(header.parameters[0].required)
        do {
            _ = try ReportEngine.run(ReportScript(.file(Self.root.appendingPathComponent("Scripts/concordance.lua").path), params: ["window": "wide", "term": "x"]),
                                     on: try samples())
            XCTFail("the run should fail")
        } catch let error as ReportError {
            XCTAssertEqual(error.kind, .parameters)
            XCTAssertEqual(error.message, "--param window=wide: 'window' takes an integer, and 'wide' is not one")
        }
    }

    func testExploreSession() throws {
        let session = try ExploreSession(corpus: try samples(), print: { _ in })
        XCTAssertEqual(session.evaluate("=#corpus"), .values("14"))
        XCTAssertEqual(session.evaluate("if true then"), .incomplete)
        if case .error(let message) = session.evaluate("error('x')") { XCTAssertEqual(message, "shell:1: x") } else { XCTFail() }
    }
}

private struct HostFailure: Error, CustomStringConvertible { var text: String; var description: String { text } }

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<ReportOutputs, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<ReportOutputs, Error>) { lock.lock(); results[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<ReportOutputs, Error> { lock.lock(); defer { lock.unlock() }; return results[i]! }
}
