// TextField.swift: the text fields an aggregation can tokenize, named as scripts name them:
// "title", "abstract", "sections.<label>", "keywords" (each keyword one term),
// "references.title", "references.container".
import CorpusStore
import CorpusModel
import CorpusBytes

package enum TextField: Sendable, Equatable {
    case title, abstract, keywords, referencesTitle, referencesContainer
    case section(String)

    package static let names = ["title", "abstract", "sections.<label>", "keywords", "references.title", "references.container"]

    package init(name: String) throws {
        switch name {
        case "title": self = .title
        case "abstract": self = .abstract
        case "keywords": self = .keywords
        case "references.title": self = .referencesTitle
        case "references.container": self = .referencesContainer
        default:
            guard name.hasPrefix("sections."), name.count > "sections.".count else {
                throw AnalysisError.unknownField(name, TextField.names)
            }
            self = .section(String(name.dropFirst("sections.".count)).lowercased())
        }
    }

    /// True when each value is a whole term (keywords) rather than text to tokenize.
    package var isTermList: Bool { self == .keywords }

    /// `forEachText` kept out of line, so that a large `body` is compiled once, not once per field.
    @inline(never)
    package func forEachTextOutlined(_ s: DocumentStore, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachText(s, row: row, body)
    }

    /// Calls `body` with the bytes of each text of this field in document `row`.
    @inline(__always)
    package func forEachText(_ s: DocumentStore, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch self {
        case .title: s.title.withBytes(row, body)
        case .abstract: s.abstract.withBytes(row, body)
        case .keywords: for k in s.keywords.range(row) { s.keywordText.withBytes(k, body) }
        case .referencesTitle: for r in s.references.range(row) { s.referenceTable.title.withBytes(r, body) }
        case .referencesContainer: for r in s.references.range(row) { s.referenceTable.container.withBytes(r, body) }
        case .section(let label):
            for i in s.sections.range(row) where s.sectionTable.label.string(i).lowercased() == label {
                s.withSectionText(i, row: row, body)
            }
        }
    }
}

/// How text is cut into terms: the tokenizer, stopwords, n-gram size.
package struct TermOptions: Sendable {
    package var field: TextField
    package var ngram: Int
    package var stopwords: StopwordSet?

    package init(field: TextField, ngram: Int = 1, stopwords: StopwordSet? = nil) {
        self.field = field
        self.ngram = ngram
        self.stopwords = stopwords
    }
}

/// Cuts a document's field into terms: single words, or n-grams of consecutive words containing no
/// stopword (n-grams never cross from one text to the next, such as two references).
struct TermExtractor {
    let options: TermOptions
    let tokenizer = Tokenizer()
    private var scratch: [UInt8] = []
    private var words: [UInt8] = []
    private var wordEnds: [Int] = []
    private var stops: [Bool] = []
    private var gram: [UInt8] = []

    init(_ options: TermOptions) { self.options = options }

    /// Calls `body` with each term of document `row`, folded.
    mutating func forEachTerm(_ s: DocumentStore, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        forEachHashedTerm(s, row: row) { term, _ in body(term) }
    }

    /// Calls `body` with each term of document `row`, folded, and its `TermTable.hash` (a word is
    /// hashed once, for the stopword list and the count).
    mutating func forEachHashedTerm(_ s: DocumentStore, row: Int, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        options.field.forEachText(s, row: row) { text in
            if options.field.isTermList {
                foldWhole(text) { body($0, TermTable.hash($0)) }
            } else if options.ngram <= 1 {
                tokenizer.forEachToken(in: text, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in
                    let hash = TermTable.hash(word)
                    if let stop = options.stopwords, stop.contains(word, hash: hash) { return }
                    body(word, hash)
                }
            } else {
                ngrams(text) { body($0, TermTable.hash($0)) }
            }
        }
    }

    /// Calls `body` with the numbers (in `vocabulary`, which numbers new words as they come) of
    /// each pair of consecutive words of document `row` with no stopword: the 2-grams of
    /// `forEachTerm`, as numbers.
    mutating func forEachWordPair(_ s: DocumentStore, row: Int, vocabulary: inout TermTable, _ body: (Int, Int) -> Void) {
        options.field.forEachText(s, row: row) { text in
            var previous = -1
            tokenizer.forEachToken(in: text, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in
                let hash = TermTable.hash(word)
                if let stop = options.stopwords, stop.contains(word, hash: hash) {
                    previous = -1
                    return
                }
                let number = vocabulary.insert(word, hash: hash)
                if previous >= 0 { body(previous, number) }
                previous = number
            }
        }
    }

    /// A keyword as one term: its words folded and joined by single spaces.
    private mutating func foldWhole(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        gram.removeAll(keepingCapacity: true)
        tokenizer.forEachToken(in: text, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in
            if !gram.isEmpty { gram.append(0x20) }
            gram.append(contentsOf: word)
        }
        if !gram.isEmpty { gram.withUnsafeBufferPointer(body) }
    }

    private mutating func ngrams(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        words.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        stops.removeAll(keepingCapacity: true)
        tokenizer.forEachToken(in: text, scratch: &scratch) { (word: UnsafeBufferPointer<UInt8>) in
            words.append(contentsOf: word)
            wordEnds.append(words.count)
            stops.append(options.stopwords?.contains(word) ?? false)
        }
        let n = options.ngram
        guard wordEnds.count >= n else { return }
        for first in 0...(wordEnds.count - n) {
            if stops[first ..< first + n].contains(true) { continue }
            gram.removeAll(keepingCapacity: true)
            for w in first ..< first + n {
                if w > first { gram.append(0x20) }
                let start = w == 0 ? 0 : wordEnds[w - 1]
                gram.append(contentsOf: words[start ..< wordEnds[w]])
            }
            gram.withUnsafeBufferPointer(body)
        }
    }
}
