// Stemmer.swift: reduces a folded word to its stem, so that the inflected forms of a word count as one term.
// Implements the Snowball project's English ("Porter2") and Russian stemming algorithms as they are
// described at snowballstem.org (algorithms/english/stemmer.html and algorithms/russian/stemmer.html).

/// A language with a stemming algorithm.
package enum StemLanguage: String, CaseIterable, Sendable {
    case english, russian
}

/// The Snowball stemmer of one language.
package struct Stemmer: Sendable {
    package let language: StemLanguage

    package init(_ language: StemLanguage) {
        self.language = language
    }

    /// The stem of a word already folded to lower case.
    package func stem(_ word: String) -> String {
        switch language {
        case .english: return EnglishStemmer.stem(word)
        case .russian: return RussianStemmer.stem(word)
        }
    }
}

// MARK: - Shared machinery

/// A word being stemmed: its Unicode scalars, changed only at the end.
private typealias Letters = [Unicode.Scalar]

/// What must hold, besides the suffix matching, for a suffix rule to apply.
private enum Condition: Sendable {
    case none
    /// English step 2 `ogi`: the suffix follows `l`.
    case afterL
    /// English step 2 `li`: the suffix follows a valid li-ending.
    case afterValidLI
    /// English steps 3 and 4: the suffix lies in R2.
    case inR2
    /// English step 4 `ion`: the suffix follows `s` or `t`.
    case afterSOrT
    /// Russian group 1 endings: the suffix follows `а` or `я`, itself in RV.
    case afterAOrYa
}

/// A suffix, what replaces it (empty to delete it), and its condition.
private struct SuffixRule: Sendable {
    let suffix: Letters
    let replacement: Letters
    let condition: Condition

    init(_ suffix: String, _ replacement: String = "", _ condition: Condition = .none) {
        self.suffix = Array(suffix.unicodeScalars)
        self.replacement = Array(replacement.unicodeScalars)
        self.condition = condition
    }
}

/// A list of suffix rules searched for the longest suffix that ends a word, as Snowball's `among` does.
private struct SuffixTable: Sendable {
    /// The rules, longest suffix first.
    let rules: [SuffixRule]

    init(_ rules: [SuffixRule]) {
        // The order among suffixes of one length does not matter: no two of them can end one word.
        self.rules = rules.sorted { $0.suffix.count > $1.suffix.count }
    }

    /// The rule with the longest suffix that ends `word` and starts at or after `limit`, and where that
    /// suffix starts. A shorter suffix is not tried when the longest one's condition fails: the caller
    /// checks the condition of the rule returned.
    func longestMatch(in word: Letters, limit: Int = 0) -> (rule: SuffixRule, start: Int)? {
        for rule in rules {
            let start = word.count - rule.suffix.count
            if start >= limit && word.hasSuffix(rule.suffix, before: word.count) {
                return (rule, start)
            }
        }
        return nil
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether the scalars before index `end` end with `suffix`.
    @inline(__always)
    fileprivate func hasSuffix(_ suffix: [Unicode.Scalar], before end: Int) -> Bool {
        let start = end - suffix.count
        guard start >= 0 else { return false }
        for i in 0..<suffix.count where self[start + i] != suffix[i] { return false }
        return true
    }

    /// Whether the scalars before index `end` are exactly `text`.
    @inline(__always)
    fileprivate func isExactly(_ text: [Unicode.Scalar], before end: Int) -> Bool {
        end == text.count && hasSuffix(text, before: end)
    }

    /// Replaces the scalars from `start` to the end by `replacement`.
    @inline(__always)
    fileprivate mutating func replaceEnd(from start: Int, with replacement: [Unicode.Scalar]) {
        removeSubrange(start...)
        append(contentsOf: replacement)
    }

    /// The index just past the first non-vowel that follows a vowel, searching from `from`; nil when
    /// there is none. R1 and R2 start there.
    fileprivate func pastVowelAndNonVowel(from: Int, isVowel: (Unicode.Scalar) -> Bool) -> Int? {
        var i = from
        while i < count && !isVowel(self[i]) { i += 1 }
        i += 1
        while i < count && isVowel(self[i]) { i += 1 }
        return i < count ? i + 1 : nil
    }
}

private func string(_ letters: Letters) -> String {
    var s = String()
    s.unicodeScalars.append(contentsOf: letters)
    return s
}

private func letters(_ words: [String]) -> [Letters] {
    words.map { Array($0.unicodeScalars) }
}

// MARK: - English (Porter2)

private enum EnglishStemmer {
    /// Words stemmed as a whole, before the algorithm runs (the exceptional forms; none is longer
    /// than 6 bytes).
    static let exceptions: [String: String] = [
        "skis": "ski", "skies": "sky",
        "idly": "idl", "gently": "gentl", "ugly": "ugli", "early": "earli", "only": "onli", "singly": "singl",
        "sky": "sky", "news": "news", "howe": "howe",
        "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]

    /// Beginnings of words after which R1 starts, instead of after the first vowel and non-vowel
    /// (`inter` since Snowball 3.1.0: intern, internal and international stay apart).
    static let regionPrefixes = letters([
        "gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter",
    ])

    /// Words that stay as they are when they are what precedes `eed` or `eedly` (step 1b).
    static let eedExceptions = letters(["proc", "exc", "succ"])

    /// Words that stay as they are when they are what precedes `ing` (step 1b).
    static let ingExceptions = letters(["inn", "out", "cann", "herr", "earr", "even"])

    static let past: Letters = ["p", "a", "s", "t"]

    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y": return true
        default: return false
        }
    }

    /// A vowel, or `w`, `x` or `Y`: what the last letter of a short syllable must not be.
    static func isVowelOrWXY(_ c: Unicode.Scalar) -> Bool {
        isVowel(c) || c == "w" || c == "x" || c == "Y"
    }

    static func isValidLIEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "c", "d", "e", "g", "h", "k", "m", "n", "r", "t": return true
        default: return false
        }
    }

    static func isDouble(_ w: Letters, before end: Int) -> Bool {
        guard end >= 2, w[end - 1] == w[end - 2] else { return false }
        switch w[end - 1] {
        case "b", "d", "f", "g", "m", "n", "p", "r", "t": return true
        default: return false
        }
    }

    static func stem(_ word: String) -> String {
        if word.utf8.count <= 6, let exception = exceptions[word] { return exception }
        var w = Array(word.unicodeScalars)
        if w.count < 3 { return word }
        let foundY = markConsonantY(&w)
        let (p1, p2) = regions(w)
        step1a(&w)
        step1b(&w, p1: p1)
        step1c(&w)
        step2(&w, p1: p1)
        step3(&w, p1: p1, p2: p2)
        step4(&w, p2: p2)
        step5(&w, p1: p1, p2: p2)
        if foundY {
            for i in w.indices where w[i] == "Y" { w[i] = "y" }
        }
        return string(w)
    }

    /// Prelude: removes an initial apostrophe and writes `Y` for an initial `y` and a `y` after a vowel
    /// (a `y` that is a consonant). Returns whether any `Y` was written.
    static func markConsonantY(_ w: inout Letters) -> Bool {
        if w.first == "'" { w.removeFirst() }
        var found = false
        for i in w.indices where w[i] == "y" && (i == 0 || isVowel(w[i - 1])) {
            w[i] = "Y"
            found = true
        }
        return found
    }

    /// The starts of R1 and R2 (the word's length where a region is empty).
    static func regions(_ w: Letters) -> (p1: Int, p2: Int) {
        let p1: Int
        if let prefix = regionPrefixes.first(where: { w.starts(with: $0) }) {
            p1 = prefix.count
        } else if let start = w.pastVowelAndNonVowel(from: 0, isVowel: isVowel) {
            p1 = start
        } else {
            return (w.count, w.count)
        }
        return (p1, w.pastVowelAndNonVowel(from: p1, isVowel: isVowel) ?? w.count)
    }

    /// Whether the scalars before `end` end with a short syllable: a non-vowel, a vowel and a non-vowel
    /// other than `w`, `x` or `Y`; or a vowel and a non-vowel that are the whole word; or `past`.
    static func endsWithShortSyllable(_ w: Letters, before end: Int) -> Bool {
        if end >= 3 && !isVowelOrWXY(w[end - 1]) && isVowel(w[end - 2]) && !isVowel(w[end - 3]) { return true }
        if end == 2 && !isVowel(w[1]) && isVowel(w[0]) { return true }
        return w.hasSuffix(past, before: end)
    }

    /// Step 0 (apostrophes: `'s'`, `'s`, `'`) and step 1a (plurals: `sses`, `ied`, `ies`, `s`).
    static func step1a(_ w: inout Letters) {
        if w.hasSuffix(["'", "s", "'"], before: w.count) {
            w.removeLast(3)
        } else if w.hasSuffix(["'", "s"], before: w.count) {
            w.removeLast(2)
        } else if w.last == "'" {
            w.removeLast()
        }

        let n = w.count
        if w.hasSuffix(["s", "s", "e", "s"], before: n) {
            w.removeLast(2)  // sses -> ss
        } else if w.hasSuffix(["i", "e", "d"], before: n) || w.hasSuffix(["i", "e", "s"], before: n) {
            // ied, ies -> i after more than one letter, ie otherwise (ties -> tie, cries -> cri)
            w.replaceEnd(from: n - 3, with: n - 3 >= 2 ? ["i"] : ["i", "e"])
        } else if w.hasSuffix(["u", "s"], before: n) || w.hasSuffix(["s", "s"], before: n) {
            return  // us, ss: left as they are
        } else if w.last == "s" && n >= 2 && w[0..<(n - 2)].contains(where: isVowel) {
            w.removeLast()  // s, when a vowel precedes the letter before it (gaps -> gap, gas stays)
        }
    }

    enum Step1bEnding { case eed, ing, edOrIngly }

    /// The endings of step 1b, longest first.
    static let step1bEndings: [(Letters, Step1bEnding)] = [
        (["e", "e", "d", "l", "y"], .eed), (["i", "n", "g", "l", "y"], .edOrIngly), (["e", "d", "l", "y"], .edOrIngly),
        (["e", "e", "d"], .eed), (["i", "n", "g"], .ing), (["e", "d"], .edOrIngly),
    ]

    /// Step 1b: `eed`, `eedly` (-> `ee` in R1), and `ed`, `edly`, `ing`, `ingly` (removed), with the
    /// exceptional forms of `eed` and `ing`.
    static func step1b(_ w: inout Letters, p1: Int) {
        guard let (ending, kind) = step1bEndings.first(where: { w.hasSuffix($0.0, before: w.count) }) else { return }
        let stem = w.count - ending.count
        switch kind {
        case .eed:
            // proceed, exceed, succeed stay as they are.
            if eedExceptions.contains(where: { w.isExactly($0, before: stem) }) { return }
            if stem >= p1 { w.replaceEnd(from: stem, with: ["e", "e"]) }
        case .ing:
            // dying -> die, lying -> lie, tying -> tie: exactly a non-vowel and y before ing.
            if stem == 2 && w[1] == "y" && !isVowel(w[0]) {
                w.replaceEnd(from: 1, with: ["i", "e"])
                return
            }
            // inning, outing, canning, herring, earring, evening stay as they are.
            if ingExceptions.contains(where: { w.isExactly($0, before: stem) }) { return }
            removeVerbEnding(&w, stem: stem, p1: p1)
        case .edOrIngly:
            removeVerbEnding(&w, stem: stem, p1: p1)
        }
    }

    /// Step 1b for `ed`, `edly`, `ing` and `ingly`: removes the ending when what precedes it holds a
    /// vowel, then restores an `e` (`luxuriat` -> `luxuriate`, `hop` -> `hope`) or undoubles the
    /// last letter (`hopp` -> `hop`).
    static func removeVerbEnding(_ w: inout Letters, stem: Int, p1: Int) {
        guard w[0..<stem].contains(where: isVowel) else { return }
        w.removeLast(w.count - stem)
        if stem >= 2 {
            let a = w[stem - 2], b = w[stem - 1]
            if (a == "a" && b == "t") || (a == "b" && b == "l") || (a == "i" && b == "z") {
                w.append("e")
                return
            }
            if isDouble(w, before: stem) {
                // Not after exactly a, e or o: add, egg, off stay as they are.
                if !(stem == 3 && (w[0] == "a" || w[0] == "e" || w[0] == "o")) { w.removeLast() }
                return
            }
        }
        if p1 == stem && endsWithShortSyllable(w, before: stem) { w.append("e") }
    }

    /// Step 1c: a final `y` or `Y` after a non-vowel that is not the first letter becomes `i`.
    static func step1c(_ w: inout Letters) {
        let n = w.count
        if n >= 3 && (w[n - 1] == "y" || w[n - 1] == "Y") && !isVowel(w[n - 2]) { w[n - 1] = "i" }
    }

    static let step2Rules = SuffixTable([
        SuffixRule("tional", "tion"), SuffixRule("enci", "ence"), SuffixRule("anci", "ance"),
        SuffixRule("abli", "able"), SuffixRule("entli", "ent"),
        SuffixRule("izer", "ize"), SuffixRule("ization", "ize"),
        SuffixRule("ational", "ate"), SuffixRule("ation", "ate"), SuffixRule("ator", "ate"),
        SuffixRule("alism", "al"), SuffixRule("aliti", "al"), SuffixRule("alli", "al"),
        SuffixRule("fulness", "ful"), SuffixRule("ousli", "ous"), SuffixRule("ousness", "ous"),
        SuffixRule("iveness", "ive"), SuffixRule("iviti", "ive"),
        SuffixRule("biliti", "ble"), SuffixRule("bli", "ble"),
        SuffixRule("ogist", "og"), SuffixRule("ogi", "og", .afterL),
        SuffixRule("fulli", "ful"), SuffixRule("lessli", "less"),
        SuffixRule("li", "", .afterValidLI),
    ])

    static let step3Rules = SuffixTable([
        SuffixRule("tional", "tion"), SuffixRule("ational", "ate"), SuffixRule("alize", "al"),
        SuffixRule("icate", "ic"), SuffixRule("iciti", "ic"), SuffixRule("ical", "ic"),
        SuffixRule("ful"), SuffixRule("ness"),
        SuffixRule("ative", "", .inR2),
    ])

    static let step4Rules = SuffixTable(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
         "ous", "ive", "ize"].map { SuffixRule($0) } + [SuffixRule("ion", "", .afterSOrT)]
    )

    /// Applies the rule of the longest suffix of `table` if that suffix lies in the region starting at
    /// `region` and the rule's condition holds.
    static func applyLongest(_ table: SuffixTable, to w: inout Letters, region: Int, p2: Int) {
        guard let (rule, start) = table.longestMatch(in: w), start >= region else { return }
        let before: Unicode.Scalar? = start >= 1 ? w[start - 1] : nil
        let holds: Bool
        switch rule.condition {
        case .none: holds = true
        case .afterL: holds = before == "l"
        case .afterValidLI: holds = before.map(isValidLIEnding) ?? false
        case .inR2: holds = start >= p2
        case .afterSOrT: holds = before == "s" || before == "t"
        case .afterAOrYa: holds = false  // Russian only
        }
        if holds { w.replaceEnd(from: start, with: rule.replacement) }
    }

    /// Step 2: derivational suffixes in R1 (`ational` -> `ate`, `ousli` -> `ous`, `li` removed, ...).
    static func step2(_ w: inout Letters, p1: Int) {
        applyLongest(step2Rules, to: &w, region: p1, p2: p1)
    }

    /// Step 3: derivational suffixes in R1 (`alize` -> `al`, `ful` removed, `ative` removed in R2, ...).
    static func step3(_ w: inout Letters, p1: Int, p2: Int) {
        applyLongest(step3Rules, to: &w, region: p1, p2: p2)
    }

    /// Step 4: suffixes removed in R2 (`ance`, `ement`, `ion` after `s` or `t`, ...).
    static func step4(_ w: inout Letters, p2: Int) {
        applyLongest(step4Rules, to: &w, region: p2, p2: p2)
    }

    /// Step 5: a final `e` in R2, or in R1 and not after a short syllable, is removed; so is the
    /// second `l` of a final `ll` in R2.
    static func step5(_ w: inout Letters, p1: Int, p2: Int) {
        let n = w.count
        guard n >= 1 else { return }
        let last = n - 1
        if w[last] == "e" {
            if last >= p2 || (last >= p1 && !endsWithShortSyllable(w, before: last)) { w.removeLast() }
        } else if w[last] == "l" {
            if last >= p2 && last >= 1 && w[last - 1] == "l" { w.removeLast() }
        }
    }
}

// MARK: - Russian

/// All endings are searched for in RV, the part of the word after its first vowel: the letters before
/// RV are never examined. Group 1 endings must also follow `а` or `я` in RV.
private enum RussianStemmer {
    static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "а", "е", "и", "о", "у", "ы", "э", "ю", "я": return true
        default: return false
        }
    }

    static let perfectiveGerunds = SuffixTable(
        ["в", "вши", "вшись"].map { SuffixRule($0, "", .afterAOrYa) }
            + ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"].map { SuffixRule($0) }
    )

    static let reflexives = SuffixTable(["ся", "сь"].map { SuffixRule($0) })

    static let adjectives = SuffixTable(
        ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
         "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"].map { SuffixRule($0) }
    )

    static let participles = SuffixTable(
        ["ем", "нн", "вш", "ющ", "щ"].map { SuffixRule($0, "", .afterAOrYa) }
            + ["ивш", "ывш", "ующ"].map { SuffixRule($0) }
    )

    static let verbs = SuffixTable(
        ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"]
            .map { SuffixRule($0, "", .afterAOrYa) }
            + ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен",
               "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"]
            .map { SuffixRule($0) }
    )

    static let nouns = SuffixTable(
        ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
         "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия",
         "ья", "я"].map { SuffixRule($0) }
    )

    static let derivationals = SuffixTable(["ост", "ость"].map { SuffixRule($0) })

    static let superlatives = SuffixTable(["ейш", "ейше"].map { SuffixRule($0) })

    static func stem(_ word: String) -> String {
        var w = Array(word.unicodeScalars)
        for i in w.indices where w[i] == "ё" { w[i] = "е" }
        let (rv, p2) = regions(w)
        step1(&w, rv: rv)
        step2(&w, rv: rv)
        step3(&w, rv: rv, p2: p2)
        step4(&w, rv: rv)
        return string(w)
    }

    /// The starts of RV (after the first vowel) and R2 (the word's length where a region is empty).
    static func regions(_ w: Letters) -> (rv: Int, p2: Int) {
        guard let firstVowel = w.firstIndex(where: isVowel) else { return (w.count, w.count) }
        let rv = firstVowel + 1
        guard let p1 = w.pastVowelAndNonVowel(from: 0, isVowel: isVowel) else { return (rv, w.count) }
        return (rv, w.pastVowelAndNonVowel(from: p1, isVowel: isVowel) ?? w.count)
    }

    /// Removes the longest ending of `table` found in RV if its condition holds; returns whether it did.
    @discardableResult
    static func removeLongest(_ table: SuffixTable, from w: inout Letters, rv: Int) -> Bool {
        guard let (rule, start) = table.longestMatch(in: w, limit: rv) else { return false }
        if rule.condition == .afterAOrYa {
            guard start - 1 >= rv && (w[start - 1] == "а" || w[start - 1] == "я") else { return false }
        }
        w.removeSubrange(start...)
        return true
    }

    /// Step 1: a perfective gerund ending; or else a reflexive ending, if any, and then an adjectival,
    /// a verb or a noun ending, whichever is found first.
    static func step1(_ w: inout Letters, rv: Int) {
        if removeLongest(perfectiveGerunds, from: &w, rv: rv) { return }
        removeLongest(reflexives, from: &w, rv: rv)
        if removeAdjectival(&w, rv: rv) { return }
        if removeLongest(verbs, from: &w, rv: rv) { return }
        removeLongest(nouns, from: &w, rv: rv)
    }

    /// An adjectival ending: an adjective ending, and then a participle ending before it, if any.
    static func removeAdjectival(_ w: inout Letters, rv: Int) -> Bool {
        guard removeLongest(adjectives, from: &w, rv: rv) else { return false }
        removeLongest(participles, from: &w, rv: rv)
        return true
    }

    /// Step 2: a final `и` is removed.
    static func step2(_ w: inout Letters, rv: Int) {
        if w.count > rv && w.last == "и" { w.removeLast() }
    }

    /// Step 3: a derivational ending (`ост`, `ость`) lying in R2 is removed.
    static func step3(_ w: inout Letters, rv: Int, p2: Int) {
        if let (_, start) = derivationals.longestMatch(in: w, limit: rv), start >= p2 {
            w.removeSubrange(start...)
        }
    }

    /// Step 4: undoubles a final `нн`; or removes a superlative ending (`ейш`, `ейше`) and then undoubles
    /// `нн`; or removes a final `ь`.
    static func step4(_ w: inout Letters, rv: Int) {
        if removeLongest(superlatives, from: &w, rv: rv) {
            undoubleN(&w, rv: rv)
        } else if w.count > rv && w.last == "ь" {
            w.removeLast()
        } else {
            undoubleN(&w, rv: rv)
        }
    }

    static func undoubleN(_ w: inout Letters, rv: Int) {
        let n = w.count
        if n - 2 >= rv && w[n - 1] == "н" && w[n - 2] == "н" { w.removeLast() }
    }
}
