// RecordTrustTests.swift: no record lost or wrongly merged, and every field a reader is given kept
// in its place. Each test is one bug a researcher met on a real export, with the smallest input
// that shows it.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class RecordTrustTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    private func load(_ paths: [String], merge: Bool = true) throws -> Corpus {
        try CorpusLoader.load(paths: paths, options: LoadOptions(merge: merge))
    }

    private func record(title: String, doiInReferences: String) -> String {
        """
        \(title)

        Smith J.

        Abstract

        A study of something.

        References

        - [1] Jones A. A cited work. *Journal*. 2019. No. 2. Pp. 1-10. https://doi.org/\(doiInReferences)
        """
    }

    func testADOIInTheReferenceListIsNotTheDocumentsOwnAndTwoArticlesCitingItStayTwo() throws {
        let a = try fixtures.write("corpus/a.txt", record(title: "First article", doiInReferences: "10.1000/shared.1"))
        let b = try fixtures.write("corpus/b.txt", record(title: "Second article", doiInReferences: "10.1000/shared.1"))
        let corpus = try load([a, b])
        XCTAssertEqual(corpus.count, 2, "two articles that cite one DOI are two documents")
        XCTAssertEqual((0 ..< 2).map { corpus.document($0).doi }, [nil, nil])
        XCTAssertEqual(corpus.document(0).references.first?.doi, "10.1000/shared.1")
    }

    func testARecordWhoseTitleStartsWithABracketIsARecordNotJSON() throws {
        let text = """
        [Adolf Lorenz and his mentor Eduard Albert]

        Smith J.

        Abstract

        A translated title, as PubMed writes it.
        """
        let corpus = try load([try fixtures.write("lorenz.txt", text)])
        XCTAssertEqual(corpus.files.map(\.format), [.record])
        XCTAssertEqual(corpus.count, 1)
        XCTAssertEqual(corpus.document(0).title, "[Adolf Lorenz and his mentor Eduard Albert]")
        XCTAssertTrue(corpus.diagnostics.isEmpty, "\(corpus.diagnostics)")
    }

    func testAFileNoReaderRecognisesIsReportedNotTurnedIntoDocuments() throws {
        let notes = try fixtures.write("notes/README.txt", "## Notes\n\nSome notes about the corpus.\n\nAnother paragraph.\n")
        let prose = try fixtures.write("notes/LICENSE.txt", "Licence\n\n" + String(repeating: "Permission is hereby granted to anyone. ", count: 40) + "\n")
        let record = try fixtures.write("notes/a.txt", record(title: "A real record", doiInReferences: "10.1/x"))
        let title = try fixtures.write("notes/b.txt", "A record of a title alone\n")
        let corpus = try load([notes, prose, record, title])
        XCTAssertEqual(corpus.documents.map(\.title), ["A real record", "A record of a title alone"])
        for path in [notes, prose] {
            let warning = try XCTUnwrap(corpus.diagnostics.first { $0.path == path })
            XCTAssertTrue(warning.message.contains("no reader recognises it"), warning.message)
        }
    }

    func testATitleEmptiedByMarkupKeepsTheRecord() throws {
        let bib = "@article{ams, title = {{\\AmSLaTeX}}, author = {Knuth, Donald}, year = 1990}\n@article{none, author = {Doe, Jane}, year = 2001}\n"
        let corpus = try load([try fixtures.write("tex.bib", bib)])
        XCTAssertEqual(corpus.count, 2, "a missing title is a gap in one field, not a lost document")
        XCTAssertEqual(corpus.document(0).title, "AmSLaTeX", "an unknown command keeps its name")
        XCTAssertEqual(corpus.document(1).title, "")
        XCTAssertEqual(corpus.document(1).authors.map(\.family), ["Doe"])
        XCTAssertTrue(corpus.diagnostics.contains { $0.line == 2 && $0.message.contains("kept with an empty title") })
    }

    func testEveryReaderKeepsARecordWithoutATitle() throws {
        let files = [
            ("wos.txt", "FN Clarivate\nVR 1.0\nPT J\nAU Doe, J\nPY 2001\nER\n"),
            ("a.ris", "TY  - JOUR\nAU  - Doe, Jane\nPY  - 2001\nER  - \n"),
            ("a.nbib", "PMID- 1\nAU  - Doe J\nDP  - 2001\n"),
            ("scopus.csv", "Authors,Title,Year,EID\nDoe J.,,2001,2-s2.0-1\n"),
            ("pubmed.xml", "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><AuthorList><Author><LastName>Doe</LastName></Author></AuthorList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"),
            ("csl.json", #"[{"id": "x", "type": "article-journal", "author": [{"family": "Doe", "given": "Jane"}]}]"#),
        ]
        for (name, text) in files {
            let corpus = try load([try fixtures.write("untitled/\(name)", text)])
            XCTAssertEqual(corpus.count, 1, name)
            XCTAssertEqual(corpus.document(0).title, "", name)
            XCTAssertEqual(corpus.document(0).authors.first?.family, "Doe", name)
        }
    }

    func testWebOfScienceKeepsAuthorKeywordsAndKeywordsPlusApart() throws {
        let text = "PT J\nAU Doe, J\nTI T\nDE block copolymers; self-assembly\nID BIT-PATTERNED MEDIA; LITHOGRAPHY\nER\nPT J\nAU Roe, R\nTI U\nID ONLY INDEX TERMS\nER\n"
        let corpus = try load([try fixtures.write("savedrecs.txt", text)])
        XCTAssertEqual(corpus.document(0).keywords, ["block copolymers", "self-assembly"])
        XCTAssertEqual(corpus.document(0).indexTerms, ["BIT-PATTERNED MEDIA", "LITHOGRAPHY"])
        XCTAssertEqual(corpus.document(1).keywords, [], "Keywords Plus never stand in for author keywords")
        XCTAssertEqual(corpus.document(1).indexTerms, ["ONLY INDEX TERMS"])
    }

    func testMeSHHeadingsAreIndexTermsNotKeywords() throws {
        let text = "PMID- 1\nTI  - A title.\nMH  - *Neoplasms/therapy\nMH  - Humans\nOT  - tumour\n\nPMID- 2\nTI  - Another.\nMH  - Humans\n"
        let corpus = try load([try fixtures.write("a.nbib", text)])
        XCTAssertEqual(corpus.document(0).keywords, ["tumour"])
        XCTAssertEqual(corpus.document(0).indexTerms, ["Neoplasms", "Humans"])
        XCTAssertEqual(corpus.document(0).mesh, ["*Neoplasms/therapy", "Humans"])
        XCTAssertEqual(corpus.document(1).keywords, [])
    }

    func testWebOfScienceAuthorLinesSplitAtSemicolonsAndFullNamesWithoutACommaUseTheShortForm() throws {
        let text = "PT J\nAU Nguyen, CD; Lee, J\nAF Chi Dinh Nguyen\n   Lee, Jaejin\nTI T\nER\n"
        let d = try load([try fixtures.write("savedrecs.txt", text)]).document(0)
        XCTAssertEqual(d.authors.map(\.family), ["Nguyen", "Lee"])
        XCTAssertEqual(d.authors[0].given, "Chi Dinh")
        XCTAssertEqual(d.authors[0].written, "Chi Dinh Nguyen")
    }

    func testRISKeepsEveryAuthorLineOfEveryTag() throws {
        let text = "TY  - JOUR\nA1  - Doe, Jane\nAU  - Roe, Richard\nA2  - Editor, Ed\nTI  - T\nER  - \n"
        let d = try load([try fixtures.write("a.ris", text)]).document(0)
        XCTAssertEqual(d.authors.map(\.family), ["Doe", "Roe"])
    }

    func testBibTeXEditorsAreEditors() throws {
        let bib = "@book{b, title = {Collected Essays}, editor = {Westfahl, Gary and Slusser, George}, year = 2002}\n"
        let d = try load([try fixtures.write("b.bib", bib)]).document(0)
        XCTAssertEqual(d.authors, [])
        XCTAssertEqual(d.editors, ["Westfahl, Gary", "Slusser, George"])
        XCTAssertEqual(d.type, "book")
    }

    func testMEDLINEBlocksWhateverTheirFirstTagAndValuesWithoutTheSpaceAfterTheHyphen() throws {
        let text = "PMID- 1\nTI  - First.\n\nOWN - ERIC\nTI  -Second without a space.\nAU  - Doe J\n\nPMC - PMC123\nTI  - Third.\n"
        let corpus = try load([try fixtures.write("eric.nbib", text)])
        XCTAssertEqual(corpus.count, 3)
        XCTAssertEqual(corpus.document(1).title, "Second without a space.")
        XCTAssertEqual(corpus.document(2).title, "Third.")
        XCTAssertTrue(corpus.diagnostics.isEmpty, "\(corpus.diagnostics)")
    }

    func testMEDLINEBookChapterTakesItsBookAsContainer() throws {
        let text = "PMID- 20301295\nTI  - Chapter title.\nBTI - GeneReviews(R)\nPT  - Review\nPT  - Book Chapter\nAU  - Doe J\n"
        let d = try load([try fixtures.write("book.nbib", text)]).document(0)
        XCTAssertEqual(d.journal, "GeneReviews(R)")
        XCTAssertEqual(d.type, "review")
    }

    func testAPubMedBookArticleKeepsItsReferences() throws {
        let xml = """
        <PubmedArticleSet><PubmedBookArticle><BookDocument><PMID>20301295</PMID><ArticleTitle>Chapter</ArticleTitle>
        <Book><BookTitle>GeneReviews</BookTitle><PubDate><Year>2010</Year></PubDate></Book>
        <ReferenceList><Reference><Citation>Smith J, Jones B. A cited study. J Med Genet. 2005;42(3):1-9.</Citation></Reference></ReferenceList>
        </BookDocument><PubmedBookData><ReferenceList><Reference><Citation>Doe J. Another study. Nature. 2001;409:10-20.</Citation>
        <ArticleIdList><ArticleId IdType="doi">10.1038/35057062</ArticleId></ArticleIdList></Reference></ReferenceList></PubmedBookData>
        </PubmedBookArticle></PubmedArticleSet>
        """
        let d = try load([try fixtures.write("book.xml", xml)]).document(0)
        XCTAssertEqual(d.references.count, 2)
        XCTAssertEqual(d.references.map(\.year), [2005, 2001])
        XCTAssertEqual(d.references[1].doi, "10.1038/35057062")
        XCTAssertEqual([d.journal, d.type], ["GeneReviews", "book_chapter"])
    }

    func testTeXMathAndApostrophes() {
        XCTAssertEqual(TeXText.plain("Search for $\\Sigma^0$ decays"), "Search for Σ⁰ decays")
        XCTAssertEqual(TeXText.plain("DNA$_2$ and H$_{2}$O"), "DNA₂ and H₂O")
        XCTAssertEqual(TeXText.plain("at 20$^\\circ$C"), "at 20°C")
        XCTAssertEqual(TeXText.plain("D{\\'}Aspremont"), "D'Aspremont")
        XCTAssertEqual(TeXText.plain("$\\alpha$-helix and $\\beta$-sheet"), "α-helix and β-sheet")
        XCTAssertEqual(TeXText.plain("{\\AmSLaTeX} and \\emph{Emphasis}"), "AmSLaTeX and Emphasis")
        XCTAssertEqual(TeXText.plain("$H^E_{SW}$"), "H^E_{SW}", "a script with no Unicode form keeps its marker")
    }

    func testCrossrefYearIsTheIssuedDateAndInlineMarkupJoinsWords() throws {
        let works = #"""
        {"message-type": "work-list", "message": {"items": [
          {"DOI": "10.1/a", "title": ["TiO<sub>2</sub> films on <scp>T</scp>reebase"], "issued": {"date-parts": [[2019]]},
           "published-print": {"date-parts": [[2020, 3]]}, "created": {"date-parts": [[2018, 1, 1]]}, "type": "journal-article",
           "subject": ["Materials Science"], "member": "1"},
          {"DOI": "10.1/b", "title": ["No issued date"], "issued": {"date-parts": [[null]]}, "created": {"date-parts": [[2018, 1, 1]]}, "member": "1"}
        ]}}
        """#
        let corpus = try load([try fixtures.write("works.json", works)])
        XCTAssertEqual(corpus.document(0).title, "TiO2 films on Treebase")
        XCTAssertEqual(corpus.document(0).year, 2019)
        XCTAssertEqual(corpus.document(1).year, nil, "the deposit date is not the publication year")
        XCTAssertEqual(corpus.document(0).categories, ["Materials Science"])
        XCTAssertEqual(corpus.document(0).keywords, [])
        XCTAssertEqual(corpus.document(0).type, "article")
    }

    func testJATSChapterAuthorsOutsidePersonGroup() throws {
        let xml = """
        <article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>
        <back><ref-list><ref id="r1"><element-citation publication-type="book"><name><surname>Friedman</surname><given-names>DI</given-names></name>
        <person-group person-group-type="editor"><name><surname>Hendrix</surname><given-names>RW</given-names></name></person-group>
        <year>1983</year><chapter-title>Lytic mode</chapter-title><source>Lambda II</source></element-citation></ref></ref-list></back></article>
        """
        let d = try load([try fixtures.write("a.nxml", xml)]).document(0)
        XCTAssertEqual(d.references.first?.authors.map(\.family), ["Friedman"], "the editor is not an author of the chapter")
    }
}
