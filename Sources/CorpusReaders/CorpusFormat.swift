// CorpusFormat.swift: the formats a corpus can be read from, how a file's format is recognised
// (its first bytes, then its extension), and the reader each one uses.
import CorpusStore
import CorpusModel
import CorpusBytes

/// What a reader gives back for one file.
package struct FileContents {
    package var documents: FileDocuments
    package var diagnostics: [Diagnostic]

    /// Contents whose documents are finished as they come (`finishing`), as every reader but
    /// Scriptorium's own JSON Lines (which holds finished documents) wants. For a file of
    /// `fileBytes` bytes the store reserves room for the text such a file holds (address space
    /// only: pages never written are never touched), so that its columns do not grow by copying
    /// themselves over and over.
    package init(diagnostics: [Diagnostic] = [], finishing: Bool = true, reservingFor fileBytes: Int = 0) {
        documents = FileDocuments(finishing: finishing)
        self.diagnostics = diagnostics
        documents.store.reserve(forFileBytes: fileBytes)
    }

    /// The file name without folder and extension, for ids of records that have none.
    package static func stem(_ path: String) -> String {
        var path = path
        return path.withUTF8 { b in
            let name = fileNameRange(b)
            var end = name.upperBound
            // In this order, so that "x.txt.gz" gives "x".
            for ext in stemExtensions where end - name.lowerBound >= ext.count && b[end - ext.count ..< end].elementsEqual(ext) {
                end -= ext.count
            }
            return b.string(name.lowerBound ..< end)
        }
    }

    private static let stemExtensions: [[UInt8]] = [".gz", ".txt", ".ris", ".bib", ".csv", ".xml", ".nxml", ".nbib", ".json", ".jsonl", ".ciw"]
        .map { Array($0.utf8) }

    /// The last component of a path: what follows its last "/".
    package static func fileNameRange(_ path: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        (path.lastIndex(of: UInt8(ascii: "/"), in: 0 ..< path.count).map { $0 + 1 } ?? 0) ..< path.count
    }
}

/// Where a reader puts the documents of a file: each is finished (its language guessed when the
/// source does not give it, its self-citations flagged) and appended to a store as it comes, so
/// a large export is never held as `Document` values.
package struct FileDocuments {
    package fileprivate(set) var store = DocumentStore()
    package let finishing: Bool

    package init(finishing: Bool) { self.finishing = finishing }

    package var count: Int { store.count }
    package var isEmpty: Bool { store.count == 0 }

    package mutating func append(_ document: Document) {
        var d = document
        if finishing { d.finish() }
        store.append(d)
    }

    /// Appends a document whose references are given as their text, each parsed by `parse`
    /// straight into the store's columns (numbered from 1) instead of through `Reference` values.
    package mutating func append(_ document: Document, referenceTexts: [String], parse: (UnsafeBufferPointer<UInt8>) -> ParsedReference) {
        append(document, references: { each in
            for text in referenceTexts {
                var raw = text
                raw.withUTF8(each)
            }
        }, parse: parse)
    }

    /// Appends a document whose references are free text in styles not known ahead, handed over
    /// as bytes by `references` (which calls its argument with each in order), each read as
    /// `CitationText.freeText` reads it, straight into the columns as byte ranges.
    package mutating func append(_ document: Document, freeTextReferences texts: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        append(document) { add in
            withoutActuallyEscaping(add) { add in
                var n = 0
                texts { b in
                    n += 1
                    add(.parsed(CitationText.freeText(bytes: b), text: b, number: n))
                }
            }
        }
    }

    /// A reference handed to `append(_:references:)`: a `Reference`, or fields parsed as byte
    /// ranges of its text (which must stay valid while it is appended).
    package enum PendingReference {
        case reference(Reference)
        case parsed(ParsedReference, text: UnsafeBufferPointer<UInt8>, number: Int?)
    }

    /// Appends a document whose references `references` hands over one at a time, in order,
    /// with their self-citations flagged as `Document.flagSelfCitations` flags them.
    package mutating func append(_ document: Document, references: ((PendingReference) -> Void) -> Void) {
        let (d, own) = finished(document)
        store.append(d) { table in
            references { item in
                switch item {
                case .reference(var r):
                    if !own.isEmpty { r.selfCitation = own.cites(r) }
                    table.append(r)
                case .parsed(let parsed, let b, let number):
                    table.appendDeferred(parsed, bytes: b, number: number, own: own)
                }
            }
        }
    }

    /// `document` finished as this sink finishes documents, with its authors' keys for the
    /// self-citation flags of references appended as byte ranges (none when it does not finish).
    private func finished(_ document: Document) -> (Document, own: SelfCitation) {
        var d = document
        if finishing { d.finish() }
        return (d, finishing ? SelfCitation(authors: d.authors) : SelfCitation(keys: []))
    }

    /// As `append(_:referenceTexts:parse:)`, with the references' texts handed over as bytes by
    /// `references`, which calls its argument with each in order.
    package mutating func append(_ document: Document, references: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void,
                         parse: (UnsafeBufferPointer<UInt8>) -> ParsedReference) {
        let (d, own) = finished(document)
        withoutActuallyEscaping(parse) { parse in
            store.append(d) { table in
                var n = 0
                references { b in
                    n += 1
                    table.appendDeferred(parse(b), bytes: b, number: n, own: own)
                }
            }
        }
    }
}

package enum CorpusFormat: String, CaseIterable, Sendable {
    /// The plain-text article record layout, one record a file.
    case record
    case wos
    case ris
    case medline
    case scopus
    case bibtex
    case pubmed
    case jats
    case crossref
    case openalex
    case csl
    /// Scriptorium's own JSON Lines, written by `scriptorium convert`.
    case jsonl

    /// A one-line description for `inspect` and the README.
    package var title: String {
        switch self {
        case .record: return "article record (plain text)"
        case .wos: return "Web of Science plain text"
        case .ris: return "RIS"
        case .medline: return "MEDLINE / nbib"
        case .scopus: return "Scopus CSV"
        case .bibtex: return "BibTeX / BibLaTeX"
        case .pubmed: return "PubMed XML"
        case .jats: return "JATS XML"
        case .crossref: return "Crossref JSON"
        case .openalex: return "OpenAlex JSON"
        case .csl: return "CSL-JSON"
        case .jsonl: return "Scriptorium JSON Lines"
        }
    }

    /// Extensions picked up when a folder is searched.
    package static let fileExtensions: Set<String> = ["txt", "ciw", "ris", "nbib", "medline", "csv", "bib", "bibtex", "xml", "nxml", "json", "jsonl", "ndjson", "gz"]

    /// Recognises a file's format from its first bytes, falling back on its extension.
    package static func detect(path: String, bytes: UnsafeBufferPointer<UInt8>) -> CorpusFormat {
        var i = TextDecoding.byteOrderMarkLength(bytes)
        while i < bytes.count, UTF8Class.isSpace(bytes[i]) { i += 1 }
        let b = bytes
        if b.hasPrefix("FN ", at: i) || b.hasPrefix("PT ", at: i) || b.hasPrefix("VR ", at: i) { return .wos }
        if b.hasPrefix("TY  -", at: i) { return .ris }
        if b.hasPrefix("PMID-", at: i) { return .medline }
        if b.hasPrefix("<", at: i) {
            switch XMLScanner.rootName(bytes) {
            case "PubmedArticleSet", "PubmedArticle", "PubmedBookArticle": return .pubmed
            case "article": return .jats
            default: break
            }
        }
        // JSON: an object or an array of objects (a record's title may start with "[": a
        // translated title, as PubMed writes them), and never a .txt file.
        if looksLikeJSON(b, at: i), extensionOf(path) != "txt" {
            let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[i ..< min(bytes.count, i + 4096)]), as: UTF8.self)
            if head.hasPrefix(CorpusJSONLines.header) { return .jsonl }
            if head.contains("openalex.org/W") || head.contains("\"abstract_inverted_index\"") { return .openalex }
            if head.contains("\"message-type\"") || head.contains("\"reference-count\"") || head.contains("\"is-referenced-by-count\"")
                || head.contains("\"agency\"") || head.contains("\"DOI\"") && head.contains("\"member\"") { return .crossref }
            return .csl
        }
        if b.hasPrefix("@", at: i) {
            var k = i + 1
            while k < b.count, (b[k] | 0x20) >= 0x61, (b[k] | 0x20) <= 0x7A { k += 1 }
            if k - i - 1 >= 3 { return .bibtex }
        }
        // A CSV header naming Scopus's columns.
        var lineEnd = i
        while lineEnd < b.count, lineEnd - i < 4096, b[lineEnd] != 0x0A { lineEnd += 1 }
        if b.contains("Title", in: i ..< lineEnd),
           b.contains("Authors", in: i ..< lineEnd) || b.contains("EID", in: i ..< lineEnd) || b.contains("Source title", in: i ..< lineEnd) {
            return .scopus
        }
        let ext = extensionOf(path)
        switch ext {
        case "ciw": return .wos
        case "ris": return .ris
        case "nbib", "medline": return .medline
        case "csv": return .scopus
        case "bib", "bibtex": return .bibtex
        case "nxml": return .jats
        case "xml": return .pubmed
        case "json", "ndjson": return .csl
        case "jsonl": return .jsonl
        default: return .record
        }
    }

    /// Whether the text at `i` opens a JSON object ("{" then a quote or "}") or an array of
    /// values ("[" then "{", "[", "]", a quote, or a digit).
    private static func looksLikeJSON(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < b.count, b[i] == UInt8(ascii: "{") || b[i] == UInt8(ascii: "[") else { return false }
        var k = i + 1
        while k < b.count, UTF8Class.isSpace(b[k]) { k += 1 }
        guard k < b.count else { return false }
        let next = b[k]
        if b[i] == UInt8(ascii: "{") { return next == UInt8(ascii: "\"") || next == UInt8(ascii: "}") }
        return [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\"")].contains(next) || (0x30 ... 0x39).contains(next)
    }

    /// The lower-cased extension, ignoring a trailing ".gz".
    package static func extensionOf(_ path: String) -> String {
        var path = path
        return path.withUTF8 { b in
            let name = FileContents.fileNameRange(b)
            var end = name.upperBound
            if name.count >= 3 && b.equalsIgnoringASCIICase(end - 3 ..< end, ".gz") { end -= 3 }
            guard let dot = b.lastIndex(of: UInt8(ascii: "."), in: name.lowerBound ..< end) else { return "" }
            let ext = dot + 1 ..< end
            guard b.isASCII(ext) else { return b.string(ext).lowercased() }
            return String(decoding: b[ext].lazy.map(UTF8Class.asciiLower), as: UTF8.self)
        }
    }

    /// Reads a whole file of this format from its text's UTF-8 bytes (valid UTF-8).
    package func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = readDocuments(text, path: path)
        // Diagnostics in file order, whichever stage found them.
        contents.diagnostics = contents.diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element)
        return contents
    }

    private func readDocuments(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        switch self {
        case .record:
            var contents = FileContents(reservingFor: text.count)
            contents.diagnostics = RecordReader.read(bytes: text, id: FileContents.stem(path), path: path, into: &contents.documents.store)
            return contents
        case .wos: return WebOfScienceReader.read(text, path: path)
        case .ris: return RISReader.read(text, path: path)
        case .medline: return MedlineReader.read(text, path: path)
        case .scopus: return ScopusReader.read(text, path: path)
        case .bibtex: return BibTeXReader.read(text, path: path)
        case .pubmed: return PubMedReader.read(text, path: path)
        case .jats: return JATSReader.read(text, path: path)
        case .crossref: return JSONWorks.crossref(text, path: path)
        case .openalex: return JSONWorks.openAlex(text, path: path)
        case .csl: return JSONWorks.csl(text, path: path)
        case .jsonl: return CorpusJSONLines.read(text, path: path)
        }
    }

}
