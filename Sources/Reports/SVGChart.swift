// SVGChart.swift: charts of a Table as self-contained SVG: bar, line, histogram, scatter,
// heatmap and a world map of countries, with axes, ticks, labels that do not overlap, and a legend for several series. No fonts,
// scripts or images are referenced; a style block keeps it readable in light and dark viewers.
// Marks carry a class ("bar", "point", "cell") so that tests and stylesheets can find them.
import Tables
import Foundation

package struct ChartSpec: Sendable {
    package enum Kind: String, CaseIterable, Sendable { case bar, line, histogram, scatter, heatmap, map }

    package var kind: Kind
    /// The column along the horizontal axis (for a histogram: the values binned; for a map: the
    /// ISO 3166-1 alpha-2 codes of the countries).
    package var x: String
    /// The series: one or more numeric columns (for a heatmap: the vertical category column;
    /// for a histogram: an optional weight column).
    package var y: [String]
    /// The heatmap's cell value column.
    package var value: String
    package var title: String
    package var xLabel: String
    package var yLabel: String
    /// Bins of a histogram; nil for Sturges' rule.
    package var bins: Int?

    package init(kind: Kind, x: String, y: [String], value: String = "count", title: String = "",
                xLabel: String? = nil, yLabel: String? = nil, bins: Int? = nil) {
        self.kind = kind
        self.x = x
        self.y = y
        self.value = value
        self.title = title
        self.xLabel = xLabel ?? x
        self.yLabel = yLabel ?? (y.count == 1 ? y[0] : "")
        self.bins = bins
    }
}

package enum ChartError: Error, CustomStringConvertible {
    case invalid(String)
    package var description: String {
        switch self { case .invalid(let message): return message }
    }
}

package enum SVGChart {
    package static func render(_ table: Table, _ spec: ChartSpec) throws -> String {
        switch spec.kind {
        case .bar: return try barChart(table, spec)
        case .line: return try xyChart(table, spec, lines: true)
        case .scatter: return try xyChart(table, spec, lines: false)
        case .histogram: return try histogram(table, spec)
        case .heatmap: return try heatmap(table, spec)
        case .map: return try worldMap(table, spec)
        }
    }

    // MARK: Chart kinds

    static let width = 760.0
    static let plotHeight = 300.0

    private static func barChart(_ table: Table, _ spec: ChartSpec) throws -> String {
        let labels = try table.column(spec.x).map(\.description)
        let series = try numericSeries(table, spec)
        let top = niceMax(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        let longest = labels.map(\.count).max() ?? 0
        if longest > 8 || labels.count > 30 {
            return horizontalBars(labels, series, top: top, spec)
        }
        var canvas = Canvas(spec: spec, left: 64, right: 24, plotHeight: plotHeight, bottom: 56, legend: series.count)
        let slot = canvas.plotWidth / Double(max(1, labels.count))
        let barWidth = slot * 0.8 / Double(series.count)
        canvas.valueAxis(top: top, vertical: true)
        for (i, label) in labels.enumerated() {
            for (k, s) in series.enumerated() {
                guard let v = s.values[i] else { continue }
                let h = canvas.plotHeight * v / top
                let x = canvas.left + Double(i) * slot + slot * 0.1 + Double(k) * barWidth
                canvas.rect(x, canvas.top + canvas.plotHeight - h, barWidth, h, colour: k, title: "\(label): \(Cell.format(v))")
            }
        }
        canvas.categoryLabels(labels, slot: slot)
        return canvas.finish(series: series.map(\.name))
    }

    /// Bars drawn sideways so that long category labels read in full on the left.
    private static func horizontalBars(_ labels: [String], _ series: [Series], top: Double, _ spec: ChartSpec) -> String {
        let shown = labels.map { $0.count > 40 ? String($0.prefix(39)) + "…" : $0 }
        let labelWidth = min(300, 16 + 6.6 * Double(shown.map(\.count).max() ?? 0))
        let rowHeight = max(14, 8 + 8 * Double(series.count))
        var sideways = spec
        (sideways.xLabel, sideways.yLabel) = (spec.yLabel, "")
        var canvas = Canvas(spec: sideways, left: labelWidth, right: 24, plotHeight: rowHeight * Double(labels.count), bottom: 44, legend: series.count)
        canvas.valueAxis(top: top, vertical: false)
        let barHeight = rowHeight * 0.8 / Double(series.count)
        for (i, label) in shown.enumerated() {
            let y = canvas.top + Double(i) * rowHeight
            canvas.text(canvas.left - 6, y + rowHeight / 2 + 4, label, anchor: "end", title: labels[i])
            for (k, s) in series.enumerated() {
                guard let v = s.values[i] else { continue }
                let w = canvas.plotWidth * v / top
                canvas.rect(canvas.left, y + rowHeight * 0.1 + Double(k) * barHeight, w, barHeight, colour: k, title: "\(labels[i]): \(Cell.format(v))")
            }
        }
        return canvas.finish(series: series.map(\.name))
    }

    private static func xyChart(_ table: Table, _ spec: ChartSpec, lines: Bool) throws -> String {
        let xs = try table.column(spec.x)
        let series = try numericSeries(table, spec)
        let numericX = xs.allSatisfy { $0.isNumeric || $0 == .null } && xs.contains { $0.isNumeric }
        var canvas = Canvas(spec: spec, left: 64, right: 24, plotHeight: plotHeight, bottom: 56, legend: series.count)
        let values = series.flatMap { $0.values.compactMap { $0 } }
        let (low, high) = niceRange(values.min() ?? 0, values.max() ?? 1)
        canvas.valueAxis(low: low, top: high, vertical: true)
        let position: (Int) -> Double?
        let plotLeft = canvas.left, plotWidth = canvas.plotWidth
        if numericX {
            let numbers = xs.compactMap(\.doubleValue)
            let (xLow, xHigh) = niceRange(numbers.min() ?? 0, numbers.max() ?? 1, fromZero: false)
            canvas.horizontalAxis(low: xLow, high: xHigh)
            position = { i in xs[i].doubleValue.map { plotLeft + plotWidth * ($0 - xLow) / (xHigh - xLow) } }
        } else {
            let slot = canvas.plotWidth / Double(max(1, xs.count))
            canvas.categoryLabels(xs.map(\.description), slot: slot)
            position = { i in plotLeft + slot * (Double(i) + 0.5) }
        }
        for (k, s) in series.enumerated() {
            var points: [(Double, Double, Int)] = []
            for i in xs.indices {
                guard let px = position(i), let v = s.values[i] else { continue }
                points.append((px, canvas.top + canvas.plotHeight * (1 - (v - low) / (high - low)), i))
            }
            if lines {
                points.sort { $0.0 < $1.0 }
                canvas.polyline(points.map { ($0.0, $0.1) }, colour: k)
            }
            // Markers only where they can be told apart; a long series reads as its line.
            for (px, py, i) in points where !lines || points.count <= 60 {
                canvas.point(px, py, colour: k, title: "\(xs[i].description): \(Cell.format(s.values[i] ?? 0))")
            }
        }
        return canvas.finish(series: series.map(\.name))
    }

    private static func histogram(_ table: Table, _ spec: ChartSpec) throws -> String {
        let xs = try table.column(spec.x)
        let weights = try spec.y.first.map { try table.column($0) }
        var values: [(Double, Double)] = []
        for (i, cell) in xs.enumerated() {
            guard let v = cell.doubleValue else { continue }
            let w = weights.map { $0[i].doubleValue ?? 0 } ?? 1
            values.append((v, w))
        }
        guard let low = values.map(\.0).min(), let high = values.map(\.0).max() else {
            throw ChartError.invalid("histogram: column '\(spec.x)' holds no numbers")
        }
        let total = values.reduce(0) { $0 + $1.1 }
        let binCount = max(1, spec.bins ?? Int((log2(max(1, total)) + 1).rounded(.up)))
        let span = high > low ? high - low : 1
        let binWidth = span / Double(binCount)
        var counts = [Double](repeating: 0, count: binCount)
        for (v, w) in values { counts[min(binCount - 1, Int((v - low) / binWidth))] += w }
        let top = niceMax(counts.max() ?? 0)
        var canvas = Canvas(spec: spec, left: 64, right: 24, plotHeight: plotHeight, bottom: 56, legend: 0)
        canvas.valueAxis(top: top, vertical: true)
        canvas.horizontalAxis(low: low, high: low + span)
        let w = canvas.plotWidth / Double(binCount)
        for (i, c) in counts.enumerated() {
            let h = canvas.plotHeight * c / top
            let from = low + Double(i) * binWidth
            canvas.rect(canvas.left + Double(i) * w, canvas.top + canvas.plotHeight - h, w, h, colour: 0,
                        title: "\(Cell.format(from))–\(Cell.format(from + binWidth)): \(Cell.format(c))", gap: true)
        }
        return canvas.finish(series: [])
    }

    private static func heatmap(_ table: Table, _ spec: ChartSpec) throws -> String {
        guard let yName = spec.y.first else { throw ChartError.invalid("heatmap: y must name the column of the rows") }
        let xs = try table.column(spec.x).map(\.description)
        let ys = try table.column(yName).map(\.description)
        let vs = try table.column(spec.value).map { $0.doubleValue ?? 0 }
        let columns = ordered(try table.column(spec.x))
        var rows = ordered(try table.column(yName))
        // A square map (the same values on both axes, as co-occurrence gives) uses one order.
        if Set(rows) == Set(columns) { rows = columns }
        // Row labels are written whole up to 60 characters (a keyword such as "Bit-patterned
        // media recording (BPMR)" must stay readable); the margin grows with them.
        let longest = Double(rows.map { min(60, $0.count) }.max() ?? 0)
        let cell = max(12, min(40, 560 / Double(max(columns.count, 1))))
        var canvas = Canvas(spec: spec, left: 16 + 6.6 * longest, right: 24, plotHeight: cell * Double(rows.count),
                            bottom: 16 + 6.6 * Double(columns.map { min(45, $0.count) }.max() ?? 0), legend: 0)
        canvas.plotWidth = cell * Double(columns.count)
        let high = vs.max() ?? 1
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        for i in vs.indices {
            let cx = canvas.left + cell * Double(columnIndex[xs[i]]!)
            let cy = canvas.top + cell * Double(rowIndex[ys[i]]!)
            let intensity = high > 0 ? vs[i] / high : 0
            canvas.heatCell(cx, cy, cell, intensity: intensity, title: "\(xs[i]) × \(ys[i]): \(Cell.format(vs[i]))")
            let label = Cell.format(vs[i])
            if cell >= 22, Double(label.count) * 7 < cell {
                canvas.text(cx + cell / 2, cy + cell / 2 + 4, label, cssClass: intensity > 0.5 ? "value dark" : "value")
            }
        }
        for (j, label) in rows.enumerated() {
            canvas.text(canvas.left - 6, canvas.top + cell * (Double(j) + 0.5) + 4, clip(label, 60), anchor: "end", title: label)
        }
        for (j, label) in columns.enumerated() {
            canvas.rotatedText(canvas.left + cell * (Double(j) + 0.5) + 4, canvas.top + canvas.plotHeight + 8, clip(label, 45), title: label)
        }
        return canvas.finish(series: [], axisLabels: false)
    }

    /// A choropleth of the world: each country (by its ISO code in `x`) shaded by its value in
    /// `y`, in five classes from the smallest to the largest value; countries too small for the
    /// outline (Singapore, Hong Kong) are listed under the map with their values.
    private static func worldMap(_ table: Table, _ spec: ChartSpec) throws -> String {
        guard let yName = spec.y.first else { throw ChartError.invalid("map: y must name the column of the values") }
        let codes = try table.column(spec.x).map { $0.description.uppercased() }
        let values = try table.column(yName)
        if let bad = values.first(where: { !$0.isNumeric && $0 != .null }) {
            throw ChartError.invalid("map: column '\(yName)' must hold numbers, found '\(bad)'")
        }
        let names = table.columns.contains("name") ? try table.column("name").map(\.description) : codes
        var byCode: [String: (value: Double, name: String)] = [:]
        for (i, code) in codes.enumerated() {
            guard let v = values[i].doubleValue else { continue }
            if byCode[code] == nil { byCode[code] = (v, names[i]) }
        }
        // Five classes from the smallest value to the largest: of equal ratio when the values span
        // more than a factor of ten (a few countries produce most), else of equal width.
        let classes = 5
        let positive = byCode.values.map(\.value).filter { $0 > 0 }
        let high = byCode.values.map(\.value).max() ?? 0
        let geometric = (positive.min().map { high / $0 >= 10 } ?? false) && positive.count == byCode.count
        let low = geometric ? positive.min()! : min(0, byCode.values.map(\.value).min() ?? 0)
        func bound(_ k: Int) -> Double {
            let share = Double(k) / Double(classes)
            return geometric ? low * pow(high / low, share) : low + (high - low) * share
        }
        func shade(_ v: Double) -> Int { (0 ..< classes).last { v >= bound($0) } ?? 0 }
        let drawn = Set(WorldOutlines.countries.map(\.code))
        let missing = byCode.keys.filter { !drawn.contains($0) }.sorted { (byCode[$0]!.value, $1) > (byCode[$1]!.value, $0) }
        let scale = (width - 32) / WorldOutlines.width
        // The outline's last eleventh is the sea south of Tierra del Fuego (Antarctica is not drawn).
        var canvas = Canvas(spec: spec, left: 16, right: 16, plotHeight: WorldOutlines.height * 0.9 * scale, bottom: missing.isEmpty ? 44 : 62, legend: 0)
        canvas.plotWidth = width - 32
        canvas.raw("<g transform=\"translate(\(f(canvas.left)) \(f(canvas.top))) scale(\(f(scale, digits: 4)))\">")
        for country in WorldOutlines.countries {
            if let entry = byCode[country.code] {
                canvas.raw("<path class=\"country c\(shade(entry.value))\" d=\"\(country.path)\"><title>\(xml("\(entry.name) (\(country.code)): \(Cell.format(entry.value))"))</title></path>")
            } else {
                canvas.raw("<path class=\"country none\" d=\"\(country.path)\"><title>\(country.code)</title></path>")
            }
        }
        canvas.raw("</g>")
        // The legend: each class's range.
        let legendY = canvas.top + canvas.plotHeight + 14
        for k in 0 ..< classes {
            let from = bound(k), to = bound(k + 1)
            let x = canvas.left + Double(k) * 110
            canvas.raw("<rect class=\"key c\(k)\" x=\"\(f(x))\" y=\"\(f(legendY))\" width=\"12\" height=\"12\"/>")
            canvas.text(x + 16, legendY + 10, "\(Cell.format(from.rounded()))–\(Cell.format(to.rounded()))", anchor: "start")
        }
        canvas.text(canvas.left + Double(classes) * 110, legendY + 10, yName, anchor: "start", cssClass: "axis-label")
        if !missing.isEmpty {
            let list = missing.prefix(12).map { "\($0) \(Cell.format(byCode[$0]!.value))" }.joined(separator: ", ")
            canvas.text(canvas.left, legendY + 32, "Too small for the map: " + list + (missing.count > 12 ? ", …" : ""), anchor: "start")
        }
        return canvas.finish(series: [], axisLabels: false)
    }

    // MARK: Data

    struct Series {
        let name: String
        let values: [Double?]
    }

    private static func numericSeries(_ table: Table, _ spec: ChartSpec) throws -> [Series] {
        guard !spec.y.isEmpty else { throw ChartError.invalid("\(spec.kind.rawValue) chart: y must name at least one column") }
        return try spec.y.map { name in
            let cells = try table.column(name)
            if let bad = cells.first(where: { !$0.isNumeric && $0 != .null }) {
                throw ChartError.invalid("column '\(name)' must hold numbers, found '\(bad)'")
            }
            return Series(name: name, values: cells.map(\.doubleValue))
        }
    }

    /// Distinct values in order of first appearance, or in numeric order when all are numbers.
    private static func ordered(_ cells: [Cell]) -> [String] {
        var seen = Set<Cell>()
        var distinct = cells.filter { seen.insert($0).inserted }
        if distinct.allSatisfy(\.isNumeric) { distinct.sort { ($0.doubleValue ?? 0) < ($1.doubleValue ?? 0) } }
        return distinct.map(\.description)
    }

    private static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

    // MARK: Scales

    /// The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`.
    static func niceMax(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        for step in [1.0, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] where step * power >= value - 1e-9 * power { return step * power }
        return 10 * power
    }

    static func niceRange(_ low: Double, _ high: Double, fromZero: Bool = true) -> (Double, Double) {
        if fromZero && low >= 0 { return (0, niceMax(high)) }
        if high <= low { return (low - 1, low + 1) }
        let step = tickStep(high - low, count: 8)
        return ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
    }

    /// A tick step of 1, 2 or 5 times a power of ten giving about `count` ticks.
    static func tickStep(_ span: Double, count: Int) -> Double {
        let raw = span / Double(max(1, count))
        let power = pow(10, log10(raw).rounded(.down))
        for step in [1.0, 2, 5, 10] where step * power >= raw { return step * power }
        return 10 * power
    }

    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        let step = tickStep(high - low, count: count)
        var out: [Double] = []
        var t = (low / step).rounded(.up) * step
        while t <= high + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }
}

/// Builds one SVG document: the frame, the plot area and the marks.
struct Canvas {
    let spec: ChartSpec
    var left: Double
    let right: Double
    let top: Double
    var plotWidth: Double
    let plotHeight: Double
    let bottom: Double
    private var body: [String] = []

    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

    init(spec: ChartSpec, left: Double, right: Double, plotHeight: Double, bottom: Double, legend: Int) {
        self.spec = spec
        self.left = left
        self.right = right
        self.top = spec.title.isEmpty ? 20 : 44
        self.plotWidth = SVGChart.width - left - right
        self.plotHeight = plotHeight
        self.bottom = bottom + (legend > 1 ? 24 : 0)
    }

    var width: Double { left + plotWidth + right }
    var height: Double { top + plotHeight + bottom }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, colour: Int, title: String, gap: Bool = false) {
        let inset = gap ? min(1, w / 4) : 0
        body.append("<rect class=\"bar s\(colour % 8)\" x=\"\(f(x + inset))\" y=\"\(f(y))\" width=\"\(f(max(0, w - 2 * inset)))\" height=\"\(f(max(0, h)))\"><title>\(xml(title))</title></rect>")
    }

    /// Markup added as it is (made by the chart, never from table text unescaped).
    mutating func raw(_ markup: String) { body.append(markup) }

    mutating func point(_ x: Double, _ y: Double, colour: Int, title: String) {
        body.append("<circle class=\"point s\(colour % 8)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\"><title>\(xml(title))</title></circle>")
    }

    mutating func polyline(_ points: [(Double, Double)], colour: Int) {
        guard points.count > 1 else { return }
        let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        body.append("<polyline class=\"line l\(colour % 8)\" points=\"\(list)\"/>")
    }

    mutating func heatCell(_ x: Double, _ y: Double, _ size: Double, intensity: Double, title: String) {
        let opacity = 0.08 + 0.92 * max(0, min(1, intensity))
        body.append("<rect class=\"cell\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(size - 1))\" height=\"\(f(size - 1))\" fill-opacity=\"\(f(opacity, digits: 3))\"><title>\(xml(title))</title></rect>")
    }

    mutating func text(_ x: Double, _ y: Double, _ text: String, anchor: String = "middle", title: String? = nil, cssClass: String = "label") {
        let tip = title.map { $0 == text ? "" : "<title>\(xml($0))</title>" } ?? ""
        body.append("<text class=\"\(cssClass)\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(tip)\(xml(text))</text>")
    }

    mutating func rotatedText(_ x: Double, _ y: Double, _ text: String, title: String? = nil) {
        let tip = title.map { $0 == text ? "" : "<title>\(xml($0))</title>" } ?? ""
        body.append("<text class=\"label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"end\" transform=\"rotate(-60 \(f(x)) \(f(y)))\">\(tip)\(xml(text))</text>")
    }

    /// Ticks, grid lines and tick labels of the value axis, from zero (or `low`) to `top`.
    mutating func valueAxis(low: Double = 0, top high: Double, vertical: Bool) {
        for t in SVGChart.ticks(low, high) {
            let share = (t - low) / (high - low)
            if vertical {
                let y = top + plotHeight * (1 - share)
                body.append("<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y))\" y2=\"\(f(y))\"/>")
                text(left - 6, y + 4, Cell.format(t), anchor: "end")
            } else {
                let x = left + plotWidth * share
                body.append("<line class=\"grid\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\"/>")
                text(x, top + plotHeight + 16, Cell.format(t))
            }
        }
    }

    /// Ticks and labels of a numeric horizontal axis.
    mutating func horizontalAxis(low: Double, high: Double) {
        let count = max(2, min(10, Int(plotWidth / 70)))
        for t in SVGChart.ticks(low, high, count: count) {
            let x = left + plotWidth * (t - low) / (high - low)
            body.append("<line class=\"tick\" x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight + 4))\"/>")
            text(x, top + plotHeight + 18, Cell.format(t))
        }
    }

    /// Category labels under evenly spaced slots, thinned so that they never overlap.
    mutating func categoryLabels(_ labels: [String], slot: Double) {
        let widest = 7.0 * Double(labels.map(\.count).max() ?? 1) + 6
        let every = max(1, Int((widest / slot).rounded(.up)))
        for (i, label) in labels.enumerated() where i % every == 0 {
            text(left + slot * (Double(i) + 0.5), top + plotHeight + 18, label)
        }
    }

    func finish(series: [String], axisLabels: Bool = true) -> String {
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(xml(spec.title.isEmpty ? spec.kind.rawValue + " chart" : spec.title))\">"]
        out.append(Canvas.style)
        out.append("<rect class=\"background\" width=\"100%\" height=\"100%\" rx=\"6\"/>")
        if !spec.title.isEmpty {
            out.append("<text class=\"title\" x=\"\(f(width / 2))\" y=\"26\" text-anchor=\"middle\">\(xml(spec.title))</text>")
        }
        out.append(contentsOf: body)
        if axisLabels {
            out.append("<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\"/>")
            out.append("<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(top + plotHeight))\" y2=\"\(f(top + plotHeight))\"/>")
            if !spec.xLabel.isEmpty {
                out.append("<text class=\"axis-label\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 40))\" text-anchor=\"middle\">\(xml(spec.xLabel))</text>")
            }
            if !spec.yLabel.isEmpty {
                let y = top + plotHeight / 2
                out.append("<text class=\"axis-label\" x=\"14\" y=\"\(f(y))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(y)))\">\(xml(spec.yLabel))</text>")
            }
        }
        if series.count > 1 {
            var x = left
            let y = height - 14
            for (k, name) in series.enumerated() {
                out.append("<rect class=\"key s\(k % 8)\" x=\"\(f(x))\" y=\"\(f(y - 9))\" width=\"10\" height=\"10\"/>")
                out.append("<text class=\"label\" x=\"\(f(x + 14))\" y=\"\(f(y))\">\(xml(name))</text>")
                x += 30 + 7 * Double(name.count)
            }
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    static let style: String = {
        var rules = [
            "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;font-size:12px;fill:#24292f}",
            ".title{font-size:15px;font-weight:600}",
            ".axis-label{font-size:12px;fill:#57606a}",
            ".background{fill:#ffffff}",
            ".axis{stroke:#57606a;stroke-width:1}",
            ".tick{stroke:#57606a}",
            ".grid{stroke:#d0d7de;stroke-width:1}",
            ".line{fill:none;stroke-width:2}",
            ".cell{fill:#0072B2}",
            ".value{font-size:10px}.value.dark{fill:#ffffff}",
            ".country{stroke:#ffffff;stroke-width:0.4;fill-rule:evenodd}.country.none{fill:#e6e8eb}",
            ".c0{fill:#deebf7}.c1{fill:#9ecae1}.c2{fill:#6baed6}.c3{fill:#3182bd}.c4{fill:#08519c}",
            "@media (prefers-color-scheme:dark){text{fill:#e6edf3}.axis-label{fill:#9da7b3}.background{fill:#0d1117}.grid{stroke:#30363d}.axis,.tick{stroke:#9da7b3}.cell{fill:#56B4E9}.country{stroke:#0d1117}.country.none{fill:#30363d}}",
        ]
        for (k, colour) in palette.enumerated() {
            rules.append(".s\(k){fill:\(colour)}.l\(k){stroke:\(colour)}")
        }
        return "<style>\n" + rules.joined(separator: "\n") + "\n</style>"
    }()
}

/// A coordinate or size for SVG, rounded to `digits` decimals and written as short as it reads.
func f(_ value: Double, digits: Int = 1) -> String {
    let scale = pow(10, Double(digits))
    return Cell.format((value * scale).rounded() / scale)
}

/// Text escaped for SVG content and attributes.
func xml(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default:
            // Control characters and U+FFFE, U+FFFF are not allowed in XML 1.0.
            if (ch.value < 0x20 && ch != "\n" && ch != "\t") || ch.value == 0xFFFE || ch.value == 0xFFFF { out += " " } else { out.unicodeScalars.append(ch) }
        }
    }
    return out
}
