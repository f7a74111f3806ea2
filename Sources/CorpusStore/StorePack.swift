// StorePack.swift: a document store as an Arrow IPC file, and back. One row per document, its
// columns named as the Lua fields (authors, references, sections and merged sources as lists of
// structs), so that pyarrow, polars, R and DuckDB read a pack as they find it. The store's own
// arrays are written as they are; read back, its columns are views into the mapped file, used in
// place and never copied (but for the offsets of a text column past 2 GB, written 64-bit and kept
// 32-bit by the store). Offsets, lists and bitmaps are checked as they are mapped, so a damaged
// file is refused, never trusted.
import Arrow
import CorpusModel
import CorpusBytes
import Foundation

extension ArrowFile: MappedRegion {}

package enum StorePack {
    /// The version of the pack's layout, in its metadata: a pack of another version is not read.
    package static let version = "1"
    package static let versionKey = "scriptorium.pack.version"

    /// The fields of a pack, in order.
    package static let fields: [ArrowField] = Layout.write(DocumentStore()).fields

    // MARK: writing

    /// Writes `store` to `path` as an Arrow IPC file of one record batch, with `metadata` (and the
    /// layout's version) in its schema: beside `path`, then renamed into place, so that a reader
    /// never sees half a pack. Text columns of more than `largeFrom` bytes (2 GB, past Arrow's
    /// 32-bit offsets; lower in tests) are written with 64-bit offsets.
    package static func write(_ store: DocumentStore, to path: String, metadata: [ArrowKeyValue] = [], largeFrom: Int = Int(Int32.max)) throws {
        let partial = path + ".partial-\(getpid())"
        do {
            try write(store, partial: partial, metadata: metadata, largeFrom: largeFrom)
            guard rename(partial, path) == 0 else { throw ArrowError("cannot rename '\(partial)' to '\(path)': \(String(cString: strerror(errno)))") }
        } catch {
            unlink(partial)
            throw error
        }
    }

    private static func write(_ store: DocumentStore, partial path: String, metadata: [ArrowKeyValue], largeFrom: Int) throws {
        let layout = Layout.write(store, largeFrom: largeFrom)
        let fields = zip(layout.fields, layout.nodes).map { ArrowField($0.name, Layout.sized($0.type, $1)) }
        let schema = ArrowSchema(fields: fields, metadata: [ArrowKeyValue(key: versionKey, value: version)] + metadata)
        for (field, node) in zip(layout.fields, layout.nodes) {
            if let too = node.oversized() { throw ArrowError("column '\(field.name)' holds \(too) values; a pack's list holds at most \(Int32.max)") }
        }
        var writer = try ArrowFileWriter(path: path, schema: schema)
        let pieces = layout.nodes.flatMap { $0.allPieces }
        try withPointers(pieces) { pointers in
            var next = 0
            let columns = layout.nodes.map { $0.data(&next, pointers) }
            try writer.write(batchOf: store.count, columns: columns)
        }
        try writer.finish()
    }

    /// Calls `body` with the bytes of every piece, all reachable at once.
    private static func withPointers(_ pieces: [Piece], _ body: ([UnsafeRawBufferPointer]) throws -> Void) throws {
        var pointers: [UnsafeRawBufferPointer] = []
        pointers.reserveCapacity(pieces.count)
        func nest(_ k: Int) throws {
            guard k < pieces.count else { return try body(pointers) }
            let piece = pieces[k]
            try piece({ raw in
                pointers.append(raw)
                try nest(k + 1)
            })
        }
        try nest(0)
    }

    // MARK: reading

    /// The store in a pack, its columns views into `file`. Throws when the file is not a pack of
    /// this version or its columns do not fit together.
    package static func read(_ file: ArrowFile) throws -> DocumentStore {
        guard file.schema.metadata.first(where: { $0.key == versionKey })?.value == version else {
            throw ArrowError("not a Scriptorium pack of version \(version) (written by another version, or not by Scriptorium)")
        }
        guard file.schema.fields.map({ ArrowField($0.name, Layout.small($0.type)) }) == fields else {
            throw ArrowError("the pack's columns are not those of version \(version)")
        }
        guard file.batchCount == 1 else { throw ArrowError("a pack holds one record batch, this file \(file.batchCount)") }
        let batch = try file.batch(0)
        var reader = Layout.Reader(columns: batch.columns, region: file)
        let store = try reader.store(rows: batch.length)
        try reader.checks.run()
        try Layout.Reader.checkPositions(store)
        return store
    }

    // MARK: layout

    /// A way to reach a buffer piece's bytes for the length of a call.
    typealias Piece = (_ use: (UnsafeRawBufferPointer) throws -> Void) throws -> Void

    /// One array to write: buffers (each in pieces) in Arrow's order for its type, and children.
    final class Node {
        let length: Int, nullCount: Int
        let buffers: [[Piece]]
        let children: [Node]
        /// A list's child rows, to check against Arrow's 32-bit offsets.
        let childRows: Int
        /// Whether the node is text with 64-bit offsets.
        let large: Bool

        init(length: Int, nullCount: Int = 0, buffers: [[Piece]], children: [Node] = [], childRows: Int = 0, large: Bool = false) {
            self.length = length
            self.nullCount = nullCount
            self.buffers = buffers
            self.children = children
            self.childRows = childRows
            self.large = large
        }

        var allPieces: [Piece] { buffers.flatMap { $0 } + children.flatMap { $0.allPieces } }

        func oversized() -> Int? { childRows > Int(Int32.max) ? childRows : children.lazy.compactMap { $0.oversized() }.first }

        func data(_ next: inout Int, _ pointers: [UnsafeRawBufferPointer]) -> ArrowArrayData {
            var buffers: [ArrowBuffer] = []
            for b in self.buffers {
                buffers.append(ArrowBuffer(Array(pointers[next ..< next + b.count])))
                next += b.count
            }
            let children = self.children.map { $0.data(&next, pointers) }
            return ArrowArrayData(length: length, nullCount: nullCount, buffers: buffers, children: children)
        }
    }

    /// The columns of a store as Arrow fields and arrays (writing), and back (reading), described once.
    enum Layout {
        static let zero: [UInt32] = [0]
        static let zeroPiece: Piece = { use in try zero.withUnsafeBytes { try use($0) } }

        static func piece<T>(_ b: ColumnBuffer<T>) -> Piece { { use in try b.withUnsafeBufferPointer { try use(UnsafeRawBufferPointer($0)) } } }
        static func piece(_ a: [UInt8]) -> Piece { { use in try a.withUnsafeBytes { try use($0) } } }

        /// A validity bitmap of `count` values and its null count.
        static func validity(_ count: Int, _ isValid: (Int) -> Bool) -> (bits: [UInt8], nulls: Int) {
            var bits = [UInt8](repeating: 0, count: (count + 7) / 8)
            var nulls = 0
            for i in 0 ..< count { if isValid(i) { bits[i >> 3] |= 1 << UInt8(i & 7) } else { nulls += 1 } }
            return (bits, nulls)
        }

        static func text(_ c: TextColumn, largeFrom: Int) -> Node {
            let (bits, nulls) = validity(c.count) { !c.isEmpty($0) }
            let validity: [Piece] = nulls > 0 ? [piece(bits)] : []
            guard c.bytes.count > largeFrom else {
                return Node(length: c.count, nullCount: nulls, buffers: [validity, [zeroPiece, piece(c.ends)], [piece(c.bytes)]])
            }
            let offsets = [Int64(0)] + c.ends.map { Int64($0) }
            return Node(length: c.count, nullCount: nulls, buffers: [validity, [{ use in try offsets.withUnsafeBytes { try use($0) } }], [piece(c.bytes)]],
                        large: true)
        }

        /// `type` as written for `node`: utf8 as large utf8 where the node is large.
        static func sized(_ type: ArrowType, _ node: Node) -> ArrowType {
            switch type {
            case .utf8: return node.large ? .largeUtf8 : .utf8
            case .list(let item): return .list(ArrowField(item.name, sized(item.type, node.children[0])))
            case .structure(let fields): return .structure(zip(fields, node.children).map { ArrowField($0.name, sized($0.type, $1)) })
            default: return type
            }
        }

        /// `type` with every large utf8 as utf8 (to compare a pack's columns with the layout's).
        static func small(_ type: ArrowType) -> ArrowType {
            switch type {
            case .largeUtf8: return .utf8
            case .list(let item): return .list(ArrowField(item.name, small(item.type)))
            case .structure(let fields): return .structure(fields.map { ArrowField($0.name, small($0.type)) })
            default: return type
            }
        }

        static func int(_ c: IntColumn) -> Node {
            let (bits, nulls) = validity(c.count) { c.values[$0] != IntColumn.absent }
            return Node(length: c.count, nullCount: nulls, buffers: [nulls > 0 ? [piece(bits)] : [], [piece(c.values)]])
        }

        static func uint32(_ c: UInt32Column) -> Node { Node(length: c.count, buffers: [[], [piece(c.values)]]) }

        static func bool(_ c: BoolColumn) -> Node {
            let (bits, _) = validity(c.count) { c[$0] }
            return Node(length: c.count, buffers: [[], [piece(bits)]])
        }

        static func list(_ index: ListIndex, _ child: Node) -> Node {
            Node(length: index.count, buffers: [[], [zeroPiece, piece(index.ends)]], children: [child], childRows: Int(index.ends.last ?? 0))
        }

        static func structure(_ length: Int, _ children: [Node]) -> Node { Node(length: length, buffers: [[]], children: children) }

        struct Written {
            var fields: [ArrowField] = []
            var nodes: [Node] = []
            mutating func add(_ name: String, _ type: ArrowType, _ node: Node) {
                fields.append(ArrowField(name, type))
                nodes.append(node)
            }
        }

        static func listOf(_ type: ArrowType) -> ArrowType { .list(ArrowField("item", type)) }
        static func structOf(_ names: [String], _ types: [ArrowType]) -> ArrowType { .structure(zip(names, types).map { ArrowField($0, $1) }) }

        static let authorNames = ["name", "family", "given", "initials", "key", "orcid", "id"]
        static let referenceAuthorNames = ["name", "family", "given", "initials"]
        static let referenceNames = ["number", "raw", "authors", "title", "container", "year", "volume", "issue", "pages", "doi",
                                     "language", "language_note", "self_citation"]
        static let referenceTypes: [ArrowType] = [.int32, .utf8, listOf(structOf(referenceAuthorNames, Array(repeating: .utf8, count: 4))),
                                                  .utf8, .utf8, .int32, .utf8, .utf8, .utf8, .utf8, .utf8, .utf8, .bool]
        static let sectionNames = ["label", "start", "length", "text"]
        static let sourceNames = ["path", "line"]

        static func write(_ s: DocumentStore, largeFrom: Int = Int(Int32.max)) -> Written {
            func text(_ c: TextColumn) -> Node { Layout.text(c, largeFrom: largeFrom) }
            var w = Written()
            w.add("id", .utf8, text(s.id))
            w.add("title", .utf8, text(s.title))
            w.add("abstract", .utf8, text(s.abstract))
            w.add("doi", .utf8, text(s.doi))
            w.add("year", .int32, int(s.year))
            w.add("language", .utf8, text(s.language))
            w.add("journal", .utf8, text(s.journal))
            w.add("citations", .int32, int(s.citations))
            let a = s.authorNames
            w.add("authors", listOf(structOf(authorNames, Array(repeating: .utf8, count: 7))),
                  list(s.authors, structure(a.count, [a.written, a.family, a.given, a.initials, a.key, a.orcid, a.sourceID].map { text($0) })))
            w.add("affiliations", listOf(.utf8), list(s.affiliations, text(s.affiliationText)))
            let links = s.affiliationLinks
            w.add("affiliation_authors", listOf(listOf(.int32)), list(s.affiliations, list(links.authors, int(links.author))))
            w.add("keywords", listOf(.utf8), list(s.keywords, text(s.keywordText)))
            let sec = s.sectionTable
            w.add("sections", listOf(structOf(sectionNames, [.utf8, .uint32, .uint32, .utf8])),
                  list(s.sections, structure(sec.count, [text(sec.label), uint32(sec.start), uint32(sec.length), text(sec.ownText)])))
            w.add("references", listOf(structOf(referenceNames, referenceTypes)), list(s.references, references(s.referenceTable, largeFrom: largeFrom)))
            w.add("source", structOf(sourceNames, [.utf8, .int32]), structure(s.count, [text(s.sourcePath), int(s.sourceLine)]))
            w.add("sources", listOf(structOf(sourceNames, [.utf8, .int32])),
                  list(s.mergedSources, structure(s.mergedSourcePath.count, [text(s.mergedSourcePath), int(s.mergedSourceLine)])))
            let schema = s.schema
            for (k, field) in DocumentSchema.textFields.enumerated() { w.add(field.name, .utf8, text(schema.text[k])) }
            for field in DocumentSchema.recordFields {
                let columns = DocumentSchema.recordColumns(field.name)
                let names = DocumentSchema.recordParts.filter { $0.field == field.name }.map(\.name)
                w.add(field.name, structOf(names, Array(repeating: .utf8, count: names.count)), structure(s.count, columns.map { text(schema.text[$0]) }))
            }
            for (k, field) in DocumentSchema.listFields.enumerated() {
                w.add(field.name, listOf(.utf8), list(schema.lists[k], text(schema.listText[k])))
            }
            return w
        }

        static func references(_ table: ReferenceTable, largeFrom: Int) -> Node {
            // Spans of the raw text are written as text of their own.
            let t = table.madeWhole()
            func text(_ spans: RawSpans) -> Node { Layout.text(spans.text!, largeFrom: largeFrom) }
            let names = t.authorNames
            let authors = structure(names.count, [text(names.written), text(names.family), text(names.given), text(names.initials)])
            return structure(t.count, [
                int(t.number), Layout.text(t.raw, largeFrom: largeFrom), list(t.authors, authors), text(t.titleSpans), text(t.containerSpans), int(t.year),
                text(t.volumeSpans), text(t.issueSpans), text(t.pagesSpans), text(t.doiSpans), Layout.text(t.language, largeFrom: largeFrom),
                text(t.languageNoteSpans), bool(t.selfCitation),
            ])
        }

        /// The checks of the columns mapped, run together on every core once all are mapped.
        final class Checks: @unchecked Sendable {
            private var list: [@Sendable () throws -> Void] = []

            func add(_ check: @escaping @Sendable () throws -> Void) { list.append(check) }

            /// Runs every check; throws the first failure in the order they were added.
            func run() throws {
                let list = self.list
                let failures = Failures(count: list.count)
                Parallel.forEachChunk(list.count, chunks: max(1, min(list.count, 16))) { _, range in
                    for k in range { do { try list[k]() } catch { failures.set(k, error) } }
                }
                if let first = failures.first { throw first }
            }

            private final class Failures: @unchecked Sendable {
                private var errors: [Error?]
                private let lock = NSLock()
                init(count: Int) { errors = Array(repeating: nil, count: count) }
                func set(_ k: Int, _ e: Error) { lock.lock(); errors[k] = e; lock.unlock() }
                var first: Error? { errors.lazy.compactMap { $0 }.first }
            }
        }

        /// Reads the columns of a batch back into a store, in the order `write` wrote them.
        struct Reader {
            let columns: [ArrowArray]
            let region: ArrowFile
            let checks = Checks()
            var next = 0

            init(columns: [ArrowArray], region: ArrowFile) {
                self.columns = columns
                self.region = region
            }

            mutating func column() -> ArrowArray {
                defer { next += 1 }
                return columns[next]
            }

            func view<T>(_ raw: UnsafeRawBufferPointer, _ count: Int, from first: Int = 0, as _: T.Type) throws -> ColumnBuffer<T> {
                guard count > 0 else { return ColumnBuffer() }
                guard let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<T>.alignment == 0,
                      raw.count >= (first + count) * MemoryLayout<T>.stride
                else { throw ArrowError("a buffer of the pack is misaligned or too short") }
                let typed = base.assumingMemoryBound(to: T.self)
                return ColumnBuffer(mapped: UnsafeBufferPointer(start: typed + first, count: count), in: region)
            }

            /// The ends of an offsets buffer (its values after the first, which must be 0).
            func ends(_ a: ArrowArray) throws -> ColumnBuffer<UInt32> {
                guard a.length > 0 else { return ColumnBuffer() }
                let offsets: ColumnBuffer<UInt32> = try view(a.buffers[1], a.length + 1, as: UInt32.self)
                guard offsets[0] == 0 else { throw ArrowError("an offsets buffer of the pack does not start at 0") }
                return try view(a.buffers[1], a.length, from: 1, as: UInt32.self)
            }

            func text(_ a: ArrowArray) throws -> TextColumn {
                let column = TextColumn(mappedBytes: try view(a.buffers[2], a.buffers[2].count, as: UInt8.self),
                                        ends: a.type == .largeUtf8 ? try largeEnds(a) : try ends(a))
                checks.add { try column.check() }
                return column
            }

            /// The ends of 64-bit offsets, as the store keeps them (32-bit; copied: the one column
            /// a pack does not give in place).
            func largeEnds(_ a: ArrowArray) throws -> ColumnBuffer<UInt32> {
                guard a.length > 0 else { return ColumnBuffer() }
                let offsets: ColumnBuffer<Int64> = try view(a.buffers[1], a.length + 1, as: Int64.self)
                guard offsets[0] == 0 else { throw ArrowError("an offsets buffer of the pack does not start at 0") }
                var ends = ColumnBuffer<UInt32>()
                ends.reserveCapacity(a.length)
                for i in 1 ... a.length {
                    guard offsets[i] >= 0, offsets[i] <= Int64(UInt32.max) else { throw ArrowError("a text column of the pack is past 4 GB") }
                    ends.append(UInt32(offsets[i]))
                }
                return ends
            }

            func int(_ a: ArrowArray) throws -> IntColumn { IntColumn(mapped: try view(a.buffers[1], a.length, as: Int32.self)) }
            func uint32(_ a: ArrowArray) throws -> UInt32Column { UInt32Column(mapped: try view(a.buffers[1], a.length, as: UInt32.self)) }
            func bool(_ a: ArrowArray) throws -> BoolColumn {
                try BoolColumn(bitmap: view(a.buffers[1], (a.length + 7) / 8, as: UInt8.self), count: a.length)
            }
            func list(_ a: ArrowArray) throws -> ListIndex {
                let index = ListIndex(mappedEnds: try ends(a)), children = a.children[0].length
                checks.add { try index.check(children: children) }
                return index
            }

            mutating func store(rows: Int) throws -> DocumentStore {
                var s = DocumentStore()
                s.id = try text(column())
                s.title = try text(column())
                s.abstract = try text(column())
                s.doi = try text(column())
                s.year = try int(column())
                s.language = try text(column())
                s.journal = try text(column())
                s.citations = try int(column())
                let authors = column()
                s.authors = try list(authors)
                let a = authors.children[0].children
                s.authorNames.written = try text(a[0])
                s.authorNames.family = try text(a[1])
                s.authorNames.given = try text(a[2])
                s.authorNames.initials = try text(a[3])
                s.authorNames.key = try text(a[4])
                s.authorNames.orcid = try text(a[5])
                s.authorNames.sourceID = try text(a[6])
                let affiliations = column()
                s.affiliations = try list(affiliations)
                s.affiliationText = try text(affiliations.children[0])
                let links = column().children[0]
                s.affiliationLinks.authors = try list(links)
                s.affiliationLinks.author = try int(links.children[0])
                let keywords = column()
                s.keywords = try list(keywords)
                s.keywordText = try text(keywords.children[0])
                let sections = column()
                s.sections = try list(sections)
                let sec = sections.children[0].children
                s.sectionTable.label = try text(sec[0])
                s.sectionTable.start = try uint32(sec[1])
                s.sectionTable.length = try uint32(sec[2])
                s.sectionTable.ownText = try text(sec[3])
                let references = column()
                s.references = try list(references)
                s.referenceTable = try referenceTable(references.children[0])
                let source = column().children
                s.sourcePath = try text(source[0])
                s.sourceLine = try int(source[1])
                let merged = column()
                s.mergedSources = try list(merged)
                s.mergedSourcePath = try text(merged.children[0].children[0])
                s.mergedSourceLine = try int(merged.children[0].children[1])
                var texts: [TextColumn] = []
                for _ in DocumentSchema.textFields { texts.append(try text(column())) }
                for _ in DocumentSchema.recordFields { for part in column().children { texts.append(try text(part)) } }
                var lists: [ListIndex] = [], listText: [TextColumn] = []
                for _ in DocumentSchema.listFields {
                    let c = column()
                    lists.append(try list(c))
                    listText.append(try text(c.children[0]))
                }
                // Record parts come after the text fields in the store, as in the pack.
                s.schema = try SchemaColumns(text: texts, lists: lists, listText: listText)
                guard s.count == rows else { throw ArrowError("the pack's id column has \(s.count) rows, its batch \(rows)") }
                return s
            }

            /// Values that point elsewhere must point inside: a section's text into its document's
            /// abstract, an affiliation's authors among its document's authors.
            static func checkPositions(_ s: DocumentStore) throws {
                guard s.isConsistent else { throw ArrowError("the pack's columns do not agree in length") }
                for row in 0 ..< s.count {
                    let abstract = s.abstract.range(row).count
                    for k in s.sections.range(row) where s.sectionTable.ownText.isEmpty(k) {
                        guard Int(s.sectionTable.start[k]) + Int(s.sectionTable.length[k]) <= abstract else {
                            throw ArrowError("section \(k) of document \(row) lies outside its abstract")
                        }
                    }
                    let authors = s.authors.range(row).count
                    for k in s.affiliations.range(row) {
                        for link in s.affiliationLinks.authors.range(k) {
                            guard let a = s.affiliationLinks.author[link], a >= 0, a < authors else {
                                throw ArrowError("affiliation \(k) of document \(row) names an author it does not have")
                            }
                        }
                    }
                }
            }

            func referenceTable(_ a: ArrowArray) throws -> ReferenceTable {
                let c = a.children
                var t = ReferenceTable()
                t.number = try int(c[0])
                t.raw = try text(c[1])
                t.authors = try list(c[2])
                let names = c[2].children[0].children
                t.authorNames.written = RawSpans(text: try text(names[0]))
                t.authorNames.family = RawSpans(text: try text(names[1]))
                t.authorNames.given = RawSpans(text: try text(names[2]))
                t.authorNames.initials = RawSpans(text: try text(names[3]))
                t.titleSpans = RawSpans(text: try text(c[3]))
                t.containerSpans = RawSpans(text: try text(c[4]))
                t.year = try int(c[5])
                t.volumeSpans = RawSpans(text: try text(c[6]))
                t.issueSpans = RawSpans(text: try text(c[7]))
                t.pagesSpans = RawSpans(text: try text(c[8]))
                t.doiSpans = RawSpans(text: try text(c[9]))
                t.language = try text(c[10])
                t.languageNoteSpans = RawSpans(text: try text(c[11]))
                t.selfCitation = try bool(c[12])
                return t
            }
        }
    }
}
