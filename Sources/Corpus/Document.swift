// Document.swift: the document model as plain values. Readers produce these; the columnar
// `DocumentStore` keeps them compactly; `Document` values come back out for tools and embedding.

/// Where a document was read from.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var path: String
    /// 1-based line of the record's start, when the format has lines.
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }
}

/// A labelled part of a structured abstract, such as "Goals" or "Materials and Methods".
public struct Section: Hashable, Sendable, Codable {
    public var label: String
    public var text: String

    public init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// One entry of a document's reference list, with the fields parsed from its text.
public struct Reference: Hashable, Sendable, Codable {
    /// The number the list gave it, when it was numbered.
    public var number: Int?
    /// The reference as written.
    public var raw: String
    public var authors: [AuthorName]
    public var title: String?
    /// The journal, book or series it appeared in.
    public var container: String?
    /// The publication year: the last plausible year in the reference.
    public var year: Int?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var doi: String?
    /// ISO 639-1 code of the language the reference is in, when known (from its note or its script).
    public var language: String?
    /// The language note as written, without parentheses, such as "In Russ.".
    public var languageNote: String?
    /// True when the reference shares an author with the document citing it.
    public var selfCitation: Bool

    public init(number: Int? = nil, raw: String, authors: [AuthorName] = [], title: String? = nil,
                container: String? = nil, year: Int? = nil, volume: String? = nil, issue: String? = nil,
                pages: String? = nil, doi: String? = nil, language: String? = nil,
                languageNote: String? = nil, selfCitation: Bool = false) {
        self.number = number
        self.raw = raw
        self.authors = authors
        self.title = title
        self.container = container
        self.year = year
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.doi = doi
        self.language = language
        self.languageNote = languageNote
        self.selfCitation = selfCitation
    }
}

/// A scholarly article record.
public struct Document: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var authors: [AuthorName]
    public var affiliations: [String]
    /// The abstract's full text, markup removed.
    public var abstract: String?
    public var sections: [Section]
    public var doi: String?
    public var year: Int?
    public var keywords: [String]
    public var references: [Reference]
    /// ISO 639-1 code of the document's language, given by the source or guessed from its text.
    public var language: String?
    /// The journal, proceedings or book the document appeared in.
    public var journal: String?
    /// How many times the source says the document has been cited (Web of Science TC, Scopus
    /// "Cited by", Crossref and OpenAlex counts), when it says.
    public var citations: Int?
    public var source: SourceLocation
    /// Other records of the same document that were merged into this one.
    public var mergedSources: [SourceLocation]

    public init(id: String, title: String, authors: [AuthorName] = [], affiliations: [String] = [],
                abstract: String? = nil, sections: [Section] = [], doi: String? = nil, year: Int? = nil,
                keywords: [String] = [], references: [Reference] = [], language: String? = nil,
                journal: String? = nil, citations: Int? = nil,
                source: SourceLocation, mergedSources: [SourceLocation] = []) {
        self.id = id
        self.title = title
        self.authors = authors
        self.affiliations = affiliations
        self.abstract = abstract
        self.sections = sections
        self.doi = doi
        self.year = year
        self.keywords = keywords
        self.references = references
        self.language = language
        self.journal = journal
        self.citations = citations
        self.source = source
        self.mergedSources = mergedSources
    }
}
