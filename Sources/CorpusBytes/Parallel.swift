// Parallel.swift: runs work over a corpus's rows in chunks across cores, checking between chunks
// whether the run should stop (deadline, cancellation). The threads are its own, started for each
// call and joined before it returns, not Dispatch's: a process forked from this one (an isolated
// run's worker) has no working Dispatch pool, and computes in parallel all the same.
import Foundation
import Synchronization

/// Asked between chunks of long work; throws to stop it.
package typealias InterruptionCheck = @Sendable () throws -> Void

package enum Parallel {
    /// How many chunks to cut `items` into: `perWorker` for each worker (one a core, unless
    /// `threads` names how many), never more than the items, and at least one.
    package static func chunkCount(_ items: Int, perWorker: Int, threads: Int = 0) -> Int {
        let workers = max(1, threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount)
        return max(1, min(items, workers * perWorker))
    }

    /// Cuts `0 ..< items` into `chunks` ranges in order, all of one size but the last ones (which
    /// may be shorter or empty), and calls `body` with each chunk's number and range, on every core.
    /// The loops of the corpus layers that write results by chunk number or by row all go through it.
    package static func forEachChunk(_ items: Int, chunks: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
        precondition(chunks > 0, "at least one chunk")
        let size = (items + chunks - 1) / chunks
        forEachChunk(items, size: max(size, 1), chunks: chunks, body)
    }

    /// Cuts `0 ..< items` into ranges of `size` in order (the last one shorter) and calls `body`
    /// with each chunk's number and range, on every core.
    package static func forEachChunk(_ items: Int, size: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
        forEachChunk(items, size: size, chunks: (items + size - 1) / size, body)
    }

    private static func forEachChunk(_ items: Int, size: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
        perform(iterations: chunks) { c in body(c, min(items, c * size) ..< min(items, (c + 1) * size)) }
    }

    /// Calls `body` with every number of `0 ..< iterations`, on the calling thread and one more
    /// thread for each other core, each taking the next number until none is left; returns when
    /// all are done.
    package static func perform(iterations: Int, _ body: (Int) -> Void) {
        let workers = min(iterations, ProcessInfo.processInfo.activeProcessorCount)
        guard workers > 1 else {
            for i in 0 ..< iterations { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let job = Job(iterations: iterations, body: body)
            var threads: [pthread_t] = []
            for _ in 1 ..< workers {
                let context = Unmanaged.passRetained(job)
                var thread = pthread_t()
                if pthread_create(&thread, nil, { raw in
                    Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().work()
                    return nil
                }, context.toOpaque()) == 0 {
                    threads.append(thread)
                } else {
                    context.release()
                }
            }
            job.work()
            for thread in threads { pthread_join(thread, nil) }
        }
    }

    /// The numbers of one `perform` call, taken in order by its threads.
    private final class Job: @unchecked Sendable {
        let iterations: Int
        let body: (Int) -> Void
        let next = Atomic<Int>(0)

        init(iterations: Int, body: @escaping (Int) -> Void) {
            self.iterations = iterations
            self.body = body
        }

        func work() {
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < iterations else { return }
                body(i)
            }
        }
    }

    /// Splits `rows` into chunks and calls `work` on each in parallel; results come back in chunk
    /// order. `check` is called before each chunk; its first error is rethrown.
    package static func map<T>(_ rows: [Int], chunkSize: Int? = nil, check: InterruptionCheck?,
                       _ work: (ArraySlice<Int>) -> T) throws -> [T] {
        let chunks = Parallel.chunks(rows, size: chunkSize)
        guard !chunks.isEmpty else { return [] }
        let progress = Parallel.progress(rows.count)
        defer { progress?.finish() }
        var results = [T?](repeating: nil, count: chunks.count)
        let failure = FirstError()
        results.withUnsafeMutableBufferPointer { out in
            let out = out
            perform(iterations: chunks.count) { i in
                guard !failure.isSet else { return }
                do { try check?() } catch { failure.set(error); return }
                out[i] = work(chunks[i])
                progress?.advance(by: chunks[i].count)
            }
        }
        if let error = failure.error { throw error }
        return results.map { $0! }
    }
}

package extension Parallel {
    /// The sink told of the documents done, when one is set; only large inputs are reported.
    static func progress(_ rows: Int) -> ProgressSink? {
        guard rows >= 10_000, let sink = ProgressSink.aggregations else { return nil }
        sink.begin("computing", total: rows, unit: "documents")
        return sink
    }

    /// `rows` cut into chunks of `size`, or by default into a few chunks per core: enough to
    /// balance the load, few enough that merging the partial results stays cheap. The deadline
    /// is checked between chunks.
    static func chunks(_ rows: [Int], size: Int?) -> [ArraySlice<Int>] {
        let size = size ?? max(256, rows.count / (ProcessInfo.processInfo.activeProcessorCount * 4) + 1)
        return stride(from: 0, to: rows.count, by: size).map { rows[$0 ..< min(rows.count, $0 + size)] }
    }

    /// Like `map`, but each chunk's result is merged into the running total as soon as the chunks
    /// before it are merged, in chunk order, so only the results in flight are held at once. Nil
    /// when there are no rows.
    static func reduce<T>(_ rows: [Int], check: InterruptionCheck?, _ work: (ArraySlice<Int>) -> T,
                          merge: @escaping (inout T, T) -> Void) throws -> T? {
        let chunks = Parallel.chunks(rows, size: nil)
        guard !chunks.isEmpty else { return nil }
        let progress = Parallel.progress(rows.count)
        defer { progress?.finish() }
        let merger = InOrder<T>(merge: merge)
        let failure = FirstError()
        perform(iterations: chunks.count) { i in
            guard !failure.isSet else { return }
            do { try check?() } catch { failure.set(error); return }
            merger.deliver(i, work(chunks[i]))
            progress?.advance(by: chunks[i].count)
        }
        if let error = failure.error { throw error }
        return merger.total
    }
}

package extension Parallel {
    /// Runs `work` over chunks of `rows` in parallel, each running chunk feeding a state that no
    /// other chunk is using at the time (made by `make` when none is free), and returns the
    /// states: about one a core, however many chunks there are, so partial counts that are
    /// merged at the end are merged once a core rather than once a chunk. A state meets its
    /// chunks in no set order, but each chunk whole.
    static func accumulate<State: AnyObject>(_ rows: [Int], check: InterruptionCheck?, make: () -> State,
                                             _ work: (State, ArraySlice<Int>) -> Void) throws -> [State] {
        let pool = StatePool<State>()
        _ = try map(rows, check: check) { chunk in
            let state = pool.take() ?? make()
            work(state, chunk)
            pool.give(state)
        }
        return pool.all
    }
}

/// The states of `Parallel.accumulate` that no chunk is using.
private final class StatePool<State: AnyObject>: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [State] = []
    private(set) var all: [State] = []

    package func take() -> State? {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast()
    }

    package func give(_ state: State) {
        lock.lock()
        defer { lock.unlock() }
        free.append(state)
        if !all.contains(where: { $0 === state }) { all.append(state) }
    }
}

/// Merges results delivered in any order into a total, in index order.
private final class InOrder<T>: @unchecked Sendable {
    private let lock = NSLock()
    private let merge: (inout T, T) -> Void
    private var waiting: [Int: T] = [:]
    private var next = 0
    private(set) var total: T?

    package init(merge: @escaping (inout T, T) -> Void) { self.merge = merge }

    package func deliver(_ index: Int, _ value: T) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = value
        while let ready = waiting.removeValue(forKey: next) {
            if total == nil { total = ready } else { merge(&total!, ready) }
            next += 1
        }
    }
}

private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    package var isSet: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
    package func set(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
}
