// TableTests.swift: sorting is deterministic and cells order as documented.
import Analysis
import Tables
import XCTest

final class TableTests: XCTestCase {
    func testSortDescendingThenByOtherColumnsAscending() throws {
        let t = try Table(columns: ["term", "count"], rows: [
            [.text("b"), .int(2)], [.text("a"), .int(2)], [.text("c"), .int(9)], [.text("Z"), .int(2)],
        ])
        XCTAssertEqual(try t.sorted(by: "count", descending: true).rows.map { $0[0].description }, ["c", "Z", "a", "b"])
    }

    func testMixedCellsOrder() throws {
        let t = try Table(columns: ["v"], rows: [[.text("x")], [.number(1.5)], [.null], [.int(1)], [.bool(true)]])
        XCTAssertEqual(try t.sorted(by: "v").rows.map { $0[0] }, [.null, .bool(true), .int(1), .number(1.5), .text("x")])
    }

    func testRowWidthIsChecked() {
        XCTAssertThrowsError(try Table(columns: ["a", "b"], rows: [[.int(1)]])) { error in
            XCTAssertEqual(error as? TableError, .rowWidth(row: 1, expected: 2, got: 1))
        }
    }

    func testNumberFormatting() {
        XCTAssertEqual(Cell.number(2.0).description, "2")
        XCTAssertEqual(Cell.number(0.1 + 0.2).description, "0.3")
        XCTAssertEqual(Cell.number(-3.5).description, "-3.5")
    }
}
