// ChartTests.swift: every chart kind drawn from a small Table has one mark per value (bars,
// points or cells, counted in the SVG), is well-formed enough for librsvg to render to PNG, and
// escapes the text it is given.
import Tables
import Foundation
@testable import Reports
import XCTest

final class ChartTests: XCTestCase {
    private let years = try! Table(columns: ["year", "articles", "reviews"], rows: [
        [.int(2019), .int(3), .int(1)], [.int(2020), .int(5), .int(2)], [.int(2021), .int(4), .null], [.int(2022), .int(8), .int(3)],
    ])

    private func marks(_ svg: String, _ kind: String) -> Int {
        svg.components(separatedBy: "class=\"\(kind) ").count - 1 + svg.components(separatedBy: "class=\"\(kind)\"").count - 1
    }

    /// Renders the SVG to PNG with rsvg-convert and returns the PNG's size in bytes.
    private func renderPNG(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        guard let rsvg = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("rsvg-convert is not installed (Tools/setup.sh installs librsvg2-bin)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("chart.svg"), output = folder.appendingPathComponent("chart.png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rsvg)
        process.arguments = ["-o", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(process.terminationStatus, 0, message, file: file, line: line)
        let png = try Data(contentsOf: output)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG file", file: file, line: line)
        return png.count
    }

    func testBarChartHasOneBarPerValueOfEachSeriesAndALegend() throws {
        let svg = try SVGChart.render(years, ChartSpec(kind: .bar, x: "year", y: ["articles", "reviews"], title: "Output"))
        XCTAssertEqual(marks(svg, "bar"), 7, "4 articles + 3 reviews (the missing one is not drawn)")
        XCTAssertTrue(svg.contains(">articles</text>") && svg.contains(">reviews</text>"), "legend")
        XCTAssertTrue(svg.contains(">2019</text>") && svg.contains(">2022</text>"), "category labels")
        XCTAssertTrue(svg.contains("<title>2022: 8</title>"))
        XCTAssertGreaterThan(try renderPNG(svg), 1000)
    }

    func testLongCategoryLabelsTurnTheBarsSideways() throws {
        let sources = try Table(columns: ["source", "count"], rows: [
            [.text("Journal of Applied Physics"), .int(58)], [.text("IEEE Transactions on Magnetics"), .int(155)],
        ])
        let svg = try SVGChart.render(sources, ChartSpec(kind: .bar, x: "source", y: ["count"]))
        XCTAssertEqual(marks(svg, "bar"), 2)
        XCTAssertTrue(svg.contains("text-anchor=\"end\">IEEE Transactions on Magnetics</text>"), "labels right-aligned left of the bars")
        _ = try renderPNG(svg)
    }

    func testLineAndScatterHaveOnePointPerValue() throws {
        let line = try SVGChart.render(years, ChartSpec(kind: .line, x: "year", y: ["articles", "reviews"]))
        XCTAssertEqual(marks(line, "point"), 7)
        XCTAssertEqual(marks(line, "line"), 2, "one polyline per series")
        _ = try renderPNG(line)
        let scatter = try SVGChart.render(years, ChartSpec(kind: .scatter, x: "articles", y: ["reviews"]))
        XCTAssertEqual(marks(scatter, "point"), 3)
        XCTAssertEqual(marks(scatter, "line"), 0)
        _ = try renderPNG(scatter)
    }

    func testHistogramBinsWeightedValues() throws {
        // Weights 3, 5, 4, 8 over 2019…2022 in 3 bins of one year each: [2019, 2020) 3,
        // [2020, 2021) 5, [2021, 2022] 4 + 8 = 12.
        let svg = try SVGChart.render(years, ChartSpec(kind: .histogram, x: "year", y: ["articles"], bins: 3))
        XCTAssertEqual(marks(svg, "bar"), 3)
        XCTAssertTrue(svg.contains("<title>2021–2022: 12</title>"), svg)
        _ = try renderPNG(svg)
    }

    func testHeatmapHasOneCellPerPair() throws {
        let pairs = try Table(columns: ["a", "b", "count"], rows: [
            [.text("tea"), .text("trade"), .int(4)], [.text("trade"), .text("tea"), .int(4)], [.text("tea"), .text("steppe"), .int(1)],
        ])
        let svg = try SVGChart.render(pairs, ChartSpec(kind: .heatmap, x: "a", y: ["b"], value: "count"))
        XCTAssertEqual(marks(svg, "cell"), 3)
        _ = try renderPNG(svg)
    }

    func testWorldMapShadesEachCountryByItsValue() throws {
        let countries = try Table(columns: ["country", "name", "documents"], rows: [
            [.text("US"), .text("United States"), .int(100)], [.text("fr"), .text("France <F>"), .int(10)], [.text("BR"), .text("Brazil"), .int(1)],
            [.text("SG"), .text("Singapore"), .int(7)], [.text("HK"), .text("Hong Kong"), .null],
        ])
        let svg = try SVGChart.render(countries, ChartSpec(kind: .map, x: "country", y: ["documents"], title: "Documents by country"))
        // Every outline is drawn once; the three countries with a value and an outline are shaded.
        XCTAssertEqual(marks(svg, "country"), WorldOutlines.countries.count)
        XCTAssertEqual(marks(svg, "country none"), WorldOutlines.countries.count - 3)
        // 1 to 100 spans more than a factor of ten: classes of equal ratio, 1, 2.5, 6.3, 15.8, 39.8, 100.
        XCTAssertTrue(svg.contains("class=\"country c4\""), "the United States in the top class")
        XCTAssertTrue(svg.contains("class=\"country c2\""), "France (10) in the third class")
        XCTAssertTrue(svg.contains("class=\"country c0\""), "Brazil (1) in the first")
        XCTAssertTrue(svg.contains("<title>France &lt;F&gt; (FR): 10</title>"), "codes in either case; names escaped")
        XCTAssertTrue(svg.contains("Too small for the map: SG 7</text>"), "a country without an outline is listed; one without a value is not")
        _ = try renderPNG(svg)
        XCTAssertThrowsError(try SVGChart.render(countries, ChartSpec(kind: .map, x: "country", y: ["name"]))) { error in
            XCTAssertTrue(String(describing: error).contains("must hold numbers"))
        }
    }

    func testNetworkMapHasOneMarkPerNodeInEachView() throws {
        let labels = (0 ..< 40).map { "node <\($0)>" }
        let positions = (0 ..< 40).map { (x: Double($0 % 8), y: Double($0 / 8)) }
        let links = (0 ..< 39).map { (a: $0, b: $0 + 1, weight: Double($0 % 5 + 1)) }
        for mode in NetworkMapSpec.Mode.allCases {
            let spec = NetworkMapSpec(labels: labels, positions: positions, sizes: (0 ..< 40).map(Double.init),
                                      clusters: (0 ..< 40).map { $0 % 14 }, values: (0 ..< 40).map { $0 % 3 == 0 ? nil : Double(2000 + $0) },
                                      valueName: "year", links: links, title: "Map \(mode.rawValue)", mode: mode, maxLabels: 10, maxLinks: 20)
            let svg = NetworkMap.render(spec)
            XCTAssertEqual(marks(svg, "node"), 40, mode.rawValue)
            XCTAssertEqual(marks(svg, "link"), mode == .density ? 0 : 20, "the 20 strongest links")
            XCTAssertLessThanOrEqual(marks(svg, "node-label"), 10)
            XCTAssertTrue(svg.contains("node &lt;39&gt;"), "labels escaped; the largest node labelled")
            XCTAssertFalse(svg.contains("<39>"))
            _ = try renderPNG(svg)
        }
    }

    func testTextIsEscapedAndBadColumnsAreNamed() throws {
        let t = try Table(columns: ["name", "n"], rows: [[.text("<script>&\"x\""), .int(1)]])
        let svg = try SVGChart.render(t, ChartSpec(kind: .bar, x: "name", y: ["n"], title: "A < B"))
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertTrue(svg.contains("&lt;script&gt;&amp;&quot;x&quot;"))
        XCTAssertTrue(svg.contains(">A &lt; B</text>"))
        XCTAssertThrowsError(try SVGChart.render(t, ChartSpec(kind: .bar, x: "n", y: ["name"]))) { error in
            XCTAssertEqual(String(describing: error), "column 'name' must hold numbers, found '<script>&\"x\"'")
        }
        _ = try renderPNG(svg)
    }

    func testNiceScales() {
        XCTAssertEqual(SVGChart.niceMax(13), 15)
        XCTAssertEqual(SVGChart.niceMax(8), 8)
        XCTAssertEqual(SVGChart.niceMax(1237), 1500)
        XCTAssertEqual(SVGChart.ticks(0, 15), [0, 5, 10, 15])
        XCTAssertEqual(SVGChart.ticks(0, 1).count, 6)
    }
}
