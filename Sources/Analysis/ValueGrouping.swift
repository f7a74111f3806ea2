// ValueGrouping.swift: how the compiled aggregations group a field's values beyond the field's
// own key: a thesaurus (merge or remove labels), built-in normalisation of keywords and terms
// (case, hyphens and spaces, a trailing acronym, plurals) and Snowball stemming. A merged value
// is shown in its most frequent spelling, or as the thesaurus writes its replacement.
import CorpusModel
import CorpusBytes

/// The grouping options of one aggregation.
package struct ValueGrouping: Sendable, Equatable {
    package var thesaurus: Thesaurus?
    /// Keywords and terms: case, hyphen and space variants, a trailing parenthesised acronym
    /// ("bit-patterned media (BPM)" is "bit patterned media") and the plural of the last word.
    package var normalize: Bool
    /// Each word of keywords and terms reduced to its Snowball stem (in place of the plural rule).
    package var stem: StemLanguage?

    package init(thesaurus: Thesaurus? = nil, normalize: Bool = false, stem: StemLanguage? = nil) {
        self.thesaurus = thesaurus
        self.normalize = normalize
        self.stem = stem
    }

    /// Groups values by their own keys only.
    package static let none = ValueGrouping()

    package var isNone: Bool { thesaurus == nil && !normalize && stem == nil }
}

/// How a label written in a thesaurus becomes the key a field groups its values by.
package enum KeyForm: Sendable {
    /// Lower-cased text (keywords, terms, titles, journals).
    case folded
    /// A person's identity key ("smith, j.").
    case author
    /// A cited author's key: family name and initials.
    case citedAuthor
    /// A source or organisation abbreviated as ISO 4 does (`SourceKey`).
    case source
    /// An ISO 3166-1 code, from a code or a country's name.
    case country
    /// As written (years, language codes).
    case exact

    package init(_ field: CorpusField) {
        switch field {
        case .authors: self = .author
        case .referencesAuthors: self = .citedAuthor
        case .institutions, .referencesContainer: self = .source
        case .countries: self = .country
        case .year, .language, .referencesYear, .referencesLanguage: self = .exact
        default: self = .folded
        }
    }

    /// The key `label` stands for, before normalisation.
    func key(_ label: String) -> String {
        switch self {
        case .folded:
            var bytes: [UInt8] = []
            var text = label
            text.withUTF8 { Lowercase.append($0, to: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        case .author: return (AuthorName.parseInitialsForm(label) ?? AuthorName.parse(label))?.key ?? label.lowercased()
        case .citedAuthor: return (AuthorName.parseInitialsForm(label) ?? AuthorName.parse(label))?.initialsKey ?? label.lowercased()
        case .source: return SourceKey.of(label)
        case .country: return Countries.code(named: label) ?? label.uppercased()
        case .exact: return label
        }
    }
}

/// The grouping of one field's values in one aggregation: maps each value's key to its group's
/// key, or removes it.
package struct ValueKeys: Sendable {
    private enum Replacement: Sendable {
        case remove
        case replace(key: String, display: String)
    }

    package let grouping: ValueGrouping
    private let form: KeyForm
    private let normalizes: Bool
    private let stemmer: Stemmer?
    /// Thesaurus entries by their labels' normalised keys.
    private let replacements: [String: Replacement]

    package init(_ grouping: ValueGrouping, form: KeyForm) {
        self.grouping = grouping
        self.form = form
        normalizes = form == .folded && (grouping.normalize || grouping.stem != nil)
        stemmer = form == .folded ? grouping.stem.map(Stemmer.init) : nil
        var replacements: [String: Replacement] = [:]
        var normalize: (String) -> String = { $0 }
        if normalizes { normalize = { [stemmer] in ValueKeys.normalized($0, stemmer: stemmer) } }
        for entry in grouping.thesaurus?.entries ?? [] {
            let label = normalize(form.key(entry.label))
            guard replacements[label] == nil else { continue }
            replacements[label] = entry.replacement.map { r in
                .replace(key: normalize(form.key(r)), display: form == .country ? form.key(r) : r)
            } ?? .remove
        }
        self.replacements = replacements
    }

    package var isIdentity: Bool { grouping.isNone }

    /// The key of the group the value with key `key` belongs to; nil when the thesaurus
    /// removes it.
    package func group(_ key: String) -> String? {
        let k = normalizes ? ValueKeys.normalized(key, stemmer: stemmer) : key
        switch replacements[k] {
        case .none: return k
        case .remove: return nil
        case .replace(let key, _): return key
        }
    }

    /// The thesaurus's displays by group key.
    package var displays: [String: String] {
        var out: [String: String] = [:]
        for case .replace(let k, let display) in replacements.values where out[k] == nil { out[k] = display }
        return out
    }

    /// How the group `key` of terms is shown: as the thesaurus writes it (`written`, from
    /// `displays`), else by its most frequent spelling of `spellings` (the first in order on a tie),
    /// never by its folded form or stem unless it has no spelling.
    package static func shown(_ key: String, written: [String: String], spellings: [String: Int]) -> String {
        written[key] ?? spellings.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? key
    }

    // MARK: normalisation

    /// A folded keyword or term normalised: hyphens and underscores as spaces, one space between
    /// words, a trailing parenthesised acronym dropped, then each word stemmed (with a stemmer) or
    /// the last word made singular.
    package static func normalized(_ key: String, stemmer: Stemmer? = nil) -> String {
        var words: [Substring] = []
        var text = Substring(key)
        // "bit patterned media (bpm)": one short word in brackets at the end.
        if text.last == ")", let open = text.lastIndex(of: "("), open > text.startIndex {
            let inside = text[text.index(after: open) ..< text.index(before: text.endIndex)]
            if !inside.isEmpty && inside.count <= 12 && !inside.contains(" ") { text = text[..<open] }
        }
        for word in text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" || $0 == "\u{2010}" || $0 == "\u{2011}"
                                                 || $0 == "\u{2013}" || $0 == "\u{2014}" || $0 == "\t" || $0 == "\n" }) {
            words.append(word)
        }
        guard !words.isEmpty else { return key }
        if let stemmer { return words.map { stemmer.stem(String($0)) }.joined(separator: " ") }
        var out = words.dropLast().joined(separator: " ")
        if !out.isEmpty { out += " " }
        return out + singular(String(words[words.count - 1]))
    }

    private static let invariant: Set<String> = ["series", "species", "news", "means", "lens", "bias", "atlas", "chaos", "ethos",
                                                 "gas", "plus", "thus", "yes", "was", "has", "is", "this", "its", "does"]

    /// An English plural made singular by its regular endings ("networks", "studies",
    /// "processes", "approaches", "analyses"); words ending in -ss, -us, -is or -ics are left.
    package static func singular(_ word: String) -> String {
        let w = Array(word.utf8)
        guard w.count >= 4, w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }), !invariant.contains(word) else { return word }
        func ends(_ s: String) -> Bool { w.count > s.utf8.count && w.suffix(s.utf8.count).elementsEqual(s.utf8) }
        func drop(_ n: Int, adding tail: String = "") -> String { String(decoding: w.dropLast(n), as: UTF8.self) + tail }
        if ends("yses") { return drop(2, adding: "is") }
        if ends("ies") { return w.count > 4 ? drop(3, adding: "y") : word }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return drop(2) }
        if ends("ss") || ends("us") || ends("is") || ends("ics") || !ends("s") { return word }
        return drop(1)
    }
}
