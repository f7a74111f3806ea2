// ProgressSink.swift: how far long work has gone (files of a corpus load, documents of an
// aggregation), reported to whoever shows it; safe to advance from many threads.
import Foundation

package final class ProgressSink: @unchecked Sendable {
    /// One report: `done` of `total` `unit` of `stage`; `finished` when the stage is over.
    package struct Event: Sendable, Equatable {
        package var stage: String
        package var done: Int
        package var total: Int
        package var unit: String
        package var finished: Bool

        package init(stage: String, done: Int, total: Int, unit: String, finished: Bool) {
            self.stage = stage
            self.done = done
            self.total = total
            self.unit = unit
            self.finished = finished
        }
    }

    /// Where aggregations report their progress; nil (the default) for nowhere. Set by the
    /// command line, which shows one run at a time.
    nonisolated(unsafe) package static var aggregations: ProgressSink?

    private let lock = NSLock()
    private var event = Event(stage: "", done: 0, total: 0, unit: "", finished: true)
    private let handler: @Sendable (Event) -> Void

    package init(_ handler: @escaping @Sendable (Event) -> Void) {
        self.handler = handler
    }

    package func begin(_ stage: String, total: Int, unit: String) {
        report { $0 = Event(stage: stage, done: 0, total: total, unit: unit, finished: false) }
    }

    package func advance(by n: Int = 1) {
        report { $0.done += n }
    }

    package func finish() {
        report { $0.finished = true }
    }

    /// Reports an event made elsewhere (by an isolated run's worker) as this sink's own.
    package func forward(_ received: Event) {
        report { $0 = received }
    }

    private func report(_ change: (inout Event) -> Void) {
        lock.lock()
        change(&event)
        let now = event
        lock.unlock()
        handler(now)
    }
}
