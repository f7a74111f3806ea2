// WebOfScienceReader.swift: Web of Science field-tagged plain text ("savedrecs.txt"): the FN/VR
// header, PT ... ER records, three-space continuation lines, with BOM and CRLF.

enum WebOfScienceReader {
    static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        contents.diagnostics = TaggedText.readRecords(text, style: .webOfScience, path: path) { r in
            guard let title = r.text("TI") else {
                return Diagnostic(path: path, line: r.line, message: "record has no title (TI), skipped")
            }
            let names = r.has("AF") ? r.values("AF") : r.values("AU")
            let document = Document(
                id: r.text("UT") ?? "\(FileContents.stem(path))#\(r.index + 1)", title: title,
                authors: names.compactMap { AuthorName.parse($0, order: .familyFirst) },
                affiliations: r.values("C1").map(withoutBracketedNames),
                abstract: r.text("AB"), doi: r.text("DI"), year: r.text("PY").flatMap { Int($0) },
                keywords: semicolonList(r.text("DE") ?? r.text("ID")),
                language: LanguageNames.code(r.text("LA")), journal: r.text("SO"),
                citations: r.text(["TC", "Z9"]).flatMap { Int($0) },
                source: SourceLocation(path: path, line: r.line))
            contents.documents.append(document, references: { r.forEachValue("CR", $0) }, parse: CitationText.webOfScience(bytes:))
            return nil
        }
        return contents
    }

    /// "[Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts ..." without the bracketed names.
    static func withoutBracketedNames(_ line: String) -> String {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return line }
        return String(line[line.index(after: close)...]).trimmingSpaces
    }
}
