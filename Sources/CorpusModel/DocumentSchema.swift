// DocumentSchema.swift: the document, reference and author fields declared once. Each entry names
// a field as scripts, JSON Lines and the API reference name it, with its type and summary. The
// core fields (`core`, and a reference's and an author's) have typed columns of their own in the
// store (authors and references as child tables, sections as ranges of the abstract); the schema's
// other fields (`fields`) are of three plain kinds, and for them the store's columns,
// `document(_:)`, the cache's packs, JSON Lines, the Lua fields, `count_by` and the reference pages
// are all derived from this list: a new field of these kinds is one property of `Document` and one
// entry here, plus the readers that fill it.

/// A field as scripts see it: its name, its type in the API reference's notation, and the
/// one-line description the API reference and the editor types show.
package struct FieldDescription: Sendable {
    package let name: String
    package let luaType: String
    package let summary: String

    package init(_ name: String, _ luaType: String, _ summary: String) {
        self.name = name
        self.luaType = luaType
        self.summary = summary
    }
}

/// How a schema field's value is kept.
package enum FieldKind: Sendable {
    /// One optional string (`string?` to scripts).
    case text(WritableKeyPath<Document, String?> & Sendable)
    /// A list of strings (`string[]`), possibly empty.
    case list(WritableKeyPath<Document, [String]> & Sendable)
    /// A small record of optional strings (`{name = string?, ...}`, nil when all are absent).
    case record([(name: String, path: WritableKeyPath<Document, String?> & Sendable)])
}

/// One declared field of the document model.
package struct SchemaField: Sendable {
    /// The name scripts, JSON Lines and `count_by` use ("index_terms").
    package let name: String
    package let kind: FieldKind
    /// The one-line description the API reference and the editor types show.
    package let summary: String
    /// Whether `count_by`, `cooccurrence`, `crosstab` and `where` accept it (list items and texts,
    /// compared without case).
    package let countable: Bool

    /// The type scripts see, in the API reference's notation.
    package var luaType: String {
        switch kind {
        case .text: return "string?"
        case .list: return "string[]"
        case .record(let parts): return "{" + parts.map { "\($0.name): string?" }.joined(separator: ", ") + "}?"
        }
    }
}

/// The declared fields, in the order the API reference lists them.
package enum DocumentSchema {
    /// The document's core fields, in the order scripts number them; `fields` follow them.
    package static let core: [FieldDescription] = [
        .init("id", "string", "identifier (the record's file name, or the source's own identifier)"),
        .init("title", "string", "title"),
        .init("authors", "Author[]", "authors in order: {" + authorFields.map(\.name).joined(separator: ", ") + "}"),
        .init("affiliations", "string[]", "affiliations as written"),
        .init("addresses", "Address[]", "affiliations with their authors and parts: {address, authors, institution, subunits, city, postal_code, country, country_name, country_by}; `authors` the authors' positions (from 1), `institution` the top-level organisation, `country` an ISO 3166-1 alpha-2 code and `country_by` how it was found (\"name\", \"region\": a US state or a Canadian or Chinese province, \"email\")"),
        .init("countries", "string[]", "the countries of its addresses, ISO 3166-1 alpha-2 codes, each once, in the order of the addresses"),
        .init("abstract", "string?", "abstract's full text, markup removed"),
        .init("sections", "Section[]", "labelled parts of a structured abstract: {label, text}"),
        .init("doi", "string?", "DOI, without the resolver prefix"),
        .init("year", "integer?", "publication year (from the record, else from a year inside the DOI)"),
        .init("keywords", "string[]", "author keywords (the source's indexing terms are `index_terms`)"),
        .init("references", "Reference[]", "reference list, in order"),
        .init("language", "string?", "ISO 639-1 language code, given or guessed from the text"),
        .init("journal", "string?", "journal, proceedings or book it appeared in"),
        .init("citations", "integer?", "times cited, as the source counts them (Web of Science TC, Scopus, Crossref, OpenAlex)"),
        .init("cited_by", "integer", "how many documents of the loaded corpus cite it (local citations)"),
        .init("source", "Source", "where the record was read: {path, line}"),
        .init("sources", "Source[]", "every record of it that was read, when duplicates were merged: {path, line}, the first being `source`"),
    ]

    /// A reference's fields, in the order scripts number them.
    package static let referenceFields: [FieldDescription] = [
        .init("number", "integer?", "number in the list, when numbered"),
        .init("text", "string", "the reference as written"),
        .init("authors", "Author[]", "authors: {name, family, given, initials, key}"),
        .init("et_al", "boolean", "true when the author list ends in \"et al.\" (or \"и др.\", \"u. a.\"): more authors than it names"),
        .init("title", "string?", "title of the cited work"),
        .init("container", "string?", "journal, book or series the work appeared in"),
        .init("container_key", "string?", "the container in one form however it is written: its words abbreviated as ISO 4 does, lower case (\"J POLYM SCI\", \"J. Polym. Sci.\" and \"Journal of Polymer Science\" are all \"j polym sci\")"),
        .init("year", "integer?", "publication year, where the reference's style puts it (never a page, a volume or an access date)"),
        .init("year_suffix", "string?", "the letter after the year that tells apart one author's works of a year (\"2015a\" gives \"a\")"),
        .init("volume", "string?", "volume"),
        .init("issue", "string?", "issue (number)"),
        .init("pages", "string?", "pages as written"),
        .init("first_page", "string?", "first page (\"P8574\" and \"pp. 8574-83\" give 8574)"),
        .init("last_page", "string?", "last page, written in full (\"1687-90\" gives 1690); the first page when the reference gives one page"),
        .init("doi", "string?", "DOI"),
        .init("url", "string?", "the first URL the reference gives"),
        .init("key", "string", "the cited work's key, one for every reference to it however it is written: \"doi:...\" (a reference without a DOI takes the DOI another reference to the same work gives), else \"family|year|source initial|volume|first page\" (\"bai|2015|m|48|8574\") or \"family|year|title words\""),
        .init("language", "string?", "ISO 639-1 code of its language (from its note, or its script)"),
        .init("language_note", "string?", "the language note as written, such as \"In Russ.\""),
        .init("self_citation", "boolean", "true when it shares an author with the citing document"),
        .init("target", "Document?", "the document of the loaded corpus it cites (matched by DOI, else first author, year and title or source), or nil"),
    ]

    /// An author's fields (of a document or a reference).
    package static let authorFields: [FieldDescription] = [
        .init("name", "string", "the name as written"),
        .init("family", "string", "family name"),
        .init("given", "string?", "given names, when the source gives them in full"),
        .init("initials", "string", "initials, such as \"P.N.\""),
        .init("key", "string", "the key that identifies the person across spellings: \"dudin, p.n.\"; an initials-only form that fits exactly one full form of the corpus takes its key"),
        .init("orcid", "string?", "ORCID iD (\"0000-0002-1825-0097\"), a document's author only, when the source gives it"),
        .init("id", "string?", "the source's own identifier of the person (Scopus author id, OpenAlex author), a document's author only"),
        .init("affiliations", "integer[]?", "a document's author only: the positions (from 1) of its affiliations in `document.addresses`"),
        .init("countries", "string[]?", "a document's author only: the countries of its affiliations, ISO 3166-1 alpha-2 codes, each once"),
    ]

    package static let fields: [SchemaField] = [
        SchemaField(name: "type", kind: .text(\.type),
                    summary: "document type, one of \(DocumentType.vocabulary.joined(separator: ", "))", countable: true),
        SchemaField(name: "type_label", kind: .text(\.typeLabel),
                    summary: "document type as the source labels it (\"Article; Proceedings Paper\", \"Journal Article\")", countable: true),
        SchemaField(name: "index_terms", kind: .list(\.indexTerms),
                    summary: "indexing terms given by the database: Keywords Plus, Scopus index keywords, MeSH descriptors, OpenAlex topics", countable: true),
        SchemaField(name: "mesh", kind: .list(\.mesh),
                    summary: "MeSH headings in MEDLINE's notation: \"*Descriptor/qualifier/*qualifier\" (a star marks a major topic)", countable: false),
        SchemaField(name: "categories", kind: .list(\.categories),
                    summary: "subject categories (Web of Science WC and SC, Scopus subject areas, Crossref subjects)", countable: true),
        SchemaField(name: "editors", kind: .list(\.editors), summary: "editors, as \"Family, Given\" or \"Family I.\"", countable: false),
        SchemaField(name: "volume", kind: .text(\.volume), summary: "volume of the journal or series", countable: false),
        SchemaField(name: "issue", kind: .text(\.issue), summary: "issue (number)", countable: false),
        SchemaField(name: "pages", kind: .text(\.pages), summary: "pages (\"8574-8583\") or article number", countable: false),
        SchemaField(name: "issn", kind: .list(\.issn), summary: "ISSNs of the journal, print first", countable: true),
        SchemaField(name: "publisher", kind: .text(\.publisher), summary: "publisher", countable: true),
        SchemaField(name: "funding", kind: .list(\.funding), summary: "funding agencies and grants as written", countable: true),
        SchemaField(name: "corresponding", kind: .record([("name", \.correspondingName), ("address", \.correspondingAddress)]),
                    summary: "the corresponding author: {name, address} as written, and the address's country (ISO 3166-1 alpha-2)", countable: false),
    ]

    /// The fields of each kind, in declaration order: a kind's columns in the store are numbered so.
    package static let textFields: [SchemaField] = fields.filter { if case .text = $0.kind { true } else { false } }
    package static let listFields: [SchemaField] = fields.filter { if case .list = $0.kind { true } else { false } }
    package static let recordFields: [SchemaField] = fields.filter { if case .record = $0.kind { true } else { false } }
    /// Every record field's parts, flattened: each is a text column of its own.
    package static let recordParts: [(field: String, name: String, path: WritableKeyPath<Document, String?> & Sendable)] =
        recordFields.flatMap { f -> [(field: String, name: String, path: WritableKeyPath<Document, String?> & Sendable)] in
            guard case .record(let parts) = f.kind else { return [] }
            return parts.map { (f.name, $0.name, $0.path) }
        }

    /// The text columns (indices into `SchemaColumns.text`) of record field `name`'s parts.
    package static func recordColumns(_ name: String) -> [Int] {
        recordParts.indices.filter { recordParts[$0].field == name }.map { textFields.count + $0 }
    }

    /// Where a field's values are in the store: its column among the text, list or record-part
    /// columns.
    package static func textSlot(_ name: String) -> Int? { textFields.firstIndex { $0.name == name } }
    package static func listSlot(_ name: String) -> Int? { listFields.firstIndex { $0.name == name } }
}
