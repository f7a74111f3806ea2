// MergeAndCitationTests.swift: records of one document found in several files are merged (same
// DOI, else same title, year and first author), keeping the most complete value of each field;
// references are linked to the corpus documents they cite, by DOI or by author, year and title
// or source.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class MergeAndCitationTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    private func load(_ paths: [String], merge: Bool = true) throws -> Corpus {
        try CorpusLoader.load(paths: paths, options: LoadOptions(merge: merge))
    }

    func testRecordsWithOneDOIAreMergedKeepingTheRichestFields() throws {
        let ris = try fixtures.write("a.ris", """
        TY  - JOUR
        TI  - Caravan routes across the steppe
        AU  - Batbayar, T.
        PY  - 2019
        DO  - 10.1/caravan
        KW  - trade
        ER  - 
        """)
        let bib = try fixtures.write("b.bib", """
        @article{batbayar2019,
          author = {Batbayar, Temuulen and Dorj, Saran},
          title = {Caravan Routes Across the Steppe},
          year = {2019}, doi = {https://doi.org/10.1/CARAVAN},
          abstract = {Routes and the goods carried on them.},
          keywords = {trade; routes; steppe}
        }
        """)
        let corpus = try load([ris, bib])
        XCTAssertEqual(corpus.count, 1)
        XCTAssertEqual(corpus.merged, 1)
        let d = corpus.document(0)
        XCTAssertEqual(d.source.path, ris)
        XCTAssertEqual(d.mergedSources.map(\.path), [bib])
        XCTAssertEqual(d.abstract, "Routes and the goods carried on them.")
        XCTAssertEqual(d.keywords, ["trade", "routes", "steppe"])
        XCTAssertEqual(d.authors.map(\.display), ["Batbayar, Temuulen", "Dorj, Saran"])
        XCTAssertEqual(try load([ris, bib], merge: false).count, 2)
    }

    func testMergedWebOfScienceAndScopusRecordsReconcileTheirReferencesByKey() throws {
        let wos = try fixtures.write("savedrecs.txt", """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Batbayar, T
        TI Caravan routes across the steppe
        SO NOMADIC STUDIES
        CR Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/acs.macromol.5b02174
           Smith JA, 2010, J POLYM SCI POL PHYS, V48, P100
        PY 2019
        DI 10.1/caravan
        ER

        EF
        """)
        let scopus = try fixtures.write("scopus.csv", """
        Authors,Title,Year,Source title,DOI,References
        "Batbayar T.","Caravan routes across the steppe",2019,"Nomadic Studies","10.1/caravan","Bai, W., Li, Z., Polymer brushes on silica, (2015) Macromolecules, 48, pp. 8574-8583; Smith, J.A., Jones, B., Glass transitions in thin films (2010) Journal of Polymer Science Part B: Polymer Physics, 48 (1), pp. 100-110; Dorj, S., Trade and tribute (2001) Steppe History, 3, pp. 1-20"
        """)
        let corpus = try load([wos, scopus])
        XCTAssertEqual(corpus.count, 1)
        let refs = corpus.document(0).references
        XCTAssertEqual(refs.count, 3, "the longer list, Scopus's, is kept whole")
        XCTAssertEqual(refs[0].title, "Polymer brushes on silica")
        XCTAssertEqual(refs[0].doi, "10.1021/acs.macromol.5b02174", "the DOI comes from the Web of Science reference to the same work")
        XCTAssertEqual(refs[1].issue, "1")
        XCTAssertNil(refs[1].doi)
        XCTAssertNil(refs[2].doi)
        XCTAssertEqual(refs.map(\.authors.first?.family), ["Bai", "Smith", "Dorj"])
    }

    func testTitleYearAndFirstAuthorMergeRecordsWithoutDOI() throws {
        let one = try fixtures.write("one.ris", "TY  - JOUR\nTI  - Nomads and the State: a Review\nAU  - Ölziit, B.\nPY  - 2001\nER  - \n")
        let two = try fixtures.write("two.ris", "TY  - JOUR\nTI  - NOMADS AND THE STATE. A REVIEW\nAU  - Olziit, Bat\nPY  - 2001\nER  - \n"
            + "TY  - JOUR\nTI  - Nomads and the State: a Review\nAU  - Olziit, B.\nPY  - 2002\nER  - \n")
        let corpus = try load([one, two])
        XCTAssertEqual(corpus.count, 2, "the 2002 record is another work")
        XCTAssertEqual(corpus.document(0).mergedSources.map(\.line), [1])
        XCTAssertEqual(corpus.document(0).authors[0].given, "Bat")
    }

    func testDifferentDOIsAreNeverMerged() throws {
        let path = try fixtures.write("x.ris", "TY  - JOUR\nTI  - Erratum to a long article title\nAU  - Smith, J.\nPY  - 2010\nDO  - 10.1/a\nER  - \n"
            + "TY  - JOUR\nTI  - Erratum to a long article title\nAU  - Smith, J.\nPY  - 2010\nDO  - 10.1/b\nER  - \n")
        XCTAssertEqual(try load([path]).count, 2)
    }

    func testADOIsMatchKeyReadFromItsBytesIsTheOneMadeFromItsText() {
        let dois = ["10.1021/ACS.Macromol.5b02174", " https://doi.org/10.22162/2619-0990-2021-54-2-226-237 ", "http://dx.doi.org/10.1/X",
                    "https://dx.doi.org/doi:10.1/y", "DOI 10.5555/ABC", "DOI:10.1/z\t", "doi:", "https://doi.org/", " ", "x",
                    "\u{A0}10.1/nbsp\u{A0}", "10.1/Ünïcode", "DOI: 10.1/both", "http://doi.org/DOI 10.1/twice"]
        for doi in dois {
            let fromBytes = Array(doi.utf8).withUnsafeBufferPointer { DOI.key(bytes: $0) }
            XCTAssertEqual(fromBytes, DOI.key(doi), doi)
        }
        XCTAssertEqual(Array("https://doi.org/10.1/ABC".utf8).withUnsafeBufferPointer { DOI.key(bytes: $0) }, "10.1/abc")
    }

    func testDuplicateGroupsAmongThousandsOfRowsAddedInChunks() {
        // Rows with a DOI shared by every 1,200th row, a title shared by every 700th, some with
        // neither; added in chunks of uneven size, as the load adds them.
        let rows = 5_000
        func keys(_ i: Int) -> DuplicateFinder.Keys {
            let doi = i % 3 == 0 ? nil : DuplicateFinder.MatchKey("10.1000/x\(i % 1_200)")
            let title = i % 5 == 0 ? nil : DuplicateFinder.MatchKey("a title \(i % 700)|2001|dudin")
            return (doi, title)
        }
        var finder = DuplicateFinder()
        var start = 0
        for size in [1, 999, 1_500, 2_500] {
            finder.add((start ..< start + size).map(keys))
            start += size
        }
        // The same groups found naively: union by equal DOI, and by equal title unless both rows
        // have DOIs that differ.
        var parent = Array(0 ..< rows)
        func find(_ x: Int) -> Int { parent[x] == x ? x : find(parent[x]) }
        func union(_ a: Int, _ b: Int) { let (ra, rb) = (find(a), find(b)); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
        var firstByDOI: [String: Int] = [:], firstByTitle: [String: Int] = [:]
        for i in 0 ..< rows {
            let k = keys(i)
            if let d = k.doi?.text { if let f = firstByDOI[d] { union(f, i) } else { firstByDOI[d] = i } }
            if let t = k.title?.text {
                if let f = firstByTitle[t] {
                    let other = keys(f).doi
                    if k.doi == nil || other == nil || k.doi == other { union(f, i) }
                } else { firstByTitle[t] = i }
            }
        }
        var expected: [Int: [Int]] = [:]
        for i in 0 ..< rows { expected[find(i), default: []].append(i) }
        let groups = finder.groups()
        XCTAssertEqual(groups, expected.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] })
        XCTAssertGreaterThan(groups.count, 100)
    }

    func testWebOfScienceFolderMergesARepeatedRecord() throws {
        let corpus = try load([try SharedCorpora.file("wos")])
        XCTAssertEqual(corpus.files.map(\.documents), [500, 1])
        XCTAssertEqual(corpus.merged, 2)
        XCTAssertEqual(corpus.count, 499)
        // The same article exported twice, with its authors' names written two ways.
        let singh = try XCTUnwrap(corpus.documents.first { $0.id == "WOS:000365531800016" })
        XCTAssertEqual(singh.mergedSources.map(\.line), [9984])
    }

    func testReferencesAreLinkedByDOIAndByAuthorYearAndTitle() throws {
        let cited = Document(id: "cited", title: "Caravan routes across the Mongolian steppe", authors: [AuthorName(written: "Batbayar T.", family: "Batbayar", initials: "T.")],
                             doi: "10.1/caravan", year: 2019, journal: "Journal of Nomadic Studies", source: SourceLocation(path: "c"))
        let other = Document(id: "other", title: "Something else", year: 2020, source: SourceLocation(path: "o"))
        let citing = Document(id: "citing", title: "Later work", year: 2021, references: [
            Reference(raw: "by DOI", doi: "https://doi.org/10.1/CARAVAN"),
            Reference(raw: "by title", authors: [AuthorName(written: "Batbayar T", family: "Batbayar", initials: "T.")],
                      title: "Caravan routes across the Mongolian steppe.", year: 2019),
            Reference(raw: "by source", authors: [AuthorName(written: "Batbayar T", family: "BATBAYAR", initials: "T.")],
                      container: "J NOMADIC STUD", year: 2019),
            Reference(raw: "wrong year", authors: [AuthorName(written: "Batbayar T", family: "Batbayar", initials: "T.")],
                      title: "Caravan routes across the Mongolian steppe", year: 2018),
            Reference(raw: "unlike title", authors: [AuthorName(written: "Batbayar T", family: "Batbayar", initials: "T.")],
                      title: "Horses of the steppe", year: 2019),
        ], source: SourceLocation(path: "x"))
        let corpus = Corpus(documents: [cited, other, citing])
        let index = corpus.citations
        XCTAssertEqual((0..<5).map { index.target(ofReference: $0) }, [0, 0, 0, nil, nil])
        XCTAssertEqual(index.citedBy, [1, 0, 0], "one document cites it, however many of its references do")
        XCTAssertEqual(index.linked, 3)
    }

    func testNoFalseLinksAndTransliteratedNamesAndSourcesWithVolumesStillLink() throws {
        let withDOI = Document(id: "a", title: "Caravan routes across the Mongolian steppe", authors: [AuthorName(written: "Batbayar T.", family: "Batbayar", initials: "T.")],
                               doi: "10.1/caravan", year: 2019, source: SourceLocation(path: "a"))
        let umlaut = Document(id: "b", title: "Consumer choice", authors: [AuthorName(written: "Meyer-Brötz H.", family: "Meyer-Brötz", initials: "H.")],
                              year: 1999, journal: "Advances in Consumer Research", source: SourceLocation(path: "b"))
        let citing = Document(id: "c", title: "Later work", year: 2021, references: [
            // A DOI no document has: the same author, year and title do not make it document a.
            Reference(raw: "other DOI", authors: [AuthorName(written: "Batbayar T", family: "Batbayar", initials: "T.")],
                      title: "Caravan routes across the Mongolian steppe", year: 2019, doi: "10.9/another-work"),
            CitationText.webOfScience("Meyer-Broetz H, 1999, ADVANCES IN CONSUMER RESEARCH, VOL 26, P10"),
            CitationText.webOfScience("Meyer-Brotz H, 1999, ADV CONSUM RES, V26, P10"),
        ], source: SourceLocation(path: "c"))
        let index = Corpus(documents: [withDOI, umlaut, citing]).citations
        XCTAssertEqual((0..<3).map { index.target(ofReference: $0) }, [nil, 1, 1])
    }

    /// Every corpus size splits into parallel chunks without an empty or reversed last chunk.
    func testCitationLinksForCorporaOfEverySmallSize() {
        for size in 0...40 {
            let documents = (0..<size).map { i in
                Document(id: "d\(i)", title: "Title \(i)", doi: "10.1/\(i)", year: 2000,
                         references: i > 0 ? [Reference(raw: "previous", doi: "10.1/\(i - 1)")] : [], source: SourceLocation(path: "x"))
            }
            let index = Corpus(documents: documents).citations
            XCTAssertEqual(index.linked, max(0, size - 1), "\(size) documents")
        }
    }

    func testTitleSimilarityAndAbbreviations() {
        let a = CitationLinker.wordHashes("Caravan routes across the Mongolian steppe")
        XCTAssertEqual(CitationLinker.dice(a, CitationLinker.wordHashes("caravan routes across the mongolian steppe!")), 1)
        XCTAssertEqual(CitationLinker.dice(a, CitationLinker.wordHashes("Caravan routes across the steppe")), 2.0 * 5 / 11, accuracy: 1e-9)
        XCTAssertTrue(CitationLinker.abbreviates("J POLYM SCI POL PHYS", "JOURNAL OF POLYMER SCIENCE PART B-POLYMER PHYSICS"))
        XCTAssertTrue(CitationLinker.abbreviates("MACROMOLECULES", "Macromolecules"))
        XCTAssertFalse(CitationLinker.abbreviates("J APPL PHYS", "Journal of Applied Polymer Science"))
    }

    /// The most cited record of the export is cited by 38 others: 33 give its DOI (counted with
    /// grep), and 5 cite it as "Hellwig O., 2010, APPL PHYS LETT, V96" (checked by hand against
    /// its AU, PY, SO and VL fields).
    func testLocalCitationsInARealExport() throws {
        let corpus = try load([try SharedCorpora.file("wos/bibx-savedrecs.txt")])
        let top = try XCTUnwrap(corpus.rowIndices.max { corpus.citations.citedBy[$0] < corpus.citations.citedBy[$1] })
        XCTAssertEqual(corpus.store.id.string(top), "WOS:000274319500070")
        XCTAssertEqual(corpus.citations.citedBy[top], 38)
    }
}
