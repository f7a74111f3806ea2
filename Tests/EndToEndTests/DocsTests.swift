// DocsTests.swift: the committed API reference is what the engine generates now.
import Foundation
import XCTest

final class DocsTests: XCTestCase {
    func testCommittedReferenceIsUpToDate() throws {
        let result = try Command.run(["docs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let committed = try String(contentsOf: Command.packageRoot.appendingPathComponent("docs/lua-api.md"), encoding: .utf8)
        XCTAssertEqual(result.stdout, committed, "docs/lua-api.md is stale: regenerate it with `swift run scriptorium docs > docs/lua-api.md`")
    }

    func testDocsForOneName() throws {
        let result = try Command.run(["docs", "Corpus:terms"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.hasPrefix("corpus:terms(options) -> Table\n"), result.stdout)
        XCTAssertEqual(try Command.run(["docs", "no_such_thing"]).status, 2)
    }
}

final class TypeDefinitionTests: XCTestCase {
    func testCommittedTypeDefinitionsAreUpToDate() throws {
        let result = try Command.run(["docs", "--types"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let committed = try String(contentsOf: Command.packageRoot.appendingPathComponent("Scripts/types/scriptorium.lua"), encoding: .utf8)
        XCTAssertEqual(result.stdout, committed, "Scripts/types/scriptorium.lua is stale: regenerate it with `make docs`")
    }

    func testLuaRcPointsTheEditorAtTheDefinitions() throws {
        let data = try Data(contentsOf: Command.packageRoot.appendingPathComponent(".luarc.json"))
        let settings = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(settings["runtime.version"] as? String, "Lua 5.4")
        XCTAssertEqual(settings["workspace.library"] as? [String], ["Scripts/types"])
    }

    func testDefinitionsDescribeTheAPI() throws {
        let types = try String(contentsOf: Command.packageRoot.appendingPathComponent("Scripts/types/scriptorium.lua"), encoding: .utf8)
        XCTAssertTrue(types.hasPrefix("---@meta"))
        for line in ["---@class Corpus", "---@class Document", "---@field doi? string DOI, without the resolver prefix",
                     "---@param options {field: string, top?: integer, min_count?: integer, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}",
                     "function Corpus:terms(options) end", "---@class reportlib", "function report.csv(name, table_or_header, rows, options) end",
                     "---@type Corpus", "corpus = nil", "---@field [integer] Document"] {
            XCTAssertTrue(types.contains(line + "\n"), "missing: \(line)")
        }
        // The file is valid Lua, as lua-language-server requires.
        let check = try Command.run(["check", "Scripts/types/scriptorium.lua"])
        XCTAssertFalse(check.stdout.contains("syntax error"), check.stdout)
    }
}
