// ReferenceStyleTests.swift: one work cited in each common citation style, each field checked: the
// specification of the free-text reference parser. The work: W. Bai, Z. Li and Y. Zhang, "Self-
// assembly of block copolymers in thin films", Macromolecules 48(23), 8574-8583, 2015,
// doi:10.1021/acs.macromol.5b02174 (invented for these tests, as are the other references here).
@testable import CorpusReaders
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class ReferenceStyleTests: XCTestCase {
    struct Expected {
        var family = "Bai"
        var authors = 3
        var title: String? = "Self-assembly of block copolymers in thin films"
        var container: String? = "Macromolecules"
        var year: Int? = 2015
        var volume: String? = "48"
        var issue: String? = "23"
        var firstPage: String? = "8574"
        var doi: String? = "10.1021/acs.macromol.5b02174"
    }

    private func check(_ style: String, _ text: String, _ e: Expected, file: StaticString = #filePath, line: UInt = #line) {
        let r = CitationText.freeText(text)
        let what = "\(style): \(text)"
        XCTAssertEqual(r.authors.first?.family, e.family, what, file: file, line: line)
        XCTAssertEqual(r.authors.count, e.authors, what + " (authors)", file: file, line: line)
        XCTAssertEqual(r.title.map { $0.lowercased() }, e.title?.lowercased(), what, file: file, line: line)
        XCTAssertEqual(r.container, e.container, what, file: file, line: line)
        XCTAssertEqual(r.year, e.year, what, file: file, line: line)
        XCTAssertEqual(r.volume, e.volume, what, file: file, line: line)
        XCTAssertEqual(r.issue, e.issue, what, file: file, line: line)
        XCTAssertEqual(r.pages.map { String($0.prefix { $0.isNumber || $0.isLetter }) }, e.firstPage, what, file: file, line: line)
        XCTAssertEqual(r.doi, e.doi, what, file: file, line: line)
    }

    func testVancouverAndAMA() {
        check("Vancouver", "Bai W, Li Z, Zhang Y. Self-assembly of block copolymers in thin films. Macromolecules. 2015;48(23):8574-83. doi: 10.1021/acs.macromol.5b02174", Expected())
        check("AMA", "Bai W, Li Z, Zhang Y. Self-assembly of block copolymers in thin films. Macromolecules. 2015;48(23):8574-8583. doi:10.1021/acs.macromol.5b02174", Expected())
        check("NLM with a month", "Bai W, Li Z, Zhang Y. Self-assembly of block copolymers in thin films. Macromolecules. 2015 Dec;48(23):8574-83.",
              Expected(doi: nil))
    }

    func testAuthorDateStyles() {
        check("APA", "Bai, W., Li, Z., & Zhang, Y. (2015). Self-assembly of block copolymers in thin films. Macromolecules, 48(23), 8574–8583. https://doi.org/10.1021/acs.macromol.5b02174", Expected())
        check("Harvard", "Bai, W., Li, Z. and Zhang, Y. (2015) 'Self-assembly of block copolymers in thin films', Macromolecules, 48(23), pp. 8574–8583. doi:10.1021/acs.macromol.5b02174.", Expected())
        check("Chicago author-date", "Bai, Wei, Zhen Li, and Yan Zhang. 2015. \u{201C}Self-Assembly of Block Copolymers in Thin Films.\u{201D} Macromolecules 48 (23): 8574–83. https://doi.org/10.1021/acs.macromol.5b02174.", Expected())
    }

    func testNotesAndHumanitiesStyles() {
        check("Chicago notes-bibliography", "Bai, Wei, Zhen Li, and Yan Zhang. \u{201C}Self-Assembly of Block Copolymers in Thin Films.\u{201D} Macromolecules 48, no. 23 (2015): 8574–83.", Expected(doi: nil))
        check("MLA", "Bai, Wei, et al. \u{201C}Self-Assembly of Block Copolymers in Thin Films.\u{201D} Macromolecules, vol. 48, no. 23, 2015, pp. 8574–83.", Expected(authors: 1, doi: nil))
    }

    func testEngineeringAndPhysicsStyles() {
        check("IEEE", "W. Bai, Z. Li, and Y. Zhang, \u{201C}Self-assembly of block copolymers in thin films,\u{201D} Macromolecules, vol. 48, no. 23, pp. 8574–8583, 2015, doi: 10.1021/acs.macromol.5b02174.", Expected())
        check("ACS", "Bai, W.; Li, Z.; Zhang, Y. Self-Assembly of Block Copolymers in Thin Films. Macromolecules 2015, 48 (23), 8574–8583.", Expected(doi: nil))
        check("AIP", "W. Bai, Z. Li, and Y. Zhang, Macromolecules 48, 8574 (2015).", Expected(title: nil, issue: nil, doi: nil))
        check("Nature", "Bai, W., Li, Z. & Zhang, Y. Self-assembly of block copolymers in thin films. Macromolecules 48, 8574–8583 (2015).", Expected(issue: nil, doi: nil))
    }

    func testEuropeanStandards() {
        check("GOST", "Bai W., Li Z., Zhang Y. Self-assembly of block copolymers in thin films // Macromolecules. 2015. Vol. 48, № 23. P. 8574–8583.", Expected(doi: nil))
        check("DIN 1505", "BAI, Wei ; LI, Zhen ; ZHANG, Yan: Self-assembly of block copolymers in thin films. In: Macromolecules 48 (2015), Nr. 23, S. 8574–8583",
              Expected(family: "BAI", doi: nil))
        check("GOST in Russian", "Иванов И. И., Петров П. П. Самосборка блок-сополимеров в тонких плёнках // Высокомолекулярные соединения. 2015. Т. 48, № 3. С. 12–20.",
              Expected(family: "Иванов", authors: 2, title: "Самосборка блок-сополимеров в тонких плёнках", container: "Высокомолекулярные соединения",
                       volume: "48", issue: "3", firstPage: "12", doi: nil))
    }

    func testTheYearIsThePublicationYearNeverAPageOrAnAccessDate() {
        let r = CitationText.freeText("Smith JA, Doe B. Lung function in miners. Am J Physiol. 1993 Aug;48(2):1687-1690.")
        XCTAssertEqual(r.year, 1993)
        XCTAssertEqual(r.pages, "1687-1690")
        let web = CitationText.freeText("Doe J. Mining statistics 2019. Geological Survey; 2018. Available from: https://example.org/x. Accessed 2021 Mar 3.")
        XCTAssertEqual(web.year, 2018)
    }

    func testADOIEndsWhereItsSyntaxEnds() {
        XCTAssertEqual(CitationText.freeText("Roe R. Geology of the range. GSA Special Paper. 2010;465:1-20. doi:10.1130/2010.2465(22).").doi, "10.1130/2010.2465(22)")
        XCTAssertEqual(CitationText.freeText("Roe R. Geology (of the range). GSA Bull. 2010;465:1-20 (doi:10.1130/B1234.1).").doi, "10.1130/B1234.1")
        XCTAssertEqual(CitationText.freeText("Roe R. Geology. GSA Bull. 2010;465:1-20. 10.1130/B1234.1 [doi]").doi, "10.1130/B1234.1")
        // The record layout's references and DOI lines find DOIs the same way.
        var text = "Roe R. Geology of the range. *GSA Special Paper*, 2010, Vol. 465, Pp. 1-20. DOI: 10.1130/2010.2465(22)."
        XCTAssertEqual(text.withUTF8 { b in ReferenceParser.doiRange(in: b, 0 ..< b.count).map { b.string($0) } }, "10.1130/2010.2465(22)")
    }

    func testChicagoNamesAfterTheFirstAreGivenNamesFirst() {
        let r = CitationText.freeText("Lamb, Clayton T., Sophie L. Gilbert, and Adam T. Ford. 2018. “Tweet Success?”. PeerJ 6: e4564.")
        XCTAssertEqual(r.authors.map(\.family), ["Lamb", "Gilbert", "Ford"])
        XCTAssertEqual(CitationText.freeText("Levi, F., and C. La Vecchia. 2003. “Oral Contraceptives”. Dig Liver Dis 35: 85–87.").authors.map(\.family), ["Levi", "La Vecchia"])
        let bare = CitationText.freeText("Metzger, J F, and G E Lewis Jr. 1979. “Immune Globulins”. Rev Infect Dis 1 (4): 689–92.")
        XCTAssertEqual(bare.authors.map(\.initials), ["J.F.", "G.E."])
        XCTAssertEqual(bare.title, "Immune Globulins")
        XCTAssertEqual(CitationText.freeText("Marshall, David V. 1987. “Electronic Share Dealing”. Computer Law & Security Report 3 (1): 21–23.").authors.map(\.family), ["Marshall"])
        // "and" ends the list: what follows the last author is the source.
        XCTAssertEqual(CitationText.freeText("L. Qi and T. Wang, J. Electron. Imag. 28, 1 (2019).").container, "J. Electron. Imag")
        XCTAssertEqual(CitationText.freeText("Du J, Li X. A title here. Nature. 2010;1:2.").authors.map(\.family), ["Du", "Li"])
    }

    func testSourcesWithYearsPublishersAndVolumeMarkers() {
        XCTAssertEqual(CitationText.freeText("Mendes P, Caceres M (2009) A review of widget engines. In: AFRICON 2009. IEEE, S 1–6").container, "AFRICON 2009")
        XCTAssertEqual(CitationText.freeText("Mendes, P., Caceres, M., 2009. A review of widget engines, in: AFRICON 2009. IEEE, pp. 1–6.").container, "AFRICON 2009")
        let aps = CitationText.freeText("P. Mendes, M. Caceres, and B. Dwolatzky, in AFRICON 2009 (IEEE, 2009), pp. 1–6.")
        XCTAssertEqual(aps.container, "AFRICON 2009")
        XCTAssertNil(aps.title)
        XCTAssertEqual(CitationText.freeText("S. Lynch, in Introducing WidgetKit for iOS (Apress, Berkeley, CA, 2020).").container, "Introducing WidgetKit for iOS")
        XCTAssertEqual(CitationText.freeText("Flynt C (2003) The text Widget. In: Tcl/Tk. Elsevier, S 379–422").container, "Tcl/Tk")
        let din = CitationText.freeText("Boettiger, Carl: Ecological management. In: Theoretical Ecology Bd. 14, Springer Science and Business Media LLC (2021), Nr. 4, S. 663–671")
        XCTAssertEqual(din.container, "Theoretical Ecology")
        XCTAssertEqual(din.volume, "14")
        XCTAssertEqual(din.year, 2021)
        XCTAssertEqual(CitationText.freeText("K. Fujimura, Rinsho Byori Suppl 40, 244 (1979).").container, "Rinsho Byori")
    }

    func testVolumeIssueAndPagesAreSeparate() {
        let r = CitationText.freeText("Smith J. A study of things. Journal of Things, Vol. 10 (3), pp. 25-30, 2001.")
        XCTAssertEqual(r.volume, "10")
        XCTAssertEqual(r.issue, "3")
        XCTAssertEqual(r.pages, "25-30")
        XCTAssertEqual(r.year, 2001)
    }

    func testNoTextStopsTheParserAndEveryRangeLiesInTheText() {
        // Pieces of references cut and joined at random (a fixed seed), punctuation alone, and
        // text ending inside a marker: the parser returns fields that are ranges of the text.
        let seeds = ["Bai, W., Li, Z., & Zhang, Y. (2015). Self-assembly. Macromolecules, 48(23), 8574–8583. https://doi.org/10.1021/x",
                     "W. Bai, \u{201C}Title,\u{201D} J. Phys., vol. 48, no. 23, pp. 8574–8583, 2015.",
                     "Иванов И. И. Название // Журнал. 2015. Т. 48, № 3. С. 12–20.", "(2015) ", "\"", "vol. ", "pp. 1-", "doi:10.1/", "et al", ", , ; ."]
        var generator = MalformedInputTests.SplitMix(state: 12)
        for _ in 0 ..< 3000 {
            var text = ""
            for _ in 0 ..< Int(generator.next() % 4) + 1 {
                let seed = Array(seeds[Int(generator.next() % UInt64(seeds.count))].utf8)
                let a = Int(generator.next() % UInt64(seed.count + 1)), b = Int(generator.next() % UInt64(seed.count + 1))
                text += String(decoding: seed[min(a, b) ..< max(a, b)], as: UTF8.self)
            }
            var copy = text
            copy.withUTF8 { bytes in
                let r = ReferenceGrammar.parse(bytes: bytes)
                for range in [r.title, r.container, r.volume, r.issue, r.pages, r.doi].compactMap({ $0 }) + r.authors.flatMap({ [$0.written, $0.family, $0.initials] }) {
                    XCTAssertTrue(range.lowerBound >= 0 && range.upperBound <= bytes.count && range.lowerBound <= range.upperBound, text)
                }
            }
        }
    }
}
