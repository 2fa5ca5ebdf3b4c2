/// A one-line message for the user, e.g. why a key did nothing or that a background deploy finished.
struct Notice: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case info
        case error
    }

    var kind: Kind
    var text: String

    static func info(_ text: String) -> Notice { Notice(kind: .info, text: text) }
    static func error(_ text: String) -> Notice { Notice(kind: .error, text: text) }
}
