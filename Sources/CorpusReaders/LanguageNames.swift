// LanguageNames.swift: the language names and codes export formats use ("English", "eng", "en",
// "Russian", "rus") mapped to ISO 639-1 codes, as the model keeps them.

package enum LanguageNames {
    private static let table: [(code: String, names: [String])] = [
        ("en", ["english", "eng"]), ("ru", ["russian", "rus"]), ("de", ["german", "ger", "deu"]),
        ("fr", ["french", "fre", "fra"]), ("es", ["spanish", "spa"]), ("it", ["italian", "ita"]),
        ("pt", ["portuguese", "por"]), ("zh", ["chinese", "chi", "zho"]), ("ja", ["japanese", "jpn"]),
        ("uk", ["ukrainian", "ukr"]), ("pl", ["polish", "pol"]), ("nl", ["dutch", "dut", "nld"]),
        ("ko", ["korean", "kor"]), ("tr", ["turkish", "tur"]), ("cs", ["czech", "cze", "ces"]),
        ("mn", ["mongolian", "mon"]), ("kk", ["kazakh", "kaz"]), ("sv", ["swedish", "swe"]),
        ("hu", ["hungarian", "hun"]), ("el", ["greek", "gre", "ell"]), ("ar", ["arabic", "ara"]),
        ("fa", ["persian", "per", "fas"]), ("he", ["hebrew", "heb"]), ("da", ["danish", "dan"]),
        ("no", ["norwegian", "nor"]), ("fi", ["finnish", "fin"]), ("ro", ["romanian", "rum", "ron"]),
        ("hr", ["croatian", "hrv"]), ("sr", ["serbian", "srp"]), ("bg", ["bulgarian", "bul"]),
        ("lt", ["lithuanian", "lit"]), ("sk", ["slovak", "slo", "slk"]), ("sl", ["slovenian", "slv"]),
    ]

    private static let byName: [String: String] = {
        var map: [String: String] = [:]
        for (code, names) in table {
            map[code] = code
            for n in names { map[n] = code }
        }
        return map
    }()

    /// The ISO 639-1 code for a language name or code; nil when unknown. For a list
    /// ("English; Russian") the first known one.
    package static func code(_ text: String?) -> String? {
        guard let text else { return nil }
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," }) {
            let key = String(part).trimmingSpaces.lowercased()
            if let code = byName[key] { return code }
            if key.count == 2, key.allSatisfy(\.isLetter) { return key }
        }
        return nil
    }
}
