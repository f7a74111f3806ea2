// RecordReader.swift: reads the plain-text article record layout: a title, the authors, the
// affiliations, then "Abstract", a (structured) abstract and the DOI link, "Keywords", and a
// numbered "References" list, blocks separated by blank lines.
import Foundation

public enum RecordReader {
    public struct Result {
        public var document: Document?
        public var diagnostics: [Diagnostic]
    }

    /// Parses one record. `id` names the document; `path` is used in diagnostics.
    public static func parse(_ text: String, id: String, path: String) -> Result {
        // "\r\n" is one Character in Swift, so split on any line break rather than on "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line -> Substring in
            var l = line
            while let last = l.last, last.isWhitespace { l.removeLast() }  // also "\r"
            return l
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard lines.contains(where: { !$0.isEmpty }) else {
            return Result(document: nil, diagnostics: [Diagnostic(path: path, message: "empty record, skipped")])
        }
        let markers = findMarkers(lines)
        let headerEnd = [markers.abstract, markers.keywords, markers.references].compactMap { $0 }.min() ?? lines.count
        let header = blocks(lines, 0 ..< headerEnd)
        guard let titleBlock = header.first else {
            let line = (lines.firstIndex { !$0.isEmpty } ?? 0) + 1
            return Result(document: nil, diagnostics: [Diagnostic(path: path, line: line, message: "no title before the '\(lines[line - 1])' line, record skipped")])
        }
        var diagnostics: [Diagnostic] = []
        var document = Document(id: id, title: joined(titleBlock.lines), source: SourceLocation(path: path, line: titleBlock.start + 1))
        if header.count > 1 {
            document.authors = parseAuthors(joined(header[1].lines))
            if document.authors.isEmpty {
                diagnostics.append(Diagnostic(path: path, line: header[1].start + 1, message: "no author names found in '\(joined(header[1].lines))'"))
            }
        }
        for block in header.dropFirst(2) {
            for line in block.lines where !isDOILine(line) { document.affiliations.append(String(line)) }
        }

        var abstractParagraphs: [String] = []
        if let start = markers.abstract {
            let end = [markers.keywords, markers.references].compactMap { $0 }.filter { $0 > start }.min() ?? lines.count
            for block in blocks(lines, (start + 1) ..< end) {
                let paragraph = joined(block.lines)
                if let doi = doi(inLine: paragraph), block.lines.count == 1 { document.doi = doi; continue }
                abstractParagraphs.append(paragraph)
            }
        }
        if document.doi == nil {
            document.doi = lines.lazy.filter(isDOILine).compactMap { doi(inLine: $0) }.first
        }
        let (abstract, sections) = StructuredAbstract.parse(joinParagraphs(abstractParagraphs))
        document.abstract = abstract.isEmpty ? nil : abstract
        document.sections = sections

        if let start = markers.keywords {
            let end = [markers.references].compactMap { $0 }.filter { $0 > start }.min() ?? lines.count
            let text = lines[(start + 1) ..< end].filter { !$0.isEmpty }.joined(separator: " ")
            document.keywords = splitKeywords(text)
        }
        if let start = markers.references {
            document.references = parseReferences(lines, from: start + 1)
        }
        document.year = DOIYear.year(in: document.doi)
        document.language = LanguageGuesser.guess(document.title + " " + (document.abstract ?? ""))
        document.markSelfCitations()
        return Result(document: document, diagnostics: diagnostics)
    }

    // MARK: layout

    struct Markers { var abstract, keywords, references: Int? }

    static func findMarkers(_ lines: [Substring]) -> Markers {
        var m = Markers()
        for (i, line) in lines.enumerated() {
            var word = line.lowercased().trimmingCharacters(in: .whitespaces)
            if word.hasSuffix(":") { word.removeLast() }
            switch word {
            case "abstract", "summary": m.abstract = m.abstract ?? i
            case "keywords", "key words", "keywords and phrases": m.keywords = m.keywords ?? i
            case "references", "bibliography", "literature": m.references = m.references ?? i
            default: break
            }
        }
        return m
    }

    struct Block { var start: Int; var lines: [Substring] }

    /// Runs of non-blank lines within `range`.
    static func blocks(_ lines: [Substring], _ range: Range<Int>) -> [Block] {
        var result: [Block] = []
        var current: Block?
        for i in range {
            if lines[i].isEmpty {
                if let c = current { result.append(c) }
                current = nil
            } else if current == nil {
                current = Block(start: i, lines: [lines[i]])
            } else {
                current!.lines.append(lines[i])
            }
        }
        if let c = current { result.append(c) }
        return result
    }

    static func joined(_ lines: [Substring]) -> String {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// Paragraphs joined with a blank line, except that a paragraph starting in lower case continues
    /// the one before (a page break in the source).
    static func joinParagraphs(_ paragraphs: [String]) -> String {
        var text = ""
        for p in paragraphs {
            if text.isEmpty { text = p; continue }
            text += (p.first?.isLowercase ?? false) ? " " + p : "\n\n" + p
        }
        return text
    }

    // MARK: fields

    static func isDOILine(_ line: Substring) -> Bool {
        let l = line.lowercased()
        return l.contains("doi.org/") || l.hasPrefix("doi:") || l.hasPrefix("doi ")
    }

    static func doi(inLine line: String) -> String? {
        let l = Substring(line)
        guard isDOILine(l) || line.hasPrefix("<http") else { return nil }
        return ReferenceParser.doi(in: line)
    }

    static func doi(inLine line: Substring) -> String? { doi(inLine: String(line)) }

    static func parseAuthors(_ text: String) -> [AuthorName] {
        let s = Array(text.unicodeScalars)
        var position = 0
        let parsed = ReferenceParser.authors(s, from: &position)
        if !parsed.isEmpty && position >= s.count - 1 { return parsed }
        // Other spellings ("Pavel N. Dudin; Zufar F. Khusainov"): split on ";" or ",".
        let separator: Character = text.contains(";") ? ";" : ","
        return text.split(separator: separator).compactMap { AuthorName.parse(String($0), order: .familyFirst) }
    }

    static func splitKeywords(_ text: String) -> [String] {
        let separator: Character = text.contains(";") ? ";" : ","
        return text.split(separator: separator).compactMap { part in
            var k = part.trimmingCharacters(in: .whitespaces)
            if k.hasSuffix(".") { k.removeLast() }
            return k.isEmpty ? nil : k
        }
    }

    /// "- [N] text", "[N] text" and "N. text" start a reference; other lines continue it.
    static func parseReferences(_ lines: [Substring], from start: Int) -> [Reference] {
        var items: [(Int?, String)] = []
        for line in lines[start...] where !line.isEmpty {
            var l = line.trimmingCharacters(in: .whitespaces)[...]
            if l.hasPrefix("- ") || l.hasPrefix("* ") { l = l.dropFirst(2) }
            if let (number, rest) = numbered(l) {
                items.append((number, String(rest)))
            } else if !items.isEmpty {
                items[items.count - 1].1 += " " + l
            } else {
                items.append((nil, String(l)))
            }
        }
        return items.map { ReferenceParser.parse($0.1, number: $0.0) }
    }

    private static func numbered(_ l: Substring) -> (Int, Substring)? {
        if l.first == "[", let close = l.firstIndex(of: "]"), let n = Int(l[l.index(after: l.startIndex) ..< close]) {
            return (n, l[l.index(after: close)...].drop { $0 == " " })
        }
        let digits = l.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 4, l.dropFirst(digits.count).hasPrefix(". "), let n = Int(digits) {
            return (n, l.dropFirst(digits.count + 2))
        }
        return nil
    }
}

/// The year a DOI carries in its suffix, as in 10.22162/2619-0990-2021-54-2-226-237.
public enum DOIYear {
    public static func year(in doi: String?) -> Int? {
        guard let doi, let slash = doi.firstIndex(of: "/") else { return nil }
        let suffix = doi[doi.index(after: slash)...]
        for part in suffix.split(whereSeparator: { !$0.isNumber }) where part.count == 4 {
            if let y = Int(part), y >= 1900, y <= ReferenceParser.latestYear { return y }
        }
        return nil
    }
}
