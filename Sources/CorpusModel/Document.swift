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
    /// The publication year, where the reference's style puts it.
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

/// A scholarly article record. The fields declared in `DocumentSchema` (type, index terms,
/// volume, ...) are written to JSON Lines and read back through the schema; the others here.
package struct Document: Hashable, Sendable {
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
    /// For each of `affiliations`, the indices (from 0) of the authors it belongs to, when the
    /// source links them (empty lists otherwise; empty when the source links none).
    package var affiliationAuthors: [[Int]] = []

    // Fields declared in `DocumentSchema`.
    /// One of `DocumentType.vocabulary`.
    package var type: String?
    /// The source's own label for the type.
    package var typeLabel: String?
    package var indexTerms: [String] = []
    package var mesh: [String] = []
    package var categories: [String] = []
    package var editors: [String] = []
    package var volume: String?
    package var issue: String?
    package var pages: String?
    package var issn: [String] = []
    package var publisher: String?
    package var funding: [String] = []
    package var correspondingName: String?
    package var correspondingAddress: String?

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

extension Document: Codable {
    private enum Key: String, CodingKey {
        case id, title, authors, affiliations, abstract, sections, doi, year, keywords, references, language, journal,
             citations, source, mergedSources, affiliationAuthors = "affiliation_authors"
    }

    /// A schema field's JSON key: its name, or "name.part" for a record's part.
    private struct SchemaKey: CodingKey {
        package var stringValue: String
        package var intValue: Int? { nil }
        package init(stringValue: String) { self.stringValue = stringValue }
        package init?(intValue: Int) { nil }
    }

    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(authors, forKey: .authors)
        try c.encode(affiliations, forKey: .affiliations)
        try c.encodeIfPresent(abstract, forKey: .abstract)
        try c.encode(sections, forKey: .sections)
        try c.encodeIfPresent(doi, forKey: .doi)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(references, forKey: .references)
        try c.encodeIfPresent(language, forKey: .language)
        try c.encodeIfPresent(journal, forKey: .journal)
        try c.encodeIfPresent(citations, forKey: .citations)
        try c.encode(source, forKey: .source)
        try c.encode(mergedSources, forKey: .mergedSources)
        if affiliationAuthors.contains(where: { !$0.isEmpty }) { try c.encode(affiliationAuthors, forKey: .affiliationAuthors) }
        // Schema fields only when they hold something, so files of sources without them stay as they were.
        var s = encoder.container(keyedBy: SchemaKey.self)
        for f in DocumentSchema.fields {
            switch f.kind {
            case .text(let path): try s.encodeIfPresent(self[keyPath: path], forKey: SchemaKey(stringValue: f.name))
            case .list(let path):
                if !self[keyPath: path].isEmpty { try s.encode(self[keyPath: path], forKey: SchemaKey(stringValue: f.name)) }
            case .record(let parts):
                for p in parts { try s.encodeIfPresent(self[keyPath: p.path], forKey: SchemaKey(stringValue: f.name + "." + p.name)) }
            }
        }
    }

    package init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
                  authors: try c.decode([AuthorName].self, forKey: .authors),
                  affiliations: try c.decode([String].self, forKey: .affiliations),
                  abstract: try c.decodeIfPresent(String.self, forKey: .abstract),
                  sections: try c.decode([Section].self, forKey: .sections),
                  doi: try c.decodeIfPresent(String.self, forKey: .doi), year: try c.decodeIfPresent(Int.self, forKey: .year),
                  keywords: try c.decode([String].self, forKey: .keywords),
                  references: try c.decode([Reference].self, forKey: .references),
                  language: try c.decodeIfPresent(String.self, forKey: .language),
                  journal: try c.decodeIfPresent(String.self, forKey: .journal),
                  citations: try c.decodeIfPresent(Int.self, forKey: .citations),
                  source: try c.decode(SourceLocation.self, forKey: .source),
                  mergedSources: try c.decode([SourceLocation].self, forKey: .mergedSources))
        affiliationAuthors = try c.decodeIfPresent([[Int]].self, forKey: .affiliationAuthors) ?? []
        let s = try decoder.container(keyedBy: SchemaKey.self)
        for f in DocumentSchema.fields {
            switch f.kind {
            case .text(let path): self[keyPath: path] = try s.decodeIfPresent(String.self, forKey: SchemaKey(stringValue: f.name))
            case .list(let path): self[keyPath: path] = try s.decodeIfPresent([String].self, forKey: SchemaKey(stringValue: f.name)) ?? []
            case .record(let parts):
                for p in parts { self[keyPath: p.path] = try s.decodeIfPresent(String.self, forKey: SchemaKey(stringValue: f.name + "." + p.name)) }
            }
        }
    }
}
