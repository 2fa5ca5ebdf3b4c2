/// One message of rustc (an error, a warning, a note), from cargo's JSON output.
public struct CompilerDiagnostic: Codable, Sendable, Hashable {
    /// rustc's level: `error`, `warning`, `note`, `help`, `error: internal compiler error`.
    public var level: String
    /// The error code, e.g. `E0308`, when rustc gives one.
    public var code: String?
    /// The one-line message.
    public var message: String
    /// rustc's full rendering with the source excerpt, sanitized for a terminal (newlines kept).
    public var rendered: String
    /// The primary span; the file is relative to the discovery root like every ``SourceLocation``.
    public var location: SourceLocation?
    /// The package being compiled.
    public var crate: String
    /// The target being compiled: the bin's name, or the library's.
    public var target: String
    /// Whether that target is a bin (errors elsewhere — library, build script, dependency — break every bin).
    public var isBinTarget: Bool

    public init(
        level: String,
        code: String?,
        message: String,
        rendered: String,
        location: SourceLocation?,
        crate: String,
        target: String,
        isBinTarget: Bool
    ) {
        self.level = level
        self.code = code
        self.message = message
        self.rendered = rendered
        self.location = location
        self.crate = crate
        self.target = target
        self.isBinTarget = isBinTarget
    }

    public var isError: Bool { level.hasPrefix("error") }

    /// As a ``Diagnostic`` (code `rustc-E0308`, or `rustc` when rustc gives none).
    public var diagnostic: Diagnostic {
        let severity: Diagnostic.Severity = isError ? .error : (level == "warning" ? .warning : .note)
        return Diagnostic(severity, code: code.map { "rustc-\($0)" } ?? "rustc", message, at: location)
    }
}
