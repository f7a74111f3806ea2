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
        parts = Address.joiningNamesWithCommas(Address.joiningCompanySuffixes(parts))
        let ranked = parts.enumerated().map { ($0.offset, Address.rank($0.element)) }.filter { $0.1 > 0 }
        var chosen: Int?
        if Address.isWebOfScienceForm(parts), let first = parts.first, !Address.unit(first) {
            // Web of Science writes the organisation first ("Russian Res Ctr, Kurchatov Inst").
            chosen = 0
        } else if let best = ranked.max(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) {
            // Written from the smallest unit to the largest body: of two alike, the later.
            chosen = best.0
        } else if let first = parts.first, Address.unit(first), first.lowercased().hasPrefix("institut") || first.hasPrefix("Inst ") {
            chosen = 0
        } else {
            // The first part that is neither a unit nor a street; after the first, a one-word
            // part is a place ("Kanda") unless it is an acronym.
            chosen = parts.indices.first { i in
                !Address.unit(parts[i]) && !Address.isStreet(parts[i])
                    && (i == 0 || parts[i].contains(" ") || parts[i].allSatisfy { $0.isUppercase || !$0.isLetter })
            }
        }
        // None when only units are named ("Department of Physics, India").
        // "University of California, San Francisco": the campus is part of the name.
        if let c = chosen, c + 1 < parts.count, parts[c] == "University of California" || parts[c] == "Univ Calif",
           Address.rank(parts[c + 1]) == 0, !Address.unit(parts[c + 1]), !Address.isStreet(parts[c + 1]) {
            parts[c] += ", " + parts.remove(at: c + 1)
        }
        if let chosen {
            institution = Address.topLevel(parts[chosen])
            subunits = parts.enumerated().filter { $0.offset != chosen }.map(\.element)
        } else {
            subunits = parts
        }
    }

    /// A name with commas of its own ("National Heart, Lung, and Blood Institute") in one part:
    /// a part that starts with "and" joins the short parts before it.
    static func joiningNamesWithCommas(_ parts: [String]) -> [String] {
        var out: [String] = []
        for part in parts {
            guard part.hasPrefix("and "), !out.isEmpty else { out.append(part); continue }
            var joined = [part]
            while let last = out.last, joined.count < 4, last.split(separator: " ").count <= 2, rank(last) == 0, !unit(last) {
                joined.insert(out.removeLast(), at: 0)
            }
            if joined.count == 1 { out.append(part) } else { out.append(joined.joined(separator: ", ")) }
        }
        return out
    }

    /// Company suffixes written as parts of their own ("LG Chem, Ltd.", "Seagate Technology,
    /// Inc.") joined to the name before them.
    static func joiningCompanySuffixes(_ parts: [String]) -> [String] {
        var out: [String] = []
        for part in parts {
            let bare = part.lowercased().filter(\.isLetter)
            if let last = out.last, ["ltd", "inc", "llc", "gmbh", "corp", "coltd", "plc", "ag", "sa", "bv", "nv", "kk"].contains(bare) {
                out[out.count - 1] = last + ", " + part
            } else {
                out.append(part)
            }
        }
        return out
    }

    /// Whether the parts are written as Web of Science writes them: its abbreviations ("Univ",
    /// "Inst", "Natl", "Res") and none of the small words of names written in full.
    static func isWebOfScienceForm(_ parts: [String]) -> Bool {
        let words = parts.flatMap { $0.split(whereSeparator: { !$0.isLetter }) }
        let small: Set<Substring> = ["of", "for", "and", "the", "de", "di", "du", "der", "des", "la", "le", "et", "at", "in", "y", "e", "da", "do"]
        let abbreviations: Set<Substring> = ["Univ", "Inst", "Dept", "Lab", "Labs", "Sch", "Ctr", "Natl", "Res", "Technol", "Sci", "Coll",
                                             "Hosp", "Engn", "Radiat", "Agcy", "Assoc", "Minist", "Fac", "Div"]
        return !words.contains { small.contains($0) } && words.contains { abbreviations.contains($0) }
    }

    /// The top-level organisation in a part that names it with more: without a trailing
    /// bracket ("National Institute for Materials Science (NIMS)"), the first of two
    /// organisations joined by a slash or "and" ("New England Deaconess Hospital/Harvard Medical
    /// School"), and a university without the school or department written after its name
    /// ("Stanford University School of Medicine").
    static func topLevel(_ part: String) -> String {
        var name = part
        // "Joint International Laboratory LIA LICS: Univ. Lille".
        if let colon = name.range(of: ": "), rank(String(name[colon.upperBound...])) > rank(String(name[..<colon.lowerBound])) {
            name = String(name[colon.upperBound...])
        }
        // "The Second Affiliated Hospital of Guangzhou University of Chinese Medicine", "Instituto de
        // Biofisica de Universidade Federal do Rio de Janeiro": a body of a university.
        if (1...5).contains(rank(name)) {
            var cut: Range<String.Index>?
            for joint in [" of ", " de ", " dell’", " dell'", " der ", " at "] {
                var from = name.startIndex
                while let r = name.range(of: joint, range: from ..< name.endIndex) {
                    if rank(String(name[r.upperBound...])) == 6, rank(String(name[..<r.lowerBound])) < 6,
                       cut.map({ r.lowerBound > $0.lowerBound }) ?? true {
                        cut = r
                    }
                    from = r.upperBound
                }
            }
            if let cut { name = String(name[cut.upperBound...]) }
        }
        // "Siberian Branch of the Russian Academy of Sciences", "Research Center at the University of ...".
        for joint in [" of the ", " at the "] {
            if let r = name.range(of: joint) {
                let a = String(name[..<r.lowerBound]), b = String(name[r.upperBound...])
                if rank(b) > 0 && rank(b) >= rank(a) { name = b }
            }
        }
        if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open > name.startIndex {
            let before = name[..<open].trimmingCharacters(in: .whitespaces)
            if before.split(separator: " ").count >= 2 { name = before }
        }
        // Two organisations: "A/B" with names on both sides, "A and B" with a second name of its own.
        if let slash = name.range(of: "/") {
            let a = name[..<slash.lowerBound].trimmingCharacters(in: .whitespaces), b = name[slash.upperBound...].trimmingCharacters(in: .whitespaces)
            if a.split(separator: " ").count >= 2 && b.split(separator: " ").count >= 2 && rank(a) > 0 { name = a }
        }
        if let and = name.range(of: " and ") {
            let a = String(name[..<and.lowerBound]), b = String(name[and.upperBound...])
            let bWords = b.split(separator: " ")
            if a.split(separator: " ").count >= 2, rank(a) > 0, bWords.count >= 2, b.first?.isUppercase == true,
               rank(b) > 0 || (bWords[0].count >= 3 && bWords[0].allSatisfy(\.isUppercase)) {
                name = a
            }
        }
        // "University of Texas Medical School", "Yonsei University College of Medicine".
        func namesUniversity(_ text: Substring) -> Bool {
            text.lowercased().split(whereSeparator: { !$0.isLetter }).contains { w in
                w == "univ" || ["universit", "universid", "uniwersyt", "univerz"].contains { w.hasPrefix($0) }
            }
        }
        if namesUniversity(Substring(name)) {
            for tail in [" School of ", " College of ", " Medical School", " Medical Sciences", " Department of ", " Faculty of ",
                         " Institute for ", " Institute of ", " Campus"] {
                if let r = name.range(of: tail), namesUniversity(name[..<r.lowerBound]) {
                    name = String(name[..<r.lowerBound])
                }
            }
        }
        // "Swedish Medical Center First Hill Campus": the campus goes.
        if name.hasSuffix(" Campus") {
            var words = name.split(separator: " ").dropLast()
            while let last = words.last, rank(String(last)) == 0, words.count > 1 { words = words.dropLast() }
            if words.count > 1 { name = words.joined(separator: " ") }
        }
        // A university inside a part written without commas ("Department of Statistics University
        // of California Berkeley Berkeley CA 94720"): its name, up to a repeated word, a code or a number.
        if let u = universityName(in: name) { name = u }
        return name
    }

    /// The university named inside `text` after other words, when there is one: "Duke
    /// University", "University of Notre Dame".
    static func universityName(in text: String) -> String? {
        let words = text.split(separator: " ").map(String.init)
        guard let at = words.firstIndex(where: { $0 == "University" }), at > 0 else { return nil }
        var start = at, end = at + 1
        // "Seoul National University", "National University of Singapore", "Ohio State University".
        let adjectives: Set<String> = ["National", "State", "Federal", "Technical", "Catholic", "Free", "Open", "Royal", "Imperial",
                                       "Medical", "Agricultural", "Normal", "Polytechnic", "Pontifical", "Hebrew", "American", "Metropolitan"]
        while start > 0, adjectives.contains(words[start - 1]) { start -= 1 }
        func properName(_ w: String) -> Bool {
            w.first?.isUppercase == true && rank(w) == 0 && !unitWords.contains(w.lowercased()) && !w.contains(where: \.isNumber)
        }
        if end < words.count, words[end] == "of" {
            end += 1
            while end < words.count, let f = words[end].first, f.isUppercase, !words[..<end].contains(words[end]),
                  !(words[end].count == 2 && words[end].allSatisfy(\.isUppercase)), !words[end].contains(where: \.isNumber) { end += 1 }
            guard end > at + 2 else { return nil }
        } else if start > 0, properName(words[start - 1]) {
            // "Duke University": the name before it.
            start -= 1
        } else if start == at {
            return nil
        }
        // Only after a unit's or project's name ("Department of Psychology Queen's University"),
        // never inside a university's own name ("Carnegie Mellon University").
        let before = Set(words[..<start].map { $0.lowercased() })
        guard start > 0, !before.isDisjoint(with: unitWords.union(["center", "centre", "project", "institute", "dept"])) else { return nil }
        return words[start ..< end].joined(separator: " ")
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
        if unit(part) && !has(["univ", "hosp"], ["universit", "hospital"]) { return 0 }
        if has(["univ", "tu", "eth", "epfl", "mit", "ucl", "kth"], ["universit", "universid", "politecn", "polytechn", "univerz", "uniwersyt"]) { return 6 }
        if has(["acad", "akad", "cnrs", "inserm", "csic", "cas", "riken", "inra", "inrae", "cnr"], ["academ", "akadem"]) { return 5 }
        if isCompany(part) { return 5 }
        if has(["hosp", "clin", "infirm"], ["hospital", "klinik", "clinic", "ospedal", "hopital", "hôpital", "spital"]) { return 4 }
        if has(["inst", "lab", "labs", "observ"], ["institut", "istitut", "laborator", "observator"]) { return 3 }
        if has(["coll", "sch"], ["college", "school", "ecole", "école", "escuela", "hochschule"]) { return 2 }
        if has(["ctr", "corp", "inc", "ltd", "co", "gmbh", "ag", "sa", "llc", "plc", "minist", "fdn", "museum", "assoc", "soc", "org",
                "council", "agcy", "agency", "bank", "library", "authority", "directorate", "bureau", "commission", "office", "board", "trust", "organization", "organisation"],
               ["center", "centre", "centro", "zentrum", "company", "ministr", "foundation", "association", "society", "corporation", "council",
                "museo", "musée", "museu"]) { return 1 }
        return 0
    }

    /// Whether a part names a company: its last word a company's form ("Hitachi Ltd", "HOYA
    /// Corporation", "Daiichi Sankyo Co., Ltd").
    static func isCompany(_ part: String) -> Bool {
        let words = part.lowercased().split(whereSeparator: { !$0.isLetter })
        guard words.count >= 2, let last = words.last else { return false }
        return ["ltd", "inc", "llc", "gmbh", "corp", "corporation", "plc", "ag", "bv", "nv", "kk", "co"].contains(String(last))
    }

    /// Whether a part names a unit inside an organisation ("Dept Phys", "School of Medicine",
    /// "Mathematics Department").
    static func unit(_ part: String) -> Bool {
        let lower = part.lowercased()
        if ["department", "dept", "division", "branch", "unit", "section"].contains(where: { lower.hasSuffix(" " + $0) }) { return true }
        if lower.contains("key laboratory") || lower.contains("key lab ") { return true }
        return ["dept", "department", "div ", "division", "fac ", "faculty", "sect ", "section", "unit ", "grp ", "group", "program",
                "key lab", "state key", "school of", "college of", "lab of", "laboratory of", "chair of", "inst of", "institute of",
                "sch ", "sch.", "dept.", "div.", "fac.", "clinic of", "branch of"]
            .contains { lower.hasPrefix($0) }
    }
}
