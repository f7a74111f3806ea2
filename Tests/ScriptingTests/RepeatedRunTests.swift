// RepeatedRunTests.swift: running a script many times in one process (as a scheduler or a host
// program does) keeps memory flat: every Lua state, sandbox and output set is released.
import Corpus
import CorpusReaders
import CorpusStore
import CorpusModel
import CorpusBytes
import Foundation
import Scripting
import XCTest

final class RepeatedRunTests: XCTestCase {
    /// Resident memory of this process, in bytes (Linux).
    private func residentBytes() throws -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
            throw XCTSkip("/proc/self/statm is not readable here")
        }
        let pages = Int(statm.split(separator: " ")[1]) ?? 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    func testTenThousandRunsKeepMemoryFlat() throws {
        let source = """
            local t = corpus:count_by("keywords")
            local md = report.markdown("k.md")
            md:table(t)
            report.csv("k.csv", t)
            local words = {}
            for doc in corpus:documents() do words[#words + 1] = doc.title end
            print(#words)
            """
        func runs(_ n: Int) throws {
            for _ in 0..<n { _ = try Fixture.run(source) }
        }
        try runs(500)  // warm up: caches, allocator arenas
        let before = try residentBytes()
        try runs(10_000)
        let growth = try residentBytes() - before
        XCTAssertLessThan(growth, 8 << 20, "memory grew by \(growth >> 10) KB over 10,000 runs")
    }
}
