// DocumentSink.swift: the one way into a store. A reader hands each document over as
// `DocumentFields` (a `Document` value, or byte ranges of the file it read, as the record reader
// does) to a `DocumentSink`, which the store is; the store's one `append` reads every field through
// the protocol, so a field is stored the same way whichever reader filled it.
import CorpusModel
import CorpusBytes

/// The text fields of a document that have a column of their own in the store.
package enum DocumentText {
    case title, abstract, doi, journal
}

/// A document's own fields as the store takes them: texts as UTF-8 bytes (empty when absent),
/// lists one item at a time. References are handed over apart (`DocumentSink.append`).
package protocol DocumentFields {
    var id: String { get }
    var source: SourceLocation { get }
    var year: Int? { get }
    var language: String? { get }
    var citations: Int? { get }
    var mergedSources: [SourceLocation] { get }
    /// Calls `body` with the field's bytes.
    func withText<R>(_ field: DocumentText, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
    /// Appends the document's authors to `table`, in order.
    func appendAuthors(to table: inout AuthorTable)
    /// Calls `body` with each affiliation and the indices of the authors it belongs to.
    func forEachAffiliation(_ body: (UnsafeBufferPointer<UInt8>, [Int]) -> Void)
    /// Calls `body` with each author keyword.
    func forEachKeyword(_ body: (UnsafeBufferPointer<UInt8>) -> Void)
    /// Calls `body` with each section of the abstract: its label and its text.
    func forEachSection(_ body: (String, UnsafeBufferPointer<UInt8>) -> Void)
    /// The values of the schema's fields (`DocumentSchema`), or nil when it has none of them.
    var schemaValues: Document? { get }
}

/// Where readers put documents: a document's fields, then its references as `references` appends
/// them to the reference table (self-citations flagged by the caller, by `SelfCitation`).
package protocol DocumentSink {
    mutating func append(_ document: some DocumentFields, references: (inout ReferenceTable) -> Void)
}

extension Document: DocumentFields {
    package func withText<R>(_ field: DocumentText, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let value: String? = switch field {
        case .title: title
        case .abstract: abstract
        case .doi: doi
        case .journal: journal
        }
        guard var value else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return value.withUTF8(body)
    }

    package func appendAuthors(to table: inout AuthorTable) {
        for a in authors { table.append(a) }
    }

    package func forEachAffiliation(_ body: (UnsafeBufferPointer<UInt8>, [Int]) -> Void) {
        for (k, a) in affiliations.enumerated() {
            var text = a
            text.withUTF8 { body($0, k < affiliationAuthors.count ? affiliationAuthors[k] : []) }
        }
    }

    package func forEachKeyword(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for k in keywords {
            var text = k
            text.withUTF8(body)
        }
    }

    package func forEachSection(_ body: (String, UnsafeBufferPointer<UInt8>) -> Void) {
        for s in sections {
            var text = s.text
            text.withUTF8 { body(s.label, $0) }
        }
    }

    package var schemaValues: Document? { self }
}
