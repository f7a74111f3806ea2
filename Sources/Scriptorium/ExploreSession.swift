// ExploreSession.swift: an interactive Lua session over a loaded corpus, as `scriptorium shell`
// uses it: one sandboxed state kept between inputs; values shown as text; errors returned.
import Foundation
import Scripting

/// What one input gave.
public enum ExploreResult: Sendable, Equatable {
    /// Its values (Tables as aligned text, documents as their main fields), or what it wrote.
    case values(String)
    /// The input is unfinished: append the next line and evaluate again.
    case incomplete
    /// It failed; the session goes on.
    case error(String)
}

/// An interactive session: `=expr` and bare expressions show their values, statements run, and
/// globals last between inputs. Reports written by `report.*` go to the output folder after each
/// input.
public final class ExploreSession: @unchecked Sendable {
    private let session: ScriptSession

    /// Opens a session on `corpus`; `print` receives what the code prints.
    public init(corpus: LoadedCorpus, timeout: Double? = 300, maxMemoryMB: Int? = 2048, modules: [HostModule] = [],
                outputFolder: URL? = nil, print: @escaping (String) -> Void) throws {
        do {
            session = try ScriptSession(corpus: corpus.corpus, limits: RunLimits(timeout: timeout, memoryMB: maxMemoryMB),
                                        hostModules: modules.map(\.spec), outputFolder: outputFolder, print: print)
        } catch let failure as ScriptFailure {
            throw ReportError(failure)
        }
    }

    /// Evaluates one input (several lines when it is a continued statement).
    public func evaluate(_ input: String) -> ExploreResult {
        switch session.evaluate(input) {
        case .values(let text): return .values(text)
        case .incomplete: return .incomplete
        case .error(let message): return .error(message)
        }
    }

    /// Completions of the name before the cursor (`corpus:te` gives `corpus:terms`; `rep` gives
    /// `report`), from the names bound now; nothing is evaluated.
    public func completions(for text: String) -> [String] { session.completions(for: text) }

    /// Stops the input being evaluated; safe from any thread.
    public func interrupt() { session.interrupt() }
}
