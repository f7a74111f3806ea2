// TaggedFormatTests.swift: Web of Science, RIS and MEDLINE files read into the model, checked
// against the real exports (values read off the files by hand) and against small fixtures for
// each format's edge cases.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class TaggedFormatTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    private func load(_ paths: [String], merge: Bool = false) throws -> Corpus {
        try CorpusLoader.load(paths: paths, options: LoadOptions(merge: merge))
    }

    // MARK: Web of Science

    func testWebOfScienceExport() throws {
        let corpus = try load([try SharedCorpora.file("wos/bibx-savedrecs.txt")])
        XCTAssertEqual(corpus.count, 500)
        XCTAssertEqual(corpus.files.map(\.format), [.wos])
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "WOS:000401190100002")
        XCTAssertEqual(d.title, "In situ grazing incidence small-angle X-ray scattering study of solvent vapor annealing in lamellae-forming block copolymer thin films: Trade-off of defects in deswelling")
        XCTAssertEqual(d.authors.map(\.family), ["Sun", "Russell"])
        XCTAssertEqual(d.authors[0].given, "Zhiwei")
        XCTAssertEqual(d.year, 2017)
        XCTAssertEqual(d.doi, "10.1002/polb.24346")
        XCTAssertEqual(d.keywords, ["annealing", "block copolymers", "self-assembly", "thin films", "X-ray"])
        XCTAssertEqual(d.references.count, 37)
        XCTAssertEqual(d.journal, "JOURNAL OF POLYMER SCIENCE PART B-POLYMER PHYSICS")
        XCTAssertEqual(d.citations, 0)
        XCTAssertEqual(d.language, "en")
        XCTAssertEqual(d.affiliations.first, "Univ Massachusetts Amherst, Dept Polymer Sci & Engn, Amherst, MA 01003 USA.")
        let r = d.references[0]
        XCTAssertEqual(r.raw, "Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/acs.macromol.5b02174")
        XCTAssertEqual(r.authors.map(\.initialsKey), ["bai, w."])
        XCTAssertEqual(r.year, 2015)
        XCTAssertEqual(r.container, "MACROMOLECULES")
        XCTAssertEqual(r.volume, "48")
        XCTAssertEqual(r.pages, "8574")
        XCTAssertEqual(r.doi, "10.1021/acs.macromol.5b02174")
        let single = try load([try SharedCorpora.file("wos/bibx-single-article.txt")])
        XCTAssertEqual(single.count, 1)
    }

    func testWebOfScienceEdgeCases() throws {
        let record = "PT J\nAU Petrov, II\nAF Petrov, Ivan Ivanovich\nTI A title that runs\n   over two lines\nPY 2019\nCR Petrov II, 2015, J HIST, V3, P10\nER\n"
        // BOM, CRLF, a header, a malformed line, and a last record cut off before ER.
        let text = "\u{FEFF}FN Clarivate Analytics Web of Science\r\nVR 1.0\r\n" + record.replacingOccurrences(of: "\n", with: "\r\n")
            + "this line is not a field\r\nPT J\r\nTI Truncated record\r\n"
        let path = try fixtures.write("savedrecs.txt", text)
        let corpus = try load([path])
        XCTAssertEqual(corpus.count, 2)
        let d = corpus.document(0)
        XCTAssertEqual(d.title, "A title that runs over two lines")
        XCTAssertEqual(d.authors.map(\.display), ["Petrov, Ivan Ivanovich"])
        XCTAssertEqual(d.references[0].year, 2015)
        XCTAssertTrue(d.references[0].selfCitation, "Petrov II cites Petrov, Ivan Ivanovich")
        XCTAssertEqual(corpus.document(1).title, "Truncated record")
        XCTAssertEqual(corpus.diagnostics.map(\.line), [11, 12])
        XCTAssertTrue(corpus.diagnostics[0].message.contains("not a tagged field"))
        XCTAssertTrue(corpus.diagnostics[1].message.contains("no end tag"))
    }

    func testRecordWithoutTitleIsKeptWithItsLine() throws {
        let path = try fixtures.write("x.ciw", "PT J\nAU Smith, J\nER\nPT J\nTI Kept\nER\n")
        let corpus = try load([path])
        XCTAssertEqual(corpus.documents.map(\.title), ["", "Kept"])
        XCTAssertEqual(corpus.document(0).authors.map(\.family), ["Smith"])
        XCTAssertEqual(corpus.diagnostics.map(\.description), ["\(path):1: warning: record has no title (TI); kept with an empty title"])
    }

    // MARK: RIS

    func testScopusRISExport() throws {
        let corpus = try load([try SharedCorpora.file("ris/bibx-scopus.ris")])
        XCTAssertEqual(corpus.count, 836)
        let d = corpus.document(0)
        XCTAssertEqual(d.title, "FORC signatures and switching-field distributions of dipolar coupled nanowire-based hysterons")
        XCTAssertEqual(d.authors.map(\.display), ["Pierrot A.", "Béron F.", "Blon T."])
        XCTAssertEqual(d.year, 2020)
        XCTAssertEqual(d.doi, "10.1063/5.0020407")
        XCTAssertEqual(d.journal, "Journal of Applied Physics")
        XCTAssertEqual(d.references.count, 64)
        let r = d.references[0]
        XCTAssertEqual(r.raw, "Mayergoyz, I.D., (1986) Phys. Rev. Lett., 56, p. 1518")
        XCTAssertEqual(r.authors.map(\.initialsKey), ["mayergoyz, i.d."])
        XCTAssertEqual(r.year, 1986)
        XCTAssertEqual(r.container, "Phys. Rev. Lett.")
        XCTAssertEqual(r.volume, "56")
        XCTAssertEqual(r.pages, "1518")
        let second = corpus.document(1).references[0]
        XCTAssertEqual(second.title, "Prospect of recording technologies for higher storage performance")
        XCTAssertEqual(second.authors.count, 3)
        XCTAssertEqual(second.issue, "3")
        XCTAssertEqual(second.pages, "539-545")
    }

    func testRISEdgeCases() throws {
        let text = "TY  - JOUR\r\nT1  - First\r\nAU  - Smith, John\r\nKW  - alpha\r\nKW  - beta\r\nPY  - 2001///\r\nER  - \r\n"
            + "\r\nTY  - BOOK\r\nAU  - Nobody, N.\r\nER  -\r\nTY  - JOUR\r\nTI  - Cut off\r\n"
        let path = try fixtures.write("refs.ris", text)
        let corpus = try load([path])
        XCTAssertEqual(corpus.documents.map(\.title), ["First", "", "Cut off"], "the book without a title is kept")
        XCTAssertEqual(corpus.document(0).keywords, ["alpha", "beta"])
        XCTAssertEqual(corpus.document(0).year, 2001)
        XCTAssertEqual(corpus.diagnostics.map(\.line), [9, 12])
    }

    func testRISReferencesAreParsedWithTheirSelfCitations() throws {
        let text = "TY  - JOUR\nTI  - Steppe trade\nAU  - Dudin, P.N.\nPY  - 2021\n"
            + "N1  - References: Dudin, P.N., Ivanov, I., 'Caravan routes', (2019) Oriental Studies, 12 (3), pp. 10-20;\n"
            + "Roe, R., Another title (2020) Vostok, 4, p. 7. https://doi.org/10.1000/xyz\nER  - \n"
        let corpus = try load([try fixtures.write("cites.ris", text)])
        let refs = corpus.document(0).references
        XCTAssertEqual(refs.map(\.number), [1, 2])
        XCTAssertEqual(refs.map(\.selfCitation), [true, false], "Dudin P.N. cites Dudin P.N.")
        XCTAssertEqual(refs[0].authors.map(\.initialsKey), ["dudin, p.n.", "ivanov, i."])
        XCTAssertEqual(refs[0].title, "Caravan routes", "the stray quotes are dropped")
        XCTAssertEqual(refs[0].container, "Oriental Studies")
        XCTAssertEqual([refs[0].year, refs[1].year], [2019, 2020])
        XCTAssertEqual([refs[0].volume, refs[0].issue, refs[0].pages], ["12", "3", "10-20"])
        XCTAssertEqual(refs[1].doi, "10.1000/xyz")
        XCTAssertEqual(refs[1].container, "Vostok")
    }

    func testScopusReferenceAuthorsKeepTheirOrderWhateverFormTheyAreWrittenIn() throws {
        let text = "TY  - JOUR\nTI  - Mixed\nPY  - 2021\nN1  - References: "
            + "Dudin, P.N., Жуков, Ж.-Б., Smith, J.-P., Ivanov, Zh., Mayergoyz I.D., Title one, (2019) Source, 1, pp. 1-2\nER  - \n"
        let refs = try load([try fixtures.write("mixed.ris", text)]).document(0).references
        let authors = refs[0].authors
        XCTAssertEqual(authors.map(\.written), ["Dudin, P.N.", "Жуков, Ж.-Б.", "Smith, J.-P.", "Ivanov, Zh.", "Mayergoyz I.D."])
        XCTAssertEqual(authors.map(\.family), ["Dudin", "Жуков", "Smith", "Ivanov", "Mayergoyz"])
        XCTAssertEqual(authors.map(\.initials), ["P.N.", "Ж.-Б.", "J.-P.", "Z.", "I.D."])
        XCTAssertEqual(authors[3].given, "Zh.", "a two-letter initial is read as given names")
        XCTAssertEqual(refs[0].title, "Title one")
    }

    // MARK: MEDLINE

    func testMedlineExports() throws {
        let corpus = try load([try SharedCorpora.file("medline/pubmed-balloongui-set.nbib")])
        XCTAssertEqual(corpus.count, 75)
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "PMID:30776994")
        XCTAssertEqual(d.title, "Impact of Balloon Guide Catheter Use on Clinical and Angiographic Outcomes in the STRATIS Stroke Thrombectomy Registry.")
        XCTAssertEqual(d.authors.first?.family, "Zaidat")
        XCTAssertEqual(d.authors.first?.given, "Osama O")
        XCTAssertEqual(d.year, 2019)
        XCTAssertEqual(d.doi, "10.1161/STROKEAHA.118.021126")
        XCTAssertEqual(d.journal, "Stroke")
        XCTAssertEqual(d.language, "en")
        let folder = try load([try SharedCorpora.file("medline")])
        XCTAssertEqual(folder.files.map(\.documents), [75, 1, 1, 4, 1, 1])
        XCTAssertEqual(folder.diagnostics, [])
    }

    func testEmptyFileIsReported() throws {
        let path = try fixtures.write("empty.ris", "")
        let kept = try fixtures.write("kept.ris", "TY  - JOUR\nTI  - Kept\nER  - \n")
        let corpus = try load([path, kept])
        XCTAssertEqual(corpus.count, 1)
        XCTAssertEqual(corpus.diagnostics.map(\.description), ["\(path): warning: empty file, skipped"])
    }
}
