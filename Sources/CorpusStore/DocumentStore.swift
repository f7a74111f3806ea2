// DocumentStore.swift: the corpus in memory, one column per field. Documents go in as `Document`
// values and come out field by field (for the Lua face and the aggregations) or whole.
import CorpusModel
import CorpusBytes

/// Reference lists of many documents, column by column.
package struct ReferenceTable: ColumnTable {
    package static let columns: [ColumnRef<ReferenceTable>] = [
        .init(\.number), .init(\.raw), .init(\.authors), .init(\.authorNames, rowsFrom: \.authors), .init(\.titleSpans),
        .init(\.containerSpans), .init(\.year), .init(\.volumeSpans), .init(\.issueSpans), .init(\.pagesSpans), .init(\.doiSpans),
        .init(\.language), .init(\.languageNoteSpans), .init(\.selfCitation),
    ]

    package var number = IntColumn()
    package var raw = TextColumn()
    package var authors = ListIndex()
    package var authorNames = ReferenceAuthorTable()
    // The parsed text fields are pieces of the raw text, kept as spans of it.
    package var titleSpans = RawSpans()
    package var containerSpans = RawSpans()
    package var year = IntColumn()
    package var volumeSpans = RawSpans()
    package var issueSpans = RawSpans()
    package var pagesSpans = RawSpans()
    package var doiSpans = RawSpans()
    package var language = TextColumn()
    package var languageNoteSpans = RawSpans()
    package var selfCitation = BoolColumn()
    /// References appended from their bytes whose fixed-size values wait for `appendPending`
    /// (not a column: empty whenever the table is read).
    private var pending: [PendingRow] = []

    package init() {}

    package var count: Int { raw.count }

    package var title: SpanText { SpanText(spans: titleSpans, base: raw) }
    package var container: SpanText { SpanText(spans: containerSpans, base: raw) }
    package var volume: SpanText { SpanText(spans: volumeSpans, base: raw) }
    package var issue: SpanText { SpanText(spans: issueSpans, base: raw) }
    package var pages: SpanText { SpanText(spans: pagesSpans, base: raw) }
    package var doi: SpanText { SpanText(spans: doiSpans, base: raw) }
    package var languageNote: SpanText { SpanText(spans: languageNoteSpans, base: raw) }

    package mutating func reserve(references: Int, authors authorCount: Int, textBytes: Int) {
        raw.reserve(values: references, bytes: textBytes)
        for column in [\ReferenceTable.number, \.year] { self[keyPath: column].reserve(values: references) }
        for column in [\ReferenceTable.titleSpans, \.containerSpans, \.volumeSpans, \.issueSpans, \.pagesSpans, \.doiSpans, \.languageNoteSpans] {
            self[keyPath: column].reserve(values: references)
        }
        authors.reserve(values: references)
        language.reserve(values: references, bytes: references * 2)
        selfCitation.reserve(values: references)
        authorNames.reserve(values: authorCount)
    }

    package mutating func append(_ r: Reference) {
        appendPending()
        number.append(r.number)
        raw.append(r.raw)
        var rawText = r.raw
        rawText.withUTF8 { base in
            for a in r.authors { authorNames.append(a, base: base) }
            authors.close(at: authorNames.count)
            titleSpans.append(r.title, base: base)
            containerSpans.append(r.container, base: base)
            volumeSpans.append(r.volume, base: base)
            issueSpans.append(r.issue, base: base)
            pagesSpans.append(r.pages, base: base)
            doiSpans.append(r.doi, base: base)
            languageNoteSpans.append(r.languageNote, base: base)
        }
        year.append(r.year)
        language.append(r.language)
        selfCitation.append(r.selfCitation)
    }

    /// A reference's values of one row each, held until its document's references are all read:
    /// then each column takes the document's values in one append, not one per reference.
    private struct PendingRow {
        package var number: Int32
        package var year: Int32
        package var authorsEnd: UInt32
        // Spans of the raw text (see `RawSpans.value`).
        package var title, container, volume, issue, pages, doi, note: UInt32
        package var language: String?
        package var selfCitation: Bool
    }

    /// Appends a parsed reference straight from its bytes; `own` holds the citing document's
    /// authors, for the self-citation flag.
    package mutating func append(_ r: ParsedReference, bytes b: Bytes, number: Int?, own: SelfCitation) {
        appendDeferred(r, bytes: b, number: number, own: own)
        appendPending()
    }

    /// As `append(_:bytes:number:own:)`, but only the raw text and authors are appended now,
    /// the reference's other values at the next `appendPending()`: the table must not be read or
    /// joined in between. `DocumentStore.append` calls `appendPending()` after each document's
    /// references, so that a document's values go to each column in one append.
    package mutating func appendDeferred(_ r: ParsedReference, bytes b: Bytes, number: Int?, own: SelfCitation) {
        let row = raw.count
        raw.append(bytes: b)
        var cites = false
        var key: [UInt8] = []
        for a in r.authors {
            authorNames.append(a, base: b)
            if !cites && own.mayBeOwn(family: UnsafeBufferPointer(rebasing: b[a.family])) {
                key.removeAll(keepingCapacity: true)
                key.reserveCapacity(64)
                authorNames.appendKey(authorNames.count - 1, base: b, to: &key)
                cites = own.isOwn(key: key)
            }
        }
        for a in r.names {
            authorNames.append(a, base: b)
            if !cites && !own.isEmpty { cites = own.isOwn(key: Array(a.initialsKey.utf8)) }
        }
        pending.append(PendingRow(
            number: IntColumn.stored(number), year: IntColumn.stored(r.year), authorsEnd: UInt32(authorNames.count),
            title: titleSpans.value(range: r.title, base: b, row: row),
            container: containerSpans.value(range: r.container, base: b, row: row),
            volume: volumeSpans.value(range: r.volume, base: b, row: row),
            issue: r.issueText.map { issueSpans.value($0, base: b, row: row) } ?? issueSpans.value(range: r.issue, base: b, row: row),
            pages: pagesSpans.value(range: r.pages, base: b, row: row),
            doi: r.doiText.map { doiSpans.value($0, base: b, row: row) } ?? doiSpans.value(range: r.doi, base: b, row: row),
            note: languageNoteSpans.value(range: r.note, base: b, row: row),
            language: r.language, selfCitation: cites))
    }

    /// Appends the values of the references appended from their bytes since the last call.
    package mutating func appendPending() {
        guard !pending.isEmpty else { return }
        number.append(valuesOf: pending) { $0.number }
        year.append(valuesOf: pending) { $0.year }
        authors.append(endsOf: pending) { $0.authorsEnd }
        titleSpans.append(valuesOf: pending) { $0.title }
        containerSpans.append(valuesOf: pending) { $0.container }
        volumeSpans.append(valuesOf: pending) { $0.volume }
        issueSpans.append(valuesOf: pending) { $0.issue }
        pagesSpans.append(valuesOf: pending) { $0.pages }
        doiSpans.append(valuesOf: pending) { $0.doi }
        languageNoteSpans.append(valuesOf: pending) { $0.note }
        language.append(valuesOf: pending) { $0.language }
        selfCitation.append(valuesOf: pending) { $0.selfCitation }
        pending.removeAll(keepingCapacity: true)
    }

    /// The table with every value of its span columns as text of its own, as a pack stores them
    /// (so that the rows of a pack and of freshly read files join by copying, not value by value).
    package func madeWhole() -> ReferenceTable {
        func whole(_ spans: RawSpans) -> RawSpans {
            guard !spans.isWhole else { return spans }
            var text = TextColumn()
            for r in 0 ..< count { raw.withBytes(r) { base in spans.withBytes(r, base: base) { text.append(bytes: $0) } } }
            return RawSpans(text: text)
        }
        var t = self
        for column in [\ReferenceTable.titleSpans, \.containerSpans, \.volumeSpans, \.issueSpans, \.pagesSpans, \.doiSpans, \.languageNoteSpans] {
            t[keyPath: column] = whole(self[keyPath: column])
        }
        t.authorNames = authorNames.madeWhole(raw: raw, authors: authors)
        return t
    }

    package func reference(_ i: Int) -> Reference {
        Reference(number: number[i], raw: raw.string(i),
                  authors: raw.withBytes(i) { base in authors.range(i).map { authorNames.of(base: base).author($0) } },
                  title: title.optional(i), container: container.optional(i), year: year[i],
                  volume: volume.optional(i), issue: issue.optional(i), pages: pages.optional(i),
                  doi: doi.optional(i), language: language.optional(i),
                  languageNote: languageNote.optional(i), selfCitation: selfCitation[i])
    }
}

/// Section labels of many documents; a section's text is a byte range of its document's abstract
/// when it is found there (the usual case), else stored on its own.
package struct SectionTable: ColumnTable {
    package static let columns: [ColumnRef<SectionTable>] = [.init(\.label), .init(\.start), .init(\.length), .init(\.ownText)]
    package var label = TextColumn()
    package var start = UInt32Column()
    package var length = UInt32Column()
    package var ownText = TextColumn()

    package init() {}

    package var count: Int { label.count }
}

/// All documents of a corpus, column by column. Immutable once built; shared read-only.
package struct DocumentStore: ColumnTable, DocumentSink {
    package static let columns: [ColumnRef<DocumentStore>] = [
        .init(\.id), .init(\.title), .init(\.abstract), .init(\.doi), .init(\.year), .init(\.language),
        .init(\.sourcePath), .init(\.sourceLine), .init(\.authors), .init(\.authorNames, rowsFrom: \.authors), .init(\.affiliations),
        .init(\.affiliationText, rowsFrom: \.affiliations), .init(\.keywords), .init(\.keywordText, rowsFrom: \.keywords),
        .init(\.sections), .init(\.sectionTable, rowsFrom: \.sections),
        .init(\.references), .init(\.referenceTable, rowsFrom: \.references), .init(\.journal), .init(\.citations),
        .init(\.mergedSources), .init(\.mergedSourcePath, rowsFrom: \.mergedSources), .init(\.mergedSourceLine, rowsFrom: \.mergedSources),
        .init(\.affiliationLinks, rowsFrom: \.affiliations), .init(\.schema),
    ]

    package var id = TextColumn()
    package var title = TextColumn()
    package var abstract = TextColumn()
    package var doi = TextColumn()
    package var year = IntColumn()
    package var language = TextColumn()
    package var sourcePath = TextColumn()
    package var sourceLine = IntColumn()
    package var authors = ListIndex()
    package var authorNames = AuthorTable()
    package var affiliations = ListIndex()
    package var affiliationText = TextColumn()
    package var keywords = ListIndex()
    package var keywordText = TextColumn()
    package var sections = ListIndex()
    package var sectionTable = SectionTable()
    package var references = ListIndex()
    package var referenceTable = ReferenceTable()
    package var journal = TextColumn()
    package var citations = IntColumn()
    package var mergedSources = ListIndex()
    package var mergedSourcePath = TextColumn()
    package var mergedSourceLine = IntColumn()
    /// For each affiliation, the authors it belongs to.
    package var affiliationLinks = AffiliationLinks()
    /// The schema's fields (see `DocumentSchema`).
    package var schema = SchemaColumns()
    /// Each reference's cited-work key, made when first asked for (not a column).
    package let referenceKeys = ReferenceKeys()
    /// Each affiliation parsed, made when first asked for (not a column).
    package let parsedAddresses = ParsedAddresses()

    package init() {}

    package var count: Int { id.count }

    /// Reserves room for the documents of a file of `fileBytes` bytes (at least a megabyte): its
    /// references' texts and abstracts take at most the file's size, a reference at least 64 of
    /// its bytes and a reference author 16.
    package mutating func reserve(forFileBytes fileBytes: Int) {
        guard fileBytes >= 1 << 20 else { return }
        referenceTable.reserve(references: fileBytes / 64, authors: fileBytes / 16, textBytes: fileBytes)
        abstract.reserve(values: fileBytes / 1024, bytes: fileBytes / 2)
    }

    package mutating func append(_ d: Document) {
        append(d) { table in for r in d.references { table.append(r) } }
    }

    /// Appends the document's own fields, then whatever `references` adds to the reference table
    /// as its references: the one way a document enters the store.
    package mutating func append(_ d: some DocumentFields, references appendReferences: (inout ReferenceTable) -> Void) {
        id.append(d.id)
        d.withText(.title) { title.append(bytes: $0) }
        d.withText(.abstract) { abstract.append(bytes: $0) }
        d.withText(.doi) { doi.append(bytes: $0) }
        year.append(d.year)
        language.append(d.language)
        sourcePath.append(d.source.path)
        sourceLine.append(d.source.line)
        d.appendAuthors(to: &authorNames)
        authors.close(at: authorNames.count)
        d.forEachAffiliation { text, linked in
            affiliationText.append(bytes: text)
            affiliationLinks.append(linked)
        }
        affiliations.close(at: affiliationText.count)
        d.forEachKeyword { keywordText.append(bytes: $0) }
        keywords.close(at: keywordText.count)
        d.withText(.abstract) { abstract in
            var searchFrom = 0
            d.forEachSection { label, text in appendSection(label: label, text: text, abstract: abstract, searchFrom: &searchFrom) }
        }
        sections.close(at: sectionTable.count)
        appendReferences(&referenceTable)
        referenceTable.appendPending()
        references.close(at: referenceTable.count)
        d.withText(.journal) { journal.append(bytes: $0) }
        citations.append(d.citations)
        for m in d.mergedSources {
            mergedSourcePath.append(m.path)
            mergedSourceLine.append(m.line)
        }
        mergedSources.close(at: mergedSourcePath.count)
        schema.append(d.schemaValues)
    }

    /// Appends a section whose text is `text`: as a range of the document's `abstract` when it is
    /// found there at or after `searchFrom` (each section is looked for after the one before it),
    /// else as text of its own.
    private mutating func appendSection(label: String, text: UnsafeBufferPointer<UInt8>, abstract: UnsafeBufferPointer<UInt8>,
                                searchFrom: inout Int) {
        sectionTable.label.append(label)
        let found: Range<Int>? = text.isEmpty
            ? searchFrom ..< searchFrom
            : UnsafeBufferPointer(rebasing: abstract[searchFrom...]).firstOffset(of: text).map { searchFrom + $0 ..< searchFrom + $0 + text.count }
        if let found {
            sectionTable.start.append(UInt32(found.lowerBound))
            sectionTable.length.append(UInt32(found.count))
            sectionTable.ownText.append(nil)
            searchFrom = found.upperBound
        } else {
            sectionTable.start.append(0)
            sectionTable.length.append(0)
            sectionTable.ownText.append(bytes: text)
        }
    }

    // MARK: reading back

    /// The text of section `s` (an index into `sectionTable`) of document `row`.
    package func withSectionText<R>(_ s: Int, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if !sectionTable.ownText.isEmpty(s) { return sectionTable.ownText.withBytes(s, body) }
        let start = Int(sectionTable.start[s])
        let length = Int(sectionTable.length[s])
        return abstract.withBytes(row) { body(UnsafeBufferPointer(rebasing: $0[start ..< start + length])) }
    }

    package func section(_ s: Int, row: Int) -> Section {
        Section(label: sectionTable.label.string(s),
                text: withSectionText(s, row: row) { String(decoding: $0, as: UTF8.self) })
    }

    package func document(_ row: Int) -> Document {
        let document = Document(
            id: id.string(row), title: title.string(row),
            authors: authors.range(row).map { authorNames.author($0) },
            affiliations: affiliations.range(row).map { affiliationText.string($0) },
            abstract: abstract.optional(row),
            sections: sections.range(row).map { section($0, row: row) },
            doi: doi.optional(row), year: year[row],
            keywords: keywords.range(row).map { keywordText.string($0) },
            references: references.range(row).map { referenceTable.reference($0) },
            language: language.optional(row),
            journal: journal.optional(row), citations: citations[row],
            source: SourceLocation(path: sourcePath.string(row), line: sourceLine[row]),
            mergedSources: mergedSources.range(row).map {
                SourceLocation(path: mergedSourcePath.string($0), line: mergedSourceLine[$0])
            })
        var d = document
        let links = affiliations.range(row).map { affiliationLinks.authors(of: $0) }
        if links.contains(where: { !$0.isEmpty }) { d.affiliationAuthors = links }
        schema.fill(&d, row: row)
        return d
    }
}

/// For each affiliation of the store, the indices (within its document, from 0) of the authors
/// it belongs to.
package struct AffiliationLinks: ColumnTable {
    package static let columns: [ColumnRef<AffiliationLinks>] = [.init(\.authors), .init(\.author, rowsFrom: \.authors)]
    package var authors = ListIndex()
    package var author = IntColumn()

    package init() {}

    package var count: Int { authors.count }

    package mutating func append(_ list: [Int]) {
        for a in list { author.append(a) }
        authors.close(at: author.count)
    }

    package func authors(of affiliation: Int) -> [Int] {
        authors.range(affiliation).compactMap { author[$0] }
    }
}

/// The columns of the schema's fields (`DocumentSchema`): a text column for each text field and
/// each record's part, a list index and a text column for each list field. One value for the
/// store, joined, reserved, written and read by loops over its columns.
package struct SchemaColumns: ColumnStorage {
    package private(set) var text = Array(repeating: TextColumn(), count: SchemaColumns.textCount)
    package private(set) var lists = Array(repeating: ListIndex(), count: DocumentSchema.listFields.count)
    package private(set) var listText = Array(repeating: TextColumn(), count: DocumentSchema.listFields.count)

    /// Text fields, then records' parts.
    package static let textCount = DocumentSchema.textFields.count + DocumentSchema.recordParts.count
    /// Where each text column's and each list column's property lies in a `Document`, in column
    /// order: read and written through these offsets, as a key path applied to a value copies the
    /// whole document first (a load would spend more on that than on the fields).
    package static let textOffsets: [Int] = (DocumentSchema.textFields.compactMap { if case .text(let p) = $0.kind { p } else { nil } }
        + DocumentSchema.recordParts.map(\.path)).map { MemoryLayout<Document>.offset(of: $0)! }
    package static let listOffsets: [Int] = DocumentSchema.listFields.compactMap { if case .list(let p) = $0.kind { p } else { nil } }
        .map { MemoryLayout<Document>.offset(of: $0)! }

    package init() {}

    /// Columns given whole (a pack's): one text column per text field and record part, a list
    /// index and a text column per list field.
    package init(text: [TextColumn], lists: [ListIndex], listText: [TextColumn]) throws {
        guard text.count == Self.textCount, lists.count == DocumentSchema.listFields.count, listText.count == lists.count else {
            throw ColumnReadError(message: "the schema's columns do not match its fields")
        }
        self.text = text
        self.lists = lists
        self.listText = listText
    }

    /// Appends `d`'s values, or none (every field absent) when `d` is nil (the record reader's
    /// documents, which have none of them: no key path is followed then).
    package mutating func append(_ d: Document?) {
        guard let d else {
            for k in text.indices { text[k].append(nil) }
            for k in lists.indices { lists[k].close(at: listText[k].count) }
            return
        }
        withUnsafeBytes(of: d) { raw in
            for (k, offset) in SchemaColumns.textOffsets.enumerated() { text[k].append(raw.load(fromByteOffset: offset, as: String?.self)) }
            for (k, offset) in SchemaColumns.listOffsets.enumerated() {
                for v in raw.load(fromByteOffset: offset, as: [String].self) { listText[k].append(v) }
                lists[k].close(at: listText[k].count)
            }
        }
    }

    /// Sets `d`'s schema fields to the values of row `row`.
    package func fill(_ d: inout Document, row: Int) {
        withUnsafeMutableBytes(of: &d) { raw in
            for (k, offset) in SchemaColumns.textOffsets.enumerated() {
                raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: String?.self).pointee = text[k].optional(row)
            }
            for (k, offset) in SchemaColumns.listOffsets.enumerated() {
                raw.baseAddress!.advanced(by: offset).assumingMemoryBound(to: [String].self).pointee = lists[k].range(row).map { listText[k].string($0) }
            }
        }
    }

    package var count: Int { text.first?.count ?? lists.first?.count ?? 0 }

    package var isConsistent: Bool {
        text.allSatisfy { $0.count == count } && lists.allSatisfy { $0.count == count }
            && lists.indices.allSatisfy { Int(lists[$0].ends.last ?? 0) <= listText[$0].count }
    }

    package mutating func append(contentsOf other: SchemaColumns) {
        for k in text.indices { text[k].append(contentsOf: other.text[k]) }
        for k in lists.indices {
            lists[k].append(contentsOf: other.lists[k])
            listText[k].append(contentsOf: other.listText[k])
        }
    }

    package mutating func reserveCapacity(adding others: [SchemaColumns], times: Int) {
        for k in text.indices { text[k].reserveCapacity(adding: others.map { $0.text[k] }, times: times) }
        for k in lists.indices {
            lists[k].reserveCapacity(adding: others.map { $0.lists[k] }, times: times)
            listText[k].reserveCapacity(adding: others.map { $0.listText[k] }, times: times)
        }
    }

    package var byteSize: Int {
        (text + listText).reduce(0) { $0 + $1.byteSize } + lists.reduce(0) { $0 + $1.byteSize }
    }

    package mutating func append(rows: Range<Int>, of other: SchemaColumns) {
        for k in text.indices { text[k].append(rows: rows, of: other.text[k]) }
        for k in lists.indices {
            lists[k].append(rows: rows, of: other.lists[k])
            listText[k].append(rows: other.lists[k].childRange(rows), of: other.listText[k])
        }
    }

    package mutating func removeAllKeepingCapacity() {
        for k in text.indices { text[k].removeAllKeepingCapacity() }
        for k in lists.indices {
            lists[k].removeAllKeepingCapacity()
            listText[k].removeAllKeepingCapacity()
        }
    }
}
