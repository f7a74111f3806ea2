// AuthorNameTests.swift: names normalise so that one person's spellings match and different
// people's do not.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest

final class AuthorNameTests: XCTestCase {
    func testSpellingsOfOnePersonShareAKey() {
        let keys = ["Dudin P. N.", "Dudin P.N.", "Dudin, P. N.", "Dudin P N"].map { AuthorName.parse($0)?.key }
        XCTAssertEqual(Set(keys), ["dudin, p.n."])
    }

    func testDifferentInitialsAndTwoLetterInitials() {
        XCTAssertNotEqual(AuthorName.parse("Dudin P.N.")?.key, AuthorName.parse("Dudin P.M.")?.key)
        XCTAssertEqual(AuthorName.parse("Bayasakh Zh.")?.initials, "Zh.")
        XCTAssertNotEqual(AuthorName.parse("Ivanov Zh.")?.key, AuthorName.parse("Ivanov Z. H.")?.key)
    }

    func testNamesReadAsByteRangesAreTheNamesParseGives() {
        // Every form the byte reader takes, and some it leaves to `parse`.
        let written = ["Bai W", "Bai WJ", "de Gennes PG", "Dudin P. N.", "Dudin, P.N.", "Van Der Berg A. B.", "Sun, ZW",
                       "Smith", "  Lee  ", "Ivanov I.-P.", "Dudin P N", "Yang, Cheng", "Li Wei", "J.A. Smith", "Дудин П. Н.", "A, B, C",
                       "GARCIA LOPEZ J", "DE LA CRUZ JM", "DAS SARMA S.", "Cavin III R.K.", "Brown Jr., W.F.", "Androulakis II",
                       "Brown Jr, W.F.", "Brown W.F. Jr.", "Dodd GD III", "Smith, J. III", "J. A. LEE", "Berg, J. van der", "WANG LI J"]
        var ranged = 0
        for text in written {
            var copy = text
            let parsed = copy.withUTF8 { b in AuthorName.parsedRanges(b, 0 ..< b.count).map { $0.name(b) } }
            if let parsed {
                XCTAssertEqual(parsed, AuthorName.parse(text, order: .familyFirst), text)
                XCTAssertEqual(parsed, AuthorName.parse(text, order: .givenFirst), text)
                ranged += 1
            }
        }
        // The ASCII initials forms and the one-word names: the first 10, then "GARCIA LOPEZ J" and
        // "DE LA CRUZ JM" (taken since a capitals word before the last is a name, not initials),
        // "DAS SARMA S.", "Cavin III R.K." (taken before, now divided after "SARMA" and "III"),
        // "Brown Jr., W.F." and "Androulakis II". A name ending in a suffix ("Smith, J. III",
        // taken before as initials "J.III.") and a family name ending in "Jr" without its period
        // ("Brown Jr, W.F.", taken before) are left to `parse`, which moves or respells the suffix.
        XCTAssertEqual(ranged, 16)
        XCTAssertEqual(AuthorName.parse("de Gennes PG")?.initials, "P.G.")
    }

    func testAStoredAuthorsKeyIsTheNamesKey() {
        let names = [AuthorName.parse("Dudin P. N.")!, AuthorName.parse("Yang, Cheng")!, AuthorName.parse("Smith")!,
                     AuthorName(written: "ΟΔΟΣ Α.", family: "ΟΔΟΣ", initials: "Α."), AuthorName(written: "İnce, Ş.", family: "İnce", initials: "Ş."),
                     AuthorName(written: "STRASSE, Jörg", family: "STRASSE", given: "Jörg", initials: "J."), AuthorName(written: "Дудин", family: "ДУДИН", initials: "")]
        var table = AuthorTable()
        for n in names { table.append(n) }
        XCTAssertEqual((0 ..< names.count).map { table.key.string($0) }, names.map(\.key))
        XCTAssertEqual(table.key.string(0), "dudin, p.n.")
    }

    func testFullGivenNamesAreKept() {
        let name = AuthorName.parse("Yang, Cheng")
        XCTAssertEqual(name?.family, "Yang")
        XCTAssertEqual(name?.given, "Cheng")
        XCTAssertEqual(name?.initials, "C.")
        XCTAssertEqual(AuthorName.parse("Li Wei", order: .familyFirst)?.family, "Li")
        XCTAssertEqual(AuthorName.parse("Jean-Paul Sartre")?.initials, "J.-P.")
    }

    // MARK: the name forms, one rule a test

    /// Given-first names with initials ("George A. Akerlof", as OpenAlex, RIS and CSL write them):
    /// the words after the last initial are the family name whatever the order, while "Family
    /// I. I." forms keep the family name first.
    func testGivenFirstNamesWithInitialsTakeTheWordsAfterThemAsFamilyName() {
        for order in [AuthorName.NameOrder.givenFirst, .familyFirst] {
            assertParses([("George A. Akerlof", "Akerlof", "George A.", "G.A."),
                          ("Thomas P. Russell", "Russell", "Thomas P.", "T.P."),
                          ("Pavel N. Dudin", "Dudin", "Pavel N.", "P.N."),
                          ("J. A. Smith", "Smith", nil, "J.A."),
                          ("J.A. Smith", "Smith", nil, "J.A."),
                          ("A. Bennett", "Bennett", nil, "A."),
                          ("J. A. LEE", "LEE", nil, "J.A."),
                          ("J.-P. Sartre", "Sartre", nil, "J.-P."),
                          ("Zh. Alferov", "Alferov", nil, "Zh."),
                          ("И. П. Сидоров", "Сидоров", nil, "И.П."),
                          ("Ivan P. Sidorov", "Sidorov", "Ivan P.", "I.P."),
                          ("Jean-Pierre A. Dupont", "Dupont", "Jean-Pierre A.", "J.-P.A."),
                          // The words after the last initial: a double family name.
                          ("M. González Mantilla", "González Mantilla", nil, "M."),
                          ("José M. García Ruiz", "García Ruiz", "José M.", "J.M."),
                          ("J. M. da Silva Santos", "da Silva Santos", nil, "J.M.")], order: order)
            // The family name first, initials last, as before.
            assertParses([("Dudin P. N.", "Dudin", nil, "P.N."), ("Dudin P.N.", "Dudin", nil, "P.N."),
                          ("Dudin P N", "Dudin", nil, "P.N."), ("Smith JA", "Smith", nil, "J.A."),
                          ("Bai WJ", "Bai", nil, "W.J."), ("Sun ZW", "Sun", nil, "Z.W."),
                          ("de Gennes PG", "de Gennes", nil, "P.G."), ("Van Der Berg A. B.", "Van Der Berg", nil, "A.B."),
                          ("Ivanov I.-P.", "Ivanov", nil, "I.-P."), ("Bayasakh Zh.", "Bayasakh", nil, "Zh."),
                          ("Сидоров И. П.", "Сидоров", nil, "И.П."), ("Сидоров И.П.", "Сидоров", nil, "И.П."),
                          ("Сидоров ИП", "Сидоров", nil, "И.П."), ("Akerlof G.A.", "Akerlof", nil, "G.A."),
                          ("Akerlof George A.", "Akerlof George", nil, "A.")], order: order)
        }
        // One person, however the source writes the name.
        assertSameKey(["George A. Akerlof", "Akerlof, George A."])
        assertSameKey(["Иван Петрович Сидоров", "Сидоров, Иван Петрович"])
        assertSameInitialsKey(["George A. Akerlof", "Akerlof G.A.", "Akerlof, G. A.", "G. A. Akerlof", "AKERLOF GA"])
        assertSameInitialsKey(["Иван Петрович Сидоров", "Сидоров И. П.", "И.П. Сидоров", "Сидоров, И.П."])
        assertSameInitialsKey(["Jean-Paul Sartre", "Sartre J.-P.", "Sartre, Jean-Paul", "J.-P. Sartre"])
    }

    /// Particles ("van", "de la", "bin") belong to the family name in given-first and comma
    /// forms; capitalised ones too when a name follows, but a first word is always a given name.
    func testParticlesStayWithTheFamilyName() {
        assertParses([("Ludwig van Beethoven", "van Beethoven", "Ludwig", "L."),
                      ("Jan van der Berg", "van der Berg", "Jan", "J."),
                      ("Hans van den Broek", "van den Broek", "Hans", "H."),
                      ("Juan de la Cruz", "de la Cruz", "Juan", "J."),
                      ("Otto von Bismarck", "von Bismarck", "Otto", "O."),
                      ("Maria dos Santos", "dos Santos", "Maria", "M."),
                      ("Leonardo da Vinci", "da Vinci", "Leonardo", "L."),
                      ("Pierre du Pont", "du Pont", "Pierre", "P."),
                      ("Gerard ter Horst", "ter Horst", "Gerard", "G."),
                      ("Jan ten Brink", "ten Brink", "Jan", "J."),
                      ("Mohd bin Ahmad", "bin Ahmad", "Mohd", "M."),
                      ("Siti Aishah binti Abdullah", "binti Abdullah", "Siti Aishah", "S.A."),
                      ("Ahmad ibn Hanbal", "ibn Hanbal", "Ahmad", "A."),
                      ("Omar al Farouk", "al Farouk", "Omar", "O."),
                      ("Ahmed Al-Sayed", "Al-Sayed", "Ahmed", "A."),
                      ("José Ortega y Gasset", "Ortega y Gasset", "José", "J."),
                      ("María del Carmen García", "García", "María del Carmen", "M.D.C."),
                      ("J.A. van der Berg", "van der Berg", nil, "J.A."),
                      ("P.-G. de Gennes", "de Gennes", nil, "P.-G."),
                      ("van Gogh", "van Gogh", nil, "")])
        // Capitalised particles followed by a name.
        assertParses([("A Van de Ven", "Van de Ven", nil, "A."),
                      ("Jan Van Der Berg", "Van Der Berg", "Jan", "J."),
                      ("Juan De La Cruz", "De La Cruz", "Juan", "J."),
                      ("Herman Van Rompuy", "Van Rompuy", "Herman", "H."),
                      ("Charles De Gaulle", "De Gaulle", "Charles", "C."),
                      ("Maria Da Silva", "Da Silva", "Maria", "M."),
                      ("Ahmed El Sayed", "El Sayed", "Ahmed", "A."),
                      ("Mohd Bin Ahmad", "Bin Ahmad", "Mohd", "M."),
                      ("John Dos Passos", "Dos Passos", "John", "J."),
                      ("Ruth St. Denis", "St. Denis", "Ruth", "R.")])
        // Words that only look like particles: a first word, the last word, Vietnamese "Van" (Văn).
        assertParses([("Van Morrison", "Morrison", "Van", "V."),
                      ("Del Shannon", "Shannon", "Del", "D."), ("Kim Le", "Le", "Kim", "K."),
                      ("Thanh Van Nguyen", "Nguyen", "Thanh Van", "T.V."), ("Minh Van Tran", "Tran", "Minh Van", "M.V.")])
        // Comma forms, the particle written before the family name or after the given names.
        assertParses([("van Beethoven, Ludwig", "van Beethoven", "Ludwig", "L."),
                      ("Beethoven, Ludwig van", "van Beethoven", "Ludwig", "L."),
                      ("Berg, Jan van der", "van der Berg", "Jan", "J."),
                      ("Berg, J. van der", "van der Berg", nil, "J."),
                      ("Gennes, Pierre-Gilles de", "de Gennes", "Pierre-Gilles", "P.-G."),
                      ("bin Ahmad, Mohd", "bin Ahmad", "Mohd", "M."),
                      ("Ortega y Gasset, José", "Ortega y Gasset", "José", "J.")])
        // A name that starts with particles is a family name first, whatever the order; particles
        // after family-first initials go before the family name.
        for order in [AuthorName.NameOrder.givenFirst, .familyFirst] {
            assertParses([("Van der Grift", "Van der Grift", nil, ""), ("Von der Leyen", "Von der Leyen", nil, ""),
                          ("De La Cruz", "De La Cruz", nil, ""), ("van de Pol", "van de Pol", nil, ""),
                          ("Van Der Berg Jan", "Van Der Berg", "Jan", "J."),
                          ("Sousa L. de", "de Sousa", nil, "L."), ("Berg J. van der", "van der Berg", nil, "J.")], order: order)
        }
        // Family first: lower-case particles lead the family name; a capitalised first word is the family name.
        assertParses([("van der Berg Jan", "van der Berg", "Jan", "J."), ("Li Wei", "Li", "Wei", "W."),
                      ("Du Bowen", "Du", "Bowen", "B."), ("Di Wang", "Di", "Wang", "W."),
                      ("Le Van Thanh", "Le", "Van Thanh", "V.T.")], order: .familyFirst)
        assertSameKey(["Ludwig van Beethoven", "van Beethoven, Ludwig", "Beethoven, Ludwig van"])
        assertSameInitialsKey(["Jan van der Berg", "van der Berg J.", "van der Berg, J.", "J. van der Berg", "Berg, J. van der"])
        assertSameInitialsKey(["Mohd bin Ahmad", "bin Ahmad M", "bin Ahmad, M."])
    }

    /// "Jr.", "Sr.", "II", "III", "IV" go with the family name ("King Jr."), wherever the source
    /// puts them; all-caps "JR", "SR" and a lone "II" after the family name are initials.
    func testSuffixesStayWithTheFamilyName() {
        assertParses([("Martin Luther King Jr.", "King Jr.", "Martin Luther", "M.L."),
                      ("Martin Luther King, Jr.", "King Jr.", "Martin Luther", "M.L."),
                      ("King, Martin Luther, Jr.", "King Jr.", "Martin Luther", "M.L."),
                      ("King, Martin Luther Jr.", "King Jr.", "Martin Luther", "M.L."),
                      ("King, Jr., Martin Luther", "King Jr.", "Martin Luther", "M.L."),
                      ("King Jr., Martin Luther", "King Jr.", "Martin Luther", "M.L."),
                      ("Martin Luther King Jr", "King Jr.", "Martin Luther", "M.L."),
                      ("Smith, John, Jr.", "Smith Jr.", "John", "J."),
                      ("Smith Jr., John", "Smith Jr.", "John", "J."),
                      ("John Smith Sr.", "Smith Sr.", "John", "J."),
                      ("Brown W.F. Jr.", "Brown Jr.", nil, "W.F."),
                      ("Brown Jr. W.F.", "Brown Jr.", nil, "W.F."),
                      ("Brown Jr., W.F.", "Brown Jr.", nil, "W.F."),
                      ("Brown Jr, W.F.", "Brown Jr.", nil, "W.F."),
                      ("Bigger JT Jr", "Bigger Jr.", nil, "J.T."),
                      ("Dodd GD III", "Dodd III", nil, "G.D."),
                      ("Cavin III R.K.", "Cavin III", nil, "R.K."),
                      ("Henry Ford II", "Ford II", "Henry", "H."),
                      ("John Smith III", "Smith III", "John", "J."),
                      ("Smith, John, III", "Smith III", "John", "J."),
                      ("Smith, J. III", "Smith III", nil, "J."),
                      ("Ludwig van Beethoven Jr.", "van Beethoven Jr.", "Ludwig", "L.")])
        for order in [AuthorName.NameOrder.givenFirst, .familyFirst] {
            assertParses([("Androulakis II", "Androulakis", nil, "I.I."), ("Wang, IV", "Wang", nil, "I.V."),
                          ("ARNOLD JR", "ARNOLD", nil, "J.R."), ("Allen JR", "Allen", nil, "J.R."),
                          ("Carpenter SR", "Carpenter", nil, "S.R."), ("Daling, JR", "Daling", nil, "J.R.")], order: order)
        }
        assertSameKey(["Martin Luther King Jr.", "King, Martin Luther, Jr.", "King, Jr., Martin Luther", "Martin Luther King, Jr", "King Jr., Martin Luther"])
        assertSameKey(["Smith, John, Jr.", "Smith Jr., John", "John Smith Jr."])
        assertSameInitialsKey(["Brown W.F. Jr.", "Brown Jr. W.F.", "Brown Jr., W.F.", "Brown Jr, W.F.", "W.F. Brown Jr."])
    }

    /// Web of Science, Scopus and MEDLINE write compound family names in capitals ("GARCIA LOPEZ J"):
    /// only the last word may be several bare initials; a capitals word before it is initials only
    /// with a period or of one or two letters, so "LOPEZ" is a name and "P N" initials.
    func testAllCapsCompoundFamilyNamesAreKeptWhole() {
        for order in [AuthorName.NameOrder.givenFirst, .familyFirst] {
            assertParses([("GARCIA LOPEZ J", "GARCIA LOPEZ", nil, "J."),
                          ("GARCIA LOPEZ JM", "GARCIA LOPEZ", nil, "J.M."),
                          ("GARCIA LOPEZ J.", "GARCIA LOPEZ", nil, "J."),
                          ("GARCIA LOPEZ, J.", "GARCIA LOPEZ", nil, "J."),
                          ("DE LA CRUZ JM", "DE LA CRUZ", nil, "J.M."),
                          ("VAN DER BERG, J.", "VAN DER BERG", nil, "J."),
                          ("VAN DER BERG J", "VAN DER BERG", nil, "J."),
                          ("DAS SARMA S.", "DAS SARMA", nil, "S."),
                          ("LA RUCHE G", "LA RUCHE", nil, "G."),
                          ("DOS SANTOS AB", "DOS SANTOS", nil, "A.B."),
                          ("MARTINEZ DE LA TORRE MA", "MARTINEZ DE LA TORRE", nil, "M.A."),
                          ("GARCÍA LÓPEZ J", "GARCÍA LÓPEZ", nil, "J."),
                          ("ИВАНОВ ПЕТРОВ И", "ИВАНОВ ПЕТРОВ", nil, "И.")], order: order)
            // Initials in capitals, as before.
            assertParses([("Smith JA", "Smith", nil, "J.A."), ("Bai WJ", "Bai", nil, "W.J."), ("Dudin P N", "Dudin", nil, "P.N."),
                          ("Sun ZW", "Sun", nil, "Z.W."), ("SUN ZW", "SUN", nil, "Z.W."), ("LEE JH", "LEE", nil, "J.H."),
                          ("WANG LI J", "WANG", nil, "L.I.J."), ("Urban LABD", "Urban", nil, "L.A.B.D."),
                          ("VANDENMEERAKKER JEAM", "VANDENMEERAKKER", nil, "J.E.A.M."), ("van Hedel HJA", "van Hedel", nil, "H.J.A."),
                          ("MOORE RICHARD C", "MOORE RICHARD", nil, "C."), ("Dudin P. N", "Dudin", nil, "P.N.")], order: order)
        }
        assertSameInitialsKey(["GARCIA LOPEZ J", "GARCIA LOPEZ, J.", "GARCIA LOPEZ J."])
    }

    /// The order a source declares decides only names without a comma, initials or particle.
    func testTheOrderDecidesNamesWithoutCommaOrInitials() {
        assertParses([("Li Wei", "Li", "Wei", "W."), ("Zhang Wei-Min", "Zhang", "Wei-Min", "W.-M."),
                      ("Kim Dae Jung", "Kim", "Dae Jung", "D.J."), ("Kim Dae-jung", "Kim", "Dae-jung", "D.-J."),
                      ("Сидоров Иван Петрович", "Сидоров", "Иван Петрович", "И.П.")], order: .familyFirst)
        assertParses([("Wei Li", "Li", "Wei", "W."), ("Jean-Paul Sartre", "Sartre", "Jean-Paul", "J.-P."), ("Wei-Min Zhang", "Zhang", "Wei-Min", "W.-M."),
                      ("Dae Jung Kim", "Kim", "Dae Jung", "D.J."), ("Dae-jung Kim", "Kim", "Dae-jung", "D.-J."),
                      ("Иван Петрович Сидоров", "Сидоров", "Иван Петрович", "И.П."), ("N Hirai", "Hirai", nil, "N.")])
        // A comma or initials settle it whatever the order.
        for order in [AuthorName.NameOrder.givenFirst, .familyFirst] {
            assertParses([("Li, Wei", "Li", "Wei", "W."), ("Kim, Dae-Jung", "Kim", "Dae-Jung", "D.-J."),
                          ("Zhang W.", "Zhang", nil, "W."), ("ZHANG W", "ZHANG", nil, "W.")], order: order)
        }
        XCTAssertEqual(AuthorName.parse("Kim Dae Jung", order: .familyFirst)?.key, AuthorName.parse("Dae Jung Kim")?.key)
        XCTAssertEqual(AuthorName.parse("Li Wei", order: .familyFirst)?.key, AuthorName.parse("Li, Wei")?.key)
    }

    // MARK: helpers

    /// Checks each name's family name, given names and initials as `parse` reads it in `order`.
    private func assertParses(_ cases: [(String, String, String?, String)], order: AuthorName.NameOrder = .givenFirst,
                              file: StaticString = #filePath, line: UInt = #line) {
        for (text, family, given, initials) in cases {
            guard let name = AuthorName.parse(text, order: order) else {
                XCTFail("\(text): no name", file: file, line: line)
                continue
            }
            XCTAssertEqual(name.written, text, file: file, line: line)
            XCTAssertEqual(name.family, family, "\(text) (\(order))", file: file, line: line)
            XCTAssertEqual(name.given, given, "\(text) (\(order))", file: file, line: line)
            XCTAssertEqual(name.initials, initials, "\(text) (\(order))", file: file, line: line)
        }
    }

    /// Checks that the spellings are one person by `key` (full given names when written).
    private func assertSameKey(_ spellings: [String], file: StaticString = #filePath, line: UInt = #line) {
        let keys = spellings.map { AuthorName.parse($0)?.key }
        XCTAssertEqual(Set(keys).count, 1, "\(zip(spellings, keys).map { "\($0) -> \($1 ?? "nil")" })", file: file, line: line)
    }

    /// Checks that the spellings are one person by `initialsKey` (as a reference list matches them).
    private func assertSameInitialsKey(_ spellings: [String], file: StaticString = #filePath, line: UInt = #line) {
        let keys = spellings.map { AuthorName.parse($0)?.initialsKey }
        XCTAssertEqual(Set(keys).count, 1, "\(zip(spellings, keys).map { "\($0) -> \($1 ?? "nil")" })", file: file, line: line)
    }
}

final class DOIYearTests: XCTestCase {
    func testYearInsideTheDOISuffix() {
        XCTAssertEqual(DOIYear.year(in: "10.22162/2619-0990-2021-54-2-226-237"), 2021)
        XCTAssertEqual(DOIYear.year(in: "10.11304/1987-2013-4-0"), 2013)
        XCTAssertEqual(DOIYear.year(in: "10.94788/9735-2010-3-1900"), 2010)
        XCTAssertEqual(DOIYear.year(in: "10.5555/article-2019"), 2019)
        XCTAssertEqual(DOIYear.year(in: "10.1016/j.jas.2022.104312"), 2022)
        XCTAssertNil(DOIYear.year(in: "10.1017/S0026749X20000123"))
        XCTAssertNil(DOIYear.year(in: "10.1371/journal.pone.0000217"))
        XCTAssertNil(DOIYear.year(in: nil))
    }
}
