import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content hashes of files, reused while a file's size, mtime, ctime and inode stay the same.
///
/// This is what makes "nothing changed" cheap: a file is read and hashed only when its `stat` differs from the
/// one recorded with its hash. Like git's index, an entry whose mtime is not older than the moment the manifest
/// was saved is not trusted (the file may have changed again within the same clock tick) and is hashed again.
/// The manifest is a small JSON file; a missing or unreadable one just means every file is hashed once.
public final class FileDigestCache {
    struct Entry: Codable, Hashable {
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var inode: UInt64
        var sha256: String
    }

    struct Manifest: Codable {
        var version: Int
        /// Nanoseconds since 1970 when the manifest was written.
        var savedAt: Int64
        var entries: [String: Entry]
    }

    private static let formatVersion = 1
    /// Where the manifest lives; `nil` keeps it in memory only.
    public let path: String?
    private var entries: [String: Entry]
    private var savedAt: Int64
    private var used: Set<String> = []
    private var dirty = false
    /// How many files were read and hashed (not answered from the manifest) since this cache was loaded.
    public private(set) var filesHashed = 0

    public init(path: String?) {
        self.path = path
        if let path, let data = FileManager.default.contents(atPath: path),
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
            manifest.version == Self.formatVersion
        {
            entries = manifest.entries
            savedAt = manifest.savedAt
        } else {
            entries = [:]
            savedAt = 0
        }
    }

    /// The SHA-256 (hex) of the file at the absolute `path`, or `nil` when there is no regular file there.
    public func digest(ofFile path: String) throws -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int64(info.st_size)
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        let inode = UInt64(info.st_ino)
        used.insert(path)
        if let entry = entries[path], entry.size == size, entry.mtime == mtime, entry.ctime == ctime,
            entry.inode == inode, mtime < savedAt, ctime < savedAt
        {
            return entry.sha256
        }
        let sha = try Self.hashFile(path)
        filesHashed += 1
        entries[path] = Entry(size: size, mtime: mtime, ctime: ctime, inode: inode, sha256: sha)
        dirty = true
        return sha
    }

    /// Writes the manifest (atomically) when anything changed, keeping only the files asked about since loading.
    public func save() throws {
        guard let path else { return }
        let stale = Set(entries.keys).subtracting(used)
        let recent = entries.values.contains { $0.mtime >= savedAt || $0.ctime >= savedAt }
        guard dirty || !stale.isEmpty || recent else { return }
        for key in stale { entries.removeValue(forKey: key) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        savedAt = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        let manifest = Manifest(version: Self.formatVersion, savedAt: savedAt, entries: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(manifest), to: path)
        dirty = false
    }

    /// Reads a file in large blocks and returns its hex SHA-256.
    public static func hashFile(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw BuildError(.fileSystem, "Cannot read \(path): \(String(cString: strerror(errno))).", context: path)
        }
        defer { close(fd) }
        let hasher = StreamingSHA256()
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, size)
            if count < 0 {
                if errno == EINTR { continue }
                throw BuildError(.fileSystem, "Cannot read \(path): \(String(cString: strerror(errno))).", context: path)
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return hasher.finalizeHex()
    }
}
