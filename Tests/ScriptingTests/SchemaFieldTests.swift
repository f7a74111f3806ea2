// SchemaFieldTests.swift: every field declared in DocumentSchema reaches every place from its one
// declaration: the store and back, JSON Lines and back, the cache's pack and back, the Lua field,
// the API reference, count_by and where. The test walks the schema, so a field added to it is
// checked by the same lines; and the author identities that make one person one key.
import Analysis
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Scripting
import XCTest

final class SchemaFieldTests: XCTestCase {
    /// A document with a distinct value in every schema field.
    static func filled() -> Document {
        var d = Document(id: "x", title: "Filled", authors: [AuthorName.parse("Doe, Jane")!, AuthorName.parse("Roe, R.")!],
                         affiliations: ["Univ A", "Univ B"], year: 2020, source: SourceLocation(path: "x.txt"))
        d.affiliationAuthors = [[0, 1], [1]]
        d.authors[0].orcid = "0000-0002-1825-0097"
        d.authors[1].id = "57321683800"
        for f in DocumentSchema.fields {
            switch f.kind {
            case .text(let path): d[keyPath: path] = f.name == "type" ? "review" : "\(f.name) value"
            case .list(let path): d[keyPath: path] = ["\(f.name) one", "\(f.name) two"]
            case .record(let parts): for p in parts { d[keyPath: p.path] = "\(f.name) \(p.name)" }
            }
        }
        return d
    }

    func testEveryFieldGoesThroughTheStoreJSONLinesAndTheCache() throws {
        let d = Self.filled()
        var store = DocumentStore()
        store.append(Document(id: "empty", title: "Empty", source: SourceLocation(path: "e.txt")))
        store.append(d)
        XCTAssertEqual(store.document(1), d, "the store gives back every field")
        XCTAssertEqual(store.document(0).type, nil)

        let text = try CorpusJSONLines.write([d])
        let line = String(text.split(separator: "\n")[1])
        for f in DocumentSchema.fields { XCTAssertTrue(line.contains("\"\(f.name)"), "JSON Lines has \(f.name)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let jsonl = folder.appendingPathComponent("c.jsonl")
        try text.write(to: jsonl, atomically: true, encoding: .utf8)
        let read = try CorpusLoader.load(paths: [jsonl.path])
        XCTAssertEqual(read.document(0), d, "JSON Lines read back give every field")

        // The cache's pack: a second load takes the file from the pack.
        let cache = CorpusCache(folder: folder.appendingPathComponent("cache"))
        _ = try CorpusLoader.load(paths: [jsonl.path], options: LoadOptions(cache: cache))
        let cached = try CorpusLoader.load(paths: [jsonl.path], options: LoadOptions(cache: CorpusCache(folder: cache.folder)))
        XCTAssertEqual(cached.document(0), d, "the pack gives back every field")
    }

    func testAFileWithoutTheNewFieldsWritesNoneOfTheirKeys() throws {
        let plain = Document(id: "p", title: "Plain", source: SourceLocation(path: "p.txt"))
        let line = String(try CorpusJSONLines.write([plain]).split(separator: "\n")[1])
        for f in DocumentSchema.fields { XCTAssertFalse(line.contains("\"\(f.name)"), f.name) }
        XCTAssertFalse(line.contains("affiliation_authors"))
    }

    func testEveryFieldIsALuaFieldAndInTheReference() throws {
        let corpus = Corpus(documents: [Self.filled()])
        var lines: [String] = []
        for f in DocumentSchema.fields {
            switch f.kind {
            case .text: lines.append("print(corpus[1].\(f.name))")
            case .list: lines.append("print(table.concat(corpus[1].\(f.name), '|'))")
            case .record(let parts): lines.append("print(" + parts.map { "corpus[1].\(f.name).\($0.name)" }.joined(separator: ", ") + ")")
            }
        }
        let printed = try Fixture.run(lines.joined(separator: "\n"), corpus: corpus).1
        let expected = DocumentSchema.fields.map { f -> String in
            switch f.kind {
            case .text: return f.name == "type" ? "review" : "\(f.name) value"
            case .list: return "\(f.name) one|\(f.name) two"
            case .record(let parts): return parts.map { "\(f.name) \($0.name)" }.joined(separator: "\t")
            }
        }
        XCTAssertEqual(printed, expected)
        let documented = try ScriptRunner.apiEntries(hostModules: []).filter { $0.owner == "Document" }.map(\.name)
        for f in DocumentSchema.fields { XCTAssertTrue(documented.contains(f.name), "the API reference lists \(f.name)") }
    }

    func testTheCoreFieldsAreTheModelsDeclarationsInOrder() throws {
        // The API reference lists the document's, the reference's and the author's fields as the
        // model declares them, in its order, with its types; a script can read each of them.
        let entries = try ScriptRunner.apiEntries(hostModules: [])
        for (owner, declared) in [("Document", DocumentSchema.core + DocumentSchema.fields.map { FieldDescription($0.name, $0.luaType, $0.summary) }),
                                  ("Reference", DocumentSchema.referenceFields), ("Author", DocumentSchema.authorFields)] {
            let listed = entries.filter { $0.owner == owner && $0.kind == .field }
            XCTAssertEqual(listed.map(\.name), declared.map(\.name), owner)
            XCTAssertEqual(listed.map(\.returns), declared.map(\.luaType), owner)
        }
        let corpus = Corpus(documents: [Self.filled()])
        let reads = DocumentSchema.core.map { "local _ = corpus[1].\($0.name)" }
            + DocumentSchema.authorFields.map { "local _ = corpus[1].authors[1].\($0.name)" }
        XCTAssertNoThrow(try Fixture.run(reads.joined(separator: "\n"), corpus: corpus))
    }

    func testAddressesAndAuthorIdentifiersInLua() throws {
        let corpus = Corpus(documents: [Self.filled()])
        XCTAssertEqual(try Fixture.run("""
            local d = corpus[1]
            for _, a in ipairs(d.addresses) do print(a.address, table.concat(a.authors, ",")) end
            print(table.concat(d.authors[2].affiliations, ","), d.authors[1].orcid, d.authors[2].id, d.authors[1].id)
            """, corpus: corpus).1, ["Univ A\t1,2", "Univ B\t2", "1,2\t0000-0002-1825-0097\t57321683800\tnil"])
    }

    func testCountByAndWhereTakeTheNewFields() throws {
        var a = Document(id: "a", title: "A", source: SourceLocation(path: "a"))
        a.type = "article"; a.indexTerms = ["Humans", "Stroke"]
        var b = Document(id: "b", title: "B", source: SourceLocation(path: "b"))
        b.type = "review"; b.indexTerms = ["Humans"]
        var c = Document(id: "c", title: "C", source: SourceLocation(path: "c"))
        c.type = "editorial"
        let corpus = Corpus(documents: [a, b, c])
        XCTAssertEqual(try Fixture.run("""
            local t = corpus:count_by("index_terms")
            for i = 1, #t do print(t[i].index_terms, t[i].count) end
            print(#corpus:where{type = {"article", "Review"}}, #corpus:where{type = "editorial"}, #corpus:where{index_terms = "stroke"})
            local x = corpus:crosstab("type", "index_terms")
            print(#x)
            """, corpus: corpus).1, ["Humans\t2", "Stroke\t1", "2\t1\t1", "3"])
    }

    func testOnePersonsFormsShareOneKeyAndDifferentGivenNamesStayApart() throws {
        let text = """
            PT J
            AU Kostoff, RN
            TI Old record
            PY 1998
            ER
            PT J
            AU Kostoff, RN
               Cheng, Y
            AF Kostoff, Ronald N.
               Cheng, Yang
            TI New record
            PY 2015
            ER
            PT J
            AU Cheng, Y
            AF Cheng, Yan
            TI Another Cheng
            PY 2016
            ER
            PT J
            AU Cheng, Y
            TI Which Cheng
            PY 2017
            ER

            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ids-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("savedrecs.txt")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let corpus = try CorpusLoader.load(paths: [path.path])
        XCTAssertEqual(try Fixture.run("""
            local t = corpus:count_by("authors")
            for i = 1, #t do print(t[i].authors, t[i].count) end
            local f = corpus:author_forms()
            print(f[1].key, f[1].forms, f[1].documents)
            """, corpus: corpus).1, [
                "Kostoff, Ronald N.\t2", "Cheng Y.\t1", "Cheng, Yan\t1", "Cheng, Yang\t1",
                "kostoff, ronald n.\tKostoff, RN; Kostoff, Ronald N.\t2",
            ])
    }
}
