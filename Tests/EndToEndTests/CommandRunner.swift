// CommandRunner.swift: runs the built `scriptorium` binary as a user would, from the package root.
import Foundation
import XCTest

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum Command {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `scriptorium` binary built beside the test bundle.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("scriptorium"))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("scriptorium"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/scriptorium"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the scriptorium binary was not found beside the tests (looked in \(candidates.map(\.path)))")
        }
        return found
    }

    @discardableResult
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:],
                    input: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Read both pipes while the process runs, so neither fills up.
        let errorReader = PipeReader(err)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errorReader.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the binary on a pseudo-terminal (Tests/Support/pty_run.py), typing `sends` one after
    /// another; returns the exit status and what the terminal showed.
    static func runOnTerminal(_ arguments: [String], sends: [String] = [], environment: [String: String] = [:]) throws -> CommandResult {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let python else { throw XCTSkip("python3 is needed to drive a pseudo-terminal") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("Tests/Support/pty_run.py").path]
            + sends.flatMap { ["--send", $0] } + ["--", try binary().path] + arguments
        process.currentDirectoryURL = packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    /// A path under ../shared/corpora; the test is skipped when the shared corpora are absent.
    static func sharedCorpus(_ relative: String) throws -> String {
        let path = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/" + relative).path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("\(path) is absent: the shared corpora are not beside the project") }
        return path
    }

}

extension XCTestCase {
    /// A new folder under the temporary directory, removed when the test ends.
    func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// Reads a pipe to its end on another thread.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let group = DispatchGroup()

    init(_ pipe: Pipe) {
        group.enter()
        DispatchQueue.global().async {
            self.data = pipe.fileHandleForReading.readDataToEndOfFile()
            self.group.leave()
        }
    }

    func wait() -> Data {
        group.wait()
        return data
    }
}
