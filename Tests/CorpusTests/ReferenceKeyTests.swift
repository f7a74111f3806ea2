// ReferenceKeyTests.swift: one key for each cited work. The same work written by Web of Science,
// Scopus and a journal's own style gets one key; a reference without a DOI takes the DOI another
// reference to the same work carries; and on the shared Web of Science and Scopus (BibTeX) exports (from
// overlapping queries), references whose DOIs are hidden are matched by key, with the precision
// and recall printed and held to floors.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
import XCTest

final class ReferenceKeyTests: XCTestCase {
    private func work(_ r: Reference) -> String? {
        MatchKeys.work(family: r.authors.first?.family, year: r.year, container: r.container, volume: r.volume, pages: r.pages, title: r.title)
    }

    func testOneWorkWrittenByEachDatabaseHasOneKey() {
        let forms = [
            CitationText.webOfScience("Bai W, 2015, MACROMOLECULES, V48, P8574"),
            CitationText.freeText("Bai, W., Li, Z., Zhang, Y., Self-assembly of block copolymers in thin films (2015) Macromolecules, 48 (23), pp. 8574-8583."),
            CitationText.freeText("Bai W, Li Z, Zhang Y. Self-assembly of block copolymers in thin films. Macromolecules. 2015;48(23):8574-83."),
            CitationText.freeText("Bai, W., Li, Z., & Zhang, Y. (2015). Self-assembly of block copolymers in thin films. Macromolecules, 48(23), 8574–8583."),
        ]
        XCTAssertEqual(Set(forms.map(work)).count, 1, "\(forms.map(work))")
        XCTAssertEqual(work(forms[0]), "bai|2015|m|48|8574")
        // Different works by the same author in the same year stay apart.
        XCTAssertNotEqual(work(CitationText.webOfScience("Bai W, 2015, MACROMOLECULES, V48, P8600")), work(forms[0]))
        // ... and so do different works on the same page of the same volume of two journals.
        XCTAssertNotEqual(work(CitationText.webOfScience("Bai W, 2015, J POLYM SCI, V48, P8574")), work(forms[0]))
        // A transliterated umlaut is the umlaut.
        XCTAssertEqual(MatchKeys.familyKey("Meyer-Broetz"), MatchKeys.familyKey("Meyer-Brötz"))
    }

    func testASourceHasOneKeyHoweverItIsWritten() {
        for forms in [["Journal of Polymer Science", "J POLYM SCI", "J. Polym. Sci.", "Journal of polymer science"],
                      ["Physical Review Letters", "PHYS REV LETT", "Phys. Rev. Lett."],
                      ["Journal of the American Chemical Society", "J AM CHEM SOC", "J. Am. Chem. Soc."],
                      ["IEEE Transactions on Magnetics", "IEEE T MAGN", "IEEE Trans. Magn."],
                      ["Zeitschrift für Physik", "Z PHYS", "Z. Phys."],
                      ["Macromolecules", "MACROMOLECULES"]] {
            XCTAssertEqual(Set(forms.map(SourceKey.of)).count, 1, "\(forms.map(SourceKey.of))")
        }
        XCTAssertEqual(SourceKey.of("Journal of Polymer Science"), "j polym sci")
        XCTAssertNotEqual(SourceKey.of("Journal of Physics"), SourceKey.of("Journal of Physiology"))
        XCTAssertEqual(SourceKey.initial("IEEE Transactions on Magnetics"), "i")
        XCTAssertEqual(SourceKey.initial("2015 IEEE Conference on Decision and Control"), "i", "numbers are not initials")
        XCTAssertEqual(SourceKey.of(""), "")
    }

    func testAReferenceWithoutADOITakesTheDOIOfAnotherReferenceToTheSameWork() {
        var table = ReferenceTable()
        table.append(CitationText.webOfScience("Bai W, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/acs.macromol.5b02174"))
        table.append(CitationText.freeText("Bai W, Li Z. Self-assembly. Macromolecules. 2015;48(23):8574-83."))
        table.append(CitationText.freeText("Roe R. Other work. Macromolecules. 2016;49:1-10."))
        table.append(Reference(raw: "Unparsed note, personal communication"))
        let keys = ReferenceKeys.make(table)
        XCTAssertEqual(keys[0], "doi:10.1021/acs.macromol.5b02174")
        XCTAssertEqual(keys[1], keys[0])
        XCTAssertEqual(keys[2], "ro|2016|m|49|1")
        XCTAssertEqual(keys[3], "text:unparsed note personal communication")
    }

    func testReferencesOfTheSharedExportsMatchByKeyWithTheirDOIsHidden() throws {
        // Every reference with a DOI, from both exports: two references are one work when their
        // DOIs are; the key made without the DOI should say the same. Scored on the works cited
        // by both exports (each database writes its own form of the reference).
        var table = ReferenceTable()
        var truth: [(source: Int, doi: String)] = []
        for (source, file) in ["wos/bibx-savedrecs.txt", "bibtex/bibx-scopus.bib"].enumerated() {
            let corpus = try CorpusLoader.load(paths: [try SharedCorpora.file(file)], options: LoadOptions(merge: false))
            for d in corpus.documents {
                for var r in d.references {
                    guard let doi = r.doi else { continue }
                    truth.append((source, DOI.key(doi)))
                    r.doi = nil
                    table.append(r)
                }
            }
        }
        // The keys the corpus would give, with every DOI hidden.
        let keys = ReferenceKeys.make(table)
        var keysOfDOI: [String: Set<String>] = [:], doisOfKey: [String: Set<String>] = [:], sources: [String: Set<Int>] = [:]
        for (i, t) in truth.enumerated() {
            keysOfDOI[t.doi, default: []].insert(keys[i])
            doisOfKey[keys[i], default: []].insert(t.doi)
            sources[t.doi, default: []].insert(t.source)
        }
        let both = sources.filter { $0.value.count == 2 }.map(\.key)
        // Recall: of the works cited by both exports, the share whose references all got one key.
        let matched = both.filter { keysOfDOI[$0]!.count == 1 }.count
        let recall = Double(matched) / Double(max(both.count, 1))
        // Precision: of those works' keys, the share that stand for that one work only.
        let bothKeys = Set(both.flatMap { keysOfDOI[$0]! })
        let precision = Double(bothKeys.filter { doisOfKey[$0]!.count == 1 }.count) / Double(max(bothKeys.count, 1))
        print(String(format: "Reference keys on the shared WoS and Scopus exports, DOIs hidden: %d works cited by both, %d matched; precision %.3f, recall %.3f",
                     both.count, matched, precision, recall))
        if ProcessInfo.processInfo.environment["SCRIPTORIUM_REFERENCE_MISSES"] != nil {
            for doi in both where keysOfDOI[doi]!.count > 1 { print(doi, keysOfDOI[doi]!.sorted()) }
        }
        let withDOI = truth
        XCTAssertGreaterThan(withDOI.count, 1000)
        XCTAssertGreaterThan(both.count, 100)
        XCTAssertGreaterThanOrEqual(precision, 0.98)
        XCTAssertGreaterThanOrEqual(recall, 0.85)
    }
}
