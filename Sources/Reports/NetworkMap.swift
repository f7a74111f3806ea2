// NetworkMap.swift: a network drawn as a map in self-contained SVG, as VOSviewer shows one:
// nodes at their layout positions, sized by their weight, coloured by cluster (network view) or by
// a numeric attribute such as the mean publication year (overlay view), or as a density landscape
// (density view); links drawn lightly beneath; labels placed largest node first and left out where
// they would overlap one already placed.

package struct NetworkMapSpec: Sendable {
    package enum Mode: String, CaseIterable, Sendable { case network, overlay, density }

    package var labels: [String]
    package var positions: [(x: Double, y: Double)]
    /// Each node's weight (its circle's area grows with it).
    package var sizes: [Double]
    /// Each node's cluster (from 0), for the network view.
    package var clusters: [Int]?
    /// Each node's value, for the overlay view.
    package var values: [Double?]?
    /// What the overlay's values are ("year").
    package var valueName: String
    package var links: [(a: Int, b: Int, weight: Double)]
    package var title: String
    package var mode: Mode
    /// At most this many labels (the largest nodes first).
    package var maxLabels: Int
    /// At most this many links (the strongest first).
    package var maxLinks: Int

    package init(labels: [String], positions: [(x: Double, y: Double)], sizes: [Double], clusters: [Int]? = nil, values: [Double?]? = nil,
                 valueName: String = "", links: [(a: Int, b: Int, weight: Double)], title: String = "", mode: Mode = .network,
                 maxLabels: Int = 60, maxLinks: Int = 1000) {
        self.labels = labels
        self.positions = positions
        self.sizes = sizes
        self.clusters = clusters
        self.values = values
        self.valueName = valueName
        self.links = links
        self.title = title
        self.mode = mode
        self.maxLabels = maxLabels
        self.maxLinks = maxLinks
    }
}

package enum NetworkMap {
    static let width = 760.0, height = 560.0, margin = 40.0
    /// Colours of the first twelve clusters (the others are grey).
    static let clusterColours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#6A3D9A",
                                 "#B15928", "#1B9E77", "#E7298A", "#66A61E"]

    package static func render(_ spec: NetworkMapSpec) -> String {
        let n = spec.labels.count
        let top = spec.title.isEmpty ? 10.0 : 40.0
        let legend = spec.mode == .network && spec.clusters != nil ? 0.0 : 34.0
        let totalHeight = top + height + legend
        // Positions scaled into the drawing, the aspect kept.
        let xs = spec.positions.map(\.x), ys = spec.positions.map(\.y)
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 1, minY = ys.min() ?? 0, maxY = ys.max() ?? 1
        let scale = min((width - 2 * margin) / max(maxX - minX, 1e-9), (height - 2 * margin) / max(maxY - minY, 1e-9))
        let offX = (width - (maxX - minX) * scale) / 2, offY = top + (height - (maxY - minY) * scale) / 2
        func px(_ i: Int) -> Double { offX + (xs[i] - minX) * scale }
        func py(_ i: Int) -> Double { offY + (maxY - ys[i]) * scale }
        let biggest = spec.sizes.max() ?? 1
        func radius(_ i: Int) -> Double { 3 + 13 * (biggest > 0 ? (max(0, spec.sizes[i]) / biggest).squareRoot() : 0) }

        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(totalHeight))\" viewBox=\"0 0 \(f(width)) \(f(totalHeight))\" role=\"img\" aria-label=\"\(xml(spec.title.isEmpty ? "network map" : spec.title))\">",
                   style, "<rect class=\"background\" width=\"100%\" height=\"100%\" rx=\"6\"/>"]
        if !spec.title.isEmpty { out.append("<text class=\"title\" x=\"\(f(width / 2))\" y=\"26\" text-anchor=\"middle\">\(xml(spec.title))</text>") }
        if spec.mode == .density {
            out.append("<defs><radialGradient id=\"glow\"><stop offset=\"0\" stop-color=\"#F0E442\" stop-opacity=\"0.9\"/><stop offset=\"0.5\" stop-color=\"#009E73\" stop-opacity=\"0.35\"/><stop offset=\"1\" stop-color=\"#0072B2\" stop-opacity=\"0\"/></radialGradient></defs>")
            out.append("<rect class=\"density-ground\" x=\"0\" y=\"\(f(top))\" width=\"\(f(width))\" height=\"\(f(height))\"/>")
            for i in 0 ..< n {
                let r = 4 * radius(i) + 12
                out.append("<circle class=\"node glow\" cx=\"\(f(px(i)))\" cy=\"\(f(py(i)))\" r=\"\(f(r))\" fill=\"url(#glow)\"><title>\(xml("\(spec.labels[i]) (\(format(spec.sizes[i])))"))</title></circle>")
            }
        } else {
            // The strongest links, lightest to strongest so that the strong ones lie on top.
            let links = spec.links.filter { $0.a != $0.b }.sorted { $0.weight > $1.weight }.prefix(spec.maxLinks).reversed()
            let strongest = links.map(\.weight).max() ?? 1
            for l in links {
                let share = strongest > 0 ? l.weight / strongest : 0
                out.append("<line class=\"link\" x1=\"\(f(px(l.a)))\" y1=\"\(f(py(l.a)))\" x2=\"\(f(px(l.b)))\" y2=\"\(f(py(l.b)))\" stroke-width=\"\(f(0.4 + 2.6 * share, digits: 2))\" stroke-opacity=\"\(f(0.15 + 0.45 * share, digits: 2))\"/>")
            }
            let (low, high) = valueRange(spec.values)
            // Larger nodes first, so that small ones stay visible on top.
            for i in (0 ..< n).sorted(by: { spec.sizes[$0] != spec.sizes[$1] ? spec.sizes[$0] > spec.sizes[$1] : $0 < $1 }) {
                let fill: String
                var tip = "\(spec.labels[i]) (\(format(spec.sizes[i])))"
                switch spec.mode {
                case .overlay:
                    let v = spec.values?[i] ?? nil
                    fill = v.map { ramp(high > low ? ($0 - low) / (high - low) : 0.5) } ?? "#bbbbbb"
                    if let v { tip += ", \(spec.valueName) \(format(v))" }
                default:
                    let c = spec.clusters?[i] ?? 0
                    fill = c < clusterColours.count ? clusterColours[c] : "#999999"
                    if let clusters = spec.clusters { tip += ", cluster \(clusters[i] + 1)" }
                }
                out.append("<circle class=\"node\" cx=\"\(f(px(i)))\" cy=\"\(f(py(i)))\" r=\"\(f(radius(i)))\" fill=\"\(fill)\"><title>\(xml(tip))</title></circle>")
            }
        }
        // Labels, the largest nodes first, each left out if it would overlap one placed before.
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        var labelled = 0
        for i in (0 ..< n).sorted(by: { spec.sizes[$0] != spec.sizes[$1] ? spec.sizes[$0] > spec.sizes[$1] : $0 < $1 }) where labelled < spec.maxLabels {
            let text = clip(spec.labels[i], 32)
            let w = 6.2 * Double(text.count), h = 13.0
            let x = px(i), y = py(i) + radius(i) + 11
            let box = (x0: x - w / 2, y0: y - h + 2, x1: x + w / 2, y1: y + 2)
            guard box.x0 >= 0, box.x1 <= width, !placed.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) else { continue }
            placed.append(box)
            labelled += 1
            out.append("<text class=\"node-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\">\(xml(text))</text>")
        }
        // The overlay's colour scale.
        if spec.mode == .overlay {
            let (low, high) = valueRange(spec.values)
            let y = top + height + 8
            for k in 0 ..< 20 {
                out.append("<rect class=\"scale\" x=\"\(f(margin + Double(k) * 10))\" y=\"\(f(y))\" width=\"10\" height=\"10\" fill=\"\(ramp(Double(k) / 19))\"/>")
            }
            out.append("<text class=\"label\" x=\"\(f(margin))\" y=\"\(f(y + 24))\">\(xml(format(low)))</text>")
            out.append("<text class=\"label\" x=\"\(f(margin + 200))\" y=\"\(f(y + 24))\" text-anchor=\"end\">\(xml(format(high)))</text>")
            out.append("<text class=\"axis-label\" x=\"\(f(margin + 212))\" y=\"\(f(y + 9))\">\(xml(spec.valueName))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    private static func valueRange(_ values: [Double?]?) -> (Double, Double) {
        let known = (values ?? []).compactMap { $0 }
        return (known.min() ?? 0, known.max() ?? 1)
    }

    /// A colour from dark blue (0) through green to yellow (1).
    static func ramp(_ t: Double) -> String {
        let stops: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let u = max(0, min(1, t)) * Double(stops.count - 1)
        let k = min(stops.count - 2, Int(u)), r = u - Double(k)
        let a = stops[k], b = stops[k + 1]
        func mix(_ p: Double, _ q: Double) -> Int { Int((p + (q - p) * r).rounded()) }
        return "#" + [mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2)].map { hex2($0) }.joined()
    }

    private static func hex2(_ v: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[(v >> 4) & 15], digits[v & 15]])
    }

    private static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e12 ? String(Int64(v)) : String((v * 100).rounded() / 100)
    }

    private static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

    static let style = "<style>\ntext{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:11px;fill:#24292f}\n"
        + ".title{font-size:15px;font-weight:600}.axis-label{fill:#57606a}\n.background{fill:#ffffff}.density-ground{fill:#0b2545}\n"
        + ".link{stroke:#8c959f}.node{stroke:#ffffff;stroke-width:0.8}.node.glow{stroke:none}.node-label{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}\n"
        + "@media (prefers-color-scheme:dark){text{fill:#e6edf3}.background{fill:#0d1117}.node{stroke:#0d1117}.node-label{stroke:#0d1117}.link{stroke:#6e7681}}\n</style>"
}
