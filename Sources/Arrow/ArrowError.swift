// ArrowError.swift: the error the Arrow file writer and reader throw.

/// A failure to write or read an Arrow file; `message` says what is wrong and where.
package struct ArrowError: Error, CustomStringConvertible {
    package let message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
