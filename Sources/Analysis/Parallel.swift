// Parallel.swift: runs work over a corpus's rows in chunks across cores, checking between chunks
// whether the run should stop (deadline, cancellation).
import Foundation

/// Asked between chunks of long work; throws to stop it.
public typealias InterruptionCheck = @Sendable () throws -> Void

enum Parallel {
    /// Splits `rows` into chunks and calls `work` on each in parallel; results come back in chunk
    /// order. `check` is called before each chunk; its first error is rethrown.
    static func map<T>(_ rows: [Int], chunkSize: Int? = nil, check: InterruptionCheck?,
                       _ work: (ArraySlice<Int>) -> T) throws -> [T] {
        // By default a few chunks per core: enough to balance the load, few enough that merging
        // the partial results stays cheap. The deadline is checked between chunks.
        let size = chunkSize ?? max(256, rows.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        let chunks = stride(from: 0, to: rows.count, by: size).map { rows[$0 ..< min(rows.count, $0 + size)] }
        guard !chunks.isEmpty else { return [] }
        var results = [T?](repeating: nil, count: chunks.count)
        let failure = FirstError()
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: chunks.count) { i in
                guard !failure.isSet else { return }
                do { try check?() } catch { failure.set(error); return }
                out[i] = work(chunks[i])
            }
        }
        if let error = failure.error { throw error }
        return results.map { $0! }
    }
}

private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
    func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}
