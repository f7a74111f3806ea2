// FileSystem.swift: the few file operations loading needs, done with POSIX calls directly:
// listing a folder tree (hidden entries skipped) and reading a whole file into a buffer. Loading
// lists and reads tens of thousands of small files, where Foundation's per-file overhead shows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package enum FileSystem {
    package enum Kind { case file, directory, other, missing }

    package static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Size and modification time (nanoseconds) of files, each from one stat call made relative
    /// to its folder, whose descriptor is kept open while consecutive paths share it (a sorted
    /// listing's files do): the kernel looks up one name per file, not every folder of its path.
    package final class Stamper {
        private var folder: [CChar] = []
        private var descriptor: Int32 = -1

        package init() {}
        deinit { if descriptor >= 0 { close(descriptor) } }

        package func stamp(_ path: String) -> (size: Int, modified: Int64)? {
            var info = stat()
            let found = path.withCString { c -> Bool in
                guard let slash = strrchr(c, Int32(UInt8(ascii: "/"))), slash != c else { return stat(c, &info) == 0 }
                let length = c.distance(to: slash)
                if descriptor < 0 || folder.count != length || memcmp(folder, c, length) != 0 {
                    if descriptor >= 0 { close(descriptor) }
                    folder = Array(UnsafeBufferPointer(start: c, count: length))
                    descriptor = open(folder + [0], O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                }
                guard descriptor >= 0 else { return stat(c, &info) == 0 }
                return fstatat(descriptor, slash + 1, &info, 0) == 0
            }
            guard found else { return nil }
            return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
        }
    }

    /// Regular files below `folder` (recursively, not following hidden entries) whose name ends
    /// with one of `extensions` (lower-cased, without the dot), as paths starting with `folder`.
    package static func files(under folder: String, extensions: Set<String>) -> [String] {
        var result: [String] = []
        let asciiExtensions = extensions.map { Array($0.utf8) }
        var pending = [folder.hasSuffix("/") ? String(folder.dropLast()) : folder]
        while let current = pending.popLast() {
            guard let dir = opendir(current) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                // The entry's name is read as bytes: its first byte, its extension, then one String.
                let (name, wanted) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String?, Bool) in
                    let bytes = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self))])
                    guard let first = bytes.first, first != UInt8(ascii: ".") else { return (nil, false) }
                    return (String(decoding: bytes, as: UTF8.self), hasExtension(bytes, in: extensions, ascii: asciiExtensions))
                }
                guard let name else { continue }
                let path = current + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                    switch kind(path) {
                    case .file: type = UInt8(DT_REG)
                    case .directory: type = UInt8(DT_DIR)
                    default: continue
                    }
                }
                if type == UInt8(DT_DIR) {
                    pending.append(path)
                } else if type == UInt8(DT_REG) && wanted {
                    result.append(path)
                }
            }
        }
        return result
    }

    /// Whether the file name `name` ends with "." and one of `extensions` (compared in lower case).
    private static func hasExtension(_ name: UnsafeBufferPointer<UInt8>, in extensions: Set<String>, ascii: [[UInt8]]) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = UnsafeBufferPointer(rebasing: name[(dot + 1)...])
        guard ext.allSatisfy({ $0 < 0x80 }) else { return extensions.contains(String(decoding: ext, as: UTF8.self).lowercased()) }
        return ascii.contains { wanted in
            wanted.count == ext.count && zip(wanted, ext).allSatisfy { w, c in w == (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        }
    }

    /// Paths in String order. ASCII paths (the usual case) are compared as bytes, which gives the
    /// same order for a fraction of the cost of comparing Strings: first the eight bytes after the
    /// prefix all the paths share (a folder's name), packed into one integer, then, only when
    /// those are equal, the whole paths.
    package static func sorted(_ paths: [String]) -> [String] {
        guard paths.allSatisfy(isContiguousASCII) else { return paths.sorted() }
        let shared = sharedPrefixLength(paths)
        var keyed = paths.indices.map { (key: packedBytes(paths[$0], from: shared), index: $0) }
        keyed.sort { a, b in a.key != b.key ? a.key < b.key : bytesPrecede(paths[a.index], paths[b.index]) }
        return keyed.map { paths[$0.index] }
    }

    /// How many leading bytes all of `paths` (ASCII, contiguous) have in common.
    private static func sharedPrefixLength(_ paths: [String]) -> Int {
        guard var shared = paths.first?.utf8.count else { return 0 }
        paths[0].utf8.withContiguousStorageIfAvailable { first in
            for path in paths.dropFirst() where shared > 0 {
                path.utf8.withContiguousStorageIfAvailable { p in
                    var n = 0
                    while n < shared && n < p.count && p[n] == first[n] { n += 1 }
                    shared = n
                }
            }
        }
        return shared
    }

    /// The eight bytes of `path` from `start`, the first highest, zeros past its end (a path has
    /// no NUL byte, so a path that ends first sorts first, as in byte order).
    private static func packedBytes(_ path: String, from start: Int) -> UInt64 {
        path.utf8.withContiguousStorageIfAvailable { p in
            var key: UInt64 = 0
            for i in start ..< start + 8 { key = key << 8 | UInt64(i < p.count ? p[i] : 0) }
            return key
        } ?? 0
    }

    private static func isContiguousASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
    }

    /// Byte order of two strings whose UTF-8 is contiguous (String order when both are ASCII).
    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        let order: Bool?? = a.utf8.withContiguousStorageIfAvailable { x -> Bool? in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
        return (order ?? nil) ?? (a < b)
    }

    /// The whole file, or nil when it cannot be opened or read.
    package static func read(_ path: String, into buffer: inout [UInt8]) -> Bool {
        let fd = path.withCString { open($0, O_RDONLY) }  // the path's bytes, not an array made of them
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return false }
        let size = Int(info.st_size)
        buffer = [UInt8](unsafeUninitializedCapacity: max(size, 1)) { out, count in
            var total = 0
            while total < size {
                #if canImport(Glibc)
                let n = Glibc.read(fd, out.baseAddress! + total, size - total)
                #else
                let n = Darwin.read(fd, out.baseAddress! + total, size - total)
                #endif
                if n <= 0 { break }
                total += n
            }
            count = total
        }
        return buffer.count == size
    }
}
