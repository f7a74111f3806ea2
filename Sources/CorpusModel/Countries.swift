// Countries.swift: ISO 3166-1 countries found from the names addresses give them ("Peoples R
// China", "USA", "England", "Россия"), from the regions they name instead ("TX 77030",
// "Ontario", "Guangdong") and from e-mail domains. The names are in `CountryNames.swift`.
import Foundation

package enum Countries {
    /// How an address's country was decided.
    package enum Evidence: String, Sendable {
        /// A country's name in the address.
        case name
        /// A US state, Canadian province or Chinese province the address names.
        case region
        /// The country domain of an e-mail address in it.
        case email
        /// A city it names without a country (the last resort).
        case city
    }

    /// The English short name of `code` ("CN": "China"), or nil for no such code.
    package static func name(_ code: String) -> String? { table.short[code] }

    /// The country `text` names, whole ("Peoples R China", "U.S.A.", "Korea"), or nil.
    package static func code(named text: String) -> String? { table.byName[key(text)] }

    /// The country of the region `text` names whole ("Texas", "TX", "Ontario", "Guangdong"), or
    /// nil. Two-letter codes are taken only when `codes` is true (after a city, before a ZIP).
    package static func code(ofRegion text: String, codes: Bool) -> String? {
        let k = key(text)
        if let c = table.regions[k] { return c }
        return codes && text.count == 2 ? table.regionCodes[text.uppercased()] : nil
    }

    /// The country of a city addresses name alone ("Boston", "Montréal"), or nil.
    package static func code(ofCity text: String) -> String? { table.cities[key(text)] }

    /// The country of an e-mail address's domain ("x@pku.edu.cn": CN, "x@mit.edu": US), or nil.
    package static func code(ofEmail email: String) -> String? {
        guard let domain = email.split(separator: "@").last?.lowercased(), let tld = domain.split(separator: ".").last else { return nil }
        switch tld {
        case "edu", "gov", "mil": return "US"
        case "uk": return "GB"
        default:
            let code = tld.uppercased()
            return tld.count == 2 && table.short[code] != nil ? code : nil
        }
    }

    /// Lower case, accents removed, punctuation and spaces removed: "P.R. China" and "PR China"
    /// are one key.
    static func key(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    private struct Table {
        var short: [String: String] = [:]
        var byName: [String: String] = [:]
        var regions: [String: String] = [:]
        var regionCodes: [String: String] = [:]
        var cities: [String: String] = [:]
    }

    private static let table: Table = {
        var t = Table()
        for line in countryLines.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            t.short[parts[0]] = parts[1]
            for name in parts[2].split(separator: ";") { t.byName[key(String(name))] = parts[0] }
            t.byName[key(parts[1])] = parts[0]
        }
        for line in regionLines.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 2).map(String.init)
            guard parts.count == 3 else { continue }
            if parts[1].hasSuffix("code") { t.regionCodes[parts[2]] = parts[0] } else { t.regions[key(parts[2])] = parts[0] }
        }
        for line in cityLines.split(separator: "\n") {
            let parts = line.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { t.cities[key(parts[1])] = parts[0] }
        }
        return t
    }()
}
