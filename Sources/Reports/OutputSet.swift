// OutputSet.swift: the files a run produces, held in memory until the run has succeeded, then
// written to the output folder together: staged inside it and moved into place, so a failed run
// leaves the previous reports as they were and names can never reach outside the folder.
import Foundation

package enum OutputError: Error, CustomStringConvertible, Equatable {
    case invalidName(String, String)
    case duplicate(String)
    case outsideFolder(String)
    case write(String, String)
    case tooMany(Int)
    case tooLarge(Int)
    case timeLimit

    package var description: String {
        switch self {
        case .invalidName(let name, let why): return "output name '\(name)' is not allowed: \(why)"
        case .duplicate(let name): return "output '\(name)' was already written by this run"
        case .outsideFolder(let name): return "output '\(name)' would be written outside the output folder (through a symbolic link)"
        case .write(let path, let why): return "cannot write '\(path)': \(why)"
        case .timeLimit: return "time limit exceeded while writing the reports"
        case .tooMany(let limit): return "output limit reached: a run may write at most \(limit) files (--max-outputs)"
        case .tooLarge(let limit): return "output limit reached: a run may write at most \(limit / 1_048_576) MB (--max-output-mb)"
        }
    }
}

/// One output file: its name inside the output folder, its media type and its content. Content
/// may be produced late (a Markdown document is rendered when the run ends).
package final class Output {
    package let name: String
    package let mediaType: String
    /// The size in bytes when the content is already made; nil for content produced late.
    package let size: Int?
    private let produce: () -> [UInt8]

    package init(name: String, mediaType: String, produce: @escaping () -> [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.size = nil
        self.produce = produce
    }

    package init(name: String, mediaType: String, bytes: [UInt8]) {
        self.name = name
        self.mediaType = mediaType
        self.size = bytes.count
        self.produce = { bytes }
    }

    package var bytes: [UInt8] { produce() }
}

/// How many files a run may write, and how many bytes in all.
package struct OutputLimits: Sendable, Equatable {
    package var files: Int
    package var bytes: Int

    package init(files: Int = 1000, bytes: Int = 1024 * 1_048_576) {
        self.files = files
        self.bytes = bytes
    }
}

package final class OutputSet {
    package private(set) var outputs: [Output] = []
    private var names: Set<String> = []
    package let limits: OutputLimits
    /// Bytes of the outputs whose content is already made.
    private var knownBytes = 0

    package init(limits: OutputLimits = OutputLimits()) {
        self.limits = limits
    }

    /// Adds an output after checking its name and the limits.
    package func add(_ output: Output) throws {
        let name = try OutputSet.validate(output.name)
        guard outputs.count < limits.files else { throw OutputError.tooMany(limits.files) }
        guard knownBytes + (output.size ?? 0) <= limits.bytes else { throw OutputError.tooLarge(limits.bytes) }
        guard names.insert(name).inserted else { throw OutputError.duplicate(name) }
        knownBytes += output.size ?? 0
        outputs.append(output)
    }

    /// Every output's content, made now (a Markdown document is rendered), checked against the
    /// size limit as it is made.
    package func rendered() throws -> [(name: String, mediaType: String, bytes: [UInt8])] {
        var total = 0
        return try outputs.map { output in
            let bytes = output.bytes
            total += bytes.count
            guard total <= limits.bytes else { throw OutputError.tooLarge(limits.bytes) }
            return (output.name, output.mediaType, bytes)
        }
    }

    /// A name is a relative path of plain components: no "..", no absolute path, no hidden parts.
    @discardableResult
    package static func validate(_ name: String) throws -> String {
        guard !name.isEmpty else { throw OutputError.invalidName(name, "it is empty") }
        guard !name.hasPrefix("/") && !name.hasPrefix("~") else {
            throw OutputError.invalidName(name, "it is an absolute path; give a path relative to the output folder")
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts {
            if part == ".." { throw OutputError.invalidName(name, "'..' leads out of the output folder") }
            if part.isEmpty || part == "." { throw OutputError.invalidName(name, "it has an empty or '.' component") }
            if part.hasPrefix(".") { throw OutputError.invalidName(name, "hidden names (starting with '.') are reserved") }
            if part.contains("\0") || part.contains("\\") { throw OutputError.invalidName(name, "it contains a NUL or a backslash") }
        }
        return name
    }

    /// Content of every output, by name.
    package func contents() -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: outputs.map { ($0.name, $0.bytes) })
    }

    /// Writes every output into `folder`: first into a staging folder inside it, then each file is
    /// renamed into place. Returns the paths written.
    @discardableResult
    package func commit(to folder: URL, deadline: Date? = nil) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = folder.resolvingSymlinksInPath().standardizedFileURL
        let staging = root.appendingPathComponent(".staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: staging) }
        var staged: [(URL, URL)] = []
        for output in outputs {
            // Writing is under the run's clock: past the deadline, nothing is moved into place.
            if let deadline, Date() > deadline { throw OutputError.timeLimit }
            let target = root.appendingPathComponent(output.name)
            try OutputSet.checkInside(target, root: root, name: output.name)
            let temporary = staging.appendingPathComponent(output.name)
            try fm.createDirectory(at: temporary.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard fm.createFile(atPath: temporary.path, contents: Data(output.bytes)) else {
                throw OutputError.write(temporary.path, "the file could not be created")
            }
            staged.append((temporary, target))
        }
        var written: [String] = []
        for (temporary, target) in staged {
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try OutputSet.checkInside(target, root: root, name: target.path)
            if rename(temporary.path, target.path) != 0 {
                throw OutputError.write(target.path, String(cString: strerror(errno)))
            }
            written.append(target.path)
        }
        return written
    }

    /// Refuses a target whose existing parent folders or file resolve outside `root`.
    static func checkInside(_ target: URL, root: URL, name: String) throws {
        var existing = target
        let fm = FileManager.default
        while !fm.fileExists(atPath: existing.path) && existing.path != root.path && existing.pathComponents.count > 1 {
            existing = existing.deletingLastPathComponent()
        }
        let resolved = existing.resolvingSymlinksInPath().standardizedFileURL.path
        if resolved != root.path && !resolved.hasPrefix(root.path + "/") {
            throw OutputError.outsideFolder(name)
        }
        // A symbolic link at the target itself is replaced by rename, never followed; but refuse
        // links so a run never silently replaces one.
        if let attributes = try? fm.attributesOfItem(atPath: target.path),
           attributes[.type] as? FileAttributeType == .typeSymbolicLink
        {
            throw OutputError.outsideFolder(name)
        }
    }
}
