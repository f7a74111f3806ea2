// ColumnJoinTests.swift: joining columns into room reserved for them, as the corpus load joins
// its chunks, keeps every value in order, whether the pages were asked for first (large parts) or
// not (small ones), and asking for pages never changes what an array holds.
@testable import Corpus
@testable import CorpusReaders
@testable import CorpusStore
@testable import CorpusModel
@testable import CorpusBytes
import XCTest
#if canImport(Glibc)
import Glibc
#endif

final class ColumnJoinTests: XCTestCase {
    private func textColumn(_ values: [String]) -> TextColumn {
        var column = TextColumn()
        for v in values { column.append(v) }
        return column
    }

    func testLargeAndSmallPartsJoinedIntoReservedRoomKeepEveryValue() {
        let large = (0 ..< 5_000).map { "value \($0) " + String(repeating: "é", count: $0 % 7) }
        let small = ["a", "", "Ж", "last"]
        var joined = textColumn(small)
        joined.reserveCapacity(adding: [textColumn(large), textColumn(small)], times: 1)
        joined.append(contentsOf: textColumn(large))
        joined.append(contentsOf: textColumn(small))
        let expected = small + large + small
        XCTAssertEqual(joined.count, expected.count)
        XCTAssertEqual((0 ..< joined.count).map { joined.string($0) }, expected)
    }

    func testAskingForPagesLeavesTheValuesAsTheyWere() {
        var values = (0 ..< 10_000).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let before = values
        values.reserveCapacity(200_000)
        values.prefault(room: 150_000)
        XCTAssertEqual(values, before)
        #if os(Linux)
        // The pages wholly inside the room for 150,000 more values are present before any is written.
        let page = 4096
        let (start, end) = values.withUnsafeBufferPointer { b in
            (UInt(bitPattern: b.baseAddress! + b.count), UInt(bitPattern: b.baseAddress! + b.count + 150_000))
        }
        let first = (start + UInt(page) - 1) / UInt(page) * UInt(page), last = end / UInt(page) * UInt(page)
        var resident = [UInt8](repeating: 0, count: Int(last - first) / page)
        XCTAssertEqual(mincore(UnsafeMutableRawPointer(bitPattern: first), Int(last - first), &resident), 0)
        XCTAssertEqual(resident.filter { $0 & 1 == 0 }.count, 0, "pages of the room not present")
        #endif
        values.appendPrefaulted(Array(repeating: 7, count: 100_000))
        XCTAssertEqual(values.count, 110_000)
        XCTAssertEqual(Array(values[..<10_000]), before)
        XCTAssertTrue(values[10_000...].allSatisfy { $0 == 7 })
    }

    func testRoomNotReservedIsNotAskedForAndTheAppendStillWorks() {
        var values: [UInt8] = [1, 2, 3]
        values.prefault(room: 1 << 20)  // no room reserved: nothing is asked for
        XCTAssertEqual(values, [1, 2, 3])
        values.appendPrefaulted([UInt8](repeating: 9, count: 1 << 20))
        XCTAssertEqual(values.count, 3 + (1 << 20))
        XCTAssertEqual(values.last, 9)
    }

    func testAStoreIsConsistentOnlyWhenEveryColumnHasItsRows() {
        var store = DocumentStore()
        store.append(Document(id: "a", title: "One", authors: [AuthorName(written: "Doe J.", family: "Doe", initials: "J.")],
                              affiliations: ["Somewhere"], keywords: ["k"], references: [Reference(raw: "Ref.")], source: SourceLocation(path: "a", line: 1)))
        store.append(Document(id: "b", title: "Two", source: SourceLocation(path: "b", line: 1)))
        XCTAssertTrue(store.isConsistent)

        var shortColumn = store
        shortColumn.title = TextColumn()
        shortColumn.title.append("One")
        XCTAssertFalse(shortColumn.isConsistent, "a document column with a row missing")

        var shortChild = store
        shortChild.keywordText = TextColumn()
        XCTAssertFalse(shortChild.isConsistent, "a list pointing past its child table")

        var shortNested = store
        shortNested.referenceTable.year = IntColumn()
        XCTAssertFalse(shortNested.isConsistent, "a column of the reference table with a row missing")

        var shortSchema = store
        shortSchema.schema = SchemaColumns()
        XCTAssertFalse(shortSchema.isConsistent, "the schema's columns without the documents' rows")
    }
}
