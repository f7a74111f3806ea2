// DocumentAPITests.swift: the corpus and its documents as scripts see them.
import Scripting
import XCTest

final class DocumentAPITests: XCTestCase {
    func testCorpusLengthIndexingAndIteration() throws {
        XCTAssertEqual(try Fixture.printed("""
            print(#corpus, corpus[1].id, corpus[3].id, corpus[4], corpus[0])
            local ids = {}
            for doc in corpus:documents() do ids[#ids + 1] = doc.id end
            print(table.concat(ids, ","))
            print(tostring(corpus))
            """), ["3\ta\tc\tnil\tnil", "a,b,c", "Corpus of 3 documents"])
    }

    func testScalarFields() throws {
        XCTAssertEqual(try Fixture.printed("""
            local d = corpus[1]
            print(d.title, d.doi, d.year, d.language, d.abstract)
            local b = corpus[2]
            print(b.title, b.doi, b.abstract, b.year)
            print(d.source.path, d.source.line)
            """), ["Tea roads of Kyakhta\t10.1/a-2019-1\t2019\ten\tGoals. Trade routes.",
                   "Монгольские документы\tnil\tnil\t2021", "a.txt\t2"])
    }

    func testListFieldsComeBackAsFreshTables() throws {
        XCTAssertEqual(try Fixture.printed("""
            local d = corpus[1]
            print(#d.authors, d.authors[1].family, d.authors[1].initials, d.authors[1].name, d.authors[1].key)
            print(table.concat(d.keywords, ";"), d.affiliations[1], d.sections[1].label, d.sections[1].text)
            d.keywords[1] = "changed"
            print(d.keywords[1])
            """), ["2\tIvanova\tM.A.\tIvanova M.A.\tivanova, m.a.", "Tea trade;Kyakhta\tIrkutsk State University\tGoals\tTrade routes.", "Tea trade"])
    }

    func testReferenceFields() throws {
        XCTAssertEqual(try Fixture.printed("""
            local r = corpus[1].references[1]
            print(r.number, r.year, r.container, r.issue, r.pages, r.language, r.language_note, r.self_citation)
            print(r.authors[1].family, r.title, r.first_page, r.last_page, r.et_al, r.year_suffix, r.url)
            local f = corpus[1].references[2]
            print(f.year, f.title, f.container, f.language, f.self_citation)
            """), ["1\t2017\tOriental Studies\t2\t3-9\tru\tIn Russ.\tfalse", "Ivanova\tCustoms\t3\t9\tfalse\tnil\tnil",
                   "1969\tMuscovite and Mandarin\tnil\ten\tfalse"])
    }

    func testUnknownFieldListsTheValidNames() throws {
        XCTAssertEqual(Fixture.failure("local x = corpus[1].abstrct"),
                       "test.lua:1: unknown document field 'abstrct'; fields are id, title, authors, affiliations, addresses, countries, abstract, sections, doi, year, keywords, references, language, journal, citations, cited_by, source, sources, type, type_label, index_terms, mesh, categories, editors, volume, issue, pages, issn, publisher, funding, corresponding")
        XCTAssertEqual(Fixture.failure("\nlocal x = corpus[1].references[1].yaer"),
                       "test.lua:2: unknown reference field 'yaer'; fields are number, text, authors, et_al, title, container, container_key, year, year_suffix, volume, issue, pages, first_page, last_page, doi, url, key, language, language_note, self_citation, target")
    }

    func testDocumentsAreReadOnly() throws {
        XCTAssertEqual(Fixture.failure("corpus[1].title = 'x'"), "test.lua:1: documents are read-only")
    }

    func testPrintingADocument() throws {
        XCTAssertEqual(try Fixture.printed("print(corpus[1]); print(corpus[3])"),
                       ["Document 10.1/a-2019-1 \"Tea roads of Kyakhta\" (2019)", "Document c \"Herders | markets\" (2021)"])
    }

    func testParamsAreReadOnlyStrings() throws {
        XCTAssertEqual(try Fixture.printed("print(params.top, params.missing); for k, v in pairs(params) do print(k, v) end",
                                           params: ["top": "5"]), ["5\tnil", "top\t5"])
        XCTAssertTrue(Fixture.failure("params.top = 3").hasSuffix("params is read-only (cannot set 'top')"))
    }
}
