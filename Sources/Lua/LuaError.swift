// LuaError.swift: the errors that come out of a Lua state, as Swift values.
import Foundation

/// Why the engine, rather than the script, ended a run.
package enum LuaLimit: String, Sendable, Equatable {
    case time, memory, cancelled, outputs
}

/// An error raised while loading or running Lua code.
package struct LuaError: Error, CustomStringConvertible, Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// The chunk did not compile.
        case syntax
        /// The code raised an error while running.
        case runtime
        /// A limit set by the host stopped the code.
        case limit(LuaLimit)
    }

    package var kind: Kind
    /// The message as Lua reports it, usually `chunk.lua:LINE: text`.
    package var message: String
    /// The Lua stack traceback at the point of the error, when there is one.
    package var traceback: String

    package init(kind: Kind, message: String, traceback: String = "") {
        self.kind = kind
        self.message = message
        self.traceback = traceback
    }

    package var description: String {
        traceback.isEmpty ? message : message + "\n" + traceback
    }

    /// Splits what the traceback handler produced into the message and the traceback.
    static func splitting(_ text: String, kind: Kind) -> LuaError {
        let marker = "\nstack traceback:"
        if let range = text.range(of: marker) {
            return LuaError(kind: kind, message: String(text[..<range.lowerBound]),
                            traceback: String(text[text.index(after: range.lowerBound)...]))
        }
        return LuaError(kind: kind, message: text)
    }
}

/// Thrown by a Swift function to report a bad argument in Lua's own words:
/// `bad argument #1 to 'name' (message)`.
package struct LuaArgumentError: Error, CustomStringConvertible {
    package var position: Int32
    package var message: String
    package init(_ position: Int32, _ message: String) {
        self.position = position
        self.message = message
    }
    package var description: String { "bad argument #\(position) (\(message))" }
}

/// Thrown by a Swift function whose error value is already on top of the stack
/// (for example an error that a Lua callback raised); it is raised again unchanged.
package struct LuaRaiseTop: Error {
    package init() {}
}
