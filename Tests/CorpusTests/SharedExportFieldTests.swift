// SharedExportFieldTests.swift: each reader fills the schema's fields from a real export, checked
// against values read off the shared files by hand.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class SharedExportFieldTests: XCTestCase {
    private func first(_ relative: String, where match: (Document) -> Bool = { _ in true }) throws -> Document {
        let corpus = try CorpusLoader.load(paths: [try SharedCorpora.file(relative)], options: LoadOptions(merge: false))
        return try XCTUnwrap(corpus.documents.first(where: match), relative)
    }

    func testWebOfScience() throws {
        let d = try first("wos/bibx-savedrecs.txt")
        XCTAssertEqual(d.type, "article")
        XCTAssertEqual(d.typeLabel, "Article")
        XCTAssertEqual(d.keywords, ["annealing", "block copolymers", "self-assembly", "thin films", "X-ray"])
        XCTAssertEqual(Array(d.indexTerms.prefix(2)), ["BIT-PATTERNED MEDIA", "LITHOGRAPHY"])
        XCTAssertEqual(d.categories, ["Polymer Science"])
        XCTAssertEqual([d.volume, d.issue, d.pages], ["55", "13", "980-989"])
        XCTAssertEqual(d.issn, ["0887-6266", "1099-0488"])
        XCTAssertEqual(d.publisher, "WILEY")
        XCTAssertEqual(d.funding.first, "U.S. Department of Energy BES [BES-DE-FG02-96ER45612]")
        XCTAssertEqual(d.correspondingName, "Russell, TP")
        XCTAssertEqual(d.correspondingAddress, "Univ Massachusetts Amherst, Dept Polymer Sci & Engn, Amherst, MA 01003 USA")
        // C1 "[Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts Amherst ..." then two of Russell's.
        XCTAssertEqual(d.affiliationAuthors, [[0, 1], [1], [1]])
        let withORCID = try first("wos/bibx-savedrecs.txt") { $0.authors.contains { $0.family == "Hasegawa" && $0.orcid != nil } }
        XCTAssertEqual(withORCID.authors.first { $0.family == "Hasegawa" }?.orcid, "0000-0002-8178-4980")
    }

    func testScopusCSV() throws {
        let d = try first("scopus/bibx-scopus.csv")
        XCTAssertEqual(d.type, "article")
        XCTAssertEqual(d.keywords, [])
        XCTAssertEqual(Array(d.indexTerms.prefix(3)), ["Hall effect", "Nanowires", "Neural networks"])
        XCTAssertEqual([d.volume, d.issue, d.pages], ["26", "5", "4716-4723"])
        XCTAssertEqual(d.issn, ["1463-9076"])
        XCTAssertEqual(d.publisher, "Royal Society of Chemistry")
        XCTAssertEqual(d.authors.first?.id, "57321683800")
        XCTAssertEqual(d.correspondingName, "Q. Liu")
        XCTAssertEqual(d.affiliationAuthors.first, [0, 1, 2, 3, 4, 6], "the Wuhan Institute of Technology address is six authors'")
        let types = try CorpusLoader.load(paths: [try SharedCorpora.file("scopus/bibx-scopus.csv")]).documents.map(\.type)
        XCTAssertEqual(Set(types), ["article", "conference_paper", "review", "book_chapter"])
    }

    func testRIS() throws {
        let d = try first("ris/bibx-scopus.ris")
        XCTAssertEqual(d.type, "article")
        XCTAssertEqual([d.volume, d.issue], ["128", "9"])
        let paper = try first("ris/bibx-scopus.ris") { $0.typeLabel == "Conference Paper" }
        XCTAssertEqual(paper.type, "conference_paper")
        XCTAssertTrue(paper.journal?.contains("International Conference") ?? false, paper.journal ?? "nil")
    }

    func testBibTeXFromScopus() throws {
        let d = try first("bibtex/bibx-scopus.bib") { $0.id == "Akagi2023" }
        XCTAssertEqual(d.keywords, ["heated dot magnetic recording", "Landau-Lifshitz-Bloch equation", "thermal conductivity"])
        XCTAssertEqual(Array(d.indexTerms.prefix(2)), ["Bit error rate", "Electromagnetic fields"])
        XCTAssertEqual([d.type, d.volume, d.issue, d.pages], ["article", "62", "SB", "SB1001"])
        XCTAssertEqual(d.issn, ["0021-4922"])
        XCTAssertEqual(d.publisher, "Institute of Physics")
        XCTAssertEqual(d.correspondingName, "Akagi, F.")
    }

    func testMEDLINE() throws {
        let d = try first("medline/pubmed-balloongui-set.nbib")
        XCTAssertEqual(d.type, "article")
        XCTAssertEqual([d.volume, d.issue, d.pages], ["50", "3", "697-704"])
        XCTAssertEqual(d.issn, ["1524-4628", "0039-2499"])
        XCTAssertEqual(Array(d.indexTerms.prefix(3)), ["Aged", "Aged, 80 and over", "Brain Ischemia"])
        XCTAssertEqual(d.mesh[2], "Brain Ischemia/diagnostic imaging/therapy")
        XCTAssertEqual(Array(d.affiliationAuthors.prefix(3)), [[0], [1], [2]])
        let review = try first("medline/pubmed-balloongui-set.nbib") { $0.id == "PMID:28754806" }
        XCTAssertEqual(review.type, "review")
        XCTAssertEqual(review.keywords, ["mechanical thrombectomy", "stroke"])
    }

    func testPubMedXML() throws {
        let d = try first("pubmed/metapub/1000.xml")
        XCTAssertEqual([d.type, d.volume, d.issue, d.pages], ["article", "149", "3", "739-48"])
        XCTAssertEqual(d.issn, ["0264-6021"])
        XCTAssertEqual(Array(d.mesh.prefix(2)), ["Amides/analysis", "Amino Acid Sequence"])
        XCTAssertEqual(Array(d.indexTerms.prefix(2)), ["Amides", "Amino Acid Sequence"])
        let kell = try first("pubmed/metapub/32051057.xml")
        XCTAssertEqual(kell.authors.first { $0.family == "Kell" }?.orcid, "0000-0001-5838-7963")
        XCTAssertEqual(kell.funding.first, "Biotechnology and Biological Sciences Research Council [BB/P009042/1]")
        XCTAssertEqual(kell.affiliationAuthors.first, [0, 3, 6, 7], "one affiliation shared by four authors is listed once")
    }

    func testJATS() throws {
        let d = try first("jats/1471-2180-11-174.nxml")
        XCTAssertEqual(d.type, "article")
        XCTAssertEqual(d.typeLabel, "research-article")
        XCTAssertEqual([d.volume, d.pages], ["11", "174"])
        XCTAssertEqual(d.issn, ["1471-2180"])
        XCTAssertEqual(d.publisher, "BioMed Central")
        XCTAssertEqual(d.correspondingName, "Dennehy, John J")
        XCTAssertEqual(d.affiliationAuthors, [[0, 1], [0]])
    }

    func testCrossref() throws {
        let d = try first("crossref/habanero-works.json") { $0.doi == "10.1371/journal.pone.0033693" }
        XCTAssertEqual([d.type, d.volume, d.issue, d.pages], ["article", "7", "3", "e33693"])
        XCTAssertEqual(d.issn, ["1932-6203"])
        XCTAssertEqual(d.publisher, "Public Library of Science (PLoS)")
        XCTAssertEqual(d.editors, ["Borlongan, Cesario V."])
        XCTAssertEqual(d.authors.count, 6)
    }
}
