// FieldCounter.swift: count_by: how many documents (or, for reference fields, references) have
// each value of a field. Values are grouped case-insensitively (authors by their normalised name)
// and shown in their first spelling; missing values are not counted.
import Corpus

public enum FieldCounter {
    /// A table with the field's values and their counts, by count descending, then value ascending.
    public static func countBy(_ corpus: Corpus, _ field: CorpusField) -> Table {
        var counts: [String: (cell: Cell, count: Int)] = [:]
        func add(_ key: String, _ cell: Cell) {
            if let existing = counts[key] {
                counts[key] = (existing.cell, existing.count + 1)
            } else {
                counts[key] = (cell, 1)
            }
        }
        let s = corpus.store
        for row in corpus.rowIndices {
            switch field {
            case .year:
                if let y = s.year[row] { add(String(y), .int(y)) }
            case .language:
                if let v = s.language.optional(row) { add(v, .text(v)) }
            case .doi:
                if let v = s.doi.optional(row) { add(v.lowercased(), .text(v)) }
            case .title:
                add(s.title.string(row).lowercased(), .text(s.title.string(row)))
            case .authors:
                var seen = Set<String>()
                for a in s.authors.range(row) {
                    let key = s.authorNames.key.string(a)
                    if seen.insert(key).inserted { add(key, .text(s.authorNames.author(a).display)) }
                }
            case .keywords:
                distinct(s.keywords.range(row).map { s.keywordText.string($0) }, add)
            case .affiliations:
                distinct(s.affiliations.range(row).map { s.affiliationText.string($0) }, add)
            case .sections:
                distinct(s.sections.range(row).map { s.sectionTable.label.string($0) }, add)
            case .referencesYear:
                for r in s.references.range(row) {
                    if let y = s.referenceTable.year[r] { add(String(y), .int(y)) }
                }
            case .referencesLanguage:
                for r in s.references.range(row) {
                    if let v = s.referenceTable.language.optional(r) { add(v, .text(v)) }
                }
            case .referencesContainer:
                for r in s.references.range(row) {
                    if let v = s.referenceTable.container.optional(r) { add(v.lowercased(), .text(v)) }
                }
            case .referencesDOI:
                for r in s.references.range(row) {
                    if let v = s.referenceTable.doi.optional(r) { add(v.lowercased(), .text(v)) }
                }
            case .referencesAuthors:
                let t = s.referenceTable
                for r in s.references.range(row) {
                    var seen = Set<String>()
                    for a in t.authors.range(r) {
                        let key = t.authorNames.key.string(a)
                        if seen.insert(key).inserted { add(key, .text(t.authorNames.author(a).display)) }
                    }
                }
            }
        }
        let rows = counts.values.map { [$0.cell, .int($0.count)] }
        let columnName = field.isReferenceField ? String(field.rawValue.dropFirst("references.".count)) : field.rawValue
        return (try? Table(trusted: [columnName, "count"], rows: rows).sorted(by: "count", descending: true))!
    }

    private static func distinct(_ values: [String], _ add: (String, Cell) -> Void) {
        var seen = Set<String>()
        for v in values {
            let key = v.lowercased()
            if seen.insert(key).inserted { add(key, .text(v)) }
        }
    }
}
