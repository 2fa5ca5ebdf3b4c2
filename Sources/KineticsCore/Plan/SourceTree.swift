#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files under a directory, fast (`readdir`, no Foundation enumerator), sorted.
public enum SourceTree {
    /// Paths relative to `root` of every regular file below it, skipping directories named in `skipping` (at any
    /// depth) and, with `skipHidden`, directories whose name starts with a dot; symbolic links to files count,
    /// links to directories are not followed.
    public static func files(under root: String, skipping: Set<String> = ["target"], skipHidden: Bool = true) -> [String] {
        var out: [String] = []
        walk(root, prefix: "", skipping: skipping, skipHidden: skipHidden, into: &out)
        return out.sorted()
    }

    private static func walk(
        _ directory: String,
        prefix: String,
        skipping: Set<String>,
        skipHidden: Bool,
        into out: inout [String]
    ) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = "\(directory)/\(name)"
            let relative = prefix.isEmpty ? name : "\(prefix)/\(name)"
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                let isLink = type == Int32(DT_LNK)
                guard stat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: type = Int32(DT_REG)
                case S_IFDIR: type = isLink ? Int32(DT_LNK) : Int32(DT_DIR)
                default: continue
                }
            }
            if type == Int32(DT_DIR) {
                if (skipHidden && name.hasPrefix(".")) || skipping.contains(name) { continue }
                walk(path, prefix: relative, skipping: skipping, skipHidden: skipHidden, into: &out)
            } else if type == Int32(DT_REG) {
                out.append(relative)
            }
        }
    }
}
