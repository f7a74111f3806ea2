// AllocatorTuningTests.swift: the allocator settings the command applies at start really reach
// the C library. (They once compiled to nothing: the glibc check came before any header defined
// it, and the report's peak memory was 20% higher for it.)
import CSystem
import XCTest

final class AllocatorTuningTests: XCTestCase {
    func testTheSettingsAreAppliedWhereTheCLibraryIsGlibc() throws {
        #if os(Linux) && canImport(Glibc)
        scr_release_large_buffers_promptly()
        XCTAssertEqual(scr_allocator_tuning_applied(), 1, "mallopt was not called or refused the settings")
        #else
        throw XCTSkip("the allocator settings exist only with glibc")
        #endif
    }
}
