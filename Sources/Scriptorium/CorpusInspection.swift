// CorpusInspection.swift: the text `scriptorium inspect` prints: what was read from each file,
// the warnings, the duplicates merged, the share of documents with each field and the local
// citations.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

/// The text `inspect` prints.
enum CorpusInspection {
    static func report(_ corpus: Corpus) -> String {
        var lines: [String] = []
        lines.append("Files")
        let pathWidth = max(4, corpus.files.map(\.path.count).max() ?? 4)
        lines.append(pad("file", pathWidth) + "  " + pad("format", 28) + "  records  warnings")
        for f in corpus.files {
            lines.append(pad(f.path, pathWidth) + "  " + pad(f.format?.title ?? (f.documents > 0 ? "Scriptorium pack (Arrow)" : "unreadable"), 28) + "  "
                         + leftPad(String(f.documents), 7) + "  " + leftPad(String(f.warnings), 8))
        }
        let read = corpus.files.reduce(0) { $0 + $1.documents }
        lines.append("")
        lines.append("\(read) record\(read == 1 ? "" : "s") read from \(corpus.files.count) file\(corpus.files.count == 1 ? "" : "s"); "
                     + "\(corpus.merged) merged as duplicates; \(corpus.count) document\(corpus.count == 1 ? "" : "s")")
        if !corpus.diagnostics.isEmpty {
            lines.append("")
            lines.append("Warnings (\(corpus.diagnostics.count))")
            for d in corpus.diagnostics.prefix(50) { lines.append("  " + d.description) }
            if corpus.diagnostics.count > 50 { lines.append("  ... and \(corpus.diagnostics.count - 50) more") }
        }
        lines.append("")
        lines.append("Field coverage (share of documents that have it)")
        for (name, count) in coverage(corpus) {
            let share = corpus.count == 0 ? 0 : Double(count) / Double(corpus.count) * 100
            lines.append("  " + pad(name, 14) + leftPad(String(format: "%.1f%%", share), 7) + leftPad(String(count), 9))
        }
        let citations = corpus.citations
        lines.append("")
        lines.append("References: \(corpus.store.referenceTable.count), of which \(citations.linked) cite a document of the corpus")
        return lines.joined(separator: "\n")
    }

    static func coverage(_ corpus: Corpus) -> [(String, Int)] {
        let s = corpus.store
        var counts = [Int](repeating: 0, count: 9)
        for row in corpus.rowIndices {
            if !s.title.string(row).isEmpty { counts[0] += 1 }
            if !s.authors.range(row).isEmpty { counts[1] += 1 }
            if !s.abstract.isEmpty(row) { counts[2] += 1 }
            if s.year[row] != nil { counts[3] += 1 }
            if !s.doi.isEmpty(row) { counts[4] += 1 }
            if !s.keywords.range(row).isEmpty { counts[5] += 1 }
            if !s.references.range(row).isEmpty { counts[6] += 1 }
            if !s.affiliations.range(row).isEmpty { counts[7] += 1 }
            if !s.journal.isEmpty(row) { counts[8] += 1 }
        }
        let builtIn = zip(["title", "authors", "abstract", "year", "DOI", "keywords", "references", "affiliations", "journal"], counts).map { ($0, $1) }
        return builtIn + [("author links", linkedAffiliations(corpus)), ("ORCIDs", withORCID(corpus))] + schemaCoverage(corpus)
    }

    /// Documents with a value in each field of the schema (`type`, `index_terms`, ...).
    static func schemaCoverage(_ corpus: Corpus) -> [(String, Int)] {
        let s = corpus.store
        let rows = corpus.rowIndices
        let texts = DocumentSchema.textFields.enumerated().map { k, f in (f.name, rows.filter { !s.schema.text[k].isEmpty($0) }.count) }
        let lists = DocumentSchema.listFields.enumerated().map { k, f in (f.name, rows.filter { !s.schema.lists[k].range($0).isEmpty }.count) }
        let records = DocumentSchema.recordFields.map { f -> (String, Int) in
            let columns = DocumentSchema.recordColumns(f.name).map { s.schema.text[$0] }
            return (f.name, rows.filter { row in columns.contains { !$0.isEmpty(row) } }.count)
        }
        let all = Dictionary(uniqueKeysWithValues: texts + lists + records)
        return DocumentSchema.fields.map { ($0.name, all[$0.name] ?? 0) }
    }

    /// Documents whose affiliations are linked to their authors.
    private static func linkedAffiliations(_ corpus: Corpus) -> Int {
        let s = corpus.store
        return corpus.rowIndices.filter { row in s.affiliations.range(row).contains { !s.affiliationLinks.authors(of: $0).isEmpty } }.count
    }

    /// Documents with at least one author's ORCID.
    private static func withORCID(_ corpus: Corpus) -> Int {
        let s = corpus.store
        return corpus.rowIndices.filter { row in s.authors.range(row).contains { !s.authorNames.orcid.isEmpty($0) } }.count
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    private static func leftPad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
