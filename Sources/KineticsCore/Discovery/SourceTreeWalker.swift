#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the `*.rs` files under a crate's `src/`, as upstream Kinetics parses every one of them.
///
/// Symbolic links are followed (rustc follows them too); a link back to a directory being walked is a loop
/// and is reported, not walked again. Entries are sorted by name so the result does not depend on the file
/// system's order.
struct SourceTreeWalker {
    /// How deep directories may nest under `src/` before the walk stops descending.
    static let maximumDepth = 64

    struct Entry: Sendable, Equatable {
        /// Absolute (or as given) path to open.
        var path: String
        /// Relative to the crate root, with `/` separators: `src/basic/cron.rs`.
        var relativePath: String
    }

    private(set) var files: [Entry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private let crateRoot: String
    /// Prefix of paths in diagnostics: the crate's directory relative to the discovery root.
    private let displayPrefix: String
    private var ancestors: [(device: UInt64, inode: UInt64)] = []
    private var visited: Set<[UInt64]> = []

    /// Walks `crateRoot/src`; diagnostics name files as `displayPrefix` + relative path.
    init(crateRoot: String, displayPrefix: String) {
        self.crateRoot = crateRoot
        self.displayPrefix = displayPrefix
    }

    mutating func walk() {
        let source = crateRoot + "/src"
        var info = stat()
        guard stat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return }
        walk(directory: source, relative: "src", info: info, depth: 0)
    }

    private func display(_ relative: String) -> String {
        displayPrefix.isEmpty || displayPrefix == "." ? relative : displayPrefix + "/" + relative
    }

    private mutating func walk(directory: String, relative: String, info: stat, depth: Int) {
        let identity = (device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if ancestors.contains(where: { $0 == identity }) {
            diagnostics.append(.warning(
                .symlinkLoop, "`\(display(relative))` leads back to a directory that contains it (a symbolic link loop); it is skipped",
                at: SourceLocation(file: display(relative))))
            return
        }
        guard visited.insert([identity.device, identity.inode]).inserted else { return }
        guard depth < Self.maximumDepth else {
            diagnostics.append(.warning(
                .directoryTooDeep, "directories nest more than \(Self.maximumDepth) deep under `src/` at `\(display(relative))`; deeper files are skipped",
                at: SourceLocation(file: display(relative))))
            return
        }
        guard let handle = opendir(directory) else {
            let code = errno
            diagnostics.append(.error(
                .unreadableFile, "the directory `\(display(relative))` cannot be read (\(String(cString: strerror(code)))); check its permissions",
                at: SourceLocation(file: display(relative))))
            return
        }
        var names: [String] = []
        var regularFiles: Set<String> = []
        while let entry = readdir(handle) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(validatingCString: $0) }
            }
            guard let name else {
                diagnostics.append(.warning(
                    .invalidUTF8, "a file name in `\(display(relative))` is not UTF-8; it is skipped — rename it",
                    at: SourceLocation(file: display(relative))))
                continue
            }
            if name == "." || name == ".." { continue }
            // The entry's type saves a `stat` for plain files; links and unknown types are looked at below.
            if entry.pointee.d_type == UInt8(DT_REG) {
                guard name.hasSuffix(".rs") else { continue }
                regularFiles.insert(name)
            }
            names.append(name)
        }
        closedir(handle)
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        ancestors.append(identity)
        defer { ancestors.removeLast() }
        for name in names {
            let path = directory + "/" + name
            let childRelative = relative + "/" + name
            if regularFiles.contains(name) {
                files.append(Entry(path: path, relativePath: childRelative))
                continue
            }
            var child = stat()
            if stat(path, &child) != 0 {
                let code = errno
                guard name.hasSuffix(".rs") else { continue }
                switch code {
                case ELOOP:
                    diagnostics.append(.warning(
                        .symlinkLoop, "`\(display(childRelative))` is a symbolic link loop; it is skipped — remove the loop",
                        at: SourceLocation(file: display(childRelative))))
                case ENOENT:
                    diagnostics.append(.warning(
                        .brokenSymlink, "`\(display(childRelative))` is a symbolic link to nothing; it is skipped — remove it or restore its target",
                        at: SourceLocation(file: display(childRelative))))
                default:
                    diagnostics.append(.error(
                        .unreadableFile, "`\(display(childRelative))` cannot be read (\(String(cString: strerror(code)))); check its permissions",
                        at: SourceLocation(file: display(childRelative))))
                }
                continue
            }
            switch child.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: path, relative: childRelative, info: child, depth: depth + 1)
            case S_IFREG:
                if name.hasSuffix(".rs") { files.append(Entry(path: path, relativePath: childRelative)) }
            default:
                if name.hasSuffix(".rs") {
                    diagnostics.append(.warning(
                        .notARegularFile, "`\(display(childRelative))` is not a regular file (a FIFO, socket or device?); it is skipped",
                        at: SourceLocation(file: display(childRelative))))
                }
            }
        }
    }
}
