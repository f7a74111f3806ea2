// Interruption.swift: SIGINT and SIGTERM during `run`. While the corpus loads nothing has been
// written, so the command exits at once; while the script runs, the run is cancelled at the next
// hook (or between chunks of a Swift aggregation) and nothing is written; while the reports are
// being moved into place, the signal waits until they all are. The exit status is 130.
import Dispatch
import Foundation
import Scriptorium

final class Interruption: @unchecked Sendable {
    enum Phase { case loading, running, committing }

    private let lock = NSLock()
    private var phase = Phase.loading
    private var signalled = false
    private var sources: [DispatchSourceSignal] = []
    let cancellation = ReportCancellation()

    /// Starts listening for SIGINT and SIGTERM.
    func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            sources.append(source)
        }
    }

    func enter(_ next: Phase) {
        lock.lock()
        phase = next
        let pending = signalled
        lock.unlock()
        if pending && next == .running { cancellation.cancel() }
    }

    var wasSignalled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return signalled
    }

    private func received() {
        lock.lock()
        signalled = true
        let current = phase
        lock.unlock()
        switch current {
        case .loading:
            standardError("scriptorium: interrupted while loading the corpus; nothing was written")
            exit(ExitStatus.interrupted)
        case .running:
            cancellation.cancel()
        case .committing:
            break  // the reports are moved into place together; the command exits after
        }
    }
}
