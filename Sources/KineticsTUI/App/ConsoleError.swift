/// Why the console could not do something the user asked for.
struct ConsoleError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: String, Sendable, Hashable {
        /// This build has nothing behind an effect (deploy, history).
        case featureUnavailable = "feature-unavailable"
    }

    var code: Code
    /// The directory or feature concerned.
    var context: String

    var description: String {
        switch code {
        case .featureUnavailable:
            return "This build of kinetics-tui cannot \(context) yet."
        }
    }
}
