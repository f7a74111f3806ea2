// MedlineReader.swift: MEDLINE / nbib tagged text, as PubMed's "Save as MEDLINE" and reference
// managers write it ("PMID- 31542275", "FAU - Sun, Zhiwei", six-space continuation lines,
// records separated by blank lines).
import CorpusModel
import CorpusBytes
import Foundation

package enum MedlineReader {
    package static func read(_ text: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        var contents = FileContents(reservingFor: text.count)
        var kept: [Diagnostic] = []
        contents.diagnostics = TaggedText.readRecords(text, style: .medline, path: path) { r in
            let title = r.text("TI") ?? r.text("BTI")
            if title == nil { kept.append(RecordFields.untitled(path, line: r.line, "TI")) }
            let (authors, affiliations, links) = authorsAndAffiliations(r)
            var document = Document(
                id: r.text("PMID").map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(r.line)", title: title ?? "",
                authors: authors, affiliations: affiliations,
                abstract: r.text("AB"), doi: doi(r),
                year: r.text(["DP", "DEP"]).flatMap(RISReader.leadingYear),
                // "*stroke": the star marks a major topic, not part of the keyword.
                keywords: r.joinedValues("OT").map { $0.hasPrefix("*") ? String($0.dropFirst()).trimmingSpaces : $0 },
                language: LanguageNames.code(r.text("LA")),
                // A chapter's book (BTI) is its container; a book's is its title.
                journal: r.text(["JT", "TA"]) ?? (r.has("TI") ? r.text("BTI") : nil),
                source: SourceLocation(path: path, line: r.line))
            if links.contains(where: { !$0.isEmpty }) { document.affiliationAuthors = links }
            document.mesh = r.joinedValues("MH")
            document.indexTerms = document.mesh.map(meshHeading)
            let types = r.joinedValues("PT")
            document.typeLabel = types.isEmpty ? nil : types.joined(separator: "; ")
            document.type = DocumentType.of(labels: types) ?? (r.has("BTI") ? (r.has("TI") ? "book_chapter" : "book") : nil)
            document.volume = r.text("VI")
            document.issue = r.text("IP")
            document.pages = r.text("PG")
            document.issn = issns(r.joinedValues("IS"))
            document.publisher = r.text("PB")
            document.funding = r.joinedValues("GR")
            contents.documents.append(document)
            return nil
        }
        contents.diagnostics += kept
        return contents
    }

    /// The authors (FAU, else AU, with AUID's ORCIDs) and the affiliations (AD), each linked to the
    /// author it follows, as MEDLINE lists them.
    package static func authorsAndAffiliations(_ r: TaggedRecord) -> ([AuthorName], [String], [[Int]]) {
        let nameTag = TaggedRecord.pack((r.has("FAU") ? "FAU" : "AU").utf8)
        let ad = TaggedRecord.pack("AD".utf8), auid = TaggedRecord.pack("AUID".utf8)
        var authors: [AuthorName] = []
        var affiliations: [String] = []
        var links: [[Int]] = []
        var current: Int?
        for f in r.fields {
            switch f.tag {
            case nameTag:
                let name = r.joinedText(f)
                if let a = AuthorName.parse(name, order: .familyFirst) {
                    authors.append(a)
                    current = authors.count - 1
                } else {
                    current = nil
                }
            case ad:
                affiliations.append(r.joinedText(f))
                links.append(current.map { [$0] } ?? [])
            case auid:
                let value = r.joinedText(f)
                if let current, value.hasPrefix("ORCID:") { authors[current].orcid = orcid(String(value.dropFirst(6))) }
            default: continue
            }
        }
        return (authors, affiliations, links)
    }

    /// "https://orcid.org/0000-0002-1825-0097" or "0000000218250097" as "0000-0002-1825-0097".
    package static func orcid(_ text: String) -> String {
        // The last sixteen digits (or X, the check character), wherever the resolver put them.
        var digits: [UInt8] = []
        for c in text.utf8 where (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "X") || c == UInt8(ascii: "x") {
            digits.append(c == UInt8(ascii: "x") ? UInt8(ascii: "X") : c)
        }
        guard digits.count == 16 else { return text.trimmingSpaces }
        var out: [UInt8] = []
        for (k, c) in digits.enumerated() {
            if k > 0 && k % 4 == 0 { out.append(UInt8(ascii: "-")) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "1467-5463 (Print)", "1477-4054 (Electronic)", "1467-5463 (Linking)": the print and
    /// electronic ISSNs, print first, without the linking one when it repeats.
    package static func issns(_ values: [String]) -> [String] {
        var result: [String] = []
        let printFirst = values.filter { $0.hasSuffix("(Print)") } + values.filter { !$0.hasSuffix("(Print)") }
        for v in printFirst {
            let issn = v.utf8.firstIndex(of: UInt8(ascii: "(")).map { String(v[..<$0]) }?.trimmingSpaces ?? v.trimmingSpaces
            if !issn.isEmpty && !result.contains(issn) { result.append(issn) }
        }
        return result
    }

    /// "10.1016/j.x.2019.01.002 [doi]" from LID or AID.
    private static func doi(_ r: TaggedRecord) -> String? {
        for value in r.values("LID") + r.values("AID") where value.hasSuffix("[doi]") {
            return String(value.dropLast(5)).trimmingSpaces
        }
        return nil
    }

    /// "Neoplasms/*therapy" gives "Neoplasms"; "*Humans" gives "Humans": the descriptor, its
    /// stars dropped, read on the bytes.
    package static func meshHeading(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for c in value.utf8 {
            if c == UInt8(ascii: "/") { break }
            if c != UInt8(ascii: "*") { out.append(c) }
        }
        return out.withUnsafeBufferPointer { $0.string($0.trimmedSpaces(0 ..< $0.count)) }
    }
}
