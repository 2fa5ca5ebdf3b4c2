import Foundation
import GRDB

/// Why the cache could not do what was asked.
public struct CacheError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// The cache's folder could not be created or is not writable.
        case cannotCreateDirectory = "cannot_create_directory"
        /// SQLite could not open the file (permissions, a full disk, a path that is a folder).
        case cannotOpen = "cannot_open"
        /// The file is damaged in a way found only while reading it.
        case corrupt
        /// A read or write failed.
        case databaseFailed = "database_failed"
        /// Another live process is deploying the same stack.
        case stackLocked = "stack_locked"
        /// The lock file could not be created or locked.
        case lockFailed = "lock_failed"
        /// No session has this id.
        case sessionNotFound = "session_not_found"
        /// A value passed in is not acceptable (e.g. an empty stack name).
        case invalidArgument = "invalid_argument"
    }

    public var code: Code
    /// The cache file or lock file concerned.
    public var path: String?
    /// What the underlying layer said, without raw result codes.
    public var detail: String?
    /// For `stackLocked`: who holds the lock.
    public var holder: DeployLockHolder?
    /// For `stackLocked`: which stack.
    public var stackName: String?

    public init(code: Code, path: String? = nil, detail: String? = nil, holder: DeployLockHolder? = nil, stackName: String? = nil) {
        self.code = code
        self.path = path
        self.detail = detail
        self.holder = holder
        self.stackName = stackName
    }

    public var description: String {
        let file = path.map { " (\($0))" } ?? ""
        let why = detail.map { ": \($0)" } ?? ""
        switch code {
        case .cannotCreateDirectory:
            return "Cannot create the cache folder\(file)\(why). Check its permissions, or point KINETICS_TUI_CACHE at a writable file."
        case .cannotOpen:
            return "Cannot open the cache\(file)\(why). Check the file's permissions and free disk space, or use --cache PATH."
        case .corrupt:
            return "The cache is damaged\(file)\(why). It is only a cache: the next deploy sets it aside and starts a new one."
        case .databaseFailed:
            return "A cache operation failed\(file)\(why). Your stacks are not affected; retry, or use a fresh cache with --cache PATH."
        case .stackLocked:
            let stack = stackName.map { "Stack \($0)" } ?? "This stack"
            guard let holder else {
                return "\(stack) is being deployed by another kinetics-tui process. Wait for it to finish."
            }
            return "\(stack) is being deployed by another kinetics-tui process (\(holder.summary)). "
                + "Wait for it to finish, or stop that process; a process that dies releases the lock by itself."
        case .lockFailed:
            return "Cannot take the deploy lock\(file)\(why). Check that the cache folder is writable."
        case .sessionNotFound:
            return "No deploy session \(detail ?? "") in the cache\(file). Run `kinetics-tui history` to list sessions."
        case .invalidArgument:
            return "Invalid value for the cache\(why)."
        }
    }

    /// Wraps any error thrown by GRDB or the file system, keeping SQLite's message but not its result code.
    static func wrap(_ error: any Error, path: String) -> CacheError {
        if let cache = error as? CacheError { return cache }
        if let database = error as? DatabaseError {
            let message = database.message ?? "SQLite reported an error"
            switch database.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return CacheError(code: .corrupt, path: path, detail: message)
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
                return CacheError(code: .cannotOpen, path: path, detail: message)
            default:
                return CacheError(code: .databaseFailed, path: path, detail: message)
            }
        }
        return CacheError(code: .databaseFailed, path: path, detail: String(describing: error))
    }
}
