// MappedFile.swift: a file mapped read-only into memory, its pages loaded up front.
import Foundation

/// A file mapped read-only with its pages loaded up front (one system call instead of a page
/// fault every 4 KB as the columns are copied out).
package struct MappedFile {
    private let address: UnsafeMutableRawPointer
    private let size: Int

    package init?(path: String) {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { _ = Foundation.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        size = Int(info.st_size)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        self.address = address
    }

    package func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: address, count: size))
    }

    package func close() { munmap(address, size) }
}
