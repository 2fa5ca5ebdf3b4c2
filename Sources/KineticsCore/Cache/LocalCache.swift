import Foundation
import GRDB

/// The local state of kinetics-tui: projects, stacks, deploy sessions with their functions and stack events,
/// artifacts, and multipart uploads to resume. One SQLite file per user, in WAL mode.
///
/// Everything is written as it happens, one short transaction at a time, so a `kill -9` loses at most the
/// transaction being written; WAL with `synchronous=NORMAL` keeps every committed transaction across a process
/// crash. Opening the cache brings the schema up to date, sets a damaged file aside, and marks sessions whose
/// process died as `interrupted` (returned so the caller can re-attach). It is a cache: losing it loses
/// history, never anything deployed.
public final class LocalCache: Sendable {
    /// How much checking `open` does before trusting the file.
    public enum Verification: Sendable, Hashable {
        /// Read the header and schema only (fast at any size; deeper damage surfaces as `CacheError.corrupt` later).
        case header
        /// Also run `PRAGMA quick_check` (reads every page: about a second per few hundred MB).
        case quick
    }

    /// How the cache is connected to.
    public enum Connection: Sendable, Hashable {
        /// A `DatabasePool`: concurrent reads beside one writer; for the console and deploys.
        case pool
        /// One connection, for a short command that mostly reads (`kinetics-tui history`): on an existing file it
        /// skips the pool's WAL set-up, which writes and syncs the file on every open.
        case single
    }

    /// What opening the cache found.
    public struct Opening: Sendable {
        public let cache: LocalCache
        /// Things to tell the user, such as a damaged file set aside.
        public let warnings: [CacheWarning]
        /// Sessions that were `running` although their process is gone, now marked `interrupted`.
        public let interruptedSessions: [InterruptedSession]
    }

    public let path: String
    /// Where the per-stack deploy lock files live.
    public let lockDirectory: String
    let database: any DatabaseWriter

    private init(database: any DatabaseWriter, path: String) {
        self.database = database
        self.path = path
        self.lockDirectory = CacheLocation.lockDirectory(forCacheAt: path)
    }

    // MARK: - Opening

    /// Opens (creating if needed) the cache at `path`, or at `CacheLocation.defaultPath()`.
    public static func open(
        path: String? = nil,
        verification: Verification = .header,
        connection: Connection = .pool,
        now: Date = Date()
    ) throws(CacheError) -> Opening {
        let path = path ?? CacheLocation.defaultPath()
        let directory = (path as NSString).deletingLastPathComponent
        do {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder) || !isFolder.boolValue {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
                )
            }
        } catch {
            throw CacheError(code: .cannotCreateDirectory, path: directory, detail: error.localizedDescription)
        }
        // Created here so the file (and the -wal and -shm files SQLite derives from it) is private.
        let existed = try createPrivateFile(path)
        let single = connection == .single && existed

        var warnings: [CacheWarning] = []
        let database: any DatabaseWriter
        do {
            database = try openDatabase(at: path, verification: verification, single: single)
        } catch let error where error.code == .corrupt {
            let aside = try setAside(path, now: now)
            warnings.append(.corruptFileSetAside(path: path, movedTo: aside, reason: error.detail ?? "unreadable"))
            try createPrivateFile(path)
            database = try openDatabase(at: path, verification: .header, single: false)
        }
        let cache = LocalCache(database: database, path: path)
        let interrupted = try cache.markInterruptedSessions(now: now)
        return Opening(cache: cache, warnings: warnings, interruptedSessions: interrupted)
    }

    /// Creates the file unless it exists; returns whether it existed (with content).
    @discardableResult
    private static func createPrivateFile(_ path: String) throws(CacheError) -> Bool {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) {
            return ((try? manager.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0) > 0
        }
        guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CacheError(code: .cannotOpen, path: path, detail: "cannot create the file")
        }
        return false
    }

    /// A pool (WAL set up by GRDB), or one connection to a file that is already in WAL mode (the mode is kept in
    /// the file, so it needs no set-up).
    private static func openDatabase(at path: String, verification: Verification, single: Bool) throws(CacheError) -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "kinetics-tui cache"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        var opened: (any DatabaseWriter)?
        do {
            let database: any DatabaseWriter = single
                ? try DatabaseQueue(path: path, configuration: configuration)
                : try DatabasePool(path: path, configuration: configuration)
            opened = database
            try database.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            if verification == .quick {
                let report = try database.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(20)") }
                if report != ["ok"] {
                    try? database.close()
                    throw CacheError(code: .corrupt, path: path, detail: report.first ?? "quick_check failed")
                }
            }
            try CacheSchema.migrator.migrate(database)
            return database
        } catch {
            let wrapped = CacheError.wrap(error, path: path)
            if wrapped.code == .corrupt { try? opened?.close() }
            throw wrapped
        }
    }

    /// Moves a damaged cache (and its WAL) to `<path>.corrupt-<UTC time>` and returns the new path.
    private static func setAside(_ path: String, now: Date) throws(CacheError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let manager = FileManager.default
        var aside = "\(path).corrupt-\(formatter.string(from: now))"
        var counter = 2
        while manager.fileExists(atPath: aside) {
            aside = "\(path).corrupt-\(formatter.string(from: now))-\(counter)"
            counter += 1
        }
        do {
            try manager.moveItem(atPath: path, toPath: aside)
            if manager.fileExists(atPath: path + "-wal") { try manager.moveItem(atPath: path + "-wal", toPath: aside + "-wal") }
            if manager.fileExists(atPath: path + "-shm") { try manager.removeItem(atPath: path + "-shm") }
        } catch {
            throw CacheError(code: .cannotOpen, path: path, detail: "cannot move the damaged cache aside: \(error.localizedDescription)")
        }
        return aside
    }

    // MARK: - Maintenance

    /// `PRAGMA integrity_check`: empty when the file is sound, else SQLite's findings.
    public func integrityCheck() throws(CacheError) -> [String] {
        let report = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        return report == ["ok"] ? [] : report
    }

    /// Folds the WAL back into the main file (done by SQLite on its own too); used before measuring the file.
    public func checkpoint() throws(CacheError) {
        do {
            _ = try database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        } catch {
            throw CacheError.wrap(error, path: path)
        }
    }

    /// Closes the file; further calls fail.
    public func close() throws(CacheError) {
        do { try database.close() } catch { throw CacheError.wrap(error, path: path) }
    }

    /// Size of the database file plus its WAL, in bytes.
    public var fileSize: Int64 {
        let manager = FileManager.default
        return [path, path + "-wal"].reduce(Int64(0)) { total, file in
            total + ((try? manager.attributesOfItem(atPath: file)[.size] as? Int64) ?? 0)
        }
    }

    // MARK: - Helpers

    func read<T>(_ body: (Database) throws -> T) throws(CacheError) -> T {
        do { return try database.read(body) } catch { throw CacheError.wrap(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws(CacheError) -> T {
        do { return try database.write(body) } catch { throw CacheError.wrap(error, path: path) }
    }

    static func encode<T: Encodable>(_ value: T?) -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(type, from: data)
    }
}
