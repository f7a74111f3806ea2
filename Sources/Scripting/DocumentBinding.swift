// DocumentBinding.swift: documents and references as read-only userdata whose fields are read
// from the columnar store on demand. Small lists (authors, keywords, sections) come back as fresh
// tables; references as lazy userdata of their own.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
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
    case id, title, authors, affiliations, addresses, countries, abstract, sections, doi, year, keywords, references, language, journal,
         citations, cited_by, source, sources

    /// Its declaration in the model (`DocumentSchema.core`), which these cases follow in order.
    var description: FieldDescription { DocumentSchema.core[DocumentField.allCases.firstIndex(of: self)!] }
    var type: String { description.luaType }
    var summary: String { description.summary }

    /// Every field's name: these, then the schema's (`DocumentSchema`), in the order their
    /// positions are numbered.
    static let names = allCases.map(\.rawValue) + DocumentSchema.fields.map(\.name)
    static let namesList = names.joined(separator: ", ")
}

/// The fields of a reference as scripts see them.
enum ReferenceField: String, CaseIterable {
    case number, text, authors, et_al, title, container, container_key, year, year_suffix, volume, issue, pages, first_page, last_page, doi, url, key, language, language_note, self_citation, target

    /// Its declaration in the model (`DocumentSchema.referenceFields`), which these cases follow in order.
    var description: FieldDescription { DocumentSchema.referenceFields[ReferenceField.allCases.firstIndex(of: self)!] }
    var type: String { description.luaType }
    var summary: String { description.summary }

    static let namesList = allCases.map(\.rawValue).joined(separator: ", ")
}

/// Field names kept alive in the registry, so a key can be matched by the identity of its
/// interned Lua string instead of by building a Swift string for it.
final class InternedNames {
    private var identities: [UnsafeRawPointer] = []

    init(_ names: [String], in state: LuaState) {
        let s = state.main!
        s.pushArray(names) { s.push($0) }
        for i in 1...names.count {
            s.getIndex(i, at: -1)
            identities.append(s.stringIdentity(at: -1)!)
            s.pop()
        }
        _ = s.ref()  // keeps the strings alive as long as the state
    }

    /// The position of the key at `index` among the names, if it is one of them.
    @inline(__always)
    func position(of index: Int32, in s: LuaStack) -> Int? {
        guard let id = s.stringIdentity(at: index) else { return nil }
        return identities.firstIndex(of: id)
    }
}

enum DocumentBinding {
    static let documentType = "Document"
    static let referenceType = "Reference"

    static func register(in context: ScriptContext) {
        for f in DocumentField.allCases {
            context.registry.add(APIEntry(owner: "Document", name: f.rawValue, kind: .field, parameters: [], returns: f.type, summary: f.summary))
        }
        for f in DocumentSchema.fields {
            context.registry.add(APIEntry(owner: "Document", name: f.name, kind: .field, parameters: [], returns: f.luaType, summary: f.summary))
        }
        for f in ReferenceField.allCases {
            context.registry.add(APIEntry(owner: "Reference", name: f.rawValue, kind: .field, parameters: [], returns: f.type, summary: f.summary))
        }
        let documentNames = InternedNames(DocumentField.names, in: context.state)
        let referenceNames = InternedNames(ReferenceField.allCases.map(\.rawValue), in: context.state)
        context.state.registerType(documentType, index: { s in try readDocumentField(s, context, documentNames) },
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
        context.state.registerType(referenceType, index: { s in try readReferenceField(s, context, referenceNames) },
                                   metamethods: [
                                       "__tostring": { s in
                                           guard let h = s.plain(at: 1, typeName: referenceType, as: ReferenceHandle.self) else { return 0 }
                                           let t = context.corpus(slot: h.slot).store.referenceTable
                                           s.push("Reference " + t.raw.string(Int(h.index)))
                                           return 1
                                       },
                                       "__newindex": { _ in throw ScriptError("references are read-only") },
                                   ], holdsObject: false)
        context.setFieldPairs(ofType: documentType, DocumentField.names)
        context.setFieldPairs(ofType: referenceType, ReferenceField.allCases.map(\.rawValue))
    }

    static func push(document row: Int, slot: Int32, on s: LuaStack) {
        s.pushPlain(DocumentHandle(slot: slot, row: Int32(row)), typeName: documentType)
    }

    /// A document's main fields, a line each, as the shell shows it; nil when the value at
    /// `index` is not a document.
    static func summary(of s: LuaStack, at index: Int32, context: ScriptContext) -> String? {
        guard let h = s.plain(at: index, typeName: documentType, as: DocumentHandle.self) else { return nil }
        let d = context.corpus(slot: h.slot).store.document(Int(h.row))
        func cut(_ text: String, _ n: Int) -> String { text.count > n ? String(text.prefix(n - 1)) + "…" : text }
        var lines = ["Document \(d.id)", "  title:      \(d.title)"]
        if !d.authors.isEmpty { lines.append("  authors:    " + cut(d.authors.map(\.written).joined(separator: "; "), 100)) }
        if let y = d.year { lines.append("  year:       \(y)") }
        if let j = d.journal { lines.append("  journal:    \(j)") }
        if let doi = d.doi { lines.append("  doi:        \(doi)") }
        if let l = d.language { lines.append("  language:   \(l)") }
        if !d.keywords.isEmpty { lines.append("  keywords:   " + cut(d.keywords.joined(separator: "; "), 100)) }
        if let a = d.abstract { lines.append("  abstract:   " + cut(a.replacingOccurrences(of: "\n", with: " "), 100)) }
        lines.append("  references: \(d.references.count)")
        return lines.joined(separator: "\n")
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

    /// The position of the key (argument 2) among `names`, or the error that names the valid fields.
    @inline(__always)
    private static func fieldPosition(_ s: LuaStack, _ names: InternedNames, of kind: String, fields: String) throws -> Int {
        if let position = names.position(of: 2, in: s) { return position }
        guard let key = s.toString(2) else {
            throw ScriptError("\(kind)s are indexed by field name, not by \(s.typeName(at: 2))")
        }
        throw ScriptError("unknown \(kind) field '\(key)'; fields are \(fields)")
    }

    private static func readDocumentField(_ s: LuaStack, _ context: ScriptContext, _ names: InternedNames) throws -> Int32 {
        guard let h = s.plainUnchecked(at: 1, as: DocumentHandle.self) else { return 0 }
        let position = try fieldPosition(s, names, of: "document", fields: DocumentField.namesList)
        let box = context.storeBox(slot: h.slot)
        let row = Int(h.row)
        guard position < DocumentField.allCases.count else {
            return pushSchemaField(DocumentSchema.fields[position - DocumentField.allCases.count], of: box.store, row: row, s)
        }
        return try pushField(DocumentField.allCases[position], of: box, row: row, slot: h.slot, s)
    }

    @inline(__always)
    private static func pushField(_ field: DocumentField, of box: StoreBox, row: Int, slot: Int32, _ s: LuaStack) throws -> Int32 {
        switch field {
        case .id: box.store.id.withBytes(row) { s.push(bytes: $0) }
        case .title: box.store.title.withBytes(row) { s.push(bytes: $0) }
        case .abstract: pushOptional(box.store.abstract, row, s)
        case .doi: pushOptional(box.store.doi, row, s)
        case .language: pushOptional(box.store.language, row, s)
        case .year: s.push(box.store.year[row])
        case .authors: pushDocumentAuthors(box.store, row, s)
        case .affiliations: pushStrings(box.store.affiliationText, box.store.affiliations.range(row), s)
        case .addresses:
            s.pushArray(box.store.affiliations.range(row)) { a in
                s.pushTable(fields: 9)
                let text = box.store.affiliationText.string(a)
                s.push(text)
                s.setField("address", at: -2)
                s.pushArray(box.store.affiliationLinks.authors(of: a)) { s.push($0 + 1) }
                s.setField("authors", at: -2)
                let parsed = box.store.parsedAddresses.of(box.store)[a]
                func set(_ value: String?, _ key: String) {
                    guard let value else { return }
                    s.push(value)
                    s.setField(key, at: -2)
                }
                set(parsed.institution, "institution")
                s.pushArray(parsed.subunits) { s.push($0) }
                s.setField("subunits", at: -2)
                set(parsed.city, "city")
                set(parsed.postalCode, "postal_code")
                set(parsed.country, "country")
                set(parsed.country.flatMap(Countries.name), "country_name")
                set(parsed.countryEvidence?.rawValue, "country_by")
            }
        case .countries:
            // Distinct, in the order of the addresses.
            var seen: [String] = []
            let parsed = box.store.parsedAddresses.of(box.store)
            for a in box.store.affiliations.range(row) {
                if let c = parsed[a].country, !seen.contains(c) { seen.append(c) }
            }
            s.pushArray(seen) { s.push($0) }
        case .keywords: pushStrings(box.store.keywordText, box.store.keywords.range(row), s)
        case .sections:
            s.pushArray(box.store.sections.range(row)) { i in
                s.pushTable(fields: 2)
                box.store.sectionTable.label.withBytes(i) { s.push(bytes: $0) }
                s.setField("label", at: -2)
                box.store.withSectionText(i, row: row) { s.push(bytes: $0) }
                s.setField("text", at: -2)
            }
        case .references:
            s.pushArray(box.store.references.range(row)) { i in
                s.pushPlain(ReferenceHandle(slot: slot, index: Int32(i), row: Int32(row)), typeName: referenceType)
            }
        case .journal: pushOptional(box.store.journal, row, s)
        case .citations: s.push(box.store.citations[row])
        case .cited_by: s.push(Int(try box.citations.citedBy[row]))
        case .source: pushSource(box.store.sourcePath, box.store.sourceLine, row, s)
        case .sources:
            let merged = box.store.mergedSources.range(row)
            s.pushArray(0 ..< merged.count + 1) { k in
                if k == 0 { pushSource(box.store.sourcePath, box.store.sourceLine, row, s) }
                else { pushSource(box.store.mergedSourcePath, box.store.mergedSourceLine, merged.lowerBound + k - 1, s) }
            }
        }
        return 1
    }

    /// A field declared in the schema, pushed as its kind says.
    private static func pushSchemaField(_ f: SchemaField, of store: DocumentStore, row: Int, _ s: LuaStack) -> Int32 {
        switch f.kind {
        case .text: pushOptional(store.schema.text[DocumentSchema.textSlot(f.name)!], row, s)
        case .list:
            let k = DocumentSchema.listSlot(f.name)!
            pushStrings(store.schema.listText[k], store.schema.lists[k].range(row), s)
        case .record(let parts):
            let columns = DocumentSchema.recordColumns(f.name).map { store.schema.text[$0] }
            guard columns.contains(where: { !$0.isEmpty(row) }) else { s.pushNil(); return 1 }
            s.pushTable(fields: parts.count + 1)
            for (part, column) in zip(parts, columns) {
                pushOptional(column, row, s)
                s.setField(part.name, at: -2)
                // A record's address (the corresponding author's) comes with its country.
                if part.name == "address", !column.isEmpty(row), let country = Address(parsing: column.string(row)).country {
                    s.push(country)
                    s.setField("country", at: -2)
                }
            }
        }
        return 1
    }

    /// A document's authors, each with the positions (from 1) of its affiliations in `addresses`.
    private static func pushDocumentAuthors(_ store: DocumentStore, _ row: Int, _ s: LuaStack) {
        let authors = store.authors.range(row)
        var affiliations = Array(repeating: [Int](), count: authors.count)
        var countries = Array(repeating: [String](), count: authors.count)
        let parsed = store.parsedAddresses.of(store)
        for (k, a) in store.affiliations.range(row).enumerated() {
            let country = parsed[a].country
            for author in store.affiliationLinks.authors(of: a) where author < authors.count {
                affiliations[author].append(k + 1)
                if let country, !countries[author].contains(country) { countries[author].append(country) }
            }
        }
        pushAuthors(store.authorNames, authors, s) { i in
            s.pushArray(affiliations[i - authors.lowerBound]) { s.push($0) }
            s.setField("affiliations", at: -2)
            s.pushArray(countries[i - authors.lowerBound]) { s.push($0) }
            s.setField("countries", at: -2)
            for (name, column) in [("orcid", store.authorNames.orcid), ("id", store.authorNames.sourceID)] where !column.isEmpty(i) {
                column.withBytes(i) { s.push(bytes: $0) }
                s.setField(name, at: -2)
            }
        }
    }

    private static func pushSource(_ paths: TextColumn, _ lines: IntColumn, _ i: Int, _ s: LuaStack) {
        s.pushTable(fields: 2)
        paths.withBytes(i) { s.push(bytes: $0) }
        s.setField("path", at: -2)
        s.push(lines[i])
        s.setField("line", at: -2)
    }

    private static func readReferenceField(_ s: LuaStack, _ context: ScriptContext, _ names: InternedNames) throws -> Int32 {
        guard let h = s.plainUnchecked(at: 1, as: ReferenceHandle.self) else { return 0 }
        let field = ReferenceField.allCases[try fieldPosition(s, names, of: "reference", fields: ReferenceField.namesList)]
        let box = context.storeBox(slot: h.slot)
        return try pushReferenceField(field, of: box, index: Int(h.index), slot: h.slot, s)
    }

    @inline(__always)
    private static func pushReferenceField(_ field: ReferenceField, of box: StoreBox, index i: Int, slot: Int32, _ s: LuaStack) throws -> Int32 {
        switch field {
        case .number: s.push(box.store.referenceTable.number[i])
        case .text: box.store.referenceTable.raw.withBytes(i) { s.push(bytes: $0) }
        case .authors:
            let t = box.store.referenceTable
            t.raw.withBytes(i) { pushAuthors(t.authorNames.of(base: $0), t.authors.range(i), s) }
        case .title: pushOptional(box.store.referenceTable.title, i, s)
        case .container: pushOptional(box.store.referenceTable.container, i, s)
        case .container_key:
            let t = box.store.referenceTable
            if t.container.isEmpty(i) { s.pushNil() } else { s.push(SourceKey.of(t.container.string(i))) }
        case .year: s.push(box.store.referenceTable.year[i])
        case .volume: pushOptional(box.store.referenceTable.volume, i, s)
        case .issue: pushOptional(box.store.referenceTable.issue, i, s)
        case .pages: pushOptional(box.store.referenceTable.pages, i, s)
        case .first_page, .last_page:
            let t = box.store.referenceTable
            if let range = t.pages.optional(i).flatMap(ReferenceDetails.pageRange) { s.push(field == .first_page ? range.first : range.last) } else { s.pushNil() }
        case .doi: pushOptional(box.store.referenceTable.doi, i, s)
        case .url:
            if let url = ReferenceDetails.url(box.store.referenceTable.raw.string(i)) { s.push(url) } else { s.pushNil() }
        case .et_al: s.push(ReferenceDetails.etAl(box.store.referenceTable.raw.string(i)))
        case .year_suffix:
            let t = box.store.referenceTable
            if let suffix = ReferenceDetails.yearSuffix(t.raw.string(i), year: t.year[i]) { s.push(suffix) } else { s.pushNil() }
        case .key: s.push(try box.referenceKey(i))
        case .language: pushOptional(box.store.referenceTable.language, i, s)
        case .language_note: pushOptional(box.store.referenceTable.languageNote, i, s)
        case .self_citation: s.push(box.store.referenceTable.selfCitation[i])
        case .target:
            if let row = try box.citations.target(ofReference: i) { push(document: row, slot: slot, on: s) } else { s.pushNil() }
        }
        return 1
    }

    private static func pushOptional(_ column: some TextValues, _ i: Int, _ s: LuaStack) {
        if column.isEmpty(i) { s.pushNil() } else { column.withBytes(i) { s.push(bytes: $0) } }
    }

    private static func pushStrings(_ column: TextColumn, _ range: Range<Int>, _ s: LuaStack) {
        s.pushArray(range) { i in column.withBytes(i) { s.push(bytes: $0) } }
    }

    /// Authors as tables {name, family, given, initials, key}; `more` adds fields to author `i`'s
    /// table, which is on top of the stack.
    static func pushAuthors(_ names: some AuthorValues, _ range: Range<Int>, _ s: LuaStack, more: ((Int) -> Void)? = nil) {
        var scratch: [UInt8] = []
        s.pushArray(range) { i in
            s.pushTable(fields: more == nil ? 5 : 8)
            more?(i)
            names.withWritten(i) { s.push(bytes: $0) }
            s.setField("name", at: -2)
            names.withFamily(i) { s.push(bytes: $0) }
            s.setField("family", at: -2)
            s.push(names.given(i))
            s.setField("given", at: -2)
            scratch.removeAll(keepingCapacity: true)
            names.appendInitials(i, lowercased: false, to: &scratch)
            scratch.withUnsafeBufferPointer { s.push(bytes: $0) }
            s.setField("initials", at: -2)
            scratch.removeAll(keepingCapacity: true)
            names.appendKey(i, to: &scratch)
            scratch.withUnsafeBufferPointer { s.push(bytes: $0) }
            s.setField("key", at: -2)
        }
    }
}

/// An error raised to the script with the position of the calling line.
struct ScriptError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
