/// Something the caller should tell the user about opening the cache, which did not stop it from opening.
public enum CacheWarning: Sendable, Hashable, CustomStringConvertible {
    /// The file was not a readable database; it was moved aside and a new, empty cache was created.
    case corruptFileSetAside(path: String, movedTo: String, reason: String)

    public var description: String {
        switch self {
        case .corruptFileSetAside(let path, let movedTo, let reason):
            "The cache at \(path) was damaged (\(reason)); it was moved to \(movedTo) and a new cache was started. "
                + "Deploy history before now is in the old file only."
        }
    }
}
