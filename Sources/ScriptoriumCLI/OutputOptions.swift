// OutputOptions.swift: what a command prints besides its results: the progress bar (on a terminal,
// or as --progress says), warnings (--quiet silences them) and a per-stage timing summary.
import ArgumentParser
import Foundation
import Scriptorium

struct OutputOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Show a progress bar on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "Do not print warnings about the corpus (errors are still printed).")
    var quiet = false

    @Flag(help: "Print how long each stage took (load, script, writing) when done.")
    var timings = false

    /// The progress bar to draw, or nil when none is shown.
    func progressBar() -> ProgressBar? {
        guard progress ?? (isatty(STDERR_FILENO) == 1) else { return nil }
        return ProgressBar()
    }
}

/// Times the stages of a command and prints them with --timings.
final class StageTimer {
    private var stages: [(String, Double)] = []
    private var started = Date()

    /// Ends the current stage, naming it.
    func lap(_ name: String) {
        let now = Date()
        stages.append((name, now.timeIntervalSince(started)))
        started = now
    }

    var summary: String {
        let parts = stages.map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }
        let total = stages.reduce(0) { $0 + $1.1 }
        return "timings: " + parts.joined(separator: ", ") + ", total \(String(format: "%.2f", total)) s"
    }
}
