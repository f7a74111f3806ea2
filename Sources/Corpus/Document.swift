// Document.swift: the document model as plain values. Readers produce these; the columnar
// `DocumentStore` keeps them compactly; `Document` values come back out for tools and embedding.

/// Where a document was read from.
package struct SourceLocation: Hashable, Sendable, Codable {
    package var path: String
    /// 1-based line of the record's start, when the format has lines.
    package var line: Int?

    package init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }
}

/// A labelled part of a structured abstract, such as "Goals" or "Materials and Methods".
package struct Section: Hashable, Sendable, Codable {
    package var label: String
    package var text: String

    package init(label: String, text: String) {
        self.label = label
        self.text = text
    }
}

/// One entry of a document's reference list, with the fields parsed from its text.
package struct Reference: Hashable, Sendable, Codable {
    /// The number the list gave it, when it was numbered.
    package var number: Int?
    /// The reference as written.
    package var raw: String
    package var authors: [AuthorName]
    package var title: String?
    /// The journal, book or series it appeared in.
    package var container: String?
    /// The publication year: the last plausible year in the reference.
    package var year: Int?
    package var volume: String?
    package var issue: String?
    package var pages: String?
    package var doi: String?
    /// ISO 639-1 code of the language the reference is in, when known (from its note or its script).
    package var language: String?
    /// The language note as written, without parentheses, such as "In Russ.".
    package var languageNote: String?
    /// True when the reference shares an author with the document citing it.
    package var selfCitation: Bool

    package init(number: Int? = nil, raw: String, authors: [AuthorName] = [], title: String? = nil,
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
package struct Document: Hashable, Sendable, Codable {
    package var id: String
    package var title: String
    package var authors: [AuthorName]
    package var affiliations: [String]
    /// The abstract's full text, markup removed.
    package var abstract: String?
    package var sections: [Section]
    package var doi: String?
    package var year: Int?
    package var keywords: [String]
    package var references: [Reference]
    /// ISO 639-1 code of the document's language, given by the source or guessed from its text.
    package var language: String?
    /// The journal, proceedings or book the document appeared in.
    package var journal: String?
    /// How many times the source says the document has been cited (Web of Science TC, Scopus
    /// "Cited by", Crossref and OpenAlex counts), when it says.
    package var citations: Int?
    package var source: SourceLocation
    /// Other records of the same document that were merged into this one.
    package var mergedSources: [SourceLocation]

    package init(id: String, title: String, authors: [AuthorName] = [], affiliations: [String] = [],
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
