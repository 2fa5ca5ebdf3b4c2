/// A zip could not be written.
public struct PackageError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case io
        case compressionFailed = "compression-failed"
        case tooLarge = "too-large"
        case duplicateEntry = "duplicate-entry"
    }

    public var code: Code
    /// A sentence that says what happened and what to do.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
