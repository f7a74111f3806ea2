// JobStarter.swift: how the daemon (and a program that schedules reports) runs due jobs: each on a thread of its own, at most `parallel`
// at once and never one job twice at once. Starting returns at once, so a job that runs long (or
// hangs until its worker is killed at its timeout) holds up no other.
import Foundation

public final class JobStarter: @unchecked Sendable {
    private let lock = NSLock()
    private var names: Set<String> = []
    private var ended = 0
    public let parallel: Int

    public init(parallel: Int) {
        self.parallel = max(1, parallel)
    }

    /// How many jobs are running now.
    public var running: Int { lock.withLock { names.count } }

    /// How many runs have ended so far: the daemon wakes when it changes.
    public var endings: Int { lock.withLock { ended } }

    /// Runs `work` for the job `name` on a new thread; false (and nothing run) when the job is
    /// already running or `parallel` jobs are.
    @discardableResult
    public func start(_ name: String, _ work: @escaping @Sendable () -> Void) -> Bool {
        let started: Bool = lock.withLock {
            guard names.count < parallel else { return false }
            return names.insert(name).inserted
        }
        guard started else { return false }
        Thread.detachNewThread { [self] in
            work()
            lock.withLock {
                names.remove(name)
                ended += 1
            }
        }
        return true
    }

    /// Waits until no job is running.
    public func waitUntilIdle() {
        while running > 0 { Thread.sleep(forTimeInterval: 0.05) }
    }
}
