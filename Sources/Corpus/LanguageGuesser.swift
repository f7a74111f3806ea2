// LanguageGuesser.swift: a document's language guessed from its title and abstract, by the share
// of each language's commonest function words, with the script as a fallback.

public enum LanguageGuesser {
    private static let functionWords: [(String, Set<String>)] = [
        ("en", ["the", "of", "and", "in", "to", "is", "that", "for", "on", "with", "as", "by", "was", "are", "this", "which", "from"]),
        ("ru", ["и", "в", "на", "с", "по", "что", "не", "для", "как", "из", "к", "о", "от", "это", "при", "а"]),
        ("de", ["der", "die", "und", "das", "den", "von", "zu", "mit", "ist", "im", "des", "sich", "auf", "für", "eine"]),
        ("fr", ["le", "la", "les", "et", "des", "du", "une", "est", "dans", "pour", "que", "sur", "par", "au"]),
        ("es", ["el", "la", "los", "las", "y", "del", "que", "en", "por", "con", "para", "una", "es", "se"]),
        ("it", ["il", "di", "che", "la", "e", "per", "con", "del", "della", "non", "una", "sono", "gli"]),
        ("pt", ["o", "os", "da", "do", "das", "dos", "e", "que", "em", "para", "com", "uma", "não", "são"]),
    ]

    /// An ISO 639-1 code, or nil when the text is too short or matches nothing.
    public static func guess(_ text: String) -> String? {
        var counts = [Int](repeating: 0, count: functionWords.count)
        var words = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
            words += 1
            let w = String(word)
            for (i, entry) in functionWords.enumerated() where entry.1.contains(w) { counts[i] += 1 }
            if words >= 400 { break }
        }
        guard words >= 3 else { return ReferenceParser.scriptLanguage(Array(text.unicodeScalars)) }
        if let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0,
           Double(counts[best]) / Double(words) >= 0.05
        {
            return functionWords[best].0
        }
        return ReferenceParser.scriptLanguage(Array(text.unicodeScalars))
    }
}
