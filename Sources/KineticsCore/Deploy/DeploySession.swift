import Foundation

/// One deploy or destroy as the cache records it: the stack's deploy lock, held from start to finish, and the
/// session row written as things happen.
public final class DeploySession: Sendable {
    public let cache: LocalCache
    public let lock: DeployLock
    public let id: Int64
    public let stack: StackIdentity

    private init(cache: LocalCache, lock: DeployLock, id: Int64, stack: StackIdentity) {
        self.cache = cache
        self.lock = lock
        self.id = id
        self.stack = stack
    }

    /// Takes the stack's lock (throws `CacheError` with code `stackLocked`, naming the holder, when another
    /// process deploys it) and records the session's start.
    public static func begin(_ start: SessionStart, cache: LocalCache) throws(CacheError) -> DeploySession {
        let lock = try DeployLock.acquire(start.stack, directory: cache.lockDirectory)
        let id = try cache.startSession(start, lock: lock)
        return DeploySession(cache: cache, lock: lock, id: id, stack: start.stack)
    }

    /// Takes an interrupted session back to re-attach to its operation.
    public static func resume(_ interrupted: InterruptedSession, cache: LocalCache) throws(CacheError) -> DeploySession {
        let lock = try DeployLock.acquire(interrupted.stack, directory: cache.lockDirectory)
        try cache.resumeSession(interrupted.id, lock: lock)
        return DeploySession(cache: cache, lock: lock, id: interrupted.id, stack: interrupted.stack)
    }

    /// Records how the session ended and gives the stack's lock up.
    public func finish(_ outcome: DeployOutcome) throws(CacheError) {
        defer { lock.release() }
        try cache.finishSession(id, outcome: outcome.sessionOutcome, result: outcome.operation, message: outcome.message)
    }

    /// Records a session the user stopped before anything was executed, and gives the lock up.
    public func stopped() throws(CacheError) {
        defer { lock.release() }
        try cache.finishSession(id, outcome: .cancelled, message: "Stopped by the user before anything was executed in CloudFormation.")
    }

    /// Gives a re-attached session its earlier outcome back (`detached` or `interrupted`) when following its
    /// operation stopped before the end, and gives the lock up.
    public func restore(_ outcome: SessionOutcome, message: String) throws(CacheError) {
        defer { lock.release() }
        try cache.finishSession(id, outcome: outcome, message: TextSanitizer.sanitize(message))
    }

    /// Records a session that ended with an error before any outcome, and gives the lock up.
    public func fail(_ message: String) throws(CacheError) {
        defer { lock.release() }
        try cache.finishSession(id, outcome: .failed, message: TextSanitizer.sanitize(message))
    }
}
