// DocumentType.swift: the small vocabulary of document types every reader maps its source's own
// labels to (Web of Science DT, Scopus "Document Type", PubMed PublicationType, RIS TY, BibTeX
// entry types, CSL, Crossref and OpenAlex types), so one filter works across exports.

package enum DocumentType {
    /// Every value `doc.type` can take.
    package static let vocabulary = [
        "article", "review", "conference_paper", "book", "book_chapter", "editorial", "letter", "note",
        "erratum", "retraction", "preprint", "thesis", "report", "dataset", "other",
    ]

    /// The type for a source's label, compared without case, spaces, hyphens or underscores; for a
    /// list of labels ("Article; Proceedings Paper", PubMed's several PublicationTypes) the most
    /// specific one wins: a review over an article, a proceedings paper over an article, an
    /// erratum or retraction notice over anything. Nil when no label is known.
    package static func of(labels: [String]) -> String? {
        var best: (rank: Int, type: String)?
        for label in labels {
            guard let type = of(label: label) else { continue }
            let rank = precedence.firstIndex(of: type) ?? precedence.count
            if best == nil || rank < best!.rank { best = (rank, type) }
        }
        return best?.type
    }

    /// The type of one label, or nil when the label is not known.
    package static func of(label: String) -> String? {
        // Labels are ASCII: its letters lower-cased and its digits, the rest dropped.
        var key: [UInt8] = []
        key.reserveCapacity(label.utf8.count)
        for c in label.utf8 {
            if c >= 0x41 && c <= 0x5A { key.append(c | 0x20) } else if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) { key.append(c) }
        }
        guard !key.isEmpty else { return nil }
        return labels[String(decoding: key, as: UTF8.self)]
    }

    /// Which type wins when a record has several labels: the first in this list.
    private static let precedence = [
        "retraction", "erratum", "review", "conference_paper", "book_chapter", "letter", "editorial", "note",
        "preprint", "thesis", "report", "dataset", "book", "article", "other",
    ]

    /// Source labels, lower-cased with everything but letters and digits removed, and their types.
    private static let labels: [String: String] = {
        var table: [String: String] = [:]
        func add(_ type: String, _ names: [String]) { for n in names { table[n] = type } }
        add("article", ["article", "journalarticle", "jour", "ejour", "articlejournal", "ar", "originalarticle",
                        "researcharticle", "researchpaper", "comparativestudy", "clinicaltrial", "randomizedcontrolledtrial",
                        "articleinpress", "dataarticle", "shortsurvey", "sh", "articlenewspaper", "articlemagazine",
                        "mgzn", "news", "newsitem", "magazinearticle", "periodical"])
        add("review", ["review", "re", "systematicreview", "metaanalysis", "reviewarticle", "literaturereview", "scopingreview"])
        add("conference_paper", ["proceedingspaper", "conferencepaper", "cp", "inproceedings", "conference", "conf", "cpaper",
                                 "paperconference", "proceedingsarticle", "meetingabstract", "conferencereview", "cr",
                                 "congress", "abstract", "abst", "proceedings"])
        add("book", ["book", "bk", "monograph", "editedbook", "ebook", "edbook", "booklet", "mvbook", "collection", "referencebook"])
        add("book_chapter", ["bookchapter", "ch", "chap", "echap", "chapter", "incollection", "inbook", "bookpart",
                             "booksection", "referenceentry", "entry", "entryencyclopedia", "entrydictionary", "encyc", "dict"])
        add("editorial", ["editorial", "editorialmaterial", "ed", "introductoryjournalarticle", "interview"])
        add("letter", ["letter", "le", "correspondence", "lettertotheeditor"])
        add("note", ["note", "no", "biographicalitem", "historicalarticle", "personalnarrative"])
        add("erratum", ["erratum", "er", "correction", "publishederratum", "corrigendum"])
        add("retraction", ["retraction", "retractionofpublication", "retractednotice", "retractedpublication", "expressionofconcern"])
        add("preprint", ["preprint", "postedcontent", "unpublished", "unpb", "workingpaper", "manuscript"])
        add("thesis", ["thesis", "thes", "phdthesis", "mastersthesis", "dissertation", "disser"])
        add("report", ["report", "rprt", "techreport", "technicalreport", "reportseries", "reportcomponent", "standard", "govdoc"])
        add("dataset", ["dataset", "data", "database", "software", "aggr", "dbase"])
        add("other", ["misc", "other", "gen", "generic", "webpage", "elec", "online", "patent", "pat", "grant", "peerreview",
                      "component", "journal", "journalissue", "journalvolume", "proceedingsseries", "bookseries",
                      "bookset", "booktrack", "dissertationsection", "erratumother", "paratext", "libguides", "supplementarymaterials"])
        return table
    }()
}
