#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads project files with plain POSIX calls: one `open`, `fstat`, `read` loop and `close` per file.
///
/// Never blocks on a FIFO or device (it refuses anything but a regular file) and never reads more than the
/// limit it is given, so a strange file costs a diagnostic, not a hang.
enum ProjectFileReader {
    enum Failure: Error, Equatable {
        case notFound
        case symlinkLoop
        case notARegularFile
        case tooLarge(size: Int)
        case unreadable(errno: Int32)

        /// A sentence for a diagnostic about `path`.
        func message(for path: String, limit: Int) -> String {
            switch self {
            case .notFound:
                return "`\(path)` does not exist (a broken symbolic link?); remove the link or restore its target"
            case .symlinkLoop:
                return "`\(path)` is a symbolic link that points back to itself; remove the loop"
            case .notARegularFile:
                return "`\(path)` is not a regular file (a FIFO, socket or device?); it is skipped"
            case .tooLarge(let size):
                return "`\(path)` is \(ProjectFileReader.describe(size)), over the \(ProjectFileReader.describe(limit)) limit; it is skipped — split it into smaller modules"
            case .unreadable(let code):
                return "`\(path)` cannot be read (\(String(cString: strerror(code)))); check its permissions"
            }
        }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
        // `withCString` lends the string's own bytes; passing the `String` would copy them into a new array.
        let descriptor = path.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { return .failure(failure(errno)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(failure(errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notARegularFile) }
        let size = Int(info.st_size)
        guard size <= limit else { return .failure(.tooLarge(size: size)) }
        var failureCode: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var total = 0
            while total < size {
                let count = posixRead(descriptor, buffer.baseAddress! + total, size - total)
                if count > 0 {
                    total += count
                } else if count == 0 {
                    break
                } else if errno != EINTR {
                    failureCode = errno
                    break
                }
            }
            initialized = total
        }
        if failureCode != 0 { return .failure(.unreadable(errno: failureCode)) }
        return .success(bytes)
    }

    /// Whether `path` exists (following symbolic links).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Byte counts for messages: "10.5 MB", "64 MB".
    static func describe(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(text) \(units[unit])"
    }

    private static func failure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT, ENOTDIR: .notFound
        case ELOOP: .symlinkLoop
        default: .unreadable(errno: code)
        }
    }
}

@inline(__always)
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
