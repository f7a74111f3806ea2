// PageFaults.swift: asking the kernel for memory pages before they are written, so that a large
// column grows without a page fault every 4 KB.
import Foundation

/// Asking for memory pages before they are written.
package enum PageFaults {
    private static let pageSize: Int = {
        #if canImport(Glibc)
        return max(4096, sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 4096
        #endif
    }()

    /// Makes the whole pages within `bytes` bytes from `start` present and writable (Linux's
    /// MADV_POPULATE_WRITE, 23); errors are ignored, as the pages then fault when written.
    package static func populate(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if canImport(Glibc)
        let page = UInt(pageSize)
        let low = (UInt(bitPattern: start) + page - 1) & ~(page - 1)
        let high = (UInt(bitPattern: start) + UInt(bytes)) & ~(page - 1)
        guard high > low, let address = UnsafeMutableRawPointer(bitPattern: low) else { return }
        _ = madvise(address, Int(high - low), 23)
        #endif
    }
}
