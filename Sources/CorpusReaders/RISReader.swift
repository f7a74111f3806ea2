// RISReader.swift: RIS files from reference managers and from Scopus ("TY  - JOUR" ... "ER  - "),
// with repeated AU and KW tags and Scopus's "N1  - References:" list, one reference a line.
import CorpusModel
import CorpusBytes

package enum RISReader {
    package static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        var kept: [Diagnostic] = []
        contents.diagnostics = TaggedText.readRecords(text, style: .ris, path: path) { r in
            let title = r.text(["TI", "T1", "CT", "BT"])
            if title == nil { kept.append(RecordFields.untitled(path, line: r.line, "TI or T1")) }
            let risType = r.text("TY")
            var document = Document(
                id: r.text(["ID", "AN"]) ?? "\(FileContents.stem(path))#\(r.index + 1)", title: title ?? "",
                authors: authors(r),
                affiliations: r.values("AD"),
                abstract: r.text(["AB", "N2"]), doi: r.text("DO").map(DOI.clean),
                year: (r.text(["PY", "Y1", "DA"])).flatMap(leadingYear),
                keywords: r.values("KW").flatMap { semicolonList($0) },
                language: LanguageNames.code(r.text("LA")),
                journal: r.text(["T2", "C3", "JO", "JF", "J2"]), citations: citedBy(r),
                source: SourceLocation(path: path, line: r.line))
            // Scopus writes its own label in M3 ("Conference Paper"), reference managers the RIS type.
            let label = r.text("M3").flatMap { DocumentType.of(label: $0) == nil ? nil : $0 }
            document.typeLabel = label ?? risType
            document.type = label.flatMap { DocumentType.of(label: $0) } ?? risType.flatMap { DocumentType.of(label: $0) }
            document.volume = r.text("VL")
            document.issue = r.text("IS")
            document.pages = RecordFields.pages(first: r.text("SP"), last: r.text("EP"))
            document.issn = r.values("SN").flatMap { semicolonList($0) }
            document.publisher = r.text("PB")
            let address = note(r, "Correspondence Address:")
            (document.correspondingName, document.correspondingAddress) = ScopusReader.corresponding(address)
            contents.documents.append(document, references: { forEachReference(r, $0) }, parse: CitationText.scopus(bytes:))
            return nil
        }
        contents.diagnostics += kept
        return contents
    }

    /// Every AU and A1 line, in the order the record gives them (editors, A2 and ED, are not
    /// authors). "Family, Given" is the RIS form; a name without a comma is read given name first,
    /// as reference managers that ignore the form write it.
    package static func authors(_ r: TaggedRecord) -> [AuthorName] {
        let tags = [TaggedRecord.pack("AU".utf8), TaggedRecord.pack("A1".utf8)]
        return r.fields.filter { tags.contains($0.tag) }.flatMap { r.lines(of: $0) }.compactMap { name in
            AuthorName.parse(name, order: name.contains(",") ? .familyFirst : .givenFirst)
        }
    }

    /// The text of the N1 note that starts with `prefix`, without it.
    package static func note(_ r: TaggedRecord, _ prefix: String) -> String? {
        for f in r.fields("N1") {
            let text = r.lines(of: f).joined(separator: " ")
            if text.hasPrefix(prefix) { return String(text.dropFirst(prefix.count)).trimmingSpaces }
        }
        return nil
    }

    /// The year at the start of "2020", "2020/05/01/" or "2020///".
    package static func leadingYear(_ text: String) -> Int? {
        var copy = text
        return copy.withUTF8 { b in
            let t = b.trimmedSpaces(0 ..< b.count)
            guard t.count >= 4 else { return nil }
            var year = 0
            for k in t.lowerBound ..< t.lowerBound + 4 {
                guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
                year = year * 10 + Int(b[k] - 0x30)
            }
            // A mark joined to the fourth digit makes it no digit (as a Character).
            if t.count > 4 && b[t.lowerBound + 4] >= 0x80 { return slowLeadingYear(text) }
            return year
        }
    }

    private static func slowLeadingYear(_ text: String) -> Int? {
        let digits = text.trimmingSpaces.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Scopus's "N1  - References: A;" followed by one reference a line: calls `body` with each
    /// reference's text (spaces and the closing semicolon trimmed).
    private static func forEachReference(_ r: TaggedRecord, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let prefix: StaticString = "References:"
        let b = r.bytes
        // (The prefix holds no space, so it never matches past a line's trimmed end.)
        guard let field = r.fields("N1").first(where: { b.hasPrefix(prefix, at: r.lineRanges[$0.lines.lowerBound].lowerBound) })
        else { return }
        for (k, line) in r.lineRanges[field.lines].enumerated() {
            var t = b.trimmedSpaces(k == 0 ? line.lowerBound + prefix.utf8CodeUnitCount ..< line.upperBound : line)
            if let last = t.last, b[last] == UInt8(ascii: ";") { t = t.lowerBound ..< last }
            if !t.isEmpty { body(UnsafeBufferPointer(rebasing: b[t])) }
        }
    }

    /// Scopus's "N1  - Cited By: 12" (or "Cited By :12").
    private static func citedBy(_ r: TaggedRecord) -> Int? {
        for f in r.fields("N1") {
            guard let line = r.lines(of: f).first, line.hasPrefix("Cited By") else { continue }
            return Int(line.drop { !$0.isNumber }.prefix { $0.isNumber })
        }
        return nil
    }
}
