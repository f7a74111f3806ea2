// Stopwords.swift: the built-in English and Russian stopword lists, and sets built from a
// script's own list. Words are stored case-folded, as the tokenizer produces them.

package struct StopwordSet: Sendable {
    let table: TermTable

    package init(words: [String]) {
        var t = TermTable()
        let tokenizer = Tokenizer()
        for w in words {
            // Fold each word as the tokenizer would ("Don’t" -> "don't").
            for token in tokenizer.tokens(w) {
                var k = token
                k.withUTF8 { _ = t.add($0, document: 0) }
            }
        }
        table = t
    }

    @inline(__always)
    package func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool { table.contains(word) }

    /// Whether the folded `word`, whose `TermTable.hash` is `hash`, is in the set.
    @inline(__always)
    package func contains(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool { table.find(word, hash: hash) != nil }

    /// Whether the folded `word` is in the set.
    package func contains(_ word: String) -> Bool { table.contains(word) }

    package var count: Int { table.count }

    /// A built-in list by language code ("en", "ru").
    package static func builtIn(_ language: String) -> StopwordSet? {
        switch language {
        case "en": return english
        case "ru": return russian
        default: return nil
        }
    }

    package static let builtInLanguages = ["en", "ru"]

    package static let english = StopwordSet(words: """
        a about above after again against all also am an and any are aren't as at be because been before
        being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
        don't down during each few for from further had hadn't has hasn't have haven't having he he'd
        he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if
        in into is isn't it it's its itself let's may me might more most must mustn't my myself no nor not
        of off on once only or other ought our ours ourselves out over own same shall shan't she she'd
        she'll she's should shouldn't so some such than that that's the their theirs them themselves then
        there there's therefore these they they'd they'll they're they've this those thus through to too
        under until up upon us very was wasn't we we'd we'll we're we've were weren't what what's when
        when's where where's whether which while who who's whom whose why why's will with within without
        won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
        """.split(whereSeparator: \.isWhitespace).map(String.init))

    package static let russian = StopwordSet(words: """
        а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до
        его ее если есть еще же за здесь и из или им их к как ко когда кто ли либо мне может мы на над надо
        наш не него нее нет ни них но ну о об однако он она они оно от очень по под после при с со так
        также такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта
        эти это этого этой этом этот я
        """.split(whereSeparator: \.isWhitespace).map(String.init))
}
