// CorpusField.swift: the fields an aggregation can group by, named as scripts name them.
import CorpusStore
import CorpusModel
import CorpusBytes

/// A countable field of the document model: single-valued ("year"), multi-valued ("keywords"),
/// a field of the references ("references.year"), or a countable field declared in the
/// document schema ("type", "index_terms").
package enum CorpusField: Hashable, Sendable {
    case year, language, doi, title, journal
    case authors, keywords, affiliations, sections, countries, institutions
    case referencesYear, referencesLanguage, referencesContainer, referencesAuthors, referencesDOI, referencesTitle, referencesKey
    /// A text field of the schema: its slot among `DocumentSchema.textFields`.
    case schemaText(Int)
    /// A list field of the schema: its slot among `DocumentSchema.listFields`.
    case schemaList(Int)

    private static let builtIn: [(String, CorpusField)] = [
        ("year", .year), ("language", .language), ("doi", .doi), ("title", .title), ("journal", .journal),
        ("authors", .authors), ("keywords", .keywords), ("affiliations", .affiliations), ("sections", .sections),
        ("countries", .countries), ("institutions", .institutions),
        ("references.year", .referencesYear), ("references.language", .referencesLanguage),
        ("references.container", .referencesContainer), ("references.authors", .referencesAuthors),
        ("references.doi", .referencesDOI), ("references.title", .referencesTitle), ("references.key", .referencesKey),
    ]

    /// Every field, the built-in ones first, then the schema's countable fields.
    package static let allCases: [CorpusField] = builtIn.map(\.1) + DocumentSchema.fields.filter(\.countable).compactMap { f in
        DocumentSchema.textSlot(f.name).map(CorpusField.schemaText) ?? DocumentSchema.listSlot(f.name).map(CorpusField.schemaList)
    }

    /// The name scripts use.
    package var rawValue: String {
        switch self {
        case .schemaText(let k): return DocumentSchema.textFields[k].name
        case .schemaList(let k): return DocumentSchema.listFields[k].name
        default: return CorpusField.builtIn.first { $0.1 == self }!.0
        }
    }

    package init?(rawValue: String) {
        guard let field = CorpusField.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = field
    }

    /// The names accepted, for error messages.
    package static var names: [String] { allCases.map(\.rawValue) }

    package init(name: String) throws {
        guard let field = CorpusField(rawValue: name) else {
            throw AnalysisError.unknownField(name, CorpusField.names)
        }
        self = field
    }

    /// True for fields of references, which are counted per reference, not per document.
    package var isReferenceField: Bool { rawValue.hasPrefix("references.") }

    /// The column name for this field's values in a result: "year" for "references.year".
    package var columnName: String { isReferenceField ? String(rawValue.dropFirst("references.".count)) : rawValue }
}

package enum AnalysisError: Error, CustomStringConvertible, Equatable {
    case unknownField(String, [String])
    case invalid(String)

    package var description: String {
        switch self {
        case .unknownField(let name, let valid):
            return "unknown field '\(name)'; fields are \(valid.joined(separator: ", "))"
        case .invalid(let message): return message
        }
    }
}
