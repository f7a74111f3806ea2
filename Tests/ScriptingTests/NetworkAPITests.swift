// NetworkAPITests.swift: networks from Lua: built from the corpus and from any Table, their
// nodes, links and documents, clustering and layout, the map and the files, and the errors that
// name what was wrong.
import Corpus
import Foundation
import Scripting
import XCTest

final class NetworkAPITests: XCTestCase {
    func testCoauthorshipAndKeywordNetworksOfTheFixture() throws {
        let (_, printed) = try Fixture.run("""
            local co = corpus:network{kind = "coauthorship"}
            print(#co, co:edges()[1].a, co:edges()[1].b, co:edges()[1].weight)
            for row in co:nodes():rows() do print(row.node, row.occurrences, row.links, row.year) end
            local kw = corpus:network{kind = "cooccurrence", unit = "keywords"}
            print(#kw, #kw:edges(), #kw:documents("Tea trade"), #kw:documents("Tea trade", "Kyakhta"))
            print(kw:documents("Tea trade", "Archives")[1].id)
            """)
        // Ivanova (a, b) and Batbayar (a) write together once; Lee alone. Ivanova's mean year (2019 + 2021) / 2.
        XCTAssertEqual(printed[0], "3\tIvanova M.A.\tBatbayar T.\t1.0")
        XCTAssertEqual(Array(printed[1...3]), ["Ivanova M.A.\t2.0\t1\t2020.0", "Batbayar T.\t1.0\t1\t2019.0", "Lee J.H.\t1.0\t0\t2021.0"])
        // Keywords: tea trade (a, b), Kyakhta (a), Archives (b): two links.
        XCTAssertEqual(printed[4], "3\t2\t2\t1")
        XCTAssertEqual(printed[5], "b")
    }

    func testANetworkOfAnyTableClusteredLaidOutAndWritten() throws {
        let (result, printed) = try Fixture.run("""
            local t = Table.new{columns = {"a", "b", "weight"}, rows = {
              {"x", "y", 3}, {"y", "z", 1}, {"x", "z", 1}, {"p", "q", 2}, {"q", "r", 2}, {"p", "r", 2}, {"z", "p", 0.1}}}
            local net = Network.new{edges = t}
            local clusters, quality = net:cluster{seed = 4}
            print(#net, #net:edges(), #clusters, string.format("%.4f", quality))
            local parts = {}
            for row in clusters:rows() do parts[#parts + 1] = row.node .. "=" .. row.cluster end
            print(table.concat(parts, " "))
            net:layout{seed = 1}
            print(table.concat(net:nodes().columns, ","))
            local md = report.markdown("map.md")
            md:network_map{network = net, title = "Two triangles"}
            report.network("tri", net, {format = "vosviewer"})
            report.network("tri.graphml", net, {format = "graphml"})
            print(net:normalize("jaccard"):edges()[1].weight)
            print(net:summary().components, net:summary().clusters)
            """)
        XCTAssertEqual(Array(printed[0].split(separator: "\t").prefix(3)), ["6", "7", "6"])
        // Two triangles joined by a weak link: two clusters, x y z and p q r.
        let assignment = printed[1]
        XCTAssertTrue(assignment.contains("x=1") && assignment.contains("y=1") && assignment.contains("z=1") || assignment.contains("x=2") && assignment.contains("y=2") && assignment.contains("z=2"), assignment)
        XCTAssertEqual(printed[2], "node,occurrences,links,strength,cluster,x,y")
        let files = result.outputs.contents()
        XCTAssertEqual(Set(files.keys), ["map.md", "map-two-triangles.svg", "tri_map.txt", "tri_network.txt", "tri.graphml"])
        let svg = String(decoding: files["map-two-triangles.svg"]!, as: UTF8.self)
        XCTAssertEqual(svg.components(separatedBy: "class=\"node\"").count - 1, 6)
        XCTAssertEqual(svg.components(separatedBy: "class=\"link\"").count - 1, 7)
        XCTAssertTrue(String(decoding: files["map.md"]!, as: UTF8.self).contains("![Two triangles](map-two-triangles.svg)"))
        XCTAssertEqual(printed.last, "1\t2")
    }

    func testErrorsNameTheOptionAndTheChoices() {
        XCTAssertTrue(Fixture.failure("corpus:network{kind = 'friendship'}").contains("option 'kind' is 'friendship'; it must be one of 'coauthorship'"))
        XCTAssertTrue(Fixture.failure("corpus:network{kind = 'coupling', unit = 'keywords'}").contains("option 'unit' is 'keywords'; it must be one of 'documents'"))
        XCTAssertTrue(Fixture.failure("corpus:network{kind = 'coupling', counting = 'fractional'}").contains("fractional counting applies to"))
        XCTAssertTrue(Fixture.failure("corpus:network{kind = 'coauthorship'}:normalize('salton')").contains("normalisation is one of 'association'"))
        let t = "Network.new{edges = Table.new{columns = {'a', 'b'}, rows = {{'x', 'y'}}}}"
        XCTAssertTrue(Fixture.failure("\(t):documents('x')").contains("was not built from a corpus"))
        XCTAssertTrue(Fixture.failure("corpus:network{kind = 'coauthorship'}:documents('Nobody')").contains("no node labelled 'Nobody'"))
        XCTAssertTrue(Fixture.failure("report.network('n', corpus:network{kind = 'citation'}, {format = 'dot'})").contains("'vosviewer', 'pajek', 'graphml', 'gexf'"))
    }
}
