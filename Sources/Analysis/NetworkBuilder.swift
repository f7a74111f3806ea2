// NetworkBuilder.swift: the bibliographic networks of a corpus, built in compiled code: co-
// authorship (authors, institutions, countries), co-occurrence (keywords, index terms, terms),
// co-citation (cited works by their key, cited authors, cited sources), bibliographic coupling
// (documents, authors, sources, institutions, countries) and direct citation between the corpus's
// documents. Each node keeps its occurrences, the documents behind it and their mean year.
import Corpus
import CorpusStore
import CorpusModel
import CorpusBytes
import Graphs

package enum NetworkKind: String, CaseIterable, Sendable {
    case coauthorship, cooccurrence, cocitation, coupling, citation

    /// The units each kind takes, the first its default.
    package var units: [String] {
        switch self {
        case .coauthorship: return ["authors", "institutions", "countries"]
        case .cooccurrence: return ["keywords", "index_terms", "terms"]
        case .cocitation: return ["references", "authors", "sources"]
        case .coupling: return ["documents", "authors", "sources", "institutions", "countries"]
        case .citation: return ["documents"]
        }
    }
}

/// How a document's links are counted: once each (full), or sharing one unit among them
/// (fractional: a document with n units adds 1 / (n − 1) to each of their links, as VOSviewer does).
package enum NetworkCounting: String, CaseIterable, Sendable { case full, fractional }

package struct NetworkOptions: Sendable {
    package var kind: NetworkKind
    package var unit: String
    package var counting: NetworkCounting = .full
    package var grouping: ValueGrouping = .none
    /// For `terms`: the text field and how it is cut.
    package var terms: TermOptions?
    /// Co-occurrence kinds: only the `top` units with the most occurrences, and those with at
    /// least `minOccurrences`, take part (the other kinds are cut after they are built).
    package var top: Int?
    package var minOccurrences: Double = 0

    package init(kind: NetworkKind, unit: String? = nil, counting: NetworkCounting = .full, grouping: ValueGrouping = .none,
                 terms: TermOptions? = nil) {
        self.kind = kind
        self.unit = unit ?? kind.units[0]
        self.counting = counting
        self.grouping = grouping
        self.terms = terms
    }
}

package enum NetworkBuilder {
    package static func build(_ corpus: Corpus, _ options: NetworkOptions, check: InterruptionCheck? = nil) throws -> Network {
        guard options.kind.units.contains(options.unit) else {
            throw AnalysisError.invalid("a \(options.kind.rawValue) network's unit is one of \(options.kind.units.joined(separator: ", ")), not '\(options.unit)'")
        }
        switch options.kind {
        case .coauthorship, .cooccurrence, .cocitation:
            let units = try unitsPerDocument(corpus, options, check: check)
            return try coOccurrence(units, corpus: corpus, counting: options.counting, top: options.top, minOccurrences: options.minOccurrences, check: check)
        case .coupling:
            guard options.counting == .full else {
                throw AnalysisError.invalid("fractional counting applies to co-authorship, co-occurrence and co-citation networks")
            }
            var net = options.unit == "documents" ? try documentCoupling(corpus, check: check)
                : try unitCoupling(corpus, unit: options.unit, grouping: options.grouping, check: check)
            net.linkDocumentsAreShared = false
            return net
        case .citation:
            var net = directCitation(corpus)
            net.linkDocumentsAreShared = false
            return net
        }
    }

    // MARK: units of each document

    /// Each document's distinct units (node numbers), the nodes' labels, and for co-citation the
    /// cited year of each node.
    struct DocumentUnits {
        var labels: [String] = []
        var perDocument: [(row: Int, nodes: [Int32])] = []
        var citedYear: [Double?]?
    }

    private static func field(_ unit: String, kind: NetworkKind) -> CorpusField? {
        switch (kind, unit) {
        case (.cocitation, "authors"): return .referencesAuthors
        case (.cocitation, "sources"): return .referencesContainer
        case (.cocitation, "references"): return .referencesKey
        case (_, "sources"): return .journal
        case (_, "terms"): return nil
        default: return CorpusField(rawValue: unit)
        }
    }

    static func unitsPerDocument(_ corpus: Corpus, _ options: NetworkOptions, check: InterruptionCheck?) throws -> DocumentUnits {
        let s = corpus.store
        var out = DocumentUnits()
        var index: [String: Int32] = [:]
        // The last document each node was met in, so that a document lists a node once.
        var lastSeen: [Int] = []
        func node(_ key: String, _ label: @autoclosure () -> String) -> Int32 {
            if let n = index[key] { return n }
            let n = Int32(out.labels.count)
            index[key] = n
            out.labels.append(label())
            lastSeen.append(-1)
            return n
        }
        func firstTime(_ n: Int32, in row: Int) -> Bool {
            guard lastSeen[Int(n)] != row else { return false }
            lastSeen[Int(n)] = row
            return true
        }
        if options.unit == "terms" {
            let termOptions = options.terms ?? TermOptions(field: .title)
            let keys = ValueKeys(options.grouping, form: .folded)
            let written = keys.displays
            // Each group's spellings and how often each is met: a node is shown by its most
            // frequent spelling (never by its stem), or as the thesaurus writes it.
            var spellings: [[String: Int]] = []
            var extractor = TermExtractor(termOptions)
            for row in corpus.rowIndices {
                var nodes: [Int32] = []
                extractor.forEachTerm(s, row: row) { bytes in
                    let term = String(decoding: bytes, as: UTF8.self)
                    guard let key = keys.isIdentity ? term : keys.group(term) else { return }
                    let n = node(key, key)
                    if Int(n) == spellings.count { spellings.append([:]) }
                    if !keys.isIdentity { spellings[Int(n)][term, default: 0] += 1 }
                    if firstTime(n, in: row) { nodes.append(n) }
                }
                out.perDocument.append((row, nodes))
            }
            if !keys.isIdentity {
                for (n, key) in out.labels.enumerated() {
                    out.labels[n] = ValueKeys.shown(key, written: written, spellings: spellings[n])
                }
            }
            return out
        }
        guard let field = field(options.unit, kind: options.kind) else { throw AnalysisError.invalid("unknown unit '\(options.unit)'") }
        let groups = try FieldCounter.groups(corpus, field, options.grouping, check: check)
        var years: [Double?] = []
        for row in corpus.rowIndices {
            var nodes: [Int32] = []
            let values: [(key: String, label: () -> String, reference: Int?)]
            if field.isReferenceField {
                values = s.references.range(row).flatMap { r in
                    field.referenceValues(s, reference: r).map { v in (v.key, { v.cell.description }, Optional(r)) }
                }
            } else {
                values = field.values(s, row: row).map { v in (v.key, { v.cell.description }, nil) }
            }
            for v in values {
                guard let key = groups.keys.isIdentity ? v.key : groups.keys.group(v.key) else { continue }
                let isNew = index[key] == nil
                let n = node(key, field == .referencesKey ? referenceLabel(s, v.reference!) : groups.display[key] ?? v.label())
                if isNew, field == .referencesKey { years.append(s.referenceTable.year[v.reference!].map(Double.init)) }
                if firstTime(n, in: row) { nodes.append(n) }
            }
            out.perDocument.append((row, nodes))
        }
        if field == .referencesKey { out.citedYear = years }
        return out
    }

    /// "Bai W., 2015, J POLYM SCI, V48, P8574": a cited work's label, from its first reference,
    /// as Web of Science writes cited references.
    static func referenceLabel(_ s: DocumentStore, _ r: Int) -> String {
        let t = s.referenceTable
        var parts: [String] = []
        if let a = t.authors.range(r).first { parts.append(t.raw.withBytes(r) { t.authorNames.author(a, base: $0).display }) }
        if let y = t.year[r] { parts.append(String(y)) }
        if !t.container.isEmpty(r) { parts.append(t.container.string(r)) } else if !t.title.isEmpty(r) { parts.append(t.title.string(r)) }
        if !t.volume.isEmpty(r) { parts.append("V" + t.volume.string(r)) }
        if !t.pages.isEmpty(r), let first = t.pages.string(r).split(whereSeparator: { $0 == "-" || $0 == "–" }).first { parts.append("P" + first) }
        return parts.isEmpty ? t.raw.string(r) : parts.joined(separator: ", ")
    }

    /// Labels made distinct: a label met again gets " (2)", " (3)" ...
    static func distinct(_ labels: [String]) -> [String] {
        var used = Set<String>()
        var next: [String: Int] = [:]
        return labels.map { label in
            if used.insert(label).inserted { return label }
            var k = next[label, default: 2]
            while used.contains(label + " (\(k))") { k += 1 }
            next[label] = k + 1
            used.insert(label + " (\(k))")
            return label + " (\(k))"
        }
    }

    // MARK: co-occurrence of units within documents

    /// The network of units linked within documents: only the units kept by `top` (most
    /// occurrences, then label) and `minOccurrences` take part, so that pairs are made among them
    /// alone; each unit's links are summed in a scratch row, never held pair by pair. Fractional
    /// counting shares a document's unit among all its units, kept or not.
    static func coOccurrence(_ units: DocumentUnits, corpus: Corpus, counting: NetworkCounting, top: Int?, minOccurrences: Double,
                             check: InterruptionCheck? = nil) throws -> Network {
        let s = corpus.store
        let all = units.labels.count
        var count = [Double](repeating: 0, count: all)
        for (_, nodes) in units.perDocument { for a in nodes { count[Int(a)] += 1 } }
        var keep = (0 ..< all).filter { count[$0] >= minOccurrences && count[$0] > 0 }
        if let top, keep.count > top {
            keep.sort { count[$0] != count[$1] ? count[$0] > count[$1] : units.labels[$0] < units.labels[$1] }
            keep = Array(keep.prefix(top)).sorted()
        }
        var place = [Int32](repeating: -1, count: all)
        for (k, node) in keep.enumerated() { place[node] = Int32(k) }
        let n = keep.count
        // Each document's kept units and share; each kept unit's documents (by place in the list).
        var perDocument: [[Int32]] = [], shares: [Double] = []
        var documents = [[Int32]](repeating: [], count: n), docsOfNode = [[Int32]](repeating: [], count: n)
        var yearSum = [Double](repeating: 0, count: n), yearCount = [Double](repeating: 0, count: n)
        for (row, nodes) in units.perDocument {
            let kept = nodes.compactMap { place[Int($0)] >= 0 ? place[Int($0)] : nil }.sorted()
            guard !kept.isEmpty else { continue }
            let d = Int32(perDocument.count)
            perDocument.append(kept)
            shares.append(counting == .fractional && nodes.count > 1 ? 1 / Double(nodes.count - 1) : 1)
            for a in kept {
                documents[Int(a)].append(Int32(row))
                docsOfNode[Int(a)].append(d)
                if units.citedYear == nil, let y = s.year[row] { yearSum[Int(a)] += Double(y); yearCount[Int(a)] += 1 }
            }
        }
        var link = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var edges: [(Int, Int, Double)] = []
        for a in 0 ..< n {
            if a & 1023 == 0 { try check?() }
            for d in docsOfNode[a] {
                for b in perDocument[Int(d)] where Int(b) > a {
                    if link[Int(b)] == 0 { touched.append(Int(b)) }
                    link[Int(b)] += shares[Int(d)]
                }
            }
            touched.sort()
            for b in touched { edges.append((a, b, link[b])); link[b] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        let year: [Double?] = units.citedYear.map { y in keep.map { y[$0] } } ?? (0 ..< n).map { yearCount[$0] > 0 ? yearSum[$0] / yearCount[$0] : nil }
        return Network(labels: distinct(keep.map { units.labels[$0] }), graph: Graph(nodeCount: n, edges: edges),
                       occurrences: keep.map { count[$0] }, attributes: [("year", year)], documents: documents)
    }

    // MARK: bibliographic coupling

    /// Documents linked by the number of cited works they share (by the reference key).
    static func documentCoupling(_ corpus: Corpus, check: InterruptionCheck?) throws -> Network {
        let s = corpus.store
        let rows = corpus.rowIndices
        let keys = s.referenceKeys.of(s)
        // Each document's distinct works, as numbers; each work's citing documents (by place).
        var workIndex: [String: Int32] = [:]
        var works: [[Int32]] = []
        var citing: [[Int32]] = []
        for (place, row) in rows.enumerated() {
            var mine: [Int32] = []
            for r in s.references.range(row) {
                let w: Int32
                if let known = workIndex[keys[r]] { w = known } else { w = Int32(citing.count); workIndex[keys[r]] = w; citing.append([]) }
                if !mine.contains(w) { mine.append(w); citing[Int(w)].append(Int32(place)) }
            }
            works.append(mine)
        }
        // For each document, the later documents sharing works with it, counted in a scratch array.
        var shared = [Double](repeating: 0, count: rows.count)
        var touched: [Int] = []
        var edges: [(Int, Int, Double)] = []
        for a in 0 ..< rows.count {
            if a & 1023 == 0 { try check?() }
            for w in works[a] { for b in citing[Int(w)] where Int(b) > a { if shared[Int(b)] == 0 { touched.append(Int(b)) }; shared[Int(b)] += 1 } }
            for b in touched { edges.append((a, b, shared[b])); shared[b] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return Network(labels: documentLabels(corpus), graph: Graph(nodeCount: rows.count, edges: edges),
                       occurrences: rows.map { Double(s.citations[$0] ?? 0) },
                       attributes: [("year", rows.map { s.year[$0].map(Double.init) }), ("citations", rows.map { s.citations[$0].map(Double.init) })],
                       documents: rows.map { [Int32($0)] }, selfLinks: works.map { Double($0.count) })
    }

    /// Authors (sources, institutions, countries) linked by Σ over cited works of the number of
    /// each one's documents citing the work.
    static func unitCoupling(_ corpus: Corpus, unit: String, grouping: ValueGrouping, check: InterruptionCheck?) throws -> Network {
        let s = corpus.store
        let units = try unitsPerDocument(corpus, NetworkOptions(kind: .coauthorship, unit: unit, grouping: grouping), check: check)
        let keys = s.referenceKeys.of(s)
        let n = units.labels.count
        // For each cited work, how many documents of each unit cite it.
        var workIndex: [String: Int] = [:]
        var perWork: [[Int32: Double]] = []
        var occurrences = [Double](repeating: 0, count: n)
        var documents = [[Int32]](repeating: [], count: n)
        var yearSum = [Double](repeating: 0, count: n), yearCount = [Double](repeating: 0, count: n)
        for (row, nodes) in units.perDocument {
            for a in nodes {
                occurrences[Int(a)] += 1
                documents[Int(a)].append(Int32(row))
                if let y = s.year[row] { yearSum[Int(a)] += Double(y); yearCount[Int(a)] += 1 }
            }
            var seen = Set<Int>()
            for r in s.references.range(row) {
                let w: Int
                if let known = workIndex[keys[r]] { w = known } else { w = perWork.count; workIndex[keys[r]] = w; perWork.append([:]) }
                guard seen.insert(w).inserted else { continue }
                for a in nodes { perWork[w][a, default: 0] += 1 }
            }
        }
        var weights: [UInt64: Double] = [:]
        var selfLinks = [Double](repeating: 0, count: n)
        for counts in perWork { for (a, c) in counts { selfLinks[Int(a)] += c * c } }
        var visited = 0
        for counts in perWork where counts.count > 1 {
            visited += 1
            if visited & 1023 == 0 { try check?() }
            let entries = counts.sorted { $0.key < $1.key }
            for i in entries.indices { for j in entries.index(after: i) ..< entries.endIndex {
                weights[UInt64(UInt32(entries[i].key)) << 32 | UInt64(UInt32(entries[j].key)), default: 0] += entries[i].value * entries[j].value
            } }
        }
        let edges = weights.map { (Int($0.key >> 32), Int(UInt32(truncatingIfNeeded: $0.key)), $0.value) }
        return Network(labels: distinct(units.labels), graph: Graph(nodeCount: n, edges: edges), occurrences: occurrences,
                       attributes: [("year", (0 ..< n).map { yearCount[$0] > 0 ? yearSum[$0] / yearCount[$0] : nil })], documents: documents,
                       selfLinks: selfLinks)
    }

    // MARK: direct citation

    /// The corpus's documents, linked when one cites another.
    static func directCitation(_ corpus: Corpus) -> Network {
        let s = corpus.store
        let rows = corpus.rowIndices
        var place = [Int](repeating: -1, count: s.count)
        for (k, row) in rows.enumerated() { place[row] = k }
        let index = corpus.citations
        var edges: [(Int, Int, Double)] = []
        for (k, row) in rows.enumerated() {
            for r in s.references.range(row) {
                if let target = index.target(ofReference: r), place[target] >= 0, place[target] != k { edges.append((k, place[target], 1)) }
            }
        }
        // A citation written twice, or two documents citing each other, is one link of weight 1.
        var seen = Set<UInt64>()
        let unique = edges.filter { e in seen.insert(UInt64(min(e.0, e.1)) << 32 | UInt64(max(e.0, e.1))).inserted }
        return Network(labels: documentLabels(corpus), graph: Graph(nodeCount: rows.count, edges: unique),
                       occurrences: rows.map { Double(s.citations[$0] ?? 0) },
                       attributes: [("year", rows.map { s.year[$0].map(Double.init) }), ("citations", rows.map { s.citations[$0].map(Double.init) })],
                       documents: rows.map { [Int32($0)] })
    }

    /// "Smith (2015)", "Smith (2015b)": each document by its first author's family name and year,
    /// lettered when two would read alike.
    static func documentLabels(_ corpus: Corpus) -> [String] {
        let s = corpus.store
        let base = corpus.rowIndices.map { row -> String in
            let family = s.authors.range(row).first.map { s.authorNames.author($0).family } ?? (s.title.isEmpty(row) ? s.id.string(row) : String(s.title.string(row).prefix(30)))
            return family + " (" + (s.year[row].map(String.init) ?? "n.d.") + ")"
        }
        var count: [String: Int] = [:]
        for b in base { count[b, default: 0] += 1 }
        var used: [String: Int] = [:]
        return base.map { b in
            guard count[b]! > 1 else { return b }
            let k = used[b, default: 0]
            used[b] = k + 1
            let letter = k < 26 ? String(UnicodeScalar(UInt8(97 + k))) : "-\(k + 1)"
            return String(b.dropLast()) + letter + ")"
        }
    }
}
