// ArrowFileSink.swift: buffered, sequential writing to a new file, so record batch bodies stream to disk.
import Foundation

/// Writes a new file through a 1 MB buffer; a write larger than the buffer goes straight to the
/// file descriptor. Closes the descriptor in deinit if `close` was not called.
final class ArrowFileSink {
    private let path: String
    private let fd: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private var isOpen = true
    /// The number of bytes written so far: the file offset of the next byte.
    private(set) var position = 0

    /// Creates or truncates the file at `path`.
    init(path: String) throws {
        fd = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ArrowError("cannot create '\(path)': \(String(cString: strerror(errno)))") }
        self.path = path
        buffer = .allocate(byteCount: 1 << 20, alignment: 64)
    }

    deinit {
        if isOpen { _ = Foundation.close(fd) }
        buffer.deallocate()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if used + bytes.count > buffer.count { try flush() }
        if bytes.count >= buffer.count {
            try writeAll(bytes)
        } else {
            UnsafeMutableRawBufferPointer(rebasing: buffer[used...]).copyMemory(from: bytes)
            used += bytes.count
        }
        position += bytes.count
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    /// Writes an integer, little endian.
    func write<T: FixedWidthInteger>(_ value: T) throws { try withUnsafeBytes(of: value.littleEndian) { try write($0) } }

    /// Writes the buffered bytes and closes the file.
    func close() throws {
        try flush()
        isOpen = false
        guard Foundation.close(fd) == 0 else { throw failure("close") }
    }

    private func flush() throws {
        try writeAll(UnsafeRawBufferPointer(rebasing: buffer[..<used]))
        used = 0
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let written = Foundation.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if written < 0 && errno != EINTR { throw failure("write") }
            done += max(written, 0)
        }
    }

    private func failure(_ operation: String) -> ArrowError {
        ArrowError("cannot \(operation) '\(path)': \(String(cString: strerror(errno)))")
    }
}
