// RISReader.swift: RIS files from reference managers and from Scopus ("TY  - JOUR" ... "ER  - "),
// with repeated AU and KW tags and Scopus's "N1  - References:" list, one reference a line.

enum RISReader {
    static func read(_ text: String, path: String) -> FileContents {
        let (records, diagnostics) = TaggedText.records(text, style: .ris, path: path)
        var contents = FileContents(diagnostics: diagnostics)
        for (n, r) in records.enumerated() {
            guard let title = r.text(["TI", "T1", "CT", "BT"]) else {
                contents.diagnostics.append(Diagnostic(path: path, line: r.line, message: "record has no title (TI or T1), skipped"))
                continue
            }
            let document = Document(
                id: r.text(["ID", "AN"]) ?? "\(FileContents.stem(path))#\(n + 1)", title: title,
                authors: (r.has("AU") ? r.values("AU") : r.values("A1")).compactMap { AuthorName.parse($0, order: .familyFirst) },
                affiliations: r.values("AD"),
                abstract: r.text(["AB", "N2"]), doi: r.text("DO").map(CitationText.cleanDOI),
                year: (r.text(["PY", "Y1", "DA"])).flatMap(leadingYear),
                keywords: r.values("KW").flatMap { semicolonList($0) },
                language: LanguageNames.code(r.text("LA")),
                journal: r.text(["T2", "JO", "JF", "J2"]), citations: citedBy(r),
                source: SourceLocation(path: path, line: r.line))
            contents.documents.append(document, referenceTexts: references(r), parse: CitationText.scopus(bytes:))
        }
        return contents
    }

    /// The year at the start of "2020", "2020/05/01/" or "2020///".
    static func leadingYear(_ text: String) -> Int? {
        let digits = text.trimmingSpaces.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Scopus's "N1  - References: A;" followed by one reference a line: their texts.
    private static func references(_ r: TaggedRecord) -> [String] {
        guard let field = r.fields.first(where: { $0.tag == "N1" && $0.lines.first?.hasPrefix("References:") == true }) else { return [] }
        var lines = field.lines
        lines[0] = String(lines[0].dropFirst("References:".count))
        return lines.map { line -> String in
            var t = line.trimmingSpaces
            if t.hasSuffix(";") { t.removeLast() }
            return t
        }.filter { !$0.isEmpty }
    }

    /// Scopus's "N1  - Cited By: 12" (or "Cited By :12").
    private static func citedBy(_ r: TaggedRecord) -> Int? {
        for f in r.fields where f.tag == "N1" {
            guard let line = f.lines.first, line.hasPrefix("Cited By") else { continue }
            return Int(line.drop { !$0.isNumber }.prefix { $0.isNumber })
        }
        return nil
    }
}
