// Diagnostic.swift: what a reader could not read, and where.

public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    public enum Severity: String, Sendable, Codable { case warning, error }

    public var severity: Severity
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    public var message: String

    public init(_ severity: Severity = .warning, path: String, line: Int? = nil, message: String) {
        self.severity = severity
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: warning: message`, as compilers print it.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(location): \(severity.rawValue): \(message)"
    }
}
