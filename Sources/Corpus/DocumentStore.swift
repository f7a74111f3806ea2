// DocumentStore.swift: the corpus in memory, one column per field. Documents go in as `Document`
// values and come out field by field (for the Lua face and the aggregations) or whole.

/// Author names of many documents or references, column by column.
public struct AuthorTable: Sendable {
    public var written = TextColumn()
    public var family = TextColumn()
    public var given = TextColumn()
    public var initials = TextColumn()
    public var key = TextColumn()

    public var count: Int { written.count }

    mutating func append(_ a: AuthorName) {
        written.append(a.written)
        family.append(a.family)
        given.append(a.given)
        initials.append(a.initials)
        key.append(a.key)
    }

    mutating func append(contentsOf o: AuthorTable) {
        written.append(contentsOf: o.written)
        family.append(contentsOf: o.family)
        given.append(contentsOf: o.given)
        initials.append(contentsOf: o.initials)
        key.append(contentsOf: o.key)
    }

    mutating func reserveCapacity<C: Collection>(adding o: C) where C.Element == AuthorTable {
        written.reserveCapacity(adding: o.map(\.written))
        family.reserveCapacity(adding: o.map(\.family))
        given.reserveCapacity(adding: o.map(\.given))
        initials.reserveCapacity(adding: o.map(\.initials))
        key.reserveCapacity(adding: o.map(\.key))
    }

    public func author(_ i: Int) -> AuthorName {
        AuthorName(written: written.string(i), family: family.string(i), given: given.optional(i),
                   initials: initials.string(i))
    }
}

/// Reference lists of many documents, column by column.
public struct ReferenceTable: Sendable {
    public var number = IntColumn()
    public var raw = TextColumn()
    public var authors = ListIndex()
    public var authorNames = AuthorTable()
    public var title = TextColumn()
    public var container = TextColumn()
    public var year = IntColumn()
    public var volume = TextColumn()
    public var issue = TextColumn()
    public var pages = TextColumn()
    public var doi = TextColumn()
    public var language = TextColumn()
    public var languageNote = TextColumn()
    public var selfCitation: [Bool] = []

    public var count: Int { raw.count }

    mutating func append(_ r: Reference) {
        number.append(r.number)
        raw.append(r.raw)
        for a in r.authors { authorNames.append(a) }
        authors.close(at: authorNames.count)
        title.append(r.title)
        container.append(r.container)
        year.append(r.year)
        volume.append(r.volume)
        issue.append(r.issue)
        pages.append(r.pages)
        doi.append(r.doi)
        language.append(r.language)
        languageNote.append(r.languageNote)
        selfCitation.append(r.selfCitation)
    }

    mutating func append(contentsOf o: ReferenceTable) {
        number.append(contentsOf: o.number)
        raw.append(contentsOf: o.raw)
        authors.append(contentsOf: o.authors)
        authorNames.append(contentsOf: o.authorNames)
        title.append(contentsOf: o.title)
        container.append(contentsOf: o.container)
        year.append(contentsOf: o.year)
        volume.append(contentsOf: o.volume)
        issue.append(contentsOf: o.issue)
        pages.append(contentsOf: o.pages)
        doi.append(contentsOf: o.doi)
        language.append(contentsOf: o.language)
        languageNote.append(contentsOf: o.languageNote)
        selfCitation.append(contentsOf: o.selfCitation)
    }

    mutating func reserveCapacity<C: Collection>(adding o: C) where C.Element == ReferenceTable {
        number.reserveCapacity(adding: o.map(\.number))
        raw.reserveCapacity(adding: o.map(\.raw))
        authors.reserveCapacity(adding: o.map(\.authors))
        authorNames.reserveCapacity(adding: o.map(\.authorNames))
        title.reserveCapacity(adding: o.map(\.title))
        container.reserveCapacity(adding: o.map(\.container))
        year.reserveCapacity(adding: o.map(\.year))
        volume.reserveCapacity(adding: o.map(\.volume))
        issue.reserveCapacity(adding: o.map(\.issue))
        pages.reserveCapacity(adding: o.map(\.pages))
        doi.reserveCapacity(adding: o.map(\.doi))
        language.reserveCapacity(adding: o.map(\.language))
        languageNote.reserveCapacity(adding: o.map(\.languageNote))
        selfCitation.reserveCapacity(selfCitation.count + o.reduce(0) { $0 + $1.selfCitation.count })
    }

    public func reference(_ i: Int) -> Reference {
        Reference(number: number[i], raw: raw.string(i),
                  authors: authors.range(i).map { authorNames.author($0) },
                  title: title.optional(i), container: container.optional(i), year: year[i],
                  volume: volume.optional(i), issue: issue.optional(i), pages: pages.optional(i),
                  doi: doi.optional(i), language: language.optional(i),
                  languageNote: languageNote.optional(i), selfCitation: selfCitation[i])
    }
}

/// Section labels of many documents; a section's text is a byte range of its document's abstract
/// when it is found there (the usual case), else stored on its own.
public struct SectionTable: Sendable {
    public var label = TextColumn()
    public var start: [UInt32] = []
    public var length: [UInt32] = []
    public var ownText = TextColumn()

    public var count: Int { label.count }

    mutating func append(contentsOf o: SectionTable) {
        label.append(contentsOf: o.label)
        start.append(contentsOf: o.start)
        length.append(contentsOf: o.length)
        ownText.append(contentsOf: o.ownText)
    }
}

/// All documents of a corpus, column by column. Immutable once built; shared read-only.
public struct DocumentStore: Sendable {
    public var id = TextColumn()
    public var title = TextColumn()
    public var abstract = TextColumn()
    public var doi = TextColumn()
    public var year = IntColumn()
    public var language = TextColumn()
    public var sourcePath = TextColumn()
    public var sourceLine = IntColumn()
    public var authors = ListIndex()
    public var authorNames = AuthorTable()
    public var affiliations = ListIndex()
    public var affiliationText = TextColumn()
    public var keywords = ListIndex()
    public var keywordText = TextColumn()
    public var sections = ListIndex()
    public var sectionTable = SectionTable()
    public var references = ListIndex()
    public var referenceTable = ReferenceTable()

    public init() {}

    public var count: Int { id.count }

    public mutating func append(_ d: Document) {
        id.append(d.id)
        title.append(d.title)
        abstract.append(d.abstract)
        doi.append(d.doi)
        year.append(d.year)
        language.append(d.language)
        sourcePath.append(d.source.path)
        sourceLine.append(d.source.line)
        for a in d.authors { authorNames.append(a) }
        authors.close(at: authorNames.count)
        for a in d.affiliations { affiliationText.append(a) }
        affiliations.close(at: affiliationText.count)
        for k in d.keywords { keywordText.append(k) }
        keywords.close(at: keywordText.count)
        appendSections(d.sections, abstract: d.abstract ?? "")
        sections.close(at: sectionTable.count)
        for r in d.references { referenceTable.append(r) }
        references.close(at: referenceTable.count)
    }

    private mutating func appendSections(_ list: [Section], abstract: String) {
        let text = Array(abstract.utf8)
        var searchFrom = 0
        for s in list {
            sectionTable.label.append(s.label)
            let needle = Array(s.text.utf8)
            if let found = DocumentStore.find(needle, in: text, from: searchFrom) {
                sectionTable.start.append(UInt32(found))
                sectionTable.length.append(UInt32(needle.count))
                sectionTable.ownText.append(nil)
                searchFrom = found + needle.count
            } else {
                sectionTable.start.append(0)
                sectionTable.length.append(0)
                sectionTable.ownText.append(s.text)
            }
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count - from else { return needle.isEmpty ? from : nil }
        let first = needle[0]
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i ..< i + needle.count].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// Reserves room for this store's rows plus those of `others`, so joining them copies once.
    public mutating func reserveCapacity<C: Collection>(adding o: C) where C.Element == DocumentStore {
        id.reserveCapacity(adding: o.map(\.id))
        title.reserveCapacity(adding: o.map(\.title))
        abstract.reserveCapacity(adding: o.map(\.abstract))
        doi.reserveCapacity(adding: o.map(\.doi))
        year.reserveCapacity(adding: o.map(\.year))
        language.reserveCapacity(adding: o.map(\.language))
        sourcePath.reserveCapacity(adding: o.map(\.sourcePath))
        sourceLine.reserveCapacity(adding: o.map(\.sourceLine))
        authors.reserveCapacity(adding: o.map(\.authors))
        authorNames.reserveCapacity(adding: o.map(\.authorNames))
        affiliations.reserveCapacity(adding: o.map(\.affiliations))
        affiliationText.reserveCapacity(adding: o.map(\.affiliationText))
        keywords.reserveCapacity(adding: o.map(\.keywords))
        keywordText.reserveCapacity(adding: o.map(\.keywordText))
        sections.reserveCapacity(adding: o.map(\.sections))
        references.reserveCapacity(adding: o.map(\.references))
        referenceTable.reserveCapacity(adding: o.map(\.referenceTable))
    }

    public mutating func append(contentsOf o: DocumentStore) {
        id.append(contentsOf: o.id)
        title.append(contentsOf: o.title)
        abstract.append(contentsOf: o.abstract)
        doi.append(contentsOf: o.doi)
        year.append(contentsOf: o.year)
        language.append(contentsOf: o.language)
        sourcePath.append(contentsOf: o.sourcePath)
        sourceLine.append(contentsOf: o.sourceLine)
        authors.append(contentsOf: o.authors)
        authorNames.append(contentsOf: o.authorNames)
        affiliations.append(contentsOf: o.affiliations)
        affiliationText.append(contentsOf: o.affiliationText)
        keywords.append(contentsOf: o.keywords)
        keywordText.append(contentsOf: o.keywordText)
        sections.append(contentsOf: o.sections)
        sectionTable.append(contentsOf: o.sectionTable)
        references.append(contentsOf: o.references)
        referenceTable.append(contentsOf: o.referenceTable)
    }

    // MARK: reading back

    /// The text of section `s` (an index into `sectionTable`) of document `row`.
    public func withSectionText<R>(_ s: Int, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if !sectionTable.ownText.isEmpty(s) { return sectionTable.ownText.withBytes(s, body) }
        let start = Int(sectionTable.start[s])
        let length = Int(sectionTable.length[s])
        return abstract.withBytes(row) { body(UnsafeBufferPointer(rebasing: $0[start ..< start + length])) }
    }

    public func section(_ s: Int, row: Int) -> Section {
        Section(label: sectionTable.label.string(s),
                text: withSectionText(s, row: row) { String(decoding: $0, as: UTF8.self) })
    }

    public func document(_ row: Int) -> Document {
        Document(
            id: id.string(row), title: title.string(row),
            authors: authors.range(row).map { authorNames.author($0) },
            affiliations: affiliations.range(row).map { affiliationText.string($0) },
            abstract: abstract.optional(row),
            sections: sections.range(row).map { section($0, row: row) },
            doi: doi.optional(row), year: year[row],
            keywords: keywords.range(row).map { keywordText.string($0) },
            references: references.range(row).map { referenceTable.reference($0) },
            language: language.optional(row),
            source: SourceLocation(path: sourcePath.string(row), line: sourceLine[row]))
    }
}

// MARK: memory accounting

extension AuthorTable {
    public var byteSize: Int { written.byteSize + family.byteSize + given.byteSize + initials.byteSize + key.byteSize }
}

extension ReferenceTable {
    public var byteSize: Int {
        number.byteSize + raw.byteSize + authors.byteSize + authorNames.byteSize + title.byteSize + container.byteSize
            + year.byteSize + volume.byteSize + issue.byteSize + pages.byteSize + doi.byteSize + language.byteSize
            + languageNote.byteSize + selfCitation.count
    }
}

extension DocumentStore {
    /// Bytes the store's columns hold (not counting array capacity slack).
    public var byteSize: Int {
        id.byteSize + title.byteSize + abstract.byteSize + doi.byteSize + year.byteSize + language.byteSize
            + sourcePath.byteSize + sourceLine.byteSize + authors.byteSize + authorNames.byteSize
            + affiliations.byteSize + affiliationText.byteSize + keywords.byteSize + keywordText.byteSize
            + sections.byteSize + sectionTable.label.byteSize + sectionTable.start.count * 8 + sectionTable.ownText.byteSize
            + references.byteSize + referenceTable.byteSize
    }
}
