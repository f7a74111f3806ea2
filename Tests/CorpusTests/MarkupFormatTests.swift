// MarkupFormatTests.swift: PubMed XML, JATS, Crossref, OpenAlex and CSL-JSON read into the model,
// the gzip layer, and the round trip through Scriptorium's own JSON Lines. Values are checked
// against the real exports (read off the files by hand) and against fixtures written here.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class MarkupFormatTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    func testMarkupIsRemovedAndSpacesCollapsed() {
        XCTAssertEqual(JSONWorks.withoutMarkup("<jats:title>Abstract</jats:title><jats:p>Tea  trade\n of <jats:italic>Kyakhta</jats:italic>.</jats:p>"),
                       "Abstract Tea trade of Kyakhta.", "an inline tag stands for no space")
        XCTAssertEqual(JSONWorks.withoutMarkup("A &lt;b&gt; is not a tag &amp; stays"), "A <b> is not a tag & stays")
        XCTAssertEqual(JSONWorks.withoutMarkup("  no\u{00A0}break\u{2009}thin\u{3000}wide\r\nline  "), "no break thin wide line")
        XCTAssertEqual(JSONWorks.withoutMarkup("Монгольские документы — <i>архив</i>"), "Монгольские документы — архив")
        XCTAssertEqual(JSONWorks.withoutMarkup("cut <unclosed tag and the rest"), "cut", "an unclosed tag hides the rest, as before")
        XCTAssertNil(JSONWorks.withoutMarkup(" <p> </p> "))
        XCTAssertNil(JSONWorks.withoutMarkup(nil))
    }

    private func load(_ paths: [String], format: CorpusFormat? = nil) throws -> Corpus {
        try CorpusLoader.load(paths: paths, options: LoadOptions(format: format, merge: false))
    }

    // MARK: PubMed

    func testPubMedFiles() throws {
        let one = try load([try SharedCorpora.file("pubmed/pubmed1.xml")])
        XCTAssertEqual(one.count, 2)
        XCTAssertEqual(one.document(1).title, "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.")
        let d = one.document(0)
        XCTAssertEqual(d.id, "PMID:12091962")
        XCTAssertEqual(d.title, "The treatment of AIDS behind the walls of correctional facilities.")
        XCTAssertEqual(d.authors.map(\.display), ["Olivero, J Michael"])
        XCTAssertEqual(d.authors[0].initials, "J.M.")
        XCTAssertEqual(d.year, 1990)
        XCTAssertEqual(d.journal, "Social justice (San Francisco, Calif.)")
        XCTAssertEqual(d.language, "en")

        let folder = try load([try SharedCorpora.file("pubmed/metapub")])
        // 214 articles and one book record; one file holds an empty PubmedArticleSet.
        XCTAssertEqual(folder.count, 215)
        XCTAssertEqual(folder.diagnostics.map(\.message), ["no PubMed XML records found"])
        let first = try XCTUnwrap(folder.documents.first { $0.id == "PMID:1000" })
        XCTAssertEqual(first.doi, "10.1042/bj1490739")
        XCTAssertEqual(first.year, 1975)
        XCTAssertEqual(first.references.count, 17)
        let r = first.references[0]
        XCTAssertEqual(r.raw, "Biochem J. 1975 Sep;149(3):749-55")
        XCTAssertEqual(r.container, "Biochem J")
        XCTAssertEqual(r.year, 1975)
        XCTAssertEqual(r.volume, "149")
        XCTAssertEqual(r.issue, "3")
        XCTAssertEqual(r.pages, "749-55")
        let book = try XCTUnwrap(folder.documents.first { $0.id == "PMID:20301546" })
        XCTAssertEqual(book.journal, "GeneReviews®")
    }

    func testPubMedBaselineFileCompressed() throws {
        let corpus = try load([try SharedCorpora.file("pubmed/pubmed20n0014.xml.gz")])
        XCTAssertEqual(corpus.count, 30000)
        XCTAssertEqual(corpus.diagnostics, [])
        XCTAssertEqual(corpus.files.map(\.format), [.pubmed])
    }

    func testPubMedStructuredAbstractAndMalformedXML() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "x.dtd">
        <PubmedArticleSet>
        <PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Fish &amp; <i>chips</i>.</ArticleTitle>
        <Abstract><AbstractText Label="BACKGROUND">Why.</AbstractText><AbstractText Label="RESULTS">What &#x3b1;.</AbstractText></Abstract>
        <AuthorList><Author><LastName>Ivanov</LastName><ForeName>Ivan</ForeName><Initials>I</Initials></Author></AuthorList>
        <ELocationID EIdType="doi">10.1/x</ELocationID></Article></MedlineCitation>
        <PubmedData><ReferenceList><Reference><Citation>Ivanov I, Petrov P. A title. J Things. 2001;3(2):10-20.</Citation></Reference></ReferenceList></PubmedData></PubmedArticle>
        <DeleteCitation><PMID>5</PMID></DeleteCitation>
        <PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>Cut</ArticleTitle>
        </PubmedArticleSet>
        """
        let path = try fixtures.write("set.xml", xml)
        let corpus = try load([path])
        XCTAssertEqual(corpus.count, 1)
        let d = corpus.document(0)
        XCTAssertEqual(d.title, "Fish & chips.")
        XCTAssertEqual(d.abstract, "Why. What α.")
        XCTAssertEqual(d.sections.map(\.label), ["Background", "Results"])
        XCTAssertEqual(d.doi, "10.1/x")
        let r = d.references[0]
        XCTAssertEqual(r.authors.map(\.initialsKey), ["ivanov, i.", "petrov, p."])
        XCTAssertEqual(r.title, "A title")
        XCTAssertEqual(r.container, "J Things")
        XCTAssertEqual(r.year, 2001)
        XCTAssertTrue(r.selfCitation)
        XCTAssertEqual(corpus.diagnostics.count, 1)
        XCTAssertEqual(corpus.diagnostics[0].line, 11)
        XCTAssertTrue(corpus.diagnostics[0].message.contains("</PubmedArticleSet> where </Article> was expected"), corpus.diagnostics[0].message)
    }

    // MARK: JATS

    func testEveryPubMedSampleFile() throws {
        let names = ["pubmed1.xml", "pubmed2.xml", "pubmed4.xml", "pubmed5.xml", "pubmed6.xml", "pubmed7.xml"]
        let corpus = try load(try names.map { try SharedCorpora.file("pubmed/" + $0) })
        XCTAssertEqual(corpus.files.map(\.documents), [2, 2, 1, 1, 1, 1])
        XCTAssertEqual(corpus.diagnostics, [])
    }

    func testJATSArticles() throws {
        let corpus = try load([try SharedCorpora.file("jats")])
        XCTAssertEqual(corpus.count, 4)
        XCTAssertEqual(Set(corpus.files.map(\.format)), [.jats])
        let plos = try XCTUnwrap(corpus.documents.first { $0.doi == "10.1371/journal.pone.0000217" })
        XCTAssertEqual(plos.title, "Quantifying Organismal Complexity using a Population Genetic Approach")
        XCTAssertEqual(plos.authors.map(\.family), ["Tenaillon", "Silander", "Uzan", "Chao"])
        XCTAssertEqual(plos.authors[1].given, "Olin K.")
        XCTAssertEqual(plos.year, 2007)
        XCTAssertEqual(plos.journal, "PLoS ONE")
        XCTAssertEqual(plos.sections.map(\.label), ["Background", "Methodology", "Conclusions/Significance"])
        XCTAssertEqual(plos.references.count, 33)
        let r = plos.references[0]
        XCTAssertEqual(r.authors.map(\.family), ["McShea"])
        XCTAssertEqual(r.title, "Metazoan complexity and evolution: Is there a trend? Perspective")
        XCTAssertEqual(r.container, "Evolution")
        XCTAssertEqual(r.year, 1996)
        XCTAssertEqual(r.pages, "477-492")
        let bjc = try XCTUnwrap(corpus.documents.first { $0.doi == "10.1038/sj.bjc.6605965" })
        XCTAssertEqual(bjc.keywords, ["oral contraceptives", "reproductive history", "colorectal cancer", "cohort study"])
        XCTAssertEqual(bjc.references.count, 34)
        XCTAssertEqual(bjc.journal, "British Journal of Cancer")
    }

    // MARK: JSON

    func testCrossrefWorkList() throws {
        let corpus = try load([try SharedCorpora.file("crossref/habanero-works.json")])
        XCTAssertEqual(corpus.count, 260, "two works without a title are kept")
        XCTAssertEqual(corpus.diagnostics.map(\.message), [
            "item 1 has no title (DOI 10.1126/science.169.3946.635); kept with an empty title",
            "item 232 has no title (DOI 10.7752/jpes.2018.03256); kept with an empty title",
        ])
        let d = try XCTUnwrap(corpus.documents.first { $0.doi == "10.1371/journal.pone.0033693" })
        XCTAssertEqual(d.title, "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice")
        XCTAssertEqual(d.authors.map(\.family), ["Sadasivan", "Pond", "Pani", "Qu", "Jiao", "Smeyne"])
        XCTAssertEqual(d.year, 2012)
        XCTAssertEqual(d.journal, "PLoS ONE")
        XCTAssertEqual(d.citations, 72)
        XCTAssertEqual(d.references.count, 70)
        XCTAssertEqual(d.references[0].doi, "10.1038/sj.npp.1301164")
        XCTAssertEqual(d.references[0].container, "Neuropsychopharmacology")
        XCTAssertEqual(d.references[0].authors.map(\.initialsKey), ["arnsten, a.f."])
    }

    func testCrossrefJSONLinesWithABadLine() throws {
        let lines = [
            #"{"DOI":"10.1/a","title":["First"],"abstract":"<jats:p>An <jats:italic>abstract</jats:italic>.</jats:p>","issued":{"date-parts":[[2019,5]]},"reference-count":1,"reference":[{"key":"r1","unstructured":"Smith J (2001) Old work. J Old 1: 2-3."}]}"#,
            #"{"DOI":"10.1/b","title":["#,
            #"{"DOI":"10.1/c","title":["Third"],"author":[{"given":"Anna","family":"Ivanova"}],"is-referenced-by-count":4}"#,
        ]
        let path = try fixtures.write("works.jsonl", lines.joined(separator: "\n"))
        let corpus = try load([path], format: .crossref)
        XCTAssertEqual(corpus.documents.map(\.title), ["First", "Third"])
        XCTAssertEqual(corpus.document(0).abstract, "An abstract.")
        XCTAssertEqual(corpus.document(0).year, 2019)
        XCTAssertEqual(corpus.document(0).references[0].year, 2001)
        XCTAssertEqual(corpus.document(0).references[0].container, "J Old")
        XCTAssertEqual(corpus.document(1).citations, 4)
        XCTAssertEqual(corpus.diagnostics.map(\.description), ["\(path):2: warning: not a JSON value, line skipped"])
    }

    func testCrossrefStructuredReferencesKeepEveryField() throws {
        let work = #"""
        {"message": {"items": [{"DOI": "10.1/w", "title": ["Work"], "author": [{"given": "Anna", "family": "Ivanova"}], "reference": [
          {"key": "r1", "author": "Ivanova A", "year": "2001", "article-title": "Steppe trade", "journal-title": "J Steppe", "volume": "12", "issue": "3", "first-page": "45", "DOI": "https://doi.org/10.9/x"},
          {"key": "r2", "author": "AF Arnsten", "year": "1999", "volume-title": "Caravans", "first-page": "7"},
          {"key": "r3", "unstructured": "Smith J (2001) Old work. J Old 1: 2-3.", "journal-title": "J Old", "DOI": "10.9/y"}]}]}}
        """#
        let corpus = try load([try fixtures.write("structured.json", work)], format: .crossref)
        let refs = corpus.document(0).references
        XCTAssertEqual(refs.map(\.raw), ["Ivanova A, (2001), Steppe trade, J Steppe, 12, 45", "AF Arnsten, (1999), Caravans, 7",
                                         "Smith J (2001) Old work. J Old 1: 2-3."])
        XCTAssertEqual(refs[0].title, "Steppe trade")
        XCTAssertEqual(refs[0].container, "J Steppe")
        XCTAssertEqual([refs[0].volume, refs[0].issue, refs[0].pages], ["12", "3", "45"])
        XCTAssertEqual(refs[0].doi, "10.9/x")
        XCTAssertEqual(refs[0].year, 2001)
        XCTAssertTrue(refs[0].selfCitation, "by the work's own author")
        XCTAssertEqual(refs[1].authors.map(\.initialsKey), ["arnsten, a.f."])
        XCTAssertEqual(refs[1].title, "Caravans")
        XCTAssertNil(refs[1].container)
        XCTAssertEqual(refs[2].doi, "10.9/y")
        XCTAssertEqual(refs.map(\.number), [1, 2, 3])
    }

    func testACrossrefReferencesStructuredFieldsWinOverItsText() throws {
        // Only "unstructured" as text, with the first author, year, volume and first page given
        // apart: those are taken as given (a family name with its particle whole).
        let work = #"""
        {"message": {"items": [{"DOI": "10.1/w", "title": ["Work"], "reference": [
          {"key": "r1", "unstructured": "J. de Kraker and R. Cörvers. European Virtual Seminar. Series 35:117--136 2014.", "author": "de Kraker", "year": "2014", "volume": "35", "first-page": "117"},
          {"key": "r2", "unstructured": "Smith J. Old work. J Old. 2001;1:2-3. doi:10.1000/z.", "year": "2002"}]}]}}
        """#
        let corpus = try load([try fixtures.write("mixed.json", work)], format: .crossref)
        let refs = corpus.document(0).references
        XCTAssertEqual(refs[0].authors.first?.family, "de Kraker")
        XCTAssertEqual(refs[0].year, 2014)
        XCTAssertEqual(refs[0].volume, "35")
        XCTAssertEqual(refs[0].pages.map { String($0.prefix(3)) }, "117")
        XCTAssertEqual(refs[1].year, 2002, "the structured year, not the text's")
        XCTAssertEqual(refs[1].doi, "10.1000/z", "no trailing period")
    }

    func testCrossrefListWithABrokenItemIsNotReadInPart() throws {
        // The works of message.items are parsed one by one; when one of them is not JSON the
        // file is no JSON value, and is read as JSON Lines, line by line, as a whole.
        let text = #"{"message": {"items": [{"DOI": "10.1/a", "title": ["Good"]}, {"DOI": "10.1/b", "title": [tru]}]}}"#
        let path = try fixtures.write("broken.json", text)
        XCTAssertThrowsError(try load([path], format: .crossref))
        let good = text.replacingOccurrences(of: "[tru]", with: #"["Also good"]"#)
        let corpus = try load([try fixtures.write("good.json", good)], format: .crossref)
        XCTAssertEqual(corpus.documents.map(\.title), ["Good", "Also good"])
        XCTAssertEqual(corpus.documents.map(\.id), ["doi:10.1/a", "doi:10.1/b"])
    }

    func testOpenAlexWorks() throws {
        let work = #"""
        {"results": [{"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/w1", "title": "Steppe trade",
          "publication_year": 2020, "language": "en", "cited_by_count": 3,
          "authorships": [{"author": {"display_name": "Bat-Erdene Gantulga"}, "institutions": [{"display_name": "Mongolian State University"}]},
                          {"author": {"display_name": "Anna Ivanova"}, "institutions": [{"display_name": "Lomonosov Moscow State University",
                           "ror": "https://ror.org/010pmpe69", "country_code": "RU"}]}],
          "primary_location": {"source": {"display_name": "Nomadic Studies"}},
          "keywords": [{"display_name": "trade"}],
          "abstract_inverted_index": {"Caravans": [0], "crossed": [1], "the": [2, 4], "steppe": [3], "desert": [5]},
          "referenced_works": ["https://openalex.org/W2", "https://openalex.org/W3"]}]}
        """#
        let path = try fixtures.write("openalex.json", work)
        let corpus = try load([path])
        XCTAssertEqual(corpus.files.map(\.format), [.openalex])
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "W1")
        XCTAssertEqual(d.doi, "10.1/w1")
        XCTAssertEqual(d.abstract, "Caravans crossed the steppe the desert")
        XCTAssertEqual(d.authors.map(\.family), ["Gantulga", "Ivanova"])
        // The country OpenAlex gives goes with the institution's name, so the address has it.
        XCTAssertEqual(d.affiliations, ["Mongolian State University", "Lomonosov Moscow State University, Russian Federation"])
        let address = Address(parsing: d.affiliations[1])
        XCTAssertEqual([address.institution, address.country], ["Lomonosov Moscow State University", "RU"])
        XCTAssertEqual(d.journal, "Nomadic Studies")
        XCTAssertEqual(d.references.map(\.raw), ["https://openalex.org/W2", "https://openalex.org/W3"])
    }

    func testCSLJSONItems() throws {
        let items = #"""
        [{"id": "smith2001", "type": "article-journal", "title": "Old work", "author": [{"family": "Smith", "given": "John"}, {"literal": "Research Group"}],
          "container-title": "J Old", "issued": {"date-parts": [[2001]]}, "DOI": "10.1/old", "keyword": "alpha, beta"},
         {"id": "untitled", "type": "book"}]
        """#
        let path = try fixtures.write("items.json", items)
        let corpus = try load([path])
        XCTAssertEqual(corpus.files.map(\.format), [.csl])
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "smith2001")
        XCTAssertEqual(d.authors.map(\.display), ["Smith, John", "Group, Research"])
        XCTAssertEqual(d.year, 2001)
        XCTAssertEqual(d.keywords, ["alpha", "beta"])
        XCTAssertEqual(corpus.diagnostics.map(\.message), ["item 2 has no title (id untitled); kept with an empty title"])
    }

    // MARK: gzip and the round trip

    func testGzipFilesAreReadTransparently() throws {
        let plain = try fixtures.write("refs.ris", "TY  - JOUR\nTI  - Packed\nER  - \n")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let corpus = try load([plain + ".gz"])
        XCTAssertEqual(corpus.documents.map(\.title), ["Packed"])
        let broken = try fixtures.write("broken.ris.gz", [0x1F, 0x8B, 0x08, 0x00, 1, 2, 3])
        XCTAssertThrowsError(try load([broken])) { error in
            XCTAssertTrue((error as? CorpusLoadFailure)?.diagnostics.first?.message.contains("gzip data is corrupt") == true)
        }
    }

    func testJSONLinesRoundTripOfAMixedCorpus() throws {
        let paths = [try SharedCorpora.file("wos/bibx-single-article.txt"), try SharedCorpora.file("jats/pone.0000217.nxml"),
                     try SharedCorpora.file("seed/000_615293a814c0eef9.txt")]
        let corpus = try load(paths)
        XCTAssertEqual(corpus.count, 3)
        let text = try CorpusJSONLines.write(corpus.documents)
        let path = try fixtures.write("corpus.jsonl", text)
        let back = try load([path])
        XCTAssertEqual(back.files.map(\.format), [.jsonl])
        XCTAssertEqual(back.documents, corpus.documents)
    }
}
