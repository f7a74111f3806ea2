// Diagnostic.swift: what a reader could not read, and where.

package struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    package enum Severity: String, Sendable, Codable { case warning, error }

    package var severity: Severity
    package var path: String
    /// 1-based line, when known.
    package var line: Int?
    package var message: String

    package init(_ severity: Severity = .warning, path: String, line: Int? = nil, message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: warning: message`, as compilers print it.
    package var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(severity.rawValue): \(message)"
    }
}
