// ScopusReader.swift: Scopus's CSV export, by column name, so the older and newer column sets (and
// any subset a user ticked) read alike: authors, full names, affiliations and references
// separated by ";", author and index keywords, "Cited by", and the EID as the document's id.

enum ScopusReader {
    static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        let (rows, unclosed) = CSVReader.rows(bytes: text)
        guard let header = rows.first else { return contents }
        let column = Dictionary(header.fields.enumerated().map { ($1.trimmingSpaces, $0) }, uniquingKeysWith: { a, _ in a })
        guard let titleColumn = column["Title"] else {
            contents.diagnostics.append(Diagnostic(path: path, line: header.line, message: "no \"Title\" column in the header; not a Scopus export?"))
            return contents
        }
        for row in rows.dropFirst() {
            func value(_ name: String) -> String? {
                guard let i = column[name], i < row.fields.count else { return nil }
                let v = row.fields[i].trimmingSpaces
                return v.isEmpty || v == "[No abstract available]" ? nil : v
            }
            guard row.fields.count == header.fields.count else {
                contents.diagnostics.append(Diagnostic(path: path, line: row.line, message: "row has \(row.fields.count) fields, the header \(header.fields.count); skipped"))
                continue
            }
            guard titleColumn < row.fields.count, !row.fields[titleColumn].trimmingSpaces.isEmpty else {
                contents.diagnostics.append(Diagnostic(path: path, line: row.line, message: "row has no title, skipped"))
                continue
            }
            contents.documents.append(Document(
                id: value("EID") ?? "\(FileContents.stem(path))#\(row.line)", title: row.fields[titleColumn].trimmingSpaces,
                authors: authors(full: value("Author full names"), short: value("Authors")),
                affiliations: semicolonList(value("Affiliations")),
                abstract: value("Abstract"), doi: value("DOI"), year: value("Year").flatMap { Int($0) },
                keywords: semicolonList(value("Author Keywords")),
                language: LanguageNames.code(value("Language of Original Document")),
                journal: value("Source title"), citations: value("Cited by").flatMap { Int($0) },
                source: SourceLocation(path: path, line: row.line)),
                referenceTexts: semicolonList(value("References")), parse: CitationText.scopus(bytes:))
        }
        if let unclosed {
            contents.diagnostics.append(Diagnostic(path: path, line: unclosed, message: "a quoted field opened here is never closed; the rest of the file was not read"))
        }
        return contents
    }

    /// Authors from "Gong, Bin (57321683800); Wang, Luowen (...)" when present, else from
    /// "Gong B.; Wang L." (newer) or "Gong B., Wang L." (older exports).
    static func authors(full: String?, short: String?) -> [AuthorName] {
        if let full {
            return semicolonList(full).compactMap { name in
                var n = Substring(name)
                if n.hasSuffix(")"), let open = n.lastIndex(of: "(") { n = n[..<open] }
                return AuthorName.parse(String(n), order: .familyFirst)
            }
        }
        guard let short, short != "[No author name available]" else { return [] }
        let parts = short.contains(";") ? semicolonList(short) : short.split(on: ", ").map(\.trimmingSpaces)
        return parts.compactMap { AuthorName.parse($0, order: .familyFirst) }
    }
}
