// FileSystem.swift: the few file operations loading needs, done with POSIX calls directly:
// listing a folder tree (hidden entries skipped) and reading a whole file into a buffer. Loading
// lists and reads tens of thousands of small files, where Foundation's per-file overhead shows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package enum FileSystem {
    enum Kind { case file, directory, other, missing }

    static func kind(_ path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// Regular files below `folder` (recursively, not following hidden entries) whose name ends
    /// with one of `extensions` (lower-cased, without the dot), as paths starting with `folder`.
    static func files(under folder: String, extensions: Set<String>) -> [String] {
        var result: [String] = []
        var pending = [folder.hasSuffix("/") ? String(folder.dropLast()) : folder]
        while let current = pending.popLast() {
            guard let dir = opendir(current) else { continue }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name.hasPrefix(".") { continue }
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
                } else if type == UInt8(DT_REG), let dot = name.lastIndex(of: "."),
                          extensions.contains(name[name.index(after: dot)...].lowercased())
                {
                    result.append(path)
                }
            }
        }
        return result
    }

    /// The whole file, or nil when it cannot be opened or read.
    package static func read(_ path: String, into buffer: inout [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY)
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
