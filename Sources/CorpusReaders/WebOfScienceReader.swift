// WebOfScienceReader.swift: Web of Science field-tagged plain text ("savedrecs.txt"): the FN/VR
// header, PT ... ER records, three-space continuation lines, with BOM and CRLF.
import CorpusModel
import CorpusBytes
import Foundation

package enum WebOfScienceReader {
    package static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        var kept: [Diagnostic] = []
        contents.diagnostics = TaggedText.readRecords(text, style: .webOfScience, path: path) { r in
            let title = r.text("TI")
            if title == nil { kept.append(RecordFields.untitled(path, line: r.line, "TI")) }
            let authors = authors(r)
            var document = Document(
                id: r.text("UT") ?? "\(FileContents.stem(path))#\(r.index + 1)", title: title ?? "",
                authors: authors,
                abstract: r.text("AB"), doi: r.text("DI"), year: r.text("PY").flatMap { Int($0) },
                keywords: semicolonList(r.text("DE")),
                language: LanguageNames.code(r.text("LA")), journal: r.text("SO"),
                citations: r.text(["TC", "Z9"]).flatMap { Int($0) },
                source: SourceLocation(path: path, line: r.line))
            addAffiliations(r.values("C1"), to: &document)
            document.indexTerms = semicolonList(r.text("ID"))
            document.typeLabel = r.text("DT")
            document.type = DocumentType.of(labels: semicolonList(document.typeLabel))
            document.categories = semicolonList(r.text("WC") ?? r.text("SC"))
            document.volume = r.text("VL")
            document.issue = r.text("IS")
            document.pages = RecordFields.pages(first: r.text("BP"), last: r.text("EP")) ?? r.text("AR")
            document.issn = [r.text("SN"), r.text("EI")].compactMap { $0 }
            document.publisher = r.text("PU")
            document.funding = semicolonList(r.text("FU"))
            (document.correspondingName, document.correspondingAddress) = corresponding(r.text("RP"))
            identifiers(r.text("OI"), into: &document.authors) { $0.orcid = $1 }
            identifiers(r.text("RI"), into: &document.authors) { $0.id = $1 }
            contents.documents.append(document, references: { r.forEachValue("CR", $0) }, parse: CitationText.webOfScience(bytes:))
            return nil
        }
        contents.diagnostics += kept
        return contents
    }

    /// The full names (AF) when given, else the short ones (AU); each line may hold several names
    /// separated by ";". A full name written without a comma ("Chi Dinh Nguyen") takes its family
    /// name from the short form in the same place ("Nguyen, CD").
    package static func authors(_ r: TaggedRecord) -> [AuthorName] {
        let short = r.values("AU").flatMap { semicolonList($0) }
        let full = r.values("AF").flatMap { semicolonList($0) }
        let shortNames = short.compactMap { AuthorName.parse($0, order: .familyFirst) }
        guard !full.isEmpty else { return shortNames }
        return full.enumerated().compactMap { k, name in
            guard !name.contains(","), k < shortNames.count, shortNames.count == full.count else {
                return AuthorName.parse(name, order: .familyFirst)
            }
            return withFamily(shortNames[k].family, written: name) ?? AuthorName.parse(name, order: .familyFirst)
        }
    }

    /// `written` ("Chi Dinh Nguyen") read as family name `family` and the given names around it.
    private static func withFamily(_ family: String, written: String) -> AuthorName? {
        guard let range = written.range(of: family, options: .caseInsensitive) else { return nil }
        let given = (String(written[..<range.lowerBound]) + " " + String(written[range.upperBound...])).trimmingSpaces
        return AuthorName.parse(String(written[range]) + ", " + given, order: .familyFirst).map {
            var name = $0
            name.written = written
            return name
        }
    }

    /// C1 lines "[Sun, Zhiwei; Russell, Thomas P.] Univ Massachusetts ...": the addresses, each
    /// linked to the authors it names.
    package static func addAffiliations(_ lines: [String], to d: inout Document) {
        let finder = AuthorFinder(d.authors)
        for line in lines {
            let (names, address) = RecordFields.bracketedNames(line)
            d.affiliations.append(address)
            d.affiliationAuthors.append(names.compactMap(finder.index))
        }
    }

    /// RP "Russell, TP (reprint author), Univ Massachusetts, ...; ...": the name and the first address.
    package static func corresponding(_ text: String?) -> (String?, String?) {
        guard let text else { return (nil, nil) }
        for marker in [" (reprint author), ", " (corresponding author), "] {
            if let (name, rest) = RecordFields.split(text, at: marker) {
                var address = RecordFields.split(rest, at: "; ")?.0 ?? rest
                if address.hasSuffix(".") { address.removeLast() }
                return (name.trimmingSpaces, address.trimmingSpaces)
            }
        }
        return (nil, text)
    }

    /// OI "Hasegawa, Takashi/0000-0002-8178-4980; ..." (and RI, with ResearcherIDs): each
    /// identifier set on the author it names.
    package static func identifiers(_ text: String?, into authors: inout [AuthorName], set: (inout AuthorName, String) -> Void) {
        guard let text else { return }
        let finder = AuthorFinder(authors)
        for item in semicolonList(text) {
            guard let slash = item.lastIndex(of: "/") else { continue }
            let id = String(item[item.index(after: slash)...]).trimmingSpaces
            guard !id.isEmpty, let i = finder.index(of: String(item[..<slash])) else { continue }
            set(&authors[i], id)
        }
    }
}
