// PubMedReader.swift: PubMed XML (PubmedArticleSet, as E-utilities and the annual baseline files
// give it): titles, authors with affiliations, structured abstracts (AbstractText with Label),
// MeSH headings and keywords, the DOI, and the ReferenceList; book records are read too, and
// DeleteCitation lists are ignored.
import Foundation

enum PubMedReader {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        XMLScanner.documents(bytes, path: path, records: ["PubmedArticle", "PubmedBookArticle"],
                             untitled: { "\($0.name) has no title, skipped" }) { element in
            element.name == "PubmedArticle" ? article(element, path: path) : book(element, path: path)
        }
    }

    private static func article(_ e: XMLElement, path: String) -> Document? {
        guard let citation = e.child("MedlineCitation"), let article = citation.child("Article"),
              let title = article.child("ArticleTitle")?.nonEmptyText ?? article.child("VernacularTitle")?.nonEmptyText else { return nil }
        let pmid = citation.child("PMID")?.nonEmptyText
        let (abstract, sections) = abstractText(article.child("Abstract"))
        let issue = article.at("Journal/JournalIssue")
        let year = (issue?.at("PubDate/Year")?.nonEmptyText ?? issue?.at("PubDate/MedlineDate")?.nonEmptyText
            ?? article.at("ArticleDate/Year")?.nonEmptyText).flatMap(RISReader.leadingYear)
        let ids = e.at("PubmedData/ArticleIdList")?.children("ArticleId") ?? []
        let doi = article.children("ELocationID").first { $0.attributes["EIdType"] == "doi" }?.nonEmptyText
            ?? ids.first { $0.attributes["IdType"] == "doi" }?.nonEmptyText
        let keywords = citation.descendants("Keyword").compactMap(\.nonEmptyText)
        let mesh = citation.at("MeshHeadingList")?.children("MeshHeading").compactMap { $0.child("DescriptorName")?.nonEmptyText } ?? []
        let references = (e.at("PubmedData")?.descendants("Reference") ?? []).enumerated().compactMap { n, r -> Reference? in
            guard let text = r.child("Citation")?.nonEmptyText else { return nil }
            var ref = CitationText.vancouver(text, number: n + 1)
            if let d = r.descendants("ArticleId").first(where: { $0.attributes["IdType"] == "doi" })?.nonEmptyText { ref.doi = d }
            return ref
        }
        let authorList = article.child("AuthorList")
        return Document(
            id: pmid.map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(e.line)", title: title,
            authors: authors(authorList), affiliations: affiliations(authorList),
            abstract: abstract, sections: sections, doi: doi, year: year,
            keywords: keywords.isEmpty ? mesh : keywords, references: references,
            language: LanguageNames.code(article.child("Language")?.nonEmptyText),
            journal: article.at("Journal/Title")?.nonEmptyText ?? citation.at("MedlineJournalInfo/MedlineTA")?.nonEmptyText,
            source: SourceLocation(path: path, line: e.line))
    }

    private static func book(_ e: XMLElement, path: String) -> Document? {
        guard let doc = e.child("BookDocument"),
              let title = doc.child("ArticleTitle")?.nonEmptyText ?? doc.at("Book/BookTitle")?.nonEmptyText else { return nil }
        let (abstract, sections) = abstractText(doc.child("Abstract"))
        let lists = doc.children("AuthorList") + (doc.child("Book")?.children("AuthorList") ?? [])
        let authorList = lists.first { $0.attributes["Type"] != "editors" } ?? lists.first
        return Document(
            id: doc.child("PMID")?.nonEmptyText.map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(e.line)", title: title,
            authors: authors(authorList), affiliations: affiliations(authorList),
            abstract: abstract, sections: sections,
            year: (doc.at("Book/PubDate/Year")?.nonEmptyText).flatMap(RISReader.leadingYear),
            keywords: doc.descendants("Keyword").compactMap(\.nonEmptyText),
            language: LanguageNames.code(doc.child("Language")?.nonEmptyText),
            journal: doc.at("Book/BookTitle")?.nonEmptyText,
            source: SourceLocation(path: path, line: e.line))
    }

    /// The abstract's text and, when it is structured, its labelled sections.
    private static func abstractText(_ abstract: XMLElement?) -> (String?, [Section]) {
        guard let parts = abstract?.children("AbstractText"), !parts.isEmpty else { return (nil, []) }
        let texts = parts.compactMap(\.nonEmptyText)
        let sections = parts.compactMap { p -> Section? in
            guard let label = p.attributes["Label"], let text = p.nonEmptyText else { return nil }
            return Section(label: label.capitalized, text: text)
        }
        return (texts.isEmpty ? nil : texts.joined(separator: " "), sections.count == parts.count ? sections : [])
    }

    private static func authors(_ list: XMLElement?) -> [AuthorName] {
        (list?.children("Author") ?? []).compactMap { a in
            if let family = a.child("LastName")?.nonEmptyText {
                let given = a.child("ForeName")?.nonEmptyText
                let initials = (a.child("Initials")?.nonEmptyText ?? "").map { "\($0)." }.joined()
                let written = given.map { "\(family), \($0)" } ?? family
                return AuthorName(written: written, family: family, given: given, initials: initials)
            }
            return a.child("CollectiveName")?.nonEmptyText.map { AuthorName(written: $0, family: $0, initials: "") }
        }
    }

    private static func affiliations(_ list: XMLElement?) -> [String] {
        var seen = Set<String>()
        return (list?.descendants("Affiliation") ?? []).compactMap(\.nonEmptyText).filter { seen.insert($0).inserted }
    }
}
