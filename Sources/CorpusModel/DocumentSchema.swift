// DocumentSchema.swift: the document fields declared once. Each entry names a field as scripts,
// JSON Lines and the API reference name it, says what kind of value it holds and where a
// `Document` keeps it; the store's columns, `document(_:)`, the cache's packs, JSON Lines, the Lua
// fields, `count_by` and the reference pages are all derived from this list. A new field of these
// kinds is one property of `Document` and one entry here, plus the readers that fill it.

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
                    summary: "the corresponding author: {name, address} as written", countable: false),
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
