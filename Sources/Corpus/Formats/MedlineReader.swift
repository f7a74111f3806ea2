// MedlineReader.swift: MEDLINE / nbib tagged text, as PubMed's "Save as MEDLINE" and reference
// managers write it ("PMID- 31542275", "FAU - Sun, Zhiwei", six-space continuation lines,
// records separated by blank lines).
import Foundation

enum MedlineReader {
    static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        contents.diagnostics = TaggedText.readRecords(text, style: .medline, path: path) { r in
            guard let title = r.text(["TI", "BTI"]) else {
                return Diagnostic(path: path, line: r.line, message: "record has no title (TI), skipped")
            }
            let names = r.has("FAU") ? r.values("FAU") : r.values("AU")
            let otherTerms = r.values("OT")
            let keywords = otherTerms.isEmpty ? r.values("MH").map(meshHeading) : otherTerms
            let document = Document(
                id: r.text("PMID").map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(r.line)", title: title,
                authors: names.compactMap { AuthorName.parse($0, order: .familyFirst) },
                affiliations: r.fields("AD").map { r.lines(of: $0).joined(separator: " ") },
                abstract: r.text("AB"), doi: doi(r),
                year: r.text(["DP", "DEP"]).flatMap(RISReader.leadingYear), keywords: keywords,
                language: LanguageNames.code(r.text("LA")), journal: r.text(["JT", "TA"]),
                source: SourceLocation(path: path, line: r.line))
            contents.documents.append(document)
            return nil
        }
        return contents
    }

    /// "10.1016/j.x.2019.01.002 [doi]" from LID or AID.
    private static func doi(_ r: TaggedRecord) -> String? {
        for value in r.values("LID") + r.values("AID") where value.hasSuffix("[doi]") {
            return String(value.dropLast(5)).trimmingSpaces
        }
        return nil
    }

    /// "Neoplasms/*therapy" gives "Neoplasms"; "*Humans" gives "Humans".
    static func meshHeading(_ value: String) -> String {
        let main = value.split(separator: "/").first.map(String.init) ?? value
        return main.replacingOccurrences(of: "*", with: "").trimmingSpaces
    }
}
