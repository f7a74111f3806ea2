// TableAPITests.swift: Tables in Lua: building, reading, sorting, slicing.
import Scripting
import XCTest

final class TableAPITests: XCTestCase {
    func testBuildAndRead() throws {
        XCTAssertEqual(try Fixture.printed("""
            local t = Table.new{columns = {"term", "n"}, rows = {{"b", 2}, {term = "a", n = 5}, {"c", 2}}}
            print(#t, table.concat(t.columns, ","), t[2].term, t[2].n, t[4])
            for row in t:rows() do io_line = (io_line or "") .. row.term end
            print(io_line)
            print(table.concat(t:column("n"), ","))
            """), ["3\tterm,n\ta\t5\tnil", "bac", "2,5,2"])
    }

    func testSortIsStableAndBreaksTiesByTheOtherColumns() throws {
        XCTAssertEqual(try Fixture.printed("""
            local t = Table.new{columns = {"term", "n"}, rows = {{"b", 2}, {"a", 5}, {"c", 2}, {"a", 2}}}
            local function show(x) local out = {} for r in x:rows() do out[#out + 1] = r.term .. r.n end return table.concat(out, " ") end
            print(show(t:sort("n", "desc")))
            print(show(t:sort("term")))
            print(show(t:sort("n", "desc"):head(2)))
            print(show(t))
            """), ["a5 a2 b2 c2", "a2 a5 b2 c2", "a5 a2", "b2 a5 c2 a2"])
    }

    func testArgumentErrors() throws {
        XCTAssertEqual(Fixture.failure("Table.new{columns = {'a'}, rows = {{1, 2}}}"),
                       "test.lua:1: bad argument #1 to 'new' (row 1 has 2 cells; there are 1 columns)")
        XCTAssertEqual(Fixture.failure("local t = Table.new{columns = {'a'}}\nt:sort('b')"),
                       "test.lua:2: bad argument #1 to 'sort' (unknown column 'b'; columns are a)")
        XCTAssertEqual(Fixture.failure("local t = Table.new{columns = {'a'}}\nt:sort('a', 'down')"),
                       "test.lua:2: bad argument #2 to 'sort' ('down' is not one of 'asc', 'desc')")
        XCTAssertEqual(Fixture.failure("Table.new{columns = {'a'}, rows = {{{}}}}"),
                       "test.lua:1: bad argument #1 to 'new' (row 1, column 'a' holds a table; cells are strings, numbers, booleans or nil)")
    }

    func testTostringShowsAlignedRows() throws {
        XCTAssertEqual(try Fixture.printed("print(Table.new{columns = {'term', 'n'}, rows = {{'tea', 12}, {'kyakhta', 3}}})"),
                       ["term     n \n-------  --\ntea      12\nkyakhta  3 "])
    }
}
