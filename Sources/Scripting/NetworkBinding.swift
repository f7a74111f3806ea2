// NetworkBinding.swift: networks in Lua: `corpus:network{...}` and `Network.new{edges = t}` make
// one; `net:normalize`, `net:filter`, `net:nodes`, `net:edges`, `net:centrality`, `net:summary`,
// `net:cluster`, `net:layout` and `net:documents` work on it; `md:network_map` draws it and
// `report.network` writes it for VOSviewer, Pajek, Gephi and networkx.
import Analysis
import Corpus
import Graphs
import Lua
import Reports
import Tables

/// What a Network userdata holds: the network, the corpus it came from (for its documents), and
/// its clusters and positions once computed.
final class NetworkHandle {
    let network: Network
    let corpus: Corpus?
    var partition: Partition?
    var positions: [(x: Double, y: Double)]?

    init(_ network: Network, corpus: Corpus?) {
        self.network = network
        self.corpus = corpus
    }
}

enum NetworkBinding {
    static let typeName = "Network"
    static let buildOptions = ["kind", "unit", "counting", "min_weight", "top", "min_occurrences", "field", "ngram", "stopwords"]
        + OptionsTable.groupingKeys

    static func register(in context: ScriptContext) {
        context.registerType(typeName, methods(context), metamethods: [
            "__len": { s in s.push(try handle(s).network.nodeCount); return 1 },
            "__tostring": { s in
                let net = try handle(s).network
                s.push("Network of \(net.nodeCount) node\(net.nodeCount == 1 ? "" : "s") and \(net.graph.edgeCount) link\(net.graph.edgeCount == 1 ? "" : "s")")
                return 1
            },
        ])
        context.setModule("Network", [
            APIFunction("Network", "new", kind: .function, [APIParameter("spec", "{edges: Table}")], returns: "Network",
                        "a network from a Table with columns a, b and optionally weight (default 1): nodes are the values of a and b in order of appearance; links given twice add up") { s in
                let o = try OptionsTable(s, 1, known: ["edges"])
                guard let t = try o.table("edges") else { throw LuaArgumentError(1, "option 'edges' (a Table with columns a, b and weight) is missing") }
                let a = try TableBinding.column(t, "a", argument: 1), b = try TableBinding.column(t, "b", argument: 1)
                let w = t.columns.contains("weight") ? try TableBinding.column(t, "weight", argument: 1) : nil
                var index: [String: Int] = [:], labels: [String] = []
                func node(_ c: Cell) -> Int {
                    let label = c.description
                    if let i = index[label] { return i }
                    index[label] = labels.count
                    labels.append(label)
                    return labels.count - 1
                }
                var edges: [(Int, Int, Double)] = []
                for i in 0 ..< t.count {
                    guard a[i] != .null, b[i] != .null else { continue }
                    let weight = w.map { $0[i].doubleValue } ?? 1
                    guard let weight, weight.isFinite, weight > 0 else {
                        throw LuaArgumentError(1, "row \(i + 1): weight must be a positive number, got '\(w![i])'")
                    }
                    edges.append((node(a[i]), node(b[i]), weight))
                }
                let graph = Graph(nodeCount: labels.count, edges: edges)
                push(NetworkHandle(Network(labels: labels, graph: graph), corpus: nil), on: s)
                return 1
            },
        ])
    }

    /// `corpus:network{...}`, registered with the corpus's methods.
    static func corpusNetwork(_ context: ScriptContext) -> APIFunction {
        APIFunction("Corpus", "network", [APIParameter("options", "{kind: \"coauthorship\"|\"cooccurrence\"|\"cocitation\"|\"coupling\"|\"citation\", unit?: string, counting?: \"full\"|\"fractional\", min_weight?: number, top?: integer, min_occurrences?: integer, field?: string, ngram?: integer, stopwords?: string|string[]|false, normalize?: boolean, stem?: \"english\"|\"russian\", thesaurus?: table|false}")],
                    returns: "Network",
                    "a bibliographic network built in compiled code: coauthorship (unit authors, institutions, countries), cooccurrence (keywords, index_terms, terms of `field`), cocitation (references by their key, authors, sources), coupling (documents, authors, sources, institutions, countries), citation (documents); counting full or fractional; links lighter than min_weight dropped, then the top nodes by occurrences kept") { s in
            let corpus = try CorpusBinding.handle(s).corpus
            let o = try OptionsTable(s, 2, known: buildOptions)
            guard let kindName = try o.choice("kind", NetworkKind.allCases.map(\.rawValue)), let kind = NetworkKind(rawValue: kindName) else {
                throw LuaArgumentError(2, "option 'kind' is required: one of \(NetworkKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
            }
            let unit = try o.choice("unit", kind.units)
            var options = NetworkOptions(kind: kind, unit: unit, grouping: try o.grouping(runThesaurus: context.thesaurus))
            options.counting = try o.choice("counting", NetworkCounting.allCases.map(\.rawValue)).flatMap(NetworkCounting.init) ?? .full
            if options.unit == "terms" {
                let ngram = try o.integer("ngram", min: 1) ?? 1
                let field = try CorpusBinding.textField(try o.string("field") ?? "title", argument: 2)
                options.terms = TermOptions(field: field, ngram: min(ngram, 5), stopwords: try o.stopwords() ?? StopwordSet.builtIn("en"))
            } else if try o.string("field") != nil || o.integer("ngram") != nil {
                throw LuaArgumentError(2, "options 'field' and 'ngram' belong to unit = 'terms'")
            }
            options.top = try o.integer("top", min: 1)
            options.minOccurrences = Double(try o.integer("min_occurrences", min: 0) ?? 0)
            let minWeight = try o.number("min_weight") ?? 0
            guard minWeight >= 0 else { throw LuaArgumentError(2, "option 'min_weight' must be 0 or more, got \(minWeight)") }
            let net: Network
            do { net = try NetworkBuilder.build(corpus, options, check: s.state.limitCheck) } catch let e as AnalysisError {
                throw LuaArgumentError(2, e.description)
            }
            let filtered = net.filtered(minWeight: minWeight, top: options.top, minOccurrences: options.minOccurrences)
            push(NetworkHandle(filtered, corpus: corpus), on: s)
            return 1
        }
    }

    private static func methods(_ context: ScriptContext) -> [APIFunction] {
        [
            APIFunction(typeName, "nodes", returns: "Table",
                        "one row a node: node (its label), occurrences, links (VOSviewer's Links), strength (Total link strength), the attributes (year: mean publication year), and cluster, x, y once clustered and laid out") { s in
                let h = try handle(s)
                try TableBinding.push(try nodes(h), on: s)
                return 1
            },
            APIFunction(typeName, "edges", returns: "Table", "one row a link: a, b (the labels), weight; strongest first") { s in
                let net = try handle(s).network
                let rows = net.graph.edgeList.filter { $0.a != $0.b }
                    .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : ($0.a, $0.b) < ($1.a, $1.b) }
                    .map { [Cell.text(net.labels[$0.a]), .text(net.labels[$0.b]), .number($0.weight)] }
                try TableBinding.push(try Table(columns: ["a", "b", "weight"], rows: rows), on: s)
                return 1
            },
            APIFunction(typeName, "normalize", [APIParameter("method", "\"association\"|\"cosine\"|\"jaccard\"|\"inclusion\"|\"equivalence\"")], returns: "Network",
                        "the network with its link weights normalised: association strength (VOSviewer's, 2m·a_ij/(k_i·k_j) with k the total link strength), cosine, Jaccard, inclusion or equivalence (with the nodes' occurrences)") { s in
                let h = try handle(s)
                let name = try s.argumentString(2)
                guard let method = Normalization(rawValue: name) else {
                    throw LuaArgumentError(2, "normalisation is one of \(Normalization.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), not '\(name)'")
                }
                push(NetworkHandle(h.network.normalized(method), corpus: h.corpus), on: s)
                return 1
            },
            APIFunction(typeName, "filter", [APIParameter("options", "{min_weight?: number, top?: integer, min_occurrences?: number, drop_isolated?: boolean}")],
                        returns: "Network", "the network with links lighter than min_weight dropped, then the top nodes by occurrences, then nodes under min_occurrences, and nodes left without links when drop_isolated") { s in
                let h = try handle(s)
                let o = try OptionsTable(s, 2, known: ["min_weight", "top", "min_occurrences", "drop_isolated"])
                let net = h.network.filtered(minWeight: try o.number("min_weight") ?? 0, top: try o.integer("top", min: 1),
                                             minOccurrences: try o.number("min_occurrences") ?? 0, dropIsolated: try o.boolean("drop_isolated") ?? false)
                push(NetworkHandle(net, corpus: h.corpus), on: s)
                return 1
            },
            APIFunction(typeName, "centrality", [APIParameter("options", "{samples?: integer, seed?: integer}", optional: true)], returns: "Table",
                        "one row a node: node, links, strength, betweenness (normalised; exact up to 5,000 nodes, else from `samples` sources, 500 by default, drawn with `seed`), closeness, pagerank, eigenvector, component (numbered by size, largest first), clustering (local coefficient); closeness and clustering are left empty above 20,000 nodes, where they cost hours") { s in
                let h = try handle(s)
                let o = try OptionsTable(s, 2, known: ["samples", "seed"])
                let g = h.network.graph
                let degree = Centrality.degree(g), strength = Centrality.strength(g)
                let seed = try o.integer("seed", min: 0) ?? 0
                let samples = try o.integer("samples", min: 1) ?? (g.nodeCount > 5000 ? 500 : nil)
                let betweenness = Centrality.betweenness(g, samples: samples, seed: UInt64(seed))
                let small = g.nodeCount <= 20_000
                let closeness = small ? Centrality.closeness(g) : nil, clustering = small ? Centrality.clustering(g) : nil
                let pagerank = Centrality.pageRank(g), eigen = Centrality.eigenvector(g)
                let components = Centrality.components(g)
                let rows = (0 ..< g.nodeCount).map { i -> [Cell] in
                    [.text(h.network.labels[i]), .int(degree[i]), .number(strength[i]), .number(betweenness[i]), closeness.map { .number($0[i]) } ?? .null,
                     .number(pagerank[i]), .number(eigen[i]), .int(components[i] + 1), clustering.map { .number($0[i]) } ?? .null]
                }
                try TableBinding.push(try Table(columns: ["node", "links", "strength", "betweenness", "closeness", "pagerank", "eigenvector", "component", "clustering"],
                                                rows: rows), on: s)
                return 1
            },
            APIFunction(typeName, "summary", [APIParameter("options", "{clustering?: boolean}", optional: true)], returns: "NetworkSummary",
                        "the whole network's figures: {nodes, links, total_weight, density, components, largest_component, clusters?, quality?}; clustering = true adds transitivity and average_clustering (they count triangles, which takes long on dense networks)") { s in
                let h = try handle(s)
                let o = try OptionsTable(s, 2, known: ["clustering"])
                let g = h.network.graph
                let components = Centrality.components(g)
                s.pushTable(fields: 10)
                s.push(g.nodeCount); s.setField("nodes", at: -2)
                s.push(Centrality.degree(g).reduce(0, +) / 2); s.setField("links", at: -2)
                s.push(g.totalWeight); s.setField("total_weight", at: -2)
                s.push(Centrality.density(g)); s.setField("density", at: -2)
                s.push((components.max() ?? -1) + 1); s.setField("components", at: -2)
                s.push(components.filter { $0 == 0 }.count); s.setField("largest_component", at: -2)
                if try o.boolean("clustering") == true {
                    let clustering = Centrality.clustering(g)
                    s.push(Centrality.transitivity(g)); s.setField("transitivity", at: -2)
                    s.push(g.nodeCount > 0 ? clustering.reduce(0, +) / Double(g.nodeCount) : 0); s.setField("average_clustering", at: -2)
                }
                if let p = h.partition {
                    s.push(p.clusterCount); s.setField("clusters", at: -2)
                    s.push(p.quality); s.setField("quality", at: -2)
                }
                return 1
            },
            APIFunction(typeName, "cluster", [APIParameter("options", "{method?: \"leiden\"|\"louvain\", quality?: \"modularity\"|\"cpm\", resolution?: number, seed?: integer, iterations?: integer, min_size?: integer, normalize?: string}", optional: true)],
                        returns: "Table",
                        "clusters the nodes (Leiden by default, with its refinement; Louvain without) for modularity or the constant Potts model at a resolution, deterministic for a seed, on the link weights or on their normalisation (normalize = \"association\" clusters as VOSviewer does); clusters smaller than min_size join the cluster they are most linked to; returns node, cluster (1 = the largest) and, second, the partition's quality") { s in
                let h = try handle(s)
                let o = try OptionsTable(s, 2, known: ["method", "quality", "resolution", "seed", "iterations", "min_size", "normalize"])
                var graph = h.network.graph
                if let name = try o.string("normalize") {
                    guard let method = Normalization(rawValue: name) else {
                        throw LuaArgumentError(2, "option 'normalize' is one of \(Normalization.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), not '\(name)'")
                    }
                    graph = h.network.normalized(method).graph
                }
                let method = try o.choice("method", ["leiden", "louvain"]) ?? "leiden"
                let resolution = try o.number("resolution") ?? 1
                guard resolution >= 0 else { throw LuaArgumentError(2, "option 'resolution' must be 0 or more, got \(resolution)") }
                let quality: ClusterQuality = try o.choice("quality", ["modularity", "cpm"]) == "cpm" ? .cpm(resolution: resolution) : .modularity(resolution: resolution)
                var partition = try Leiden.cluster(graph, quality: quality, seed: UInt64(try o.integer("seed", min: 0) ?? 0),
                                                   iterations: try o.integer("iterations", min: 1) ?? -1, refine: method == "leiden",
                                                   interrupt: s.state.limitCheck)
                if let minSize = try o.integer("min_size", min: 1), minSize > 1 {
                    partition = partition.mergingSmallClusters(of: graph, minSize: minSize, quality: quality)
                }
                h.partition = partition
                let rows = (0 ..< h.network.nodeCount).map { [Cell.text(h.network.labels[$0]), .int(partition.membership[$0] + 1)] }
                try TableBinding.push(try Table(columns: ["node", "cluster"], rows: rows), on: s)
                s.push(partition.quality)
                return 2
            },
            APIFunction(typeName, "layout", [APIParameter("options", "{seed?: integer, normalize?: string|false}", optional: true)], returns: "Table",
                        "places the nodes by the VOS mapping technique on the association-strength similarities (normalize = false uses the weights as they are), deterministic for a seed: node, x, y") { s in
                let h = try handle(s)
                let o = try OptionsTable(s, 2, known: ["seed", "normalize"])
                var method: Normalization? = .associationStrength
                s.getField("normalize", at: 2)
                let given = s.type(at: -1)
                s.pop()
                if given == .boolean, try o.boolean("normalize") == false {
                    method = nil
                } else if given != .nil && given != .none {
                    let name = try o.string("normalize") ?? ""
                    guard given == .string, let m = Normalization(rawValue: name) else {
                        throw LuaArgumentError(2, "option 'normalize' is one of \(Normalization.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")) or false")
                    }
                    method = m
                }
                try layout(h, seed: UInt64(try o.integer("seed", min: 0) ?? 0), normalization: method, on: s)
                let rows = (0 ..< h.network.nodeCount).map { [Cell.text(h.network.labels[$0]), .number(h.positions![$0].x), .number(h.positions![$0].y)] }
                try TableBinding.push(try Table(columns: ["node", "x", "y"], rows: rows), on: s)
                return 1
            },
            APIFunction(typeName, "thematic_map", returns: "Table",
                        "each cluster of a co-occurrence network placed by Callon's centrality (10 × the equivalence indices of its links to other clusters) and density (100 × those of its inner links, over its nodes), with its quadrant: motor, basic, niche, emerging or declining (bibliometrix's thematic map); clusters the network first if it is not: cluster, label, nodes, occurrences, centrality, density, quadrant") { s in
                let h = try handle(s)
                if h.partition == nil {
                    h.partition = try Leiden.cluster(h.network.normalized(.associationStrength).graph, quality: .modularity(resolution: 1), seed: 0,
                                                     interrupt: s.state.limitCheck)
                }
                try TableBinding.push(try Themes.thematicMap(h.network, membership: h.partition!.membership), on: s)
                return 1
            },
            APIFunction(typeName, "documents", [APIParameter("a", "string"), APIParameter("b", "string", optional: true)], returns: "Corpus",
                        "the documents behind a node, or behind the link between two nodes, as a sub-corpus: for co-authorship, co-occurrence and co-citation those holding both; for coupling and citation those of either end") { s in
                let h = try handle(s)
                guard let corpus = h.corpus, h.network.documents != nil else {
                    throw ScriptError("this network was not built from a corpus (Network.new), so it has no documents")
                }
                let a = try s.argumentString(2)
                guard let i = h.network.node(a) else { throw LuaArgumentError(2, "no node labelled '\(a)'") }
                var j: Int?
                if let b = try s.optionalString(3) {
                    guard let k = h.network.node(b) else { throw LuaArgumentError(3, "no node labelled '\(b)'") }
                    j = k
                }
                CorpusBinding.push(corpus.subset(rows: h.network.documents(i, j).map(Int.init)), in: context, on: s)
                return 1
            },
        ]
    }

    /// Lays the network out unless it already is; refuses networks too large for the O(n²) layout.
    static func layout(_ h: NetworkHandle, seed: UInt64 = 0, normalization: Normalization? = .associationStrength, on s: LuaStack) throws {
        guard h.network.nodeCount <= 3000 else {
            throw ScriptError("a network of \(h.network.nodeCount) nodes is too large to lay out (at most 3000); keep its top nodes with net:filter{top = 500}")
        }
        let g = normalization.map { h.network.normalized($0).graph } ?? h.network.graph
        // Fewer random starts and steps for larger maps: each step costs n² pairs.
        let n = h.network.nodeCount
        h.positions = try VOSLayout.layout(g, seed: seed, starts: n <= 100 ? 4 : n <= 500 ? 2 : 1, maxIterations: n <= 500 ? 1000 : 300,
                                           interrupt: s.state.limitCheck)
    }

    static func nodes(_ h: NetworkHandle) throws -> Table {
        let net = h.network
        let degree = Centrality.degree(net.graph), strength = Centrality.strength(net.graph)
        var columns = ["node", "occurrences", "links", "strength"] + net.attributes.map(\.name)
        if h.partition != nil { columns.append("cluster") }
        if h.positions != nil { columns += ["x", "y"] }
        let rows = (0 ..< net.nodeCount).map { i -> [Cell] in
            var row: [Cell] = [.text(net.labels[i]), .number(net.occurrences[i]), .int(degree[i]), .number(strength[i])]
            for a in net.attributes { row.append(a.values[i].map { .number(($0 * 100).rounded() / 100) } ?? .null) }
            if let p = h.partition { row.append(.int(p.membership[i] + 1)) }
            if let pos = h.positions { row += [.number(pos[i].x), .number(pos[i].y)] }
            return row
        }
        return try Table(columns: columns, rows: rows)
    }

    static func push(_ h: NetworkHandle, on s: LuaStack) { s.pushObject(h, typeName: typeName) }

    static func handle(_ s: LuaStack, at index: Int32 = 1) throws -> NetworkHandle {
        guard let h = s.object(at: index, typeName: typeName, as: NetworkHandle.self) else {
            throw LuaArgumentError(index, "Network expected, got \(s.typeName(at: index))")
        }
        return h
    }

    // MARK: maps and files

    /// `md:network_map{network = net, ...}`.
    static func networkMap(_ context: ScriptContext) -> APIFunction {
        APIFunction(ReportBinding.markdownType, "network_map",
                    [APIParameter("spec", "{network: Network, title?: string, mode?: \"network\"|\"overlay\"|\"density\", overlay?: string, labels?: integer, links?: integer, seed?: integer, file?: string}")],
                    returns: "MarkdownDocument",
                    "adds a map of a network as an SVG file beside the document: nodes at their VOS layout positions (computed if the network has none), sized by occurrences, coloured by cluster (clustered with Leiden if it is not), links drawn lightly, labels of the largest nodes where they do not overlap; mode = \"overlay\" colours by an attribute (overlay, default \"year\"), \"density\" draws a density view") { s in
            let md = try ReportBinding.handle(s)
            let o = try OptionsTable(s, 2, known: ["network", "title", "mode", "overlay", "labels", "links", "seed", "file"])
            s.getField("network", at: 2)
            let h = try handle(s, at: s.top)
            s.pop()
            let seed = UInt64(try o.integer("seed", min: 0) ?? 0)
            let mode = NetworkMapSpec.Mode(rawValue: try o.choice("mode", NetworkMapSpec.Mode.allCases.map(\.rawValue)) ?? "network")!
            if h.positions == nil { try layout(h, seed: seed, on: s) }
            if h.partition == nil && mode == .network {
                // As thematic_map and VOSviewer do: on association strength.
                h.partition = try Leiden.cluster(h.network.normalized(.associationStrength).graph, quality: .modularity(resolution: 1), seed: seed,
                                                 interrupt: s.state.limitCheck)
            }
            let overlay = try o.string("overlay") ?? "year"
            var values: [Double?]?
            if mode == .overlay {
                guard let attribute = h.network.attributes.first(where: { $0.name == overlay }) else {
                    throw LuaArgumentError(2, "the network has no attribute '\(overlay)'; it has \(h.network.attributes.map(\.name).joined(separator: ", "))")
                }
                values = attribute.values
            }
            let title = try o.string("title") ?? ""
            let spec = NetworkMapSpec(labels: h.network.labels, positions: h.positions!, sizes: h.network.occurrences,
                                      clusters: h.partition?.membership, values: values, valueName: overlay,
                                      links: h.network.graph.edgeList, title: title, mode: mode,
                                      maxLabels: try o.integer("labels", min: 0) ?? 60, maxLinks: try o.integer("links", min: 0) ?? 1000)
            let svg = NetworkMap.render(spec)
            var file = try o.string("file") ?? ReportBinding.chartName(for: md, title: title.isEmpty ? "network map" : title)
            if !file.hasSuffix(".svg") { file += ".svg" }
            try ReportBinding.add(Output(name: ReportBinding.siblingPath(of: md.name, file: file), mediaType: "image/svg+xml", bytes: Array(svg.utf8)), to: context)
            md.charts.append(file)
            md.document.image(alt: title.isEmpty ? "network map of \(h.network.nodeCount) nodes" : title, path: file)
            return ReportBinding.returnSelf(s)
        }
    }

    /// `report.network(name, net, {format = ...})`.
    static func reportNetwork(_ context: ScriptContext) -> APIFunction {
        APIFunction("report", "network", kind: .function,
                    [APIParameter("name", "string"), APIParameter("network", "Network"), APIParameter("options", "{format?: \"vosviewer\"|\"pajek\"|\"graphml\"|\"gexf\"}", optional: true)],
                    "writes a network for the tools that show networks: VOSviewer's map and network files (name_map.txt, name_network.txt), Pajek (name.net), GraphML (name.graphml) or GEXF (name.gexf), with clusters and positions when it has them; `name` without its extension") { s in
            var name = try s.argumentString(1)
            let h = try handle(s, at: 2)
            let o = try OptionsTable(s, 3, known: ["format"])
            let format = NetworkFormat(rawValue: try o.choice("format", NetworkFormat.allCases.map(\.rawValue)) ?? "vosviewer")!
            for ext in [".txt", ".net", ".graphml", ".gexf"] where name.hasSuffix(ext) { name = String(name.dropLast(ext.count)) }
            let extras = NetworkExtras(clusters: h.partition?.membership, positions: h.positions)
            for file in NetworkFormats.write(h.network, format, extras) {
                let media = format == .graphml || format == .gexf ? "application/xml" : "text/plain"
                try ReportBinding.add(Output(name: name + file.suffix, mediaType: media, bytes: Array(file.text.utf8)), to: context)
            }
            return 0
        }
    }
}
