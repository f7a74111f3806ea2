// ScopusReader.swift: Scopus's CSV export, by column name, so the older and newer column sets (and
// any subset a user ticked) read alike: authors, full names, affiliations and references
// separated by ";", author and index keywords, "Cited by", and the EID as the document's id.
import CorpusModel
import CorpusBytes

package enum ScopusReader {
    package static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
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
            let title = row.fields[titleColumn].trimmingSpaces
            if title.isEmpty { contents.diagnostics.append(RecordFields.untitled(path, line: row.line, "Title")) }
            var document = Document(
                id: value("EID") ?? "\(FileContents.stem(path))#\(row.line)", title: title,
                authors: authors(full: value("Author full names"), short: value("Authors"), ids: value("Author(s) ID")),
                affiliations: semicolonList(value("Affiliations")),
                abstract: value("Abstract"), doi: value("DOI"), year: value("Year").flatMap { Int($0) },
                keywords: semicolonList(value("Author Keywords")),
                language: LanguageNames.code(value("Language of Original Document")),
                journal: value("Source title"), citations: value("Cited by").flatMap { Int($0) },
                source: SourceLocation(path: path, line: row.line))
            document.affiliationAuthors = affiliationAuthors(document.affiliations, value("Authors with affiliations"), authorCount: document.authors.count)
            document.indexTerms = semicolonList(value("Index Keywords"))
            document.typeLabel = value("Document Type")
            document.type = document.typeLabel.flatMap { DocumentType.of(label: $0) }
            document.volume = value("Volume")
            document.issue = value("Issue")
            document.pages = RecordFields.pages(first: value("Page start"), last: value("Page end")) ?? value("Art. No.")
            document.issn = semicolonList(value("ISSN")).map(hyphenatedISSN)
            document.publisher = value("Publisher")
            document.funding = semicolonList(value("Funding Details"))
            (document.correspondingName, document.correspondingAddress) = corresponding(value("Correspondence Address"))
            contents.documents.append(document, referenceTexts: semicolonList(value("References")), parse: CitationText.scopus(bytes:))
        }
        if let unclosed {
            contents.diagnostics.append(Diagnostic(path: path, line: unclosed, message: "a quoted field opened here is never closed; the rest of the file was not read"))
        }
        return contents
    }

    /// Authors from "Gong, Bin (57321683800); Wang, Luowen (...)" when present (the number is
    /// Scopus's author id), else from "Gong B.; Wang L." (newer) or "Gong B., Wang L." (older
    /// exports), with the ids of "Author(s) ID" in the same order.
    package static func authors(full: String?, short: String?, ids: String? = nil) -> [AuthorName] {
        let idList = semicolonList(ids)
        func withID(_ names: [AuthorName]) -> [AuthorName] {
            guard idList.count == names.count else { return names }
            return zip(names, idList).map { var n = $0; if n.id == nil { n.id = $1 }; return n }
        }
        if let full {
            return withID(semicolonList(full).compactMap { name in
                var n = Substring(name)
                var id: String?
                if n.hasSuffix(")"), let open = n.lastIndex(of: "(") {
                    id = String(n[n.index(after: open) ..< n.index(before: n.endIndex)]).trimmingSpaces
                    n = n[..<open]
                }
                var author = AuthorName.parse(String(n), order: .familyFirst)
                if let id, !id.isEmpty, id.allSatisfy(\.isNumber) { author?.id = id }
                return author
            })
        }
        guard let short, short != "[No author name available]" else { return [] }
        let parts = short.contains(";") ? semicolonList(short) : short.split(on: ", ").map(\.trimmingSpaces)
        return withID(parts.compactMap { AuthorName.parse($0, order: .familyFirst) })
    }

    /// For each affiliation, the authors whose entry in "Authors with affiliations" ("Gong B.,
    /// Affiliation one, Affiliation two; Wang L., ...") contains it; nothing when the entries do
    /// not line up with the authors.
    package static func affiliationAuthors(_ affiliations: [String], _ withAffiliations: String?, authorCount: Int) -> [[Int]] {
        let entries = semicolonList(withAffiliations)
        guard !affiliations.isEmpty, entries.count == authorCount else { return [] }
        return affiliations.map { a in entries.indices.filter { entries[$0].contains(a) } }
    }

    /// "Correspondence Address": "Liu, Q.; Address...; email: ..." or "; Q. Liu; Address; email: ...".
    package static func corresponding(_ text: String?) -> (String?, String?) {
        let parts = semicolonList(text).filter { !$0.hasPrefix("email:") }
        return (parts.first, parts.count > 1 ? parts[1] : nil)
    }

    /// "14639076" as "1463-9076"; other forms as they are.
    package static func hyphenatedISSN(_ s: String) -> String {
        s.count == 8 && !s.contains("-") ? String(s.prefix(4)) + "-" + String(s.suffix(4)) : s
    }
}
