// BibliographyFormatTests.swift: Scopus CSV and BibTeX/BibLaTeX files read into the model, checked
// against the real exports (values read off the files by hand), against each other (the RIS and
// BibTeX exports of one Scopus search), and against fixtures for each format's edge cases.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class BibliographyFormatTests: XCTestCase {
    lazy var fixtures = Fixtures(for: self)

    private func load(_ paths: [String]) throws -> Corpus {
        try CorpusLoader.load(paths: paths, options: LoadOptions(merge: false))
    }

    // MARK: Scopus CSV

    func testScopusCSVExport() throws {
        let corpus = try load([try SharedCorpora.file("scopus/bibx-scopus.csv")])
        XCTAssertEqual(corpus.count, 581)
        XCTAssertEqual(corpus.files.map(\.format), [.scopus])
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "2-s2.0-85183479140")
        XCTAssertEqual(d.title, "Optimizing skyrmionium movement and stability via stray magnetic fields in trilayer nanowire constructs")
        XCTAssertEqual(d.authors.count, 8)
        XCTAssertEqual(d.authors[0].display, "Gong, Bin")
        XCTAssertEqual(d.year, 2024)
        XCTAssertEqual(d.doi, "10.1039/d3cp05340g")
        XCTAssertEqual(d.journal, "Physical Chemistry Chemical Physics")
        XCTAssertEqual(d.citations, 0)
        XCTAssertEqual(d.language, "en")
        XCTAssertEqual(d.references.count, 50)
        let r = d.references[0]
        XCTAssertEqual(r.raw, "Kang W., Huang Y., Zhang X., Zhou Y., Zhao W., Proc. IEEE, 104, pp. 2040-2061, (2016)")
        XCTAssertEqual(r.authors.map(\.initialsKey), ["kang, w.", "huang, y.", "zhang, x.", "zhou, y.", "zhao, w."])
        XCTAssertNil(r.title)
        XCTAssertEqual(r.container, "Proc. IEEE")
        XCTAssertEqual(r.year, 2016)
        XCTAssertEqual(r.volume, "104")
        XCTAssertEqual(r.pages, "2040-2061")
        let second = corpus.document(1)
        XCTAssertEqual(second.keywords, ["Electromagnetic coupling", "magnetostatic surface wave (MSSW)", "Maxwell-LLG", "termination design", "yttrium iron garnet (YIG)"])
        XCTAssertEqual(second.references.count, 14)
        XCTAssertEqual(second.references[0].title, "Magnetic thin-film insulator with ultra-low spin wave damping for coherent nanomagnonics")
    }

    func testScopusCSVEdgeCases() throws {
        let header = "\u{FEFF}\"Authors\",\"Title\",\"Year\",\"Abstract\",\"References\"\r\n"
        let rows = "\"Smith J.\",\"A title, with a comma\",\"2020\",\"Line one\r\nline \"\"two\"\"\",\"Smith, J., (2019) Nature, 1, p. 2\"\r\n"
            + "\"Doe J.\",\"Too few fields\"\r\n"
            + "\"Roe R.\",\"\",\"2021\",\"\",\"\"\r\n"
            + "\"Poe P.\",\"Cut off\",\"2022\",\"never closed"
        let path = try fixtures.write("scopus.csv", header + rows)
        let corpus = try load([path])
        XCTAssertEqual(corpus.documents.map(\.title), ["A title, with a comma", ""], "a row without a title is kept")
        let d = corpus.document(0)
        XCTAssertEqual(d.title, "A title, with a comma")
        XCTAssertEqual(d.abstract, "Line one\r\nline \"two\"")
        XCTAssertTrue(d.references[0].selfCitation)
        XCTAssertEqual(corpus.diagnostics.map(\.line), [4, 5, 6])
        XCTAssertEqual(corpus.diagnostics.map(\.message), [
            "row has 2 fields, the header 5; skipped", "record has no title (Title); kept with an empty title",
            "a quoted field opened here is never closed; the rest of the file was not read",
        ])
    }

    // MARK: BibTeX

    func testScopusBibTeXExport() throws {
        let corpus = try load([try SharedCorpora.file("bibtex/bibx-scopus.bib")])
        XCTAssertEqual(corpus.count, 893)
        let d = corpus.document(0)
        XCTAssertEqual(d.id, "Akagi2023")
        XCTAssertEqual(d.title, "Relationship between temperature rise and thermal conductivity in a magnetic medium during heated dot magnetic recording")
        XCTAssertEqual(d.authors.map(\.display), ["Akagi F.", "Matsushima N."])
        XCTAssertEqual(d.year, 2023)
        XCTAssertEqual(d.doi, "10.35848/1347-4065/ac899a")
        XCTAssertEqual(d.keywords, ["heated dot magnetic recording", "Landau-Lifshitz-Bloch equation", "thermal conductivity"])
        XCTAssertEqual(d.references.count, 32)
        XCTAssertEqual(d.citations, 0)
        XCTAssertEqual(d.journal, "Japanese Journal of Applied Physics")
        // An entry whose abstract has unbalanced braces is still read, with a warning naming its line.
        let albrecht = try XCTUnwrap(corpus.documents.first { $0.id == "Albrecht2013773" })
        XCTAssertEqual(albrecht.title, "Bit patterned media at 1 Tdot/in2 and beyond")
        XCTAssertEqual(albrecht.year, 2013)
        XCTAssertTrue(corpus.diagnostics.contains { $0.line == 9858 && $0.message.contains("unbalanced braces") })
    }

    func testBibTeXAndRISOfOneSearchAgree() throws {
        let bib = try load([try SharedCorpora.file("bibtex/bibx-scopus.bib")])
        let ris = try load([try SharedCorpora.file("ris/bibx-scopus.ris")])
        var risByDOI: [String: Document] = [:]
        for d in ris.documents { if let doi = d.doi?.lowercased() { risByDOI[doi] = d } }
        // The RIS file was exported earlier than the BibTeX file: for these works it still gives
        // the year of online publication, the BibTeX file the year of the issue (checked by hand).
        let yearsDifferInTheFiles = ["10.1016/j.dcan.2020.02.003", "10.1016/j.dcan.2019.11.003", "10.1149/06445.0099ecst",
                                     "10.1149/05010.0059ecst", "10.1149/1.3573592", "10.1149/1.2753257"]
        var shared = Set<String>()
        for d in bib.documents {
            guard let doi = d.doi?.lowercased(), let other = risByDOI[doi] else { continue }
            shared.insert(doi)
            XCTAssertEqual(d.title, other.title, doi)
            if !yearsDifferInTheFiles.contains(doi) { XCTAssertEqual(d.year, other.year, doi) }
        }
        XCTAssertEqual(shared.count, 768)
    }

    func testBibLaTeXExamples() throws {
        let corpus = try load([try SharedCorpora.file("bibtex/biblatex-examples.bib")])
        // 100 entries less 8 @string macros and 2 @set entries, which are not documents.
        XCTAssertEqual(corpus.count, 90)
        let byID = Dictionary(corpus.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let aksin = try XCTUnwrap(byID["aksin"])
        XCTAssertEqual(aksin.authors.map(\.family), ["Aksın", "Türkmen", "Artok", "Çetinkaya", "Ni", "Büyükgüngör", "Özkal"])
        XCTAssertEqual(aksin.authors[0].given, "Özge")
        XCTAssertEqual(aksin.journal, "J. Organomet. Chem.")
        XCTAssertEqual(aksin.year, 2006)
        XCTAssertEqual(aksin.title, "Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic carbenes in Mizoroki-Heck reactions")
        let kastenholz = try XCTUnwrap(byID["kastenholz"])
        XCTAssertEqual(kastenholz.title, "Computation of methodology-independent ionic solvation free energies from molecular simulations: I. The electrostatic potential in molecular liquids")
        XCTAssertEqual(kastenholz.doi, "10.1063/1.2172593")
        XCTAssertEqual(kastenholz.authors.map(\.display), ["Kastenholz M.A.", "Hünenberger, Philippe H."])
        XCTAssertEqual(byID["angenendt"]?.title, "In Honore Salvatoris – Vom Sinn und Unsinn der Patrozinienkunde")
        XCTAssertEqual(byID["angenendt"]?.language, "de")
        // crossref: the child takes the collection's title as its journal and its year.
        let westfahl = try XCTUnwrap(byID["westfahl:space"])
        XCTAssertEqual(westfahl.journal, "Space and Beyond")
        XCTAssertEqual(westfahl.year, 2000)
    }

    func testAuthorYearAndScopusFreeTextAreToldApart() {
        // Author-year (PLOS and others): the year in parentheses right after the authors.
        let authorYear = CitationText.freeText("Smith JA, Doe B (2001) Tick-borne disease. Vector Borne Zoonotic Dis 7: 203-216.")
        XCTAssertEqual(authorYear.authors.map(\.family), ["Smith", "Doe"])
        XCTAssertEqual(authorYear.year, 2001)
        XCTAssertEqual(authorYear.title, "Tick-borne disease")
        XCTAssertEqual(authorYear.container, "Vector Borne Zoonotic Dis")
        XCTAssertEqual([authorYear.volume, authorYear.pages], ["7", "203-216"])
        XCTAssertEqual(CitationText.freeText("Smith JA, et al (2001) Title. Journal 7: 1-2.").authors.map(\.family), ["Smith"])
        // Scopus: the year after a comma, or after the title, with the source following it.
        let scopus = CitationText.freeText("Roberts, A.P., Heslop, D., Title, (2014) Rev. Geophys., 52 (3), pp. 557-602.")
        XCTAssertEqual(scopus.authors.map(\.family), ["Roberts", "Heslop"])
        XCTAssertEqual(scopus.container, "Rev. Geophys.")
        XCTAssertEqual(scopus.year, 2014)
        XCTAssertEqual(CitationText.freeText("Mayergoyz I.D., Title (2014) Source, 52, pp. 1-9.").container, "Source")
    }

    func testAScopusReferencesDOIIsTakenFromItsMarkerInOrderOfPreference() {
        let base = "Roberts, A.P., Steppe trade: a study, (2014) Rev. Geophys., 52 (3), pp. 557-602"
        XCTAssertEqual(CitationText.scopus(base + ". https://doi.org/10.1/a").doi, "10.1/a")
        XCTAssertEqual(CitationText.scopus(base + ". http://dx.doi.org/10.1/b").doi, "10.1/b")
        XCTAssertEqual(CitationText.scopus(base + ". DOI: 10.1/c").doi, "10.1/c")
        // "https://doi.org/" is preferred wherever it stands; then "http://dx.doi.org/".
        XCTAssertEqual(CitationText.scopus(base + ", DOI: 10.1/c, https://doi.org/10.1/a").doi, "10.1/a")
        XCTAssertEqual(CitationText.scopus(base + ", DOI: 10.1/c, http://dx.doi.org/10.1/b").doi, "10.1/b")
        XCTAssertNil(CitationText.scopus(base).doi)
        XCTAssertEqual(CitationText.scopus(base + ". https://doi.org/10.1/a").title, "Steppe trade: a study")
    }

    func testTeXMarkupWithoutCommandsBecomesPlainText() {
        // Braces and dollars go, a tilde is a space, "--" and "---" are en and em dashes, white
        // space (line breaks of a wrapped field included) collapses to single spaces.
        XCTAssertEqual(TeXText.plain("{{The} {HIV} epidemic} -- 1981--2001~and   $x$ ---\n    wrapped "),
                       "The HIV epidemic – 1981–2001 and x — wrapped")
        XCTAssertEqual(TeXText.plain("  -{}- a-b "), "-- a-b")
        // Non-ASCII text next to the markup reads the same (Character by Character).
        XCTAssertEqual(TeXText.plain("{Revolyutsiya} {Революция} -- Caf{é}"), "Revolyutsiya Революция – Café")
        XCTAssertEqual(TeXText.plain("plain words"), "plain words")
        // Markup next to letters of other scripts, read on the bytes.
        XCTAssertEqual(TeXText.plain("Москва--Пекин {Ж}~Ω  ’quoted’ 中文--日本"), "Москва–Пекин Ж Ω ’quoted’ 中文–日本")
        // A combining mark after a space is one Character with it: the Character path keeps it.
        XCTAssertEqual(TeXText.plain("a \u{301}b"), "a \u{301}b")
    }

    func testTeXTextIsPlainOnlyWhenNothingWouldChange() {
        func isPlain(_ text: String) -> Bool {
            var copy = text
            return copy.withUTF8(TeXText.isPlain)
        }
        for text in ["plain words", "a-b", "Café – x", "x"] {
            XCTAssertTrue(isPlain(text), text)
            XCTAssertEqual(TeXText.plain(text), text)
        }
        for text in ["", " lead", "trail ", "two  spaces", "a--b", "{b}", "a~b", "$x$", "\\'e", "line\nend", "tab\there"] {
            XCTAssertFalse(isPlain(text), text)
        }
    }

    func testBibTeXNamesReadOnTheBytesAsCharacterByCharacter() {
        // Latin, Cyrillic and accented names, braces, von and Jr parts, wrapped over lines; a name
        // in braces is a family name as it stands.
        let names = BibTeXReader.names("Aks{\\i}n, {\\\"O}zge and Дудин, Павел Н. and  van der Berg, Jr.,\n  Jan and Ludwig van Beethoven and {Barnes and Noble} and others")
        XCTAssertEqual(names.map(\.family), ["Aksın", "Дудин", "van der Berg Jr.", "van Beethoven", "Barnes and Noble"], "a suffix stays with the family name")
        XCTAssertEqual(names.map(\.written), ["Aksın, Özge", "Дудин, Павел Н.", "van der Berg, Jr., Jan", "Ludwig van Beethoven", "Barnes and Noble"])
        XCTAssertEqual(names.map(\.initials), ["Ö.", "П.Н.", "J.", "L.", ""])
        // A no-break space, a Unicode space, is white space as Character reads it: that text takes
        // the Character path, with the same result.
        XCTAssertEqual(BibTeXReader.names("Smith,\u{A0}John and Doe,\u{2003}Jane").map(\.written), ["Smith, John", "Doe, Jane"])
    }

    func testBibTeXReferencesOfMixedStylesKeepTheirOrderFieldsAndSelfCitations() throws {
        // Scopus's references field: a Scopus-style reference by the entry's author, an
        // author-year one by her too, and one in neither style.
        let text = """
        @article{mixed,
          author = {Smith, Jane A. and Doe, B.},
          title = {Mixed references},
          year = {2021},
          references = {Smith, J.A., Roberts, A.P., Steppe trade, (2014) Rev. Geophys., 52 (3), pp. 557-602; Smith JA, Lee K (2001) Tea roads. Vector Borne Dis 7: 203-216; Ivanov I. I. Caravans. Moscow, 1999.}
        }
        """
        let corpus = try load([try fixtures.write("mixed.bib", text)])
        let refs = corpus.document(0).references
        XCTAssertEqual(refs.map(\.number), [1, 2, 3])
        XCTAssertEqual(refs.map { $0.authors.map(\.family) }, [["Smith", "Roberts"], ["Smith", "Lee"], ["Ivanov"]])
        XCTAssertEqual(refs.map(\.year), [2014, 2001, 1999])
        XCTAssertEqual(refs[0].container, "Rev. Geophys.")
        XCTAssertEqual(refs[1].title, "Tea roads")
        XCTAssertEqual(refs.map(\.selfCitation), [true, true, false])
    }

    func testBibTeXEdgeCases() throws {
        let text = """
        @string{jn = "Journal of " # {Things}}
        @comment{ignored}
        @ARTICLE(one,
          author = {von Neumann, Jr., John and Ludwig van Beethoven and others},
          title = "A {\\"U}ber {Title} with \\& and --- dash",
          journal = jn # { Studies},
          year = 1950, month = jan,
          keywords = {alpha, beta}
        )
        @article{broken,
          title = {Fine},
          year = {2020}, note = {an {unbalanced brace},
        }
        @article{last, title={Last}, year={2001}}
        @article{notitle, year={2001}}
        """
        let path = try fixtures.write("x.bib", text.replacingOccurrences(of: "\n", with: "\r\n"))
        let corpus = try load([path])
        XCTAssertEqual(corpus.documents.map(\.id), ["one", "broken", "last", "notitle"], "an entry without a title is kept")
        let one = corpus.document(0)
        XCTAssertEqual(one.title, "A Über Title with & and — dash")
        XCTAssertEqual(one.journal, "Journal of Things Studies")
        XCTAssertEqual(one.year, 1950)
        XCTAssertEqual(one.keywords, ["alpha", "beta"])
        XCTAssertEqual(one.authors.map(\.family), ["von Neumann Jr.", "van Beethoven"], "a suffix stays with the family name")
        XCTAssertEqual(one.authors.map(\.given), ["John", "Ludwig"])
        XCTAssertEqual(corpus.document(1).title, "Fine")
        XCTAssertEqual(corpus.document(1).year, 2020)
        XCTAssertEqual(corpus.diagnostics.map(\.line), [10, 15])
    }
}
