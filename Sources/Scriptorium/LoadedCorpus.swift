// LoadedCorpus.swift: the public face of a corpus: loading one from files (any supported export,
// folders searched recursively) or building one from records made in code, with the diagnostics
// of loading as values.
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation

/// How a corpus is loaded.
public struct CorpusLoading: Sendable {
    /// Fail when any file produces a warning.
    public var strict = false
    /// Threads that parse files; 0 for one per core.
    public var threads = 0
    /// Read every file as this format instead of recognising it (see ``LoadedCorpus/formatNames``).
    public var format: String?
    /// Merge records of one document found in several files.
    public var merge = true
    /// Keep each file's parsed documents in this folder and reuse them while the file is unchanged.
    public var cacheFolder: URL?
    /// Called as files are read, from any thread.
    public var progress: (@Sendable (ProgressReport) -> Void)?

    /// Loading as the command does by default: merged, every core, formats recognised, no cache.
    public init(strict: Bool = false, threads: Int = 0, format: String? = nil, merge: Bool = true, cacheFolder: URL? = nil,
                progress: (@Sendable (ProgressReport) -> Void)? = nil) {
        self.strict = strict
        self.threads = threads
        self.format = format
        self.merge = merge
        self.cacheFolder = cacheFolder
        self.progress = progress
    }
}

/// How far long work has gone: `done` of `total` `unit` ("files", "documents") of `stage`.
public struct ProgressReport: Sendable, Equatable {
    public var stage: String
    public var done: Int
    public var total: Int
    public var unit: String
    /// The stage is over.
    public var finished: Bool
}

extension ProgressReport {
    /// A sink that hands each of the engine's progress events to `handler` as a report.
    static func sink(_ handler: @escaping @Sendable (ProgressReport) -> Void) -> ProgressSink {
        ProgressSink { e in handler(ProgressReport(stage: e.stage, done: e.done, total: e.total, unit: e.unit, finished: e.finished)) }
    }
}

/// Something that could not be read, with where it is.
public struct LoadWarning: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The line in the file, when known.
    public var line: Int?
    public var message: String
    /// `path:line: warning: message`, as the command prints it.
    public var description: String

    init(_ d: Diagnostic) {
        path = d.path
        line = d.line
        message = d.message
        description = d.description
    }
}

/// What was read from one file.
public struct CorpusFile: Sendable, Equatable {
    public var path: String
    /// The format found (or forced); nil when the file could not be read.
    public var format: String?
    public var documents: Int
    public var warnings: Int
}

/// An article record built in code, for a corpus that does not come from files.
public struct ArticleRecord: Sendable {
    public var id: String
    public var title: String
    /// Authors as written: "Dudin P.N.", "Dudin, Pavel N.", "Pavel N. Dudin".
    public var authors: [String]
    public var affiliations: [String]
    public var abstract: String?
    public var doi: String?
    public var year: Int?
    public var keywords: [String]
    /// References as written; they are parsed into authors, title, year and so on.
    public var references: [String]
    /// ISO 639-1 code.
    public var language: String?
    public var journal: String?

    /// A record; a missing year is taken from a year inside the DOI, and a missing language is guessed.
    public init(id: String, title: String, authors: [String] = [], affiliations: [String] = [], abstract: String? = nil,
                doi: String? = nil, year: Int? = nil, keywords: [String] = [], references: [String] = [],
                language: String? = nil, journal: String? = nil) {
        self.id = id
        self.title = title
        self.authors = authors
        self.affiliations = affiliations
        self.abstract = abstract
        self.doi = doi
        self.year = year
        self.keywords = keywords
        self.references = references
        self.language = language
        self.journal = journal
    }
}

/// Why a corpus could not be loaded.
public struct CorpusLoadError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// A path given does not exist.
        case missingPath
        /// No file held a readable document.
        case noDocuments
        /// Loading was strict and something produced a warning.
        case strict
        /// `format` is not a format name.
        case unknownFormat
        /// A pack (`.arrow`) is damaged, of another version, or given with other paths.
        case badPack
    }
    public var reason: Reason
    /// The message, naming the path or the problem.
    public var description: String
    /// What was found before loading stopped.
    public var warnings: [LoadWarning]
}

/// A corpus in memory. It is read-only: any number of scripts may run on it at once, each in its
/// own Lua state, sharing its columns.
public final class LoadedCorpus: @unchecked Sendable {
    let corpus: Corpus

    init(_ corpus: Corpus) { self.corpus = corpus }

    /// The names ``CorpusLoading/format`` accepts: wos, scopus, ris, bibtex, pubmed, medline, jats,
    /// crossref, openalex, csl, jsonl, record.
    public static let formatNames: [String] = CorpusFormat.allCases.map(\.rawValue)

    /// Loads every record under `paths` (files of any supported format, `.gz` too, and folders
    /// searched recursively). What cannot be read becomes a ``LoadWarning``; the rest loads.
    public static func load(paths: [String], options: CorpusLoading = CorpusLoading()) throws -> LoadedCorpus {
        var format: CorpusFormat?
        if let name = options.format {
            guard let f = CorpusFormat(rawValue: name) else {
                throw CorpusLoadError(reason: .unknownFormat, description: "'\(name)' is not a format; formats are \(formatNames.joined(separator: ", "))", warnings: [])
            }
            format = f
        }
        let sink = options.progress.map(ProgressReport.sink)
        let loadOptions = LoadOptions(strict: options.strict, threads: options.threads, format: format, merge: options.merge,
                                      cache: options.cacheFolder.map { CorpusCache(folder: $0) }, progress: sink)
        do {
            return LoadedCorpus(try CorpusLoader.load(paths: paths, options: loadOptions))
        } catch let failure as CorpusLoadFailure {
            throw CorpusLoadError(reason: reason(failure.error), description: failure.error.description, warnings: failure.diagnostics.map(LoadWarning.init))
        } catch let error as CorpusError {
            throw CorpusLoadError(reason: reason(error), description: error.description, warnings: [])
        }
    }

    /// Why a corpus could not be loaded, as embedding programs see it.
    private static func reason(_ error: CorpusError) -> CorpusLoadError.Reason {
        switch error {
        case .pathNotFound: .missingPath
        case .noDocuments: .noDocuments
        case .strictFailure: .strict
        case .badPack, .packNotAlone: .badPack
        }
    }

    /// A corpus of records built in code.
    public convenience init(records: [ArticleRecord]) {
        let documents = records.map { r in
            var document = Document(id: r.id, title: r.title, authors: r.authors.compactMap { AuthorName.parse($0) },
                     affiliations: r.affiliations, abstract: r.abstract, doi: r.doi, year: r.year ?? DOIYear.year(in: r.doi),
                     keywords: r.keywords, references: r.references.enumerated().map { ReferenceParser.parse($1, number: $0 + 1) },
                     language: r.language, journal: r.journal, source: SourceLocation(path: "(built in code)", line: nil))
            document.finish()
            return document
        }
        self.init(Corpus(documents: documents))
    }

    /// How many documents it holds.
    public var count: Int { corpus.count }
    /// The paths it was loaded from.
    public var paths: [String] { corpus.paths }
    /// What could not be read while loading.
    public var warnings: [LoadWarning] { corpus.diagnostics.map(LoadWarning.init) }
    /// What was read from each file.
    public var files: [CorpusFile] {
        corpus.files.map { CorpusFile(path: $0.path, format: $0.format?.rawValue, documents: $0.documents, warnings: $0.warnings) }
    }
    /// How many records were merged into others as duplicates.
    public var merged: Int { corpus.merged }

    /// A text report of what the corpus holds: each file's format, records and warnings, the
    /// duplicates merged, the share of documents with each field and the local citations.
    public var inspection: String { CorpusInspection.report(corpus) }

    /// The corpus as Scriptorium JSON Lines (the whole model, one document a line), which loads
    /// back as the same corpus.
    public func jsonLines() throws -> String { try CorpusJSONLines.write(corpus.documents) }

    /// Writes the corpus as a pack: an Arrow IPC file with one row per document and columns named
    /// as the Lua fields, which `--corpus FILE.arrow` maps and uses in place, and which pyarrow,
    /// polars, R's arrow and DuckDB read. Written beside `path` and renamed into place.
    public func writePack(to path: String) throws { try StorePack.write(corpus.store, to: path) }
}
