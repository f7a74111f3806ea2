// NetworkFormats.swift: a network written in the files the tools that show networks read:
// VOSviewer's map and network files, Pajek's .net, GraphML and GEXF (both read by Gephi and
// networkx). Clusters and positions go in when the network has them.

package enum NetworkFormat: String, CaseIterable, Sendable { case vosviewer, pajek, graphml, gexf }

/// What a written network carries besides its nodes and links.
package struct NetworkExtras: Sendable {
    /// Each node's cluster (from 0), if clustered.
    package var clusters: [Int]?
    /// Each node's position, if laid out.
    package var positions: [(x: Double, y: Double)]?

    package init(clusters: [Int]? = nil, positions: [(x: Double, y: Double)]? = nil) {
        self.clusters = clusters
        self.positions = positions
    }
}

package enum NetworkFormats {
    /// The files of `format`: (file name suffix, text). VOSviewer gives two files, a map file
    /// ("_map.txt") and a network file ("_network.txt"); the others one.
    package static func write(_ net: Network, _ format: NetworkFormat, _ extras: NetworkExtras = NetworkExtras()) -> [(suffix: String, text: String)] {
        switch format {
        case .vosviewer: return [("_map.txt", vosviewerMap(net, extras)), ("_network.txt", vosviewerNetwork(net))]
        case .pajek: return [(".net", pajek(net, extras))]
        case .graphml: return [(".graphml", graphML(net, extras))]
        case .gexf: return [(".gexf", gexf(net, extras))]
        }
    }

    /// VOSviewer's map file: tab-separated, a header naming the columns, ids from 1, clusters from 1.
    static func vosviewerMap(_ net: Network, _ extras: NetworkExtras) -> String {
        let degree = Centrality.degree(net.graph), strength = Centrality.strength(net.graph)
        let year = net.attributes.first { $0.name == "year" }?.values
        var header = ["id", "label"]
        if extras.positions != nil { header += ["x", "y"] }
        if extras.clusters != nil { header.append("cluster") }
        header += ["weight<Links>", "weight<Total link strength>", "weight<Occurrences>"]
        if year != nil { header.append("score<Avg. pub. year>") }
        var lines = [header.joined(separator: "\t")]
        for i in 0 ..< net.nodeCount {
            var row = [String(i + 1), tsv(net.labels[i])]
            if let p = extras.positions { row += [number(p[i].x), number(p[i].y)] }
            if let c = extras.clusters { row.append(String(c[i] + 1)) }
            row += [String(degree[i]), number(strength[i]), number(net.occurrences[i])]
            if let year { row.append(year[i].map(number) ?? "") }
            lines.append(row.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// VOSviewer's network file: one link a line, the two ids and the strength.
    static func vosviewerNetwork(_ net: Network) -> String {
        net.graph.edgeList.filter { $0.a != $0.b }.map { "\($0.a + 1)\t\($0.b + 1)\t\(number($0.weight))" }.joined(separator: "\n") + "\n"
    }

    /// Pajek: the vertices with their labels (and positions scaled into the unit square), then the edges.
    static func pajek(_ net: Network, _ extras: NetworkExtras) -> String {
        var lines = ["*Vertices \(net.nodeCount)"]
        let unit = extras.positions.map(unitSquare)
        for i in 0 ..< net.nodeCount {
            let label = "\"" + String(net.labels[i].map { $0 == "\"" ? "'" : $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 }) + "\""
            lines.append(unit.map { "\(i + 1) \(label) \(number($0[i].x)) \(number($0[i].y)) 0.5" } ?? "\(i + 1) \(label)")
        }
        lines.append("*Edges")
        for e in net.graph.edgeList where e.a != e.b { lines.append("\(e.a + 1) \(e.b + 1) \(number(e.weight))") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// GraphML: node attributes label, occurrences, the numeric attributes, cluster, x and y; edge weight.
    static func graphML(_ net: Network, _ extras: NetworkExtras) -> String {
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">",
                   "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>",
                   "  <key id=\"occurrences\" for=\"node\" attr.name=\"occurrences\" attr.type=\"double\"/>"]
        for (k, a) in net.attributes.enumerated() { out.append("  <key id=\"a\(k)\" for=\"node\" attr.name=\"\(xml(a.name))\" attr.type=\"double\"/>") }
        if extras.clusters != nil { out.append("  <key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"int\"/>") }
        if extras.positions != nil {
            out.append("  <key id=\"x\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>")
            out.append("  <key id=\"y\" for=\"node\" attr.name=\"y\" attr.type=\"double\"/>")
        }
        out.append("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>")
        out.append("  <graph id=\"G\" edgedefault=\"undirected\">")
        for i in 0 ..< net.nodeCount {
            var data = ["<data key=\"label\">\(xml(net.labels[i]))</data>", "<data key=\"occurrences\">\(number(net.occurrences[i]))</data>"]
            for (k, a) in net.attributes.enumerated() { if let v = a.values[i] { data.append("<data key=\"a\(k)\">\(number(v))</data>") } }
            if let c = extras.clusters { data.append("<data key=\"cluster\">\(c[i])</data>") }
            if let p = extras.positions { data.append("<data key=\"x\">\(number(p[i].x))</data><data key=\"y\">\(number(p[i].y))</data>") }
            out.append("    <node id=\"n\(i)\">" + data.joined() + "</node>")
        }
        for (k, e) in net.graph.edgeList.enumerated() {
            out.append("    <edge id=\"e\(k)\" source=\"n\(e.a)\" target=\"n\(e.b)\"><data key=\"weight\">\(number(e.weight))</data></edge>")
        }
        out += ["  </graph>", "</graphml>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// GEXF 1.2: nodes with their attributes (and positions and cluster colours), weighted edges.
    static func gexf(_ net: Network, _ extras: NetworkExtras) -> String {
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                   "<gexf xmlns=\"http://www.gexf.net/1.2draft\" xmlns:viz=\"http://www.gexf.net/1.2draft/viz\" version=\"1.2\">",
                   "  <graph mode=\"static\" defaultedgetype=\"undirected\">",
                   "    <attributes class=\"node\">",
                   "      <attribute id=\"occurrences\" title=\"occurrences\" type=\"double\"/>"]
        for (k, a) in net.attributes.enumerated() { out.append("      <attribute id=\"a\(k)\" title=\"\(xml(a.name))\" type=\"double\"/>") }
        if extras.clusters != nil { out.append("      <attribute id=\"cluster\" title=\"cluster\" type=\"integer\"/>") }
        out += ["    </attributes>", "    <nodes>"]
        for i in 0 ..< net.nodeCount {
            var values = ["<attvalue for=\"occurrences\" value=\"\(number(net.occurrences[i]))\"/>"]
            for (k, a) in net.attributes.enumerated() { if let v = a.values[i] { values.append("<attvalue for=\"a\(k)\" value=\"\(number(v))\"/>") } }
            if let c = extras.clusters { values.append("<attvalue for=\"cluster\" value=\"\(c[i])\"/>") }
            var viz = "<viz:size value=\"\(number(max(1, net.occurrences[i])))\"/>"
            if let p = extras.positions { viz += "<viz:position x=\"\(number(p[i].x * 100))\" y=\"\(number(-p[i].y * 100))\" z=\"0\"/>" }
            out.append("      <node id=\"\(i)\" label=\"\(xml(net.labels[i]))\"><attvalues>" + values.joined() + "</attvalues>" + viz + "</node>")
        }
        out += ["    </nodes>", "    <edges>"]
        for (k, e) in net.graph.edgeList.enumerated() {
            out.append("      <edge id=\"\(k)\" source=\"\(e.a)\" target=\"\(e.b)\" weight=\"\(number(e.weight))\"/>")
        }
        out += ["    </edges>", "  </graph>", "</gexf>"]
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: text

    /// Positions moved and scaled into [0, 1] on both axes, the aspect kept.
    private static func unitSquare(_ p: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard let minX = p.map(\.x).min(), let maxX = p.map(\.x).max(), let minY = p.map(\.y).min(), let maxY = p.map(\.y).max() else { return p }
        let span = max(maxX - minX, maxY - minY, 1e-12)
        return p.map { (($0.x - minX) / span, ($0.y - minY) / span) }
    }

    /// A number as short as it reads back exactly: "3", "0.25", "1.0e-05" as Swift prints it.
    static func number(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    private static func tsv(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // Characters XML 1.0 forbids become spaces.
                if (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r") || c.value == 0xFFFE || c.value == 0xFFFF { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
