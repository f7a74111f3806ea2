// FieldValues.swift: the values a document (or a reference) has for a countable field, each with
// the key it is grouped by: case-folded text, authors by normalised name, years as numbers.
import Corpus

/// One value of a field: its grouping key and the cell shown for it.
public struct FieldValue: Sendable {
    public var key: String
    public var cell: Cell
}

extension CorpusField {
    /// The distinct values of this document field for `row` (empty for reference fields).
    public func values(_ s: DocumentStore, row: Int) -> [FieldValue] {
        switch self {
        case .year: return s.year[row].map { [FieldValue(key: String($0), cell: .int($0))] } ?? []
        case .language: return s.language.optional(row).map { [FieldValue(key: $0, cell: .text($0))] } ?? []
        case .doi: return s.doi.optional(row).map { [FieldValue(key: $0.lowercased(), cell: .text($0))] } ?? []
        case .title: return [FieldValue(key: s.title.string(row).lowercased(), cell: .text(s.title.string(row)))]
        case .authors:
            return distinct(s.authors.range(row).map { FieldValue(key: s.authorNames.key.string($0), cell: .text(s.authorNames.author($0).display)) })
        case .keywords: return distinctText(s.keywords.range(row).map { s.keywordText.string($0) })
        case .affiliations: return distinctText(s.affiliations.range(row).map { s.affiliationText.string($0) })
        case .sections: return distinctText(s.sections.range(row).map { s.sectionTable.label.string($0) })
        default: return []
        }
    }

    /// The distinct values of this reference field for reference `r` (empty for document fields).
    public func referenceValues(_ s: DocumentStore, reference r: Int) -> [FieldValue] {
        let t = s.referenceTable
        switch self {
        case .referencesYear: return t.year[r].map { [FieldValue(key: String($0), cell: .int($0))] } ?? []
        case .referencesLanguage: return t.language.optional(r).map { [FieldValue(key: $0, cell: .text($0))] } ?? []
        case .referencesContainer: return t.container.optional(r).map { [FieldValue(key: $0.lowercased(), cell: .text($0))] } ?? []
        case .referencesTitle: return t.title.optional(r).map { [FieldValue(key: $0.lowercased(), cell: .text($0))] } ?? []
        case .referencesDOI: return t.doi.optional(r).map { [FieldValue(key: $0.lowercased(), cell: .text($0))] } ?? []
        case .referencesAuthors:
            return distinct(t.authors.range(r).map { FieldValue(key: t.authorNames.key.string($0), cell: .text(t.authorNames.author($0).display)) })
        default: return []
        }
    }

    private func distinct(_ values: [FieldValue]) -> [FieldValue] {
        var seen = Set<String>()
        return values.filter { seen.insert($0.key).inserted }
    }

    private func distinctText(_ values: [String]) -> [FieldValue] {
        distinct(values.map { FieldValue(key: $0.lowercased(), cell: .text($0)) })
    }
}
