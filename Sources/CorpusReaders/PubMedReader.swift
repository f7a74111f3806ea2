// PubMedReader.swift: PubMed XML (PubmedArticleSet, as E-utilities and the annual baseline files
// give it): titles, authors with affiliations, structured abstracts (AbstractText with Label),
// MeSH headings and keywords, the DOI, and the ReferenceList; book records are read too, and
// DeleteCitation lists are ignored.
import CorpusModel
import CorpusBytes
import Foundation

package enum PubMedReader {
    package static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> FileContents {
        XMLScanner.documents(bytes, path: path, records: ["PubmedArticle", "PubmedBookArticle"],
                             untitled: { "\($0.name) has no title; kept with an empty title" }) { element in
            element.name == "PubmedArticle" ? article(element, path: path) : book(element, path: path)
        }
    }

    private static func article(_ e: XMLElement, path: String) -> Document? {
        guard let citation = e.child("MedlineCitation"), let article = citation.child("Article") else { return nil }
        let title = article.child("ArticleTitle")?.nonEmptyText ?? article.child("VernacularTitle")?.nonEmptyText
        let pmid = citation.child("PMID")?.nonEmptyText
        let (abstract, sections) = abstractText(article.child("Abstract"))
        let issue = article.at("Journal/JournalIssue")
        let year = (issue?.at("PubDate/Year")?.nonEmptyText ?? issue?.at("PubDate/MedlineDate")?.nonEmptyText
            ?? article.at("ArticleDate/Year")?.nonEmptyText).flatMap(RISReader.leadingYear)
        let ids = e.at("PubmedData/ArticleIdList")?.children("ArticleId") ?? []
        let doi = article.children("ELocationID").first { $0.attributes["EIdType"] == "doi" }?.nonEmptyText
            ?? ids.first { $0.attributes["IdType"] == "doi" }?.nonEmptyText
        let (authors, affiliations, links) = authorsAndAffiliations(article.child("AuthorList"))
        var d = Document(
            id: pmid.map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(e.line)", title: title ?? "",
            authors: authors, affiliations: affiliations,
            abstract: abstract, sections: sections, doi: doi, year: year,
            keywords: citation.descendants("Keyword").compactMap(\.nonEmptyText), references: references(e.child("PubmedData")),
            language: LanguageNames.code(article.child("Language")?.nonEmptyText),
            journal: article.at("Journal/Title")?.nonEmptyText ?? citation.at("MedlineJournalInfo/MedlineTA")?.nonEmptyText,
            source: SourceLocation(path: path, line: e.line))
        if links.contains(where: { !$0.isEmpty }) { d.affiliationAuthors = links }
        d.mesh = citation.at("MeshHeadingList")?.children("MeshHeading").compactMap(meshHeading) ?? []
        d.indexTerms = d.mesh.map(MedlineReader.meshHeading)
        setType(&d, article.at("PublicationTypeList")?.children("PublicationType") ?? [])
        d.volume = issue?.child("Volume")?.nonEmptyText
        d.issue = issue?.child("Issue")?.nonEmptyText
        d.pages = article.at("Pagination/MedlinePgn")?.nonEmptyText
            ?? RecordFields.pages(first: article.at("Pagination/StartPage")?.nonEmptyText, last: article.at("Pagination/EndPage")?.nonEmptyText)
        d.issn = MedlineReader.issns(article.child("Journal")?.children("ISSN").compactMap { i in
            i.nonEmptyText.map { "\($0) (\(i.attributes["IssnType"] ?? ""))" }
        } ?? [])
        d.funding = grants(article.child("GrantList"))
        return d
    }

    private static func book(_ e: XMLElement, path: String) -> Document? {
        guard let doc = e.child("BookDocument") else { return nil }
        let chapter = doc.child("ArticleTitle")?.nonEmptyText
        let bookTitle = doc.at("Book/BookTitle")?.nonEmptyText
        let (abstract, sections) = abstractText(doc.child("Abstract"))
        let lists = doc.children("AuthorList") + (doc.child("Book")?.children("AuthorList") ?? [])
        let (authors, affiliations, links) = authorsAndAffiliations(lists.first { $0.attributes["Type"] != "editors" })
        var d = Document(
            id: doc.child("PMID")?.nonEmptyText.map { "PMID:" + $0 } ?? "\(FileContents.stem(path))#\(e.line)",
            title: chapter ?? bookTitle ?? "",
            authors: authors, affiliations: affiliations,
            abstract: abstract, sections: sections,
            year: (doc.at("Book/PubDate/Year")?.nonEmptyText).flatMap(RISReader.leadingYear),
            keywords: doc.descendants("Keyword").compactMap(\.nonEmptyText), references: references(e),
            language: LanguageNames.code(doc.child("Language")?.nonEmptyText),
            journal: chapter == nil ? nil : bookTitle,
            source: SourceLocation(path: path, line: e.line))
        if links.contains(where: { !$0.isEmpty }) { d.affiliationAuthors = links }
        setType(&d, doc.children("PublicationType"))
        if d.type == nil || d.type == "other" { d.type = chapter == nil ? "book" : "book_chapter" }
        d.publisher = doc.at("Book/Publisher/PublisherName")?.nonEmptyText
        d.volume = doc.at("Book/Volume")?.nonEmptyText
        d.funding = grants(doc.child("GrantList"))
        return d
    }

    /// The references of the ReferenceLists in `data` (PubmedData; a whole book record, whose
    /// lists stand in BookDocument or PubmedBookData), each parsed from its citation text, with
    /// the DOI its ArticleIdList gives.
    private static func references(_ data: XMLElement?) -> [Reference] {
        (data?.descendants("ReferenceList") ?? []).flatMap { $0.children("Reference") }.enumerated().compactMap { n, r -> Reference? in
            guard let text = r.child("Citation")?.nonEmptyText else { return nil }
            var ref = CitationText.freeText(text, number: n + 1)
            if let d = r.descendants("ArticleId").first(where: { $0.attributes["IdType"] == "doi" })?.nonEmptyText { ref.doi = d }
            return ref
        }
    }

    /// PublicationType labels: the type, and the labels as written.
    private static func setType(_ d: inout Document, _ types: [XMLElement]) {
        let labels = types.compactMap(\.nonEmptyText)
        d.typeLabel = labels.isEmpty ? nil : labels.joined(separator: "; ")
        d.type = DocumentType.of(labels: labels)
    }

    /// A MeshHeading in MEDLINE's notation: "*Descriptor/qualifier/*qualifier", a star before a
    /// major topic.
    private static func meshHeading(_ h: XMLElement) -> String? {
        guard let descriptor = h.child("DescriptorName"), let name = descriptor.nonEmptyText else { return nil }
        func starred(_ e: XMLElement) -> String { e.attributes["MajorTopicYN"] == "Y" ? "*" : "" }
        return starred(descriptor) + name + h.children("QualifierName").compactMap { q in q.nonEmptyText.map { "/" + starred(q) + $0 } }.joined()
    }

    /// "Agency [GrantID]" for each Grant.
    private static func grants(_ list: XMLElement?) -> [String] {
        (list?.children("Grant") ?? []).compactMap { g in
            let agency = g.child("Agency")?.nonEmptyText
            let id = g.child("GrantID")?.nonEmptyText
            switch (agency, id) {
            case (let a?, let i?): return "\(a) [\(i)]"
            case (let a?, nil): return a
            case (nil, let i?): return i
            default: return nil
            }
        }
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

    /// The authors (with their ORCIDs), the distinct affiliations in order, and for each
    /// affiliation the authors that give it.
    private static func authorsAndAffiliations(_ list: XMLElement?) -> ([AuthorName], [String], [[Int]]) {
        var authors: [AuthorName] = []
        var affiliations: [String] = []
        var links: [[Int]] = []
        for a in list?.children("Author") ?? [] {
            var name: AuthorName
            if let family = a.child("LastName")?.nonEmptyText {
                let given = a.child("ForeName")?.nonEmptyText
                let initials = (a.child("Initials")?.nonEmptyText ?? "").map { "\($0)." }.joined()
                name = AuthorName(written: given.map { "\(family), \($0)" } ?? family, family: family, given: given, initials: initials)
            } else if let collective = a.child("CollectiveName")?.nonEmptyText {
                name = AuthorName(written: collective, family: collective, initials: "")
            } else {
                continue
            }
            if let orcid = a.children("Identifier").first(where: { $0.attributes["Source"] == "ORCID" })?.nonEmptyText {
                name.orcid = MedlineReader.orcid(orcid)
            }
            authors.append(name)
            for text in a.descendants("Affiliation").compactMap(\.nonEmptyText) {
                if let k = affiliations.firstIndex(of: text) {
                    if !links[k].contains(authors.count - 1) { links[k].append(authors.count - 1) }
                } else {
                    affiliations.append(text)
                    links.append([authors.count - 1])
                }
            }
        }
        return (authors, affiliations, links)
    }
}
