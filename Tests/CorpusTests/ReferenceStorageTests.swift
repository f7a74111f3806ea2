// ReferenceStorageTests.swift: a reference's parsed text fields are kept as spans of its raw text;
// a value that is not part of the raw text is kept aside; both come back exactly, after joining
// stores and copying rows; a table made whole (its values as text, as packs keep them) reads the
// same, joins other whole tables by copying, and takes new references as text.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class ReferenceStorageTests: XCTestCase {
    private let inRaw = Reference(number: 1, raw: "Dudin P. N. The year 1921. Oriental Studies. 2021. Vol. 14, no. 3. Pp. 10-20.",
                                  authors: [AuthorName(written: "Dudin P. N.", family: "Dudin", initials: "P.N.")], title: "The year 1921", container: "Oriental Studies", year: 2021, volume: "14", issue: "3", pages: "10-20")
    private let aside = Reference(number: 2, raw: "Ivanov I. I. Steppe trade. 1999.",
                                  authors: [AuthorName(written: "Ivanov I. I.", family: "Ivanov", given: "Ivan Ivanovich", initials: "I.I.")], title: "Steppe Trade (corrected)", container: nil, year: 1999, doi: "10.1000/xyz")

    private func table(_ references: [Reference]) -> ReferenceTable {
        var t = ReferenceTable()
        for r in references { t.append(r) }
        return t
    }

    func testFieldsFoundInTheRawTextComeBackWithoutACopyOfTheirBytes() {
        let t = table([inRaw])
        XCTAssertEqual(t.reference(0), inRaw)
        XCTAssertEqual(t.title.string(0), "The year 1921")
        XCTAssertEqual(t.pages.optional(0), "10-20")
        XCTAssertNil(t.doi.optional(0))
        XCTAssertEqual(t.titleSpans.byteSize, 4, "one span, no bytes")
    }

    func testAValueThatIsNotInTheRawTextIsKeptAside() {
        let t = table([inRaw, aside, inRaw])
        XCTAssertEqual((0..<3).map { t.reference($0) }, [inRaw, aside, inRaw])
        XCTAssertEqual(t.title.optional(1), "Steppe Trade (corrected)")
        XCTAssertEqual(t.doi.optional(1), "10.1000/xyz")
        XCTAssertTrue(t.container.isEmpty(1))
    }

    func testReferenceAuthorsAreSpansOfTheRawTextWithTheirKeysMadeWhenAsked() {
        var t = ReferenceTable()
        let raw = Array("Dudin P. N., Zhukov Zh. The year 1921. Oriental Studies. 2021.".utf8)
        raw.withUnsafeBufferPointer { b in t.append(ReferenceParser.parse(bytes: b), bytes: b, number: 1, own: SelfCitation(keys: [])) }
        XCTAssertEqual(t.reference(0).authors, [AuthorName(written: "Dudin P. N.", family: "Dudin", initials: "P.N."),
                                                AuthorName(written: "Zhukov Zh.", family: "Zhukov", initials: "Zh.")])
        let keys = t.raw.withBytes(0) { base in (0..<2).map { t.authorNames.of(base: base).key($0) } }
        XCTAssertEqual(keys, ["dudin, p.n.", "zhukov, zh."])
        XCTAssertEqual(t.authorNames.byteSize, 2 * 4 * 4, "two authors, four spans each, no bytes")
    }

    func testAWebOfScienceAuthorWithBareInitialsIsStoredAsRangesWithItsInitialsKeptAside() {
        var t = ReferenceTable()
        let raw = Array("Bai WJ, 2015, MACROMOLECULES, V48, P8574".utf8)
        raw.withUnsafeBufferPointer { b in
            t.append(CitationText.webOfScience(bytes: b), bytes: b, number: 1, own: SelfCitation(keys: [Array("bai, w.j.".utf8)]))
        }
        XCTAssertEqual(t.reference(0).authors, [AuthorName(written: "Bai WJ", family: "Bai", initials: "W.J.")])
        XCTAssertEqual(t.reference(0).authors, CitationText.webOfScience(String(decoding: raw, as: UTF8.self)).authors)
        XCTAssertEqual(t.raw.withBytes(0) { t.authorNames.of(base: $0).key(0) }, "bai, w.j.")
        XCTAssertEqual(t.selfCitation[0], true)
        XCTAssertTrue(t.authorNames.initials.isSpilled(0), "W.J. is not in the text")
        XCTAssertFalse(t.authorNames.family.isSpilled(0))
    }

    func testAnAuthorsGivenNamesAndNormalisedInitialsKeptAsideComeBackWithTheSameKey() {
        let t = table([aside, inRaw])
        XCTAssertEqual(t.reference(0).authors, aside.authors)
        XCTAssertEqual(t.reference(1).authors, inRaw.authors)
        let keys = (0..<2).map { row in t.raw.withBytes(row) { t.authorNames.of(base: $0).key(row) } }
        XCTAssertEqual(keys, ["ivanov, ivan ivanovich", "dudin, p.n."])
        XCTAssertEqual(keys, [aside.authors[0].key, inRaw.authors[0].key])
    }

    func testJoinedAndCopiedRowsKeepTheirValues() {
        var joined = table([aside, inRaw])
        joined.append(contentsOf: table([inRaw, aside]))
        XCTAssertEqual((0..<4).map { joined.reference($0) }, [aside, inRaw, inRaw, aside])
        var copied = ReferenceTable()
        copied.append(rows: 1 ..< 4, of: joined)
        XCTAssertEqual((0..<3).map { copied.reference($0) }, [inRaw, inRaw, aside])
    }

    func testATableMadeWholeReadsTheSameAndTakesNewReferencesAsText() {
        let spans = table([inRaw, aside])
        let whole = spans.madeWhole()
        XCTAssertTrue(whole.titleSpans.isWhole && whole.authorNames.initials.isWhole)
        XCTAssertEqual((0..<2).map { whole.reference($0) }, [inRaw, aside])
        XCTAssertEqual(whole.authorNames.of(base: Array(inRaw.raw.utf8).withUnsafeBufferPointer { $0 }).key(0), "dudin, p.n.")
        // Whole rows after whole rows, a reference and parsed authors appended: all as text.
        var joined = ReferenceTable()
        joined.append(rows: 1 ..< 2, of: whole)
        joined.append(rows: 0 ..< 2, of: whole)
        joined.append(inRaw)
        XCTAssertTrue(joined.titleSpans.isWhole, "rows of whole tables join as text")
        XCTAssertEqual((0..<4).map { joined.reference($0) }, [aside, inRaw, aside, inRaw])
        let raw = Array("Dudin PN, 2019, ORIENT STUD, V12, P226".utf8)
        let bare = ParsedAuthor(written: 0 ..< 8, family: 0 ..< 5, initials: 6 ..< 8, bare: true)
        var names = joined.authorNames
        raw.withUnsafeBufferPointer { names.append(bare, base: $0) }
        var dotted = [UInt8]()
        raw.withUnsafeBufferPointer { names.appendInitials(names.count - 1, base: $0, lowercased: false, to: &dotted) }
        XCTAssertEqual(String(decoding: dotted, as: UTF8.self), "P.N.")
        // Spans after whole rows: the table becomes one of spans, every value kept.
        var mixed = whole
        mixed.append(contentsOf: spans)
        XCTAssertEqual((0..<4).map { mixed.reference($0) }, [inRaw, aside, inRaw, aside])
    }

    func testReferencesWhoseValuesWaitForTheirDocumentComeBackAsIfAppendedOneByOne() {
        // A long text puts its later fields past the spans' reach (kept aside); a structured
        // reference brings an issue and a DOI that are not in its text.
        let texts = ["Dudin P.N., Khusainov Z.F. Caravans of the steppe. Oriental Studies. 2019. Vol. 12, No. 3. Pp. 226-237.",
                     String(repeating: "x", count: 70_000) + " Ivanov I.I. Late title. Journal. 2001. Vol. 3. P. 5.",
                     "Bai WJ, 2015, MACROMOLECULES, V48, P8574, DOI 10.1021/acs.macromol.5b02174",
                     "Li W. Steppe trade (In Russ.). Elista, 1999."]
        func parsed(_ k: Int, _ b: UnsafeBufferPointer<UInt8>) -> ParsedReference {
            var r = k == 2 ? CitationText.webOfScience(bytes: b) : ReferenceParser.parse(bytes: b)
            if k == 3 { r.issueText = "7"; r.doiText = "10.1000/not-in-the-text" }
            return r
        }
        let own = SelfCitation(keys: [Array("khusainov, z.f.".utf8)])
        var oneByOne = ReferenceTable(), deferred = ReferenceTable()
        for (k, text) in texts.enumerated() {
            Array(text.utf8).withUnsafeBufferPointer { b in
                oneByOne.append(parsed(k, b), bytes: b, number: k + 1, own: own)
                deferred.appendDeferred(parsed(k, b), bytes: b, number: k + 1, own: own)
            }
        }
        deferred.appendPending()
        deferred.append(inRaw)  // a reference given whole comes after them
        oneByOne.append(inRaw)
        XCTAssertEqual(deferred.count, 5)
        XCTAssertEqual((0 ..< 5).map { deferred.reference($0) }, (0 ..< 5).map { oneByOne.reference($0) })
        XCTAssertEqual(deferred.reference(0).selfCitation, true)
        let spans = [deferred.titleSpans, deferred.containerSpans, deferred.volumeSpans, deferred.pagesSpans]
        XCTAssertTrue(spans.contains { $0.isSpilled(1) }, "a field past the first 64 KB is kept aside")
        XCTAssertEqual(deferred.reference(3).issue, "7")
        XCTAssertEqual(deferred.reference(3).doi, "10.1000/not-in-the-text")
        XCTAssertEqual(deferred.reference(4), inRaw)
    }

    func testAnAuthorMayBeTheCitingDocumentsOwnOnlyWhenAKeyStartsWithTheirFamilyName() {
        // The rule: a name that is not ASCII may always be; an ASCII one when a key is the name in
        // lower case, alone or followed by ",".
        func expected(_ family: [UInt8], _ keys: [[UInt8]]) -> Bool {
            guard family.allSatisfy({ $0 < 0x80 }) else { return true }
            let lower = family.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            return keys.contains { $0.starts(with: lower) && ($0.count == lower.count || $0[lower.count] == 0x2C) }
        }
        let keys = [Array("dudin, p.n.".utf8), Array("khusainov, z.f.".utf8), Array("li".utf8)]
        var generator = SystemRandomNumberGenerator()
        let names = ["Dudin", "DUDIN", "Dudi", "Dudinn", "Khusainov", "Li", "L", "Lin", "Müller", "Dudín", "Ли", "", "d"]
            + (0 ..< 500).map { _ in String((0 ..< Int.random(in: 1 ... 6, using: &generator)).map { _ in "dDkKlLiInu,é".randomElement(using: &generator)! }) }
        for name in names {
            let family = Array(name.utf8)
            family.withUnsafeBufferPointer { f in
                XCTAssertEqual(SelfCitation(keys: keys).mayBeOwn(family: f), expected(family, keys), name)
                XCTAssertFalse(SelfCitation(keys: []).mayBeOwn(family: f), "a document without authors cites no one of its own")
            }
        }
    }

    func testALongRawTextKeepsFieldsBeyondItsFirst64KBAside() {
        let filler = String(repeating: "x", count: 70_000)
        let long = Reference(raw: filler + " Late title.", title: "Late title")
        let t = table([long])
        XCTAssertEqual(t.title.optional(0), "Late title")
        XCTAssertGreaterThan(t.titleSpans.byteSize, 4, "kept aside")
    }
}
