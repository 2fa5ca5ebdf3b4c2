import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The right to deploy one stack, held by one process at a time.
///
/// It is an exclusive `flock` on `locks/<stack>.lock` beside the cache. The kernel releases it when the
/// holder's file is closed, which includes the holder dying from `kill -9`, so a crashed deploy never blocks
/// the next one. The holder writes its pid, host and start time into the file so that a refused process can
/// say who is deploying.
public final class DeployLock: Sendable {
    public let stack: StackIdentity
    public let path: String
    public let holder: DeployLockHolder
    /// The open lock file; nil once released.
    private let descriptor: Locked<Int32?>

    private init(stack: StackIdentity, path: String, holder: DeployLockHolder, descriptor: Int32) {
        self.stack = stack
        self.path = path
        self.holder = holder
        self.descriptor = Locked(descriptor)
    }

    deinit {
        release()
    }

    /// Gives the lock up now (idempotent). The lock is unlocked before the file is closed, so a copy of the
    /// descriptor that a process started at that moment may still carry cannot keep the stack locked.
    public func release() {
        descriptor.withLock { fd in
            guard let open = fd else { return }
            flock(open, LOCK_UN)
            close(open)
            fd = nil
        }
    }

    /// Takes the lock, or throws `CacheError.stackLocked` naming the holder.
    public static func acquire(
        _ stack: StackIdentity,
        directory: String,
        sessionId: Int64? = nil,
        now: Date = Date()
    ) throws(CacheError) -> DeployLock {
        let path = try lockPath(for: stack, directory: directory)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CacheError(code: .lockFailed, path: path, detail: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(fd)
            if busy {
                throw CacheError(code: .stackLocked, path: path, holder: readHolder(at: path), stackName: stack.name)
            }
            throw CacheError(code: .lockFailed, path: path, detail: reason)
        }
        let holder = DeployLockHolder(pid: getpid(), host: ProcessInfo.processInfo.hostName, since: now, sessionId: sessionId)
        writeHolder(holder, to: fd)
        return DeployLock(stack: stack, path: path, holder: holder, descriptor: fd)
    }

    /// Whether some process (this one included) holds the stack's lock right now.
    public static func isHeld(_ stack: StackIdentity, directory: String) -> Bool {
        guard let path = try? lockPath(for: stack, directory: directory, create: false) else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Who holds the stack's lock, if anyone does.
    public static func currentHolder(_ stack: StackIdentity, directory: String) -> DeployLockHolder? {
        guard isHeld(stack, directory: directory),
              let path = try? lockPath(for: stack, directory: directory, create: false)
        else { return nil }
        return readHolder(at: path)
    }

    // MARK: - Files

    /// `locks/<name>@<region>-<hash of account and endpoint>.lock`: readable, and unique per identity.
    static func lockPath(for stack: StackIdentity, directory: String, create: Bool = true) throws(CacheError) -> String {
        guard !stack.name.isEmpty else { throw CacheError(code: .invalidArgument, detail: "the stack name is empty") }
        if create {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw CacheError(code: .lockFailed, path: directory, detail: error.localizedDescription)
            }
        }
        let safe = { (text: String) in
            String(text.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.".unicodeScalars.contains(scalar)
                    ? Character(scalar) : "_"
            }.prefix(100))
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(stack.account)|\(stack.region)|\(stack.endpoint)|\(stack.name)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let name = "\(safe(stack.name))@\(safe(stack.region))-\(String(hash, radix: 16)).lock"
        return (directory as NSString).appendingPathComponent(name)
    }

    private static func writeHolder(_ holder: DeployLockHolder, to fd: Int32) {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(holder) else { return }
        _ = ftruncate(fd, 0)
        _ = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    private static func readHolder(at path: String) -> DeployLockHolder? {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(DeployLockHolder.self, from: data)
    }
}
