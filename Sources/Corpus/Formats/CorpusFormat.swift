// CorpusFormat.swift: the formats a corpus can be read from, how a file's format is recognised
// (its first bytes, then its extension), and the reader each one uses.

/// What a reader gives back for one file.
struct FileContents {
    var documents: [Document] = []
    var diagnostics: [Diagnostic] = []

    /// The file name without folder and extension, for ids of records that have none.
    static func stem(_ path: String) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for ext in [".gz", ".txt", ".ris", ".bib", ".csv", ".xml", ".nxml", ".nbib", ".json", ".jsonl", ".ciw"] where name.hasSuffix(ext) {
            name.removeLast(ext.count)
        }
        return name
    }
}

public enum CorpusFormat: String, CaseIterable, Sendable {
    /// The plain-text article record layout, one record a file.
    case record
    case wos
    case ris
    case medline
    case scopus
    case bibtex

    /// A one-line description for `inspect` and the README.
    public var title: String {
        switch self {
        case .record: return "article record (plain text)"
        case .wos: return "Web of Science plain text"
        case .ris: return "RIS"
        case .medline: return "MEDLINE / nbib"
        case .scopus: return "Scopus CSV"
        case .bibtex: return "BibTeX / BibLaTeX"
        }
    }

    /// Extensions picked up when a folder is searched.
    public static let fileExtensions: Set<String> = ["txt", "ciw", "ris", "nbib", "medline", "csv", "bib", "bibtex", "gz"]

    /// Recognises a file's format from its first bytes, falling back on its extension.
    public static func detect(path: String, bytes: UnsafeBufferPointer<UInt8>) -> CorpusFormat {
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(4096)), as: UTF8.self)
        var start = Substring(head)
        if start.hasPrefix("\u{FEFF}") { start = start.dropFirst() }
        start = start.drop { $0.isWhitespace }
        if start.hasPrefix("FN ") || start.hasPrefix("PT ") || start.hasPrefix("VR ") { return .wos }
        if start.hasPrefix("TY  -") { return .ris }
        if start.hasPrefix("PMID-") { return .medline }
        if start.hasPrefix("@"), start.dropFirst().prefix(while: \.isLetter).count >= 3 { return .bibtex }
        if let firstLine = start.split(whereSeparator: \.isNewline).first, firstLine.contains("Title"),
           firstLine.contains("Authors") || firstLine.contains("EID") || firstLine.contains("Source title") { return .scopus }
        let ext = extensionOf(path)
        switch ext {
        case "ciw": return .wos
        case "ris": return .ris
        case "nbib", "medline": return .medline
        case "csv": return .scopus
        case "bib", "bibtex": return .bibtex
        default: return .record
        }
    }

    /// The lower-cased extension, ignoring a trailing ".gz".
    static func extensionOf(_ path: String) -> String {
        var name = Substring(path.split(separator: "/").last ?? Substring(path))
        if name.lowercased().hasSuffix(".gz") { name = name.dropLast(3) }
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Reads a whole file of this format, each document finished the same way: its language
    /// guessed from its text when the source does not give it, and its self-citations flagged.
    func read(_ text: String, path: String) -> FileContents {
        var contents = readDocuments(text, path: path)
        for i in contents.documents.indices {
            if contents.documents[i].language == nil {
                contents.documents[i].language = LanguageGuesser.guess(contents.documents[i].abstract ?? contents.documents[i].title)
            }
            contents.documents[i].flagSelfCitations()
        }
        // Diagnostics in file order, whichever stage found them.
        contents.diagnostics = contents.diagnostics.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }.map(\.element)
        return contents
    }

    private func readDocuments(_ text: String, path: String) -> FileContents {
        switch self {
        case .record:
            var copy = text
            let stem = FileContents.stem(path)
            let result = copy.withUTF8 { RecordReader.parse(bytes: $0, id: stem, path: path) }
            return FileContents(documents: result.document.map { [$0] } ?? [], diagnostics: result.diagnostics)
        case .wos: return WebOfScienceReader.read(text, path: path)
        case .ris: return RISReader.read(text, path: path)
        case .medline: return MedlineReader.read(text, path: path)
        case .scopus: return ScopusReader.read(text, path: path)
        case .bibtex: return BibTeXReader.read(text, path: path)
        }
    }
}
