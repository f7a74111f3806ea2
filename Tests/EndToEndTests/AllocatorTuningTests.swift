// AllocatorTuningTests.swift: the allocator settings the command applies at start really reach
// the C library. (They once compiled to nothing: the glibc check came before any header defined
// it, and the report's peak memory was 20% higher for it.)
import CSystem
import XCTest

final class AllocatorTuningTests: XCTestCase {
    func testTheSettingsAreAppliedWhereTheCLibraryIsGlibc() throws {
        #if os(Linux) && canImport(Glibc)
        scr_release_large_buffers_promptly()
        let state = scr_allocator_tuning_applied()
        if state == -2 { throw XCTSkip("under AddressSanitizer the allocator takes no settings") }
        XCTAssertEqual(state, 1, "glibc was not detected (-1) or refused the settings (0)")
        #else
        throw XCTSkip("the allocator settings exist only with glibc")
        #endif
    }
}
