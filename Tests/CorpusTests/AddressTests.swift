// AddressTests.swift: affiliation addresses split into institution, city, postal code and
// country: each form of a country's name the exports use, regions and e-mail domains as evidence,
// and the accuracy on 584 real addresses from every shared export, labelled by hand
// (Addresses/labelled.jsonl; Addresses/README.md says how), held to floors.
@testable import CorpusModel
import Foundation
import XCTest

final class AddressTests: XCTestCase {
    private func country(_ text: String) -> String? { Address(parsing: text).country }

    func testEveryFormOfACountrysNameTheExportsUse() {
        let cases: [(String, String)] = [
            ("Peking Univ, Beijing 100871, Peoples R China.", "CN"), ("Univ Texas, Austin, TX 78712 USA.", "US"),
            ("Harvard Univ, Cambridge, MA 02138, U.S.A.", "US"), ("Univ Oxford, Oxford OX1 3PU, England.", "GB"),
            ("Univ Edinburgh, Edinburgh, Midlothian, Scotland.", "GB"), ("Cardiff Univ, Cardiff CF10 3AT, Wales.", "GB"),
            ("Queens Univ Belfast, Belfast BT7 1NN, Antrim, North Ireland.", "GB"), ("Seoul Natl Univ, Seoul 08826, South Korea.", "KR"),
            ("Korea University, Seoul, Korea", "KR"), ("Kim Il Sung Univ, Pyongyang, North Korea.", "KP"),
            ("Moscow MV Lomonosov State Univ, Moscow 119991, Russia.", "RU"), ("Charles Univ Prague, Prague, Czech Republic.", "CZ"),
            ("Masaryk University, Brno, Czechia", "CZ"), ("Ankara Univ, Ankara, Turkiye.", "TR"), ("Istanbul University, Istanbul, Turkey", "TR"),
            ("Natl Taiwan Univ, Taipei 10617, Taiwan.", "TW"), ("Univ Hong Kong, Hong Kong, Hong Kong, Peoples R China.", "HK"),
            ("National Taiwan Normal University, Taipei, Taiwan, ROC", "TW"),
            ("Irkutsk State University, Irkutsk, Россия", "RU"), ("Universität Wien, Wien, Österreich", "AT"),
            ("Dem Rep Congo", "CD"), ("Univ Marien Ngouabi, Brazzaville, Rep Congo.", "CG"),
        ]
        for (text, code) in cases { XCTAssertEqual(country(text), code, text) }
        XCTAssertEqual(Address(parsing: "Korea University, Seoul, Korea").countryEvidence, .name)
    }

    func testRegionsAndEmailDomainsWhenNoCountryIsWritten() {
        let merck = Address(parsing: "Merck Institute for Therapeutic Research, Rahway, New Jersey 07065.")
        XCTAssertEqual(merck.country, "US")
        XCTAssertEqual(merck.countryEvidence, .region)
        XCTAssertEqual(merck.postalCode, "07065")
        XCTAssertEqual(merck.city, "Rahway")
        XCTAssertEqual(country("Department of Surgery, Emory University, Atlanta, GA 30322"), "US")
        XCTAssertEqual(country("Sun Yat-sen University, Guangzhou, Guangdong"), "CN")
        XCTAssertEqual(country("University of Toronto, Toronto, ON M5S 1A8"), "CA")
        let mail = Address(parsing: "School of Physics, Peking University. Electronic address: wang@pku.edu.cn")
        XCTAssertEqual(mail.country, "CN")
        XCTAssertEqual(mail.countryEvidence, .email)
        XCTAssertNil(country("Department of Surgery, Saint Louis University School of Medicine."))
        // Abbreviated states (PubMed's older addresses), the authors' initials after them, and
        // a city as the last resort.
        XCTAssertEqual(country("Department of Surgery, Vanderbilt University Medical Center, Nashville, Tenn."), "US")
        XCTAssertEqual(country("Barnes Jewish Hospital, St. Louis, MO (C.P.D.)."), "US")
        let boston = Address(parsing: "Nutrition/Metabolism Laboratory, New England Deaconess Hospital/Harvard Medical School, Boston.")
        XCTAssertEqual(boston.country, "US")
        XCTAssertEqual(boston.countryEvidence, .city)
    }

    func testPartsOfTheCommonForms() {
        let wos = Address(parsing: "Univ Tokyo, Dept Phys, Bunkyo Ku, Tokyo 1130033, Japan.")
        XCTAssertEqual([wos.institution, wos.city, wos.postalCode, wos.country], ["Univ Tokyo", "Tokyo", "1130033", "JP"])
        XCTAssertEqual(wos.subunits, ["Dept Phys"])
        let us = Address(parsing: "Univ Massachusetts Amherst, Dept Polymer Sci & Engn, Amherst, MA 01003 USA.")
        XCTAssertEqual([us.institution, us.city, us.postalCode, us.country], ["Univ Massachusetts Amherst", "Amherst", "01003", "US"])
        let scopus = Address(parsing: "Department of Physics, University of Konstanz, Konstanz, D-78457, Germany")
        XCTAssertEqual([scopus.institution, scopus.city, scopus.postalCode, scopus.country], ["University of Konstanz", "Konstanz", "D-78457", "DE"])
        let uk = Address(parsing: "Department of Physics and Astronomy, University of Exeter, Stocker Road, Exeter, EX4 4QL, United Kingdom")
        XCTAssertEqual([uk.institution, uk.city, uk.postalCode, uk.country], ["University of Exeter", "Exeter", "EX4 4QL", "GB"])
        XCTAssertEqual(Countries.name("CN"), "China")
        XCTAssertEqual(Countries.name("KR"), "South Korea")
    }

    private struct Labelled: Decodable {
        var id: String
        var source: String
        var text: String
        var expected: [String: String?]
    }

    func testTheLabelledSetIsParsedAtLeastAsOftenAsItsFloors() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Addresses/labelled.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let items = try lines.map { try JSONDecoder().decode(Labelled.self, from: Data($0.utf8)) }
        XCTAssertGreaterThanOrEqual(items.count, 500)
        func same(_ a: String?, _ b: String?) -> Bool {
            func fold(_ s: String?) -> String { (s ?? "").lowercased().filter { $0.isLetter || $0.isNumber } }
            return fold(a) == fold(b)
        }
        var right: [String: Int] = [:]
        var misses: [String: [String]] = [:]
        let fields = ["country", "institution", "city", "postal_code"]
        for item in items {
            let a = Address(parsing: item.text)
            let got: [String: String?] = ["country": a.country, "institution": a.institution, "city": a.city, "postal_code": a.postalCode]
            for f in fields {
                let want = item.expected[f] ?? nil
                if same(got[f] ?? nil, want) { right[f, default: 0] += 1 } else {
                    misses[f, default: []].append("[\(item.source)] \(item.text)\n    want \(want ?? "nil"), got \((got[f] ?? nil) ?? "nil")")
                }
            }
        }
        let shares = fields.map { f in (f, Double(right[f] ?? 0) / Double(items.count)) }
        print("Addresses on \(items.count) labelled: " + shares.map { String(format: "%@ %.1f%%", $0.0, 100 * $0.1) }.joined(separator: ", "))
        if let field = ProcessInfo.processInfo.environment["SCRIPTORIUM_ADDRESS_MISSES"] { print((misses[field] ?? []).joined(separator: "\n")) }
        let floors = ["country": 0.99, "institution": 0.95, "city": 0.76, "postal_code": 0.88]
        for (f, share) in shares { XCTAssertGreaterThanOrEqual(share, floors[f]!, f) }
    }
}
