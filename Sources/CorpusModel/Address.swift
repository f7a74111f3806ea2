// Address.swift: an affiliation address split into its parts: the top-level organisation (with
// the sub-units kept aside), city, postal code and country, from the forms the exports write:
// Web of Science's "Univ Tokyo, Dept Phys, Bunkyo Ku, Tokyo 1130033, Japan.", "Houston, TX 77030
// USA", Scopus's and PubMed's "Department of Physics, University of Tokyo, Tokyo, Japan", and
// addresses with an e-mail address or no country at all.
import Foundation

package struct Address: Sendable, Equatable {
    package var text: String
    /// The top-level organisation ("Univ Tokyo", "University of Tokyo"), as written.
    package var institution: String?
    /// The other organisational parts ("Dept Phys"), in the order written.
    package var subunits: [String] = []
    package var city: String?
    package var postalCode: String?
    /// ISO 3166-1 alpha-2 code.
    package var country: String?
    /// How the country was decided, when it was.
    package var countryEvidence: Countries.Evidence?

    /// The parts of `text`.
    package init(parsing text: String) {
        self.text = text
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // E-mail addresses: kept for the country, taken out of the parts.
        var emails: [String] = []
        for word in body.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," }) where word.contains("@") && word.contains(".") {
            emails.append(word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:()<>[]")))
        }
        for email in emails { body = body.replacingOccurrences(of: email, with: "") }
        for lead in ["Electronic address:", "E-mail address:", "E-mail:", "Email:", "email:", "e-mail:"] {
            body = body.replacingOccurrences(of: lead, with: "")
        }
        var parts = Address.parts(body)
        // MEDLINE's "..., Chicago, IL (H.F.)": the initials of the authors at the address.
        if var last = parts.last, last.hasSuffix(")"), let open = last.lastIndex(of: "("),
           last[last.index(after: open)...].dropLast().allSatisfy({ $0.isUppercase || ".,- ".contains($0) }) {
            last = String(last[..<open]).trimmingCharacters(in: .whitespaces)
            if last.isEmpty { parts.removeLast() } else { parts[parts.count - 1] = last }
        }
        // The country: the last part, or the last words of it ("TX 77030 USA", "Tokyo 1130033 Japan").
        if let last = parts.last {
            if let code = Countries.code(named: last) {
                country = code
                countryEvidence = .name
                parts.removeLast()
            } else {
                let words = last.split(separator: " ")
                for n in stride(from: min(4, words.count - 1), through: 1, by: -1) {
                    let tail = words.suffix(n).joined(separator: " ")
                    if let code = Countries.code(named: tail) {
                        country = code
                        countryEvidence = .name
                        parts[parts.count - 1] = words.dropLast(n).joined(separator: " ")
                        break
                    }
                }
            }
        }
        // "Hong Kong, Peoples R China", "Taipei, Taiwan, ROC": the more particular name before.
        if let code = country, let last = parts.last, let inner = Countries.code(named: last), inner != code,
           ["HK", "MO", "TW"].contains(inner) {
            country = inner
            parts.removeLast()
        }
        // "TX 77030", "MA 01003", "ON K1A 0B1", "NSW 2006": a region's code with the postal code
        // (the city is the part before); "New Jersey 07065": a region's name with it.
        if let last = parts.last {
            let words = last.split(separator: " ").map(String.init)
            let regionWords = words.prefix { !$0.contains(where: \.isNumber) }
            if let first = words.first, (2...3).contains(first.count), first.allSatisfy({ $0.isUppercase && $0.isLetter }), words.count >= 2,
               words[1].first?.isNumber == true || Countries.code(ofRegion: first, codes: true) == "CA", parts.count >= 2 {
                if let code = Countries.code(ofRegion: first, codes: true), country == nil || country == code {
                    country = country ?? code
                    countryEvidence = countryEvidence ?? .region
                }
                postalCode = words.dropFirst().joined(separator: " ")
                parts.removeLast()
            } else if regionWords.count < words.count, regionWords.count >= 1, country == nil,
                      let code = Countries.code(ofRegion: regionWords.joined(separator: " "), codes: false) {
                country = code
                countryEvidence = .region
                postalCode = words.dropFirst(regionWords.count).joined(separator: " ")
                parts.removeLast()
            } else if words.count == 1, let code = Countries.code(ofRegion: last, codes: true), country == nil || country == code {
                // "Boston, MA, USA", "Guangzhou, Guangdong, China"
                country = country ?? code
                countryEvidence = countryEvidence ?? .region
                parts.removeLast()
            } else if country == nil, let code = Countries.code(ofRegion: last, codes: false) {
                country = code
                countryEvidence = .region
                parts.removeLast()
            }
        }
        // "... Notre Dame Indiana": a region's name ending the last part.
        if country == nil, let last = parts.last {
            let words = last.split(separator: " ")
            for n in stride(from: min(3, words.count - 1), through: 1, by: -1) {
                if let code = Countries.code(ofRegion: words.suffix(n).joined(separator: " "), codes: false) {
                    country = code
                    countryEvidence = .region
                    break
                }
            }
        }
        // A region named inside an organisation's name ("University of Texas at Austin",
        // "Sichuan University").
        if country == nil {
            search: for part in parts {
                let words = part.split(whereSeparator: { !$0.isLetter })
                for n in [2, 1] where words.count >= n {
                    for i in 0 ... words.count - n {
                        let name = words[i ..< i + n].joined(separator: " ")
                        guard name.first?.isUppercase == true, name.count > 3, let code = Countries.code(ofRegion: name, codes: false) else { continue }
                        country = code
                        countryEvidence = .region
                        break search
                    }
                }
            }
        }
        if country == nil, let code = emails.lazy.compactMap(Countries.code(ofEmail:)).first {
            country = code
            countryEvidence = .email
        }
        // The last resort: a city that names its country ("Boston", "Montréal").
        if country == nil, let code = parts.reversed().lazy.compactMap({ Countries.code(ofCity: Address.cityAndPostalCode($0).0 ?? $0) }).first {
            country = code
            countryEvidence = .city
        }
        // The city: the last remaining part that is not an organisation's, without its postal code.
        if let index = parts.lastIndex(where: { !Address.isOrganisation($0) && !Address.isStreet($0) }), index > 0 || parts.count == 1 {
            let (city, postal) = Address.cityAndPostalCode(parts[index])
            if let city, !city.isEmpty {
                self.city = city
                postalCode = postalCode ?? postal
                parts.remove(at: index)
                // "Bunkyo Ku, Tokyo 1130033": a ward before the city goes too.
                if index > 0, index - 1 < parts.count, parts[index - 1].hasSuffix(" Ku") || parts[index - 1].hasSuffix(" ku") {
                    parts.remove(at: index - 1)
                }
            } else if let postal {
                postalCode = postalCode ?? postal
                parts.remove(at: index)
                if let previous = parts.indices.last, !Address.isOrganisation(parts[previous]) {
                    self.city = parts[previous]
                    parts.remove(at: previous)
                }
            }
        }
        // The institution: the part naming the top-level organisation; the others are sub-units.
        let ranked = parts.enumerated().map { ($0.offset, Address.rank($0.element)) }.filter { $0.1 > 0 }
        if let best = ranked.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 > $1.0) }), best.1 >= 2 || parts.first.map(Address.unit) == true {
            institution = parts[best.0]
            subunits = parts.enumerated().filter { $0.offset != best.0 }.map(\.element)
        } else if let first = parts.first {
            institution = first
            subunits = Array(parts.dropFirst())
        }
    }

    /// The comma-separated parts, trimmed, without the final period, with commas inside
    /// parentheses kept.
    static func parts(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if c == "," && depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".;"))) }.filter { !$0.isEmpty }
    }

    /// A city with the postal code beside it ("Tokyo 1130033", "75005 Paris", "D-10117 Berlin",
    /// "London SW7 2AZ"), split; a part of the postal code alone gives no city.
    static func cityAndPostalCode(_ part: String) -> (String?, String?) {
        let words = part.split(separator: " ").map(String.init)
        func isCode(_ w: String) -> Bool {
            let digits = w.filter(\.isNumber).count
            return digits >= 3 && w.count <= 10 && w.allSatisfy { $0.isNumber || $0 == "-" || ($0.isLetter && $0.isUppercase) }
        }
        // UK postcodes: "SW7 2AZ", "CB2 1TN", alone or at the end.
        if words.count == 2, words[1].count == 3, words[1].first?.isNumber == true, (2...4).contains(words[0].count),
           words[0].first?.isLetter == true, words[0].contains(where: \.isNumber), words[0] == words[0].uppercased() {
            return (nil, part)
        }
        if words.count >= 3, let last = words.last, let before = words.dropLast().last, last.count == 3, last.first?.isNumber == true,
           (2...4).contains(before.count), before.first?.isLetter == true, before.contains(where: \.isNumber) {
            return (words.dropLast(2).joined(separator: " "), before + " " + last)
        }
        var code: [String] = []
        var rest: [String] = []
        for w in words { if isCode(w) { code.append(w) } else { rest.append(w) } }
        guard !code.isEmpty else { return (part, nil) }
        return (rest.isEmpty ? nil : rest.joined(separator: " "), code.joined(separator: " "))
    }

    /// Whether a part names an organisation or a unit of one rather than a place.
    static func isOrganisation(_ part: String) -> Bool {
        if rank(part) > 0 || unit(part) { return true }
        let words = part.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { unitWords.contains(String($0)) }
    }

    /// Words of a unit's name wherever they stand ("IInd Faculty of Medicine").
    static let unitWords: Set<String> = ["faculty", "fac", "department", "dept", "division", "div", "school", "sch", "unit", "program",
                                         "programme", "section", "sect", "laboratory", "lab", "group", "grp", "chair", "service", "serv"]

    /// Whether a part is a street address ("Grindelallee 117", "1 Fusionopolis Way"): words with a
    /// house number, or a street word.
    static func isStreet(_ part: String) -> Bool {
        let words = part.split(separator: " ")
        guard words.count >= 2 else { return false }
        let lower = part.lowercased()
        let streetWord = ["road", "rd", "street", "st", "avenue", "ave", "way", "blvd", "boulevard", "strasse", "straße", "str", "rue",
                          "via", "calle", "lane", "drive", "dr", "place", "pl", "square", "sq"]
            .contains { w in lower.split(separator: " ").contains { $0 == Substring(w) } }
        let number = words.contains { $0.first?.isNumber == true } && words.contains { $0.allSatisfy(\.isLetter) && $0.count > 2 }
        return streetWord || (number && !words.contains { $0.count >= 4 && $0.allSatisfy(\.isNumber) && $0 == words.last })
    }

    /// How surely a part names a top-level organisation (0: not one): a university over an
    /// academy over a hospital over an institute or laboratory over a college or school over a
    /// centre, company or other body.
    static func rank(_ part: String) -> Int {
        let words = part.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        func has(_ exact: Set<String>, _ stems: [String] = []) -> Bool {
            words.contains { w in exact.contains(w) || stems.contains { w.hasPrefix($0) } }
        }
        if unit(part) && !has(["univ", "hosp"], ["universit", "hospital", "klinik", "clinic"]) { return 0 }
        if has(["univ", "tu", "eth", "epfl", "mit", "ucl", "kth"], ["universit", "universid", "politecn", "polytechn", "univerz", "uniwersyt"]) { return 6 }
        if has(["acad", "akad", "cnrs", "inserm", "csic", "cas", "riken", "inra", "inrae", "cnr"], ["academ", "akadem"]) { return 5 }
        if has(["hosp", "clin", "infirm"], ["hospital", "klinik", "clinic", "ospedal", "hopital", "hôpital", "spital"]) { return 4 }
        if has(["inst", "lab", "labs", "observ"], ["institut", "istitut", "laborator", "observator"]) { return 3 }
        if has(["coll", "sch"], ["college", "school", "ecole", "école", "escuela", "hochschule"]) { return 2 }
        if has(["ctr", "corp", "inc", "ltd", "co", "gmbh", "ag", "sa", "llc", "plc", "minist", "fdn", "museum", "assoc", "soc", "org",
                "council", "agcy", "agency", "bank", "library"],
               ["center", "centre", "centro", "zentrum", "company", "ministr", "foundation", "association", "society", "corporation", "council"]) { return 1 }
        return 0
    }

    /// Whether a part names a unit inside an organisation ("Dept Phys", "School of Medicine").
    static func unit(_ part: String) -> Bool {
        let lower = part.lowercased()
        return ["dept", "department", "div ", "division", "fac ", "faculty", "sect ", "section", "unit ", "grp ", "group", "program",
                "key lab", "state key", "school of", "college of", "lab of", "laboratory of", "chair of", "inst of", "institute of"]
            .contains { lower.hasPrefix($0) }
    }
}
