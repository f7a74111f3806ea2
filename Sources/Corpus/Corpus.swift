// Corpus.swift: a loaded corpus, or a view of some of its documents. Views share the one
// columnar store read-only, so sub-corpora and concurrent script runs cost no copy.
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

package final class Corpus: @unchecked Sendable {
    /// All documents that were loaded, column by column.
    package let store: DocumentStore
    /// The store rows this corpus holds, in order; nil for all of them.
    package let rows: [Int32]?
    /// What the readers could not read.
    package let diagnostics: [Diagnostic]
    /// The paths the corpus was loaded from, as given.
    package let paths: [String]
    /// What was read from each file, in load order.
    package let files: [FileReport]
    /// How many records were merged into others as duplicates while loading.
    package let merged: Int
    /// Shared by a corpus and every view of it: two corpora with the same identity share a store.
    package let storeIdentity: ObjectIdentifier
    private let storeToken: StoreToken

    package convenience init(store: DocumentStore, rows: [Int32]? = nil, diagnostics: [Diagnostic] = [], paths: [String] = [],
                            files: [FileReport] = [], merged: Int = 0) {
        self.init(store: store, rows: rows, diagnostics: diagnostics, paths: paths, files: files, merged: merged, token: StoreToken())
    }

    private init(store: DocumentStore, rows: [Int32]?, diagnostics: [Diagnostic], paths: [String], files: [FileReport],
                 merged: Int, token: StoreToken) {
        self.store = store
        storeToken = token
        storeIdentity = ObjectIdentifier(token)
        self.rows = rows
        self.diagnostics = diagnostics
        self.paths = paths
        self.files = files
        self.merged = merged
    }

    /// A corpus of documents built in code.
    package convenience init(documents: [Document], paths: [String] = []) {
        var store = DocumentStore()
        for d in documents { store.append(d) }
        self.init(store: store, paths: paths)
    }

    package var count: Int { rows?.count ?? store.count }

    /// The store row of the i-th document (0-based).
    @inline(__always)
    package func row(_ i: Int) -> Int { rows.map { Int($0[i]) } ?? i }

    /// The i-th document (0-based), materialised as a value.
    package func document(_ i: Int) -> Document { store.document(row(i)) }

    package var documents: [Document] { (0..<count).map(document) }

    /// The store rows of this corpus, in order.
    package var rowIndices: [Int] { rows.map { $0.map(Int.init) } ?? Array(0..<store.count) }

    /// A view holding the given store rows.
    package func subset(rows: [Int]) -> Corpus {
        Corpus(store: store, rows: rows.map { Int32($0) }, diagnostics: [], paths: paths, files: [], merged: 0, token: storeToken)
    }

    /// Which store document each reference cites and how often each is cited within the corpus
    /// (the whole loaded corpus, for a view too). Computed on first use, then shared.
    package var citations: CitationIndex { storeToken.citations(store) }

    /// Number of distinct source files.
    package var sourceCount: Int { Set(rowIndices.map { store.sourcePath.string($0) }).count }
}

/// Shared by a store's corpus and its views: the citation links, made once when first asked for.
private final class StoreToken: @unchecked Sendable {
    private let lock = NSLock()
    private var citations: CitationIndex?

    package func citations(_ store: DocumentStore) -> CitationIndex {
        lock.lock()
        defer { lock.unlock() }
        if let citations { return citations }
        let made = CitationLinker.link(store)
        citations = made
        return made
    }
}
