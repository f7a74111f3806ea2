// CorpusField.swift: the fields an aggregation can group by, named as scripts name them.
import Corpus

/// A countable field of the document model: single-valued ("year"), multi-valued ("keywords"),
/// or a field of the references ("references.year").
package enum CorpusField: String, CaseIterable, Sendable {
    case year, language, doi, title, journal
    case authors, keywords, affiliations, sections
    case referencesYear = "references.year"
    case referencesLanguage = "references.language"
    case referencesContainer = "references.container"
    case referencesAuthors = "references.authors"
    case referencesDOI = "references.doi"
    case referencesTitle = "references.title"

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
