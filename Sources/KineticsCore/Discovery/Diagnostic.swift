/// A problem found in a project, with where it is and what to change.
///
/// Discovery never stops at the first problem: every bad file, attribute or setting becomes one
/// diagnostic, and the rest of the project is still discovered.
public struct Diagnostic: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
        case error
        case warning
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// A stable, kebab-case identifier of the kind of problem (e.g. `duplicate-function-name`).
    public var code: String
    /// A sentence that says what is wrong and what to change.
    public var message: String
    /// Where the problem is; `nil` for problems of the project as a whole.
    public var location: SourceLocation?

    public init(_ severity: Severity, code: String, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    public static func error(_ code: String, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, code: code, message, at: location)
    }

    public static func warning(_ code: String, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, code: code, message, at: location)
    }

    public static func note(_ code: String, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.note, code: code, message, at: location)
    }
}

extension Diagnostic: CustomStringConvertible {
    /// `file:line:col: severity: message` like a compiler, so editors and CI logs can jump to it.
    public var description: String {
        if let location {
            return "\(location): \(severity.rawValue): \(message)"
        }
        return "\(severity.rawValue): \(message)"
    }
}
