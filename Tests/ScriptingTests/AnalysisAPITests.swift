// AnalysisAPITests.swift: the Lua face of the aggregations, including their argument errors.
import Scripting
import XCTest

final class AnalysisAPITests: XCTestCase {
    private func lines(_ source: String) throws -> [String] { try Fixture.printed(source) }

    /// Prints each row of the table expression as "a|b|c".
    private func rows(_ expression: String) throws -> [String] {
        try lines("""
            local t = \(expression)
            for row in t:rows() do
              local cells = {}
              for i, c in ipairs(t.columns) do cells[i] = tostring(row[c]) end
              print(table.concat(cells, "|"))
            end
            """)
    }

    func testTerms() throws {
        XCTAssertEqual(try rows("corpus:terms{field = 'keywords'}"), ["tea trade|2|2", "archives|1|1", "kyakhta|1|1"])
        XCTAssertEqual(try rows("corpus:terms{field = 'title', top = 2, stopwords = {'of'}}"), ["herders|1|1", "kyakhta|1|1"])
        XCTAssertEqual(try rows("corpus:terms{field = 'title', ngram = 2, min_count = 1, top = 1}"), ["herders markets|1|1"])
    }

    func testCountByOptionsCrosstabAndCooccurrence() throws {
        XCTAssertEqual(try rows("corpus:count_by('keywords', {top = 1})"), ["Tea trade|2"])
        XCTAssertEqual(try rows("corpus:crosstab('year', 'language')"), ["2019|en|1", "2021|en|1", "2021|ru|1"])
        XCTAssertEqual(try rows("corpus:cooccurrence{field = 'keywords'}"), ["Archives|Tea trade|1", "Kyakhta|Tea trade|1"])
    }

    func testSubCorpora() throws {
        XCTAssertEqual(try lines("""
            print(#corpus:where{year = {2020, 2021}}, #corpus:where{author = 'Ivanova M.A.'}, #corpus:where{keyword = 'kyakhta'})
            local en = corpus:filter(function(doc) return doc.language == 'en' end)
            print(#en, en[1].id, en[2].id, tostring(en))
            local by = corpus:split_by('year')
            print(#by[2021], #by[2019], by[1999])
            print(#corpus:where{year = 1900}:count_by('year'))
            """), ["2\t2\t1", "2\ta\tc\tCorpus of 2 documents", "2\t1\tnil", "0"])
    }

    func testKeynessTfidfAndKwic() throws {
        XCTAssertEqual(try lines("""
            local k = corpus:where{year = 2019}:keyness(corpus:where{year = 2021}, {field = 'title', measure = 'g2', top = 1})
            print(k[1].term, k[1].count_a, k[1].count_b, k[1].score > 0, k[1].p < 1)
            local t = corpus:tfidf{field = 'title', top = 1}
            print(#t, t[1].id, t[1].term)
            local c = corpus:kwic('roads', {field = 'title', window = 1})
            print(#c, c[1].left, c[1].match, c[1].right)
            """), ["kyakhta\t1\t0\ttrue\ttrue", "3\ta\tkyakhta", "1\tTea\troads\tof"])
    }

    func testStatsAndTableOperations() throws {
        XCTAssertEqual(try lines("""
            print(stats.mean{1, 2, 3, 10}, stats.median{1, 2, 3, 10}, stats.quantile({1, 2, 3, 10}, 0.25), stats.mean{})
            local t = Table.new{columns = {'year', 'n'}, rows = {{2020, 1}, {2021, 2}, {2021, 5}}}
            print(stats.mean(t, 'n'), stats.correlation({1, 2, 3}, {3, 2, 1}))
            local h = stats.histogram({1, 2, 3, 4}, 2)
            print(#h, h[1].count, h[2].count)
            local g = t:group('year', {total = 'sum:n', rows = 'count'})
            print(table.concat(g.columns, ','), g[2].total, g[2].rows)
            local f = t:filter(function(row) return row.n > 1 end)
            print(#f, f[1].n)
            local j = t:join(Table.new{columns = {'year', 'label'}, rows = {{2021, 'late'}}}, 'year')
            print(#j, j[1].label)
            """), ["4.0\t2.5\t1.75\tnil", "2.6666666666667\t-1.0", "2\t2\t2", "year,rows,total\t7\t2", "2\t2", "2\tlate"])
    }

    func testArgumentErrorsNameTheFunctionArgumentAndChoices() throws {
        XCTAssertEqual(Fixture.failure("corpus:terms{field = 'abstrct'}"),
                       "test.lua:1: bad argument #1 to 'terms' (option 'field' is 'abstrct'; text fields are title, abstract, sections.<label>, keywords, references.title, references.container)")
        XCTAssertEqual(Fixture.failure("corpus:terms{field = 'title', topp = 3}"),
                       "test.lua:1: bad argument #1 to 'terms' (unknown option 'topp'; options are field, top, min_count, ngram, stopwords, thesaurus, normalize, stem)")
        XCTAssertEqual(Fixture.failure("corpus:terms{field = 'title', ngram = 6}"),
                       "test.lua:1: bad argument #1 to 'terms' (option 'ngram' must be 1 to 5, got 6)")
        XCTAssertEqual(Fixture.failure("corpus:terms{field = 'title', stopwords = 'fr'}"),
                       "test.lua:1: bad argument #1 to 'terms' (option 'stopwords' is 'fr'; built-in lists are 'en', 'ru')")
        XCTAssertEqual(Fixture.failure("corpus:keyness(corpus, {field = 'title', measure = 'll'})"),
                       "test.lua:1: bad argument #2 to 'keyness' (option 'measure' is 'll'; it must be one of 'g2', 'chi2')")
        XCTAssertEqual(Fixture.failure("corpus:keyness({}, {field = 'title'})"),
                       "test.lua:1: bad argument #1 to 'keyness' (Corpus expected, got table)")
        XCTAssertEqual(String(Fixture.failure("corpus:crosstab('year', 'colour')").prefix(77)),
                       "test.lua:1: bad argument #2 to 'crosstab' (unknown field 'colour'; fields are")
        XCTAssertEqual(Fixture.failure("stats.mean{1, 'x'}"), "test.lua:1: bad argument #1 to 'mean' (item 2 is a string, not a number)")
        XCTAssertEqual(Fixture.failure("corpus:where{yaer = 2020}"),
                       "test.lua:1: bad argument #1 to 'where' (unknown option 'yaer'; options are year, language, keyword, author, type, type_label, index_terms, categories, issn, publisher, funding)")
    }
}
