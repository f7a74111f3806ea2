// DocumentBinding.swift: documents and references as read-only userdata whose fields are read
// from the columnar store on demand. Small lists (authors, keywords, sections) come back as fresh
// tables; references as lazy userdata of their own.
import Corpus
import Lua

/// What a Document userdata holds: which corpus store and which row.
struct DocumentHandle {
    var slot: Int32
    var row: Int32
}

/// What a Reference userdata holds: the corpus store and the reference's index in it.
struct ReferenceHandle {
    var slot: Int32
    var index: Int32
    var row: Int32
}

/// The fields of a document as scripts see them.
enum DocumentField: String, CaseIterable {
    case id, title, authors, affiliations, abstract, sections, doi, year, keywords, references, language, source

    var type: String {
        switch self {
        case .id, .title: return "string"
        case .abstract, .doi, .language: return "string?"
        case .year: return "integer?"
        case .authors: return "Author[]"
        case .affiliations, .keywords: return "string[]"
        case .sections: return "Section[]"
        case .references: return "Reference[]"
        case .source: return "Source"
        }
    }

    var summary: String {
        switch self {
        case .id: return "identifier (the record's file name, or the source's own identifier)"
        case .title: return "title"
        case .authors: return "authors in order: {name, family, given, initials, key}"
        case .affiliations: return "affiliations as written"
        case .abstract: return "abstract's full text, markup removed"
        case .sections: return "labelled parts of a structured abstract: {label, text}"
        case .doi: return "DOI, without the resolver prefix"
        case .year: return "publication year (from the record, else from a year inside the DOI)"
        case .keywords: return "author keywords"
        case .references: return "reference list, in order"
        case .language: return "ISO 639-1 language code, given or guessed from the text"
        case .source: return "where the record was read: {path, line}"
        }
    }

    static let byName: [String: DocumentField] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    static let namesList = allCases.map(\.rawValue).joined(separator: ", ")
}

/// The fields of a reference as scripts see them.
enum ReferenceField: String, CaseIterable {
    case number, text, authors, title, container, year, volume, issue, pages, doi, language, language_note, self_citation

    var type: String {
        switch self {
        case .number, .year: return "integer?"
        case .text: return "string"
        case .authors: return "Author[]"
        case .self_citation: return "boolean"
        default: return "string?"
        }
    }

    var summary: String {
        switch self {
        case .number: return "number in the list, when numbered"
        case .text: return "the reference as written"
        case .authors: return "authors: {name, family, given, initials, key}"
        case .title: return "title of the cited work"
        case .container: return "journal, book or series the work appeared in"
        case .year: return "publication year (the last plausible year in the reference)"
        case .volume: return "volume"
        case .issue: return "issue (number)"
        case .pages: return "pages"
        case .doi: return "DOI"
        case .language: return "ISO 639-1 code of its language (from its note, or its script)"
        case .language_note: return "the language note as written, such as \"In Russ.\""
        case .self_citation: return "true when it shares an author with the citing document"
        }
    }

    static let byName: [String: ReferenceField] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    static let namesList = allCases.map(\.rawValue).joined(separator: ", ")
}

enum DocumentBinding {
    static let documentType = "Document"
    static let referenceType = "Reference"

    static func register(in context: ScriptContext) {
        for f in DocumentField.allCases {
            context.registry.add(APIEntry(owner: "Document", name: f.rawValue, kind: .field, parameters: [], returns: f.type, summary: f.summary))
        }
        for f in ReferenceField.allCases {
            context.registry.add(APIEntry(owner: "Reference", name: f.rawValue, kind: .field, parameters: [], returns: f.type, summary: f.summary))
        }
        context.state.registerType(documentType, index: { s in try readDocumentField(s, context) },
                                   metamethods: [
                                       "__tostring": { s in
                                           guard let h = s.plain(at: 1, typeName: documentType, as: DocumentHandle.self) else { return 0 }
                                           s.push(describeDocument(context.corpus(slot: h.slot).store, Int(h.row)))
                                           return 1
                                       },
                                       "__eq": { s in
                                           let a = s.plain(at: 1, typeName: documentType, as: DocumentHandle.self)
                                           let b = s.plain(at: 2, typeName: documentType, as: DocumentHandle.self)
                                           s.push(a != nil && b != nil && a!.row == b!.row
                                               && context.corpus(slot: a!.slot).storeIdentity == context.corpus(slot: b!.slot).storeIdentity)
                                           return 1
                                       },
                                       "__newindex": { _ in throw ScriptError("documents are read-only") },
                                   ], holdsObject: false)
        context.state.registerType(referenceType, index: { s in try readReferenceField(s, context) },
                                   metamethods: [
                                       "__tostring": { s in
                                           guard let h = s.plain(at: 1, typeName: referenceType, as: ReferenceHandle.self) else { return 0 }
                                           let t = context.corpus(slot: h.slot).store.referenceTable
                                           s.push("Reference " + t.raw.string(Int(h.index)))
                                           return 1
                                       },
                                       "__newindex": { _ in throw ScriptError("references are read-only") },
                                   ], holdsObject: false)
    }

    static func push(document row: Int, slot: Int32, on s: LuaStack) {
        s.pushPlain(DocumentHandle(slot: slot, row: Int32(row)), typeName: documentType)
    }

    static func describeDocument(_ store: DocumentStore, _ row: Int) -> String {
        var text = "Document " + (store.doi.optional(row) ?? store.id.string(row))
        var title = store.title.string(row)
        if title.count > 60 { title = String(title.prefix(59)) + "…" }
        text += " \"" + title + "\""
        if let y = store.year[row] { text += " (\(y))" }
        return text
    }

    // MARK: fields

    private static func readDocumentField(_ s: LuaStack, _ context: ScriptContext) throws -> Int32 {
        guard let h = s.plain(at: 1, typeName: documentType, as: DocumentHandle.self) else { return 0 }
        guard let key = s.toString(2) else {
            throw ScriptError("documents are indexed by field name, not by \(s.typeName(at: 2))")
        }
        guard let field = DocumentField.byName[key] else {
            throw ScriptError("unknown document field '\(key)'; fields are \(DocumentField.namesList)")
        }
        let store = context.corpus(slot: h.slot).store
        let row = Int(h.row)
        switch field {
        case .id: store.id.withBytes(row) { s.push(bytes: $0) }
        case .title: store.title.withBytes(row) { s.push(bytes: $0) }
        case .abstract: pushOptional(store.abstract, row, s)
        case .doi: pushOptional(store.doi, row, s)
        case .language: pushOptional(store.language, row, s)
        case .year: s.push(store.year[row])
        case .authors: pushAuthors(store.authorNames, store.authors.range(row), s)
        case .affiliations: pushStrings(store.affiliationText, store.affiliations.range(row), s)
        case .keywords: pushStrings(store.keywordText, store.keywords.range(row), s)
        case .sections:
            s.pushArray(store.sections.range(row)) { i in
                s.pushTable(fields: 2)
                store.sectionTable.label.withBytes(i) { s.push(bytes: $0) }
                s.setField("label", at: -2)
                store.withSectionText(i, row: row) { s.push(bytes: $0) }
                s.setField("text", at: -2)
            }
        case .references:
            s.pushArray(store.references.range(row)) { i in
                s.pushPlain(ReferenceHandle(slot: h.slot, index: Int32(i), row: h.row), typeName: referenceType)
            }
        case .source:
            s.pushTable(fields: 2)
            store.sourcePath.withBytes(row) { s.push(bytes: $0) }
            s.setField("path", at: -2)
            s.push(store.sourceLine[row])
            s.setField("line", at: -2)
        }
        return 1
    }

    private static func readReferenceField(_ s: LuaStack, _ context: ScriptContext) throws -> Int32 {
        guard let h = s.plain(at: 1, typeName: referenceType, as: ReferenceHandle.self) else { return 0 }
        guard let key = s.toString(2) else {
            throw ScriptError("references are indexed by field name, not by \(s.typeName(at: 2))")
        }
        guard let field = ReferenceField.byName[key] else {
            throw ScriptError("unknown reference field '\(key)'; fields are \(ReferenceField.namesList)")
        }
        let t = context.corpus(slot: h.slot).store.referenceTable
        let i = Int(h.index)
        switch field {
        case .number: s.push(t.number[i])
        case .text: t.raw.withBytes(i) { s.push(bytes: $0) }
        case .authors: pushAuthors(t.authorNames, t.authors.range(i), s)
        case .title: pushOptional(t.title, i, s)
        case .container: pushOptional(t.container, i, s)
        case .year: s.push(t.year[i])
        case .volume: pushOptional(t.volume, i, s)
        case .issue: pushOptional(t.issue, i, s)
        case .pages: pushOptional(t.pages, i, s)
        case .doi: pushOptional(t.doi, i, s)
        case .language: pushOptional(t.language, i, s)
        case .language_note: pushOptional(t.languageNote, i, s)
        case .self_citation: s.push(t.selfCitation[i])
        }
        return 1
    }

    private static func pushOptional(_ column: TextColumn, _ i: Int, _ s: LuaStack) {
        if column.isEmpty(i) { s.pushNil() } else { column.withBytes(i) { s.push(bytes: $0) } }
    }

    private static func pushStrings(_ column: TextColumn, _ range: Range<Int>, _ s: LuaStack) {
        s.pushArray(range) { i in column.withBytes(i) { s.push(bytes: $0) } }
    }

    static func pushAuthors(_ names: AuthorTable, _ range: Range<Int>, _ s: LuaStack) {
        s.pushArray(range) { i in
            s.pushTable(fields: 5)
            names.written.withBytes(i) { s.push(bytes: $0) }
            s.setField("name", at: -2)
            names.family.withBytes(i) { s.push(bytes: $0) }
            s.setField("family", at: -2)
            pushOptional(names.given, i, s)
            s.setField("given", at: -2)
            names.initials.withBytes(i) { s.push(bytes: $0) }
            s.setField("initials", at: -2)
            names.key.withBytes(i) { s.push(bytes: $0) }
            s.setField("key", at: -2)
        }
    }
}

/// An error raised to the script with the position of the calling line.
struct ScriptError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
