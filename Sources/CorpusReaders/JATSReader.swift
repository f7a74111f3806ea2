// JATSReader.swift: JATS XML articles (PubMed Central's .nxml and publishers' XML): the front
// matter (title, contributors, affiliations, abstract with its sections, keywords, DOI, date,
// journal) and the back matter's ref-list, whether its entries are element-citation,
// mixed-citation or the older citation.
import CorpusModel
import CorpusBytes
import Foundation

package enum JATSReader {
    package static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        XMLScanner.documents(bytes, path: path, records: ["article"], untitled: { _ in "article has no article-title; kept with an empty title" }) {
            article($0, path: path)
        }
    }

    private static func article(_ e: XMLElement, path: String) -> Document? {
        guard let meta = e.at("front/article-meta") else { return nil }
        let title = meta.at("title-group/article-title")?.nonEmptyText ?? ""
        let journalMeta = e.at("front/journal-meta")
        let journal = journalMeta?.at("journal-title-group/journal-title")?.nonEmptyText ?? journalMeta?.child("journal-title")?.nonEmptyText
        let doi = meta.children("article-id").first { $0.attributes["pub-id-type"] == "doi" }?.nonEmptyText
        let pmid = meta.children("article-id").first { $0.attributes["pub-id-type"] == "pmid" }?.nonEmptyText
        let dates = meta.children("pub-date")
        let year = (dates.first { ["ppub", "collection", "print"].contains($0.attributes["pub-type"] ?? $0.attributes["publication-format"] ?? "") } ?? dates.first)?
            .child("year")?.nonEmptyText.flatMap { Int($0) }
        let contributors = meta.descendants("contrib").filter { ($0.attributes["contrib-type"] ?? "author") == "author" }
        let abstractElement = meta.children("abstract").first { $0.attributes["abstract-type"] == nil } ?? meta.child("abstract")
        let sections = (abstractElement?.children("sec") ?? []).compactMap { sec -> Section? in
            guard let label = sec.child("title")?.nonEmptyText else { return nil }
            let body = sec.children.filter { $0.name != "title" }.compactMap(\.nonEmptyText).joined(separator: " ")
            return body.isEmpty ? nil : Section(label: label, text: body)
        }
        let abstract = sections.isEmpty ? abstractElement?.nonEmptyText : sections.map(\.text).joined(separator: " ")
        let refs = e.at("back/ref-list").map { $0.descendants("ref") } ?? []
        let named = contributors.compactMap { c in name(c).map { (c, $0) } }
        var authors = named.map(\.1)
        for (k, (c, _)) in named.enumerated() {
            if let orcid = c.children("contrib-id").first(where: { $0.attributes["contrib-id-type"] == "orcid" })?.nonEmptyText {
                authors[k].orcid = MedlineReader.orcid(orcid)
            }
        }
        let uniqueAffs = meta.descendants("aff").compactMap { a in affiliation(a).map { (a, $0) } }
        var d = Document(
            id: doi.map { "doi:" + $0 } ?? pmid.map { "PMID:" + $0 } ?? FileContents.stem(path), title: title,
            authors: authors, affiliations: uniqueAffs.map(\.1),
            abstract: abstract, sections: sections, doi: doi, year: year,
            keywords: meta.descendants("kwd").compactMap(\.nonEmptyText),
            references: refs.enumerated().compactMap { reference($1, number: $0 + 1) },
            language: LanguageNames.code(e.attributes["xml:lang"]), journal: journal,
            source: SourceLocation(path: path, line: e.line))
        // A contributor's xref to an aff's id links them; with one aff and no xrefs, it is everyone's.
        let ids = uniqueAffs.map { $0.0.attributes["id"] }
        let links = uniqueAffs.indices.map { k in
            named.indices.filter { a in
                named[a].0.descendants("xref").contains { x in
                    x.attributes["ref-type"] == "aff" && (x.attributes["rid"] ?? "").split(separator: " ").contains { $0 == ids[k] ?? "" }
                }
            }
        }
        if links.contains(where: { !$0.isEmpty }) {
            d.affiliationAuthors = links
        } else if uniqueAffs.count == 1 && !authors.isEmpty {
            d.affiliationAuthors = [Array(authors.indices)]
        }
        d.typeLabel = e.attributes["article-type"]
        d.type = d.typeLabel.flatMap { DocumentType.of(label: $0) }
        // Subject groups, without the table-of-contents heading ("Research Article").
        d.categories = (meta.at("article-categories")?.descendants("subj-group") ?? [])
            .filter { !["heading", "display-channel", "article-type"].contains($0.attributes["subj-group-type"] ?? "") }
            .flatMap { $0.children("subject").compactMap(\.nonEmptyText) }
        d.volume = meta.child("volume")?.nonEmptyText
        d.issue = meta.child("issue")?.nonEmptyText
        d.pages = RecordFields.pages(first: meta.child("fpage")?.nonEmptyText, last: meta.child("lpage")?.nonEmptyText)
            ?? meta.child("elocation-id")?.nonEmptyText
        let issns = journalMeta?.children("issn") ?? []
        d.issn = (issns.filter { ["ppub", "print"].contains($0.attributes["pub-type"] ?? $0.attributes["publication-format"] ?? "") }
            + issns.filter { !["ppub", "print"].contains($0.attributes["pub-type"] ?? $0.attributes["publication-format"] ?? "") })
            .compactMap(\.nonEmptyText)
        d.publisher = journalMeta?.at("publisher/publisher-name")?.nonEmptyText
        d.funding = (meta.descendants("award-group")).compactMap { g in
            let source = g.descendants("funding-source").compactMap(\.nonEmptyText).first
            let ids = g.children("award-id").compactMap(\.nonEmptyText)
            return source.map { ids.isEmpty ? $0 : "\($0) [\(ids.joined(separator: ", "))]" } ?? (ids.isEmpty ? nil : ids.joined(separator: ", "))
        }
        if let k = named.firstIndex(where: { $0.0.attributes["corresp"] == "yes" }) {
            d.correspondingName = authors[k].written
        }
        d.correspondingAddress = meta.at("author-notes")?.children("corresp").compactMap(affiliation).first
        return d
    }

    /// A contributor's or a reference author's name: <name> (surname, given-names) or <string-name>.
    private static func name(_ e: XMLElement) -> AuthorName? {
        if let n = e.name == "name" ? e : e.child("name"), let family = n.child("surname")?.nonEmptyText {
            let given = n.child("given-names")?.nonEmptyText
            var written = given.map { "\(family), \($0)" } ?? family
            if let suffix = n.child("suffix")?.nonEmptyText { written += ", " + suffix }
            return AuthorName.parse(given.map { "\(family), \($0)" } ?? family, order: .familyFirst).map { var a = $0; a.written = written; return a }
        }
        if let s = e.name == "string-name" ? e : e.child("string-name"), let text = s.nonEmptyText {
            return AuthorName.parse(text, order: .givenFirst)
        }
        return e.child("collab")?.nonEmptyText.map { AuthorName(written: $0, family: $0, initials: "") }
    }

    /// An affiliation without its label ("1").
    private static func affiliation(_ e: XMLElement) -> String? {
        let parts = e.contents.compactMap { c -> String? in
            switch c {
            case .text(let t): return t
            case .element(let child): return child.name == "label" || child.name == "sup" ? nil : child.text
            }
        }
        let text = parts.joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .trimming(" ,;")
        return text.isEmpty ? nil : text
    }

    private static func reference(_ ref: XMLElement, number: Int) -> Reference? {
        guard let c = ref.child("element-citation") ?? ref.child("mixed-citation") ?? ref.child("citation") ?? ref.child("nlm-citation"),
              let raw = c.nonEmptyText else { return nil }
        let structured = c.child("source") != nil || c.child("article-title") != nil || c.child("person-group") != nil || c.child("name") != nil
        guard structured else { return CitationText.freeText(raw, number: number) }
        // The authors' person-groups (not the editors'), and names standing outside any group (a
        // chapter's authors beside its book's editors).
        let isName = { (e: XMLElement) in e.name == "name" || e.name == "string-name" || e.name == "collab" }
        let people = c.children("person-group").filter { ($0.attributes["person-group-type"] ?? "author") == "author" }.flatMap { $0.children.filter(isName) }
            + c.children.filter { $0.name == "name" || $0.name == "string-name" }
        let first = c.child("fpage")?.nonEmptyText
        let last = c.child("lpage")?.nonEmptyText
        let pages = first.map { f in last.map { "\(f)-\($0)" } ?? f } ?? c.child("elocation-id")?.nonEmptyText
        let title = c.child("article-title")?.nonEmptyText ?? c.child("chapter-title")?.nonEmptyText
        let source = c.child("source")?.nonEmptyText
        // An element-citation has no text between its parts: write it out in one style.
        let hasOwnText = c.contents.contains { if case .text(let t) = $0 { return t.contains { !$0.isWhitespace } } else { return false } }
        let written = hasOwnText ? raw : [
            people.compactMap { name($0)?.display }.joined(separator: ", "),
            c.child("year")?.nonEmptyText.map { "(\($0))" },
            title.map { $0.trimming(". ") + "." }, source,
            [c.child("volume")?.nonEmptyText, c.child("issue")?.nonEmptyText.map { "(\($0))" }].compactMap { $0 }.joined(),
            pages.map { ": " + $0 },
        ].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ").replacingOccurrences(of: " : ", with: ": ")
        return CitationText.structured(
            raw: written, authors: people.compactMap(name),
            title: (title ?? source).map { $0.trimming(". ") },
            container: title == nil ? nil : source?.trimming(". "),
            year: c.child("year")?.nonEmptyText.flatMap(RISReader.leadingYear),
            volume: c.child("volume")?.nonEmptyText, issue: c.child("issue")?.nonEmptyText, pages: pages,
            doi: c.children("pub-id").first { $0.attributes["pub-id-type"] == "doi" }?.nonEmptyText, number: number)
    }
}
