// ProgressBar.swift: draws the engine's progress reports on standard error as one line redrawn in place:
// the stage, a bar, counts, the rate and the time left. A stage that ends within half a second
// is never drawn (SCRIPTORIUM_PROGRESS_DELAY changes that delay), and the line is cleared when it ends.
import Foundation
import Scriptorium

final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var stageStarted = Date()
    private var stage = ""
    private var lastDrawn = Date.distantPast
    private var drawn = false
    /// A stage is drawn once it has run this long (SCRIPTORIUM_PROGRESS_DELAY seconds, default 0.5).
    private let delay = ProcessInfo.processInfo.environment["SCRIPTORIUM_PROGRESS_DELAY"].flatMap(Double.init) ?? 0.5

    /// The handler to give to the engine.
    var handler: @Sendable (ProgressReport) -> Void { { [self] event in self.show(event) } }

    private func show(_ event: ProgressReport) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if event.stage != stage || (event.done == 0 && !event.finished) {
            stage = event.stage
            stageStarted = now
        }
        if event.finished {
            if drawn { write("\r\u{1B}[K") }
            drawn = false
            return
        }
        let elapsed = now.timeIntervalSince(stageStarted)
        guard elapsed >= delay, now.timeIntervalSince(lastDrawn) >= 0.1 || event.done == event.total else { return }
        lastDrawn = now
        drawn = true
        write("\r" + Self.line(event, elapsed: elapsed) + "\u{1B}[K")
    }

    /// `loading   [#########...........]  12,000/30,000 files  4,100/s  4 s left`
    static func line(_ event: ProgressReport, elapsed: Double) -> String {
        let width = 24
        let share = event.total > 0 ? min(1, Double(event.done) / Double(event.total)) : 0
        let filled = Int(share * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let rate = elapsed > 0 ? Double(event.done) / elapsed : 0
        var text = event.stage.padding(toLength: 10, withPad: " ", startingAt: 0)
            + "[\(bar)] \(grouped(event.done))/\(grouped(event.total)) \(event.unit)  \(grouped(Int(rate)))/s"
        if rate > 0 && event.done < event.total {
            text += "  \(Int((Double(event.total - event.done) / rate).rounded(.up))) s left"
        }
        return text
    }

    private static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
