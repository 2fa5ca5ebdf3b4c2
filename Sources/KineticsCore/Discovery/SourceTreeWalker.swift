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
    /// Called with the files found since the last call, in walk order, before the walk goes into a directory and
    /// when it ends: lets files be scanned while the walk goes on.
    var onFiles: ((ArraySlice<Entry>) -> Void)?
    /// How many of `files` went to `onFiles`.
    private var reported = 0
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
        report()
    }

    private mutating func report() {
        guard let onFiles, reported < files.count else { return }
        onFiles(files[reported...])
        reported = files.count
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
        // Each name with whether the directory entry says it is a regular file (that saves a `stat`); regular
        // files other than `*.rs` are left out here (named `""`), links and unknown types are looked at below.
        var children: [(name: String, isRegularFile: Bool)] = []
        while let entry = readdir(handle) {
            let isRegularFile = entry.pointee.d_type == UInt8(DT_REG)
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { cName in
                    if isRegularFile, !Self.hasRustSuffix(cName) {
                        // Not a Rust file: skipped, and only worth a word when its name is not UTF-8.
                        return Self.isASCII(cName) || String(validatingCString: cName) != nil ? "" : nil
                    }
                    return String(validatingCString: cName)
                }
            }
            guard let name else {
                diagnostics.append(.warning(
                    .invalidUTF8, "a file name in `\(display(relative))` is not UTF-8; it is skipped — rename it",
                    at: SourceLocation(file: display(relative))))
                continue
            }
            if name.isEmpty || name == "." || name == ".." { continue }
            children.append((name, isRegularFile))
        }
        closedir(handle)
        children.sort { Self.bytesPrecede($0.name, $1.name) }

        ancestors.append(identity)
        defer { ancestors.removeLast() }
        for (name, isRegularFile) in children {
            let path = Self.joined(directory, name)
            let childRelative = Self.joined(relative, name)
            if isRegularFile {
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
                report()
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

    /// Whether the UTF-8 bytes of `lhs` sort before those of `rhs` (the order of the names' bytes, as `ls` with
    /// `LC_ALL=C` lists them).
    private static func bytesPrecede(_ lhs: String, _ rhs: String) -> Bool {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
                    let order = memcmp(leftBase, rightBase, common)
                    if order != 0 { return order < 0 }
                }
                return left.count < right.count
            }
        }
    }

    /// `directory/name`, made in one string of the right size.
    private static func joined(_ directory: String, _ name: String) -> String {
        var path = ""
        path.reserveCapacity(directory.utf8.count + 1 + name.utf8.count)
        path += directory
        path += "/"
        path += name
        return path
    }

    private static func isASCII(_ name: UnsafePointer<CChar>) -> Bool {
        var cursor = name
        while cursor.pointee != 0 {
            if UInt8(bitPattern: cursor.pointee) >= 0x80 { return false }
            cursor += 1
        }
        return true
    }

    /// Whether the C string `name` ends in `.rs`.
    private static func hasRustSuffix(_ name: UnsafePointer<CChar>) -> Bool {
        let length = strlen(name)
        return length >= 3 && name[length - 3] == 0x2E && name[length - 2] == 0x72 && name[length - 1] == 0x73
    }
}
