#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expands `[workspace] members` (paths and globs such as `crates/*`) minus `exclude`, as Cargo does.
enum WorkspaceMembers {
    /// The member directories relative to the workspace root, sorted, without the root itself.
    static func resolve(_ workspace: ManifestSummary.Workspace, root: String, diagnostics: inout [Diagnostic]) -> [String] {
        var members: Set<String> = []
        for pattern in workspace.members {
            let normalized = normalize(pattern)
            guard !normalized.isEmpty, normalized != "." else { continue }
            if isGlob(normalized) {
                let matches = expand(normalized.split(separator: "/").map(String.init), base: root, relative: "")
                if matches.isEmpty {
                    diagnostics.append(.warning(
                        .memberGlobMatchesNothing, "the workspace member pattern `\(pattern)` matches no directory; fix it or remove it",
                        at: workspace.location))
                }
                members.formUnion(matches)
            } else {
                members.insert(normalized)
            }
        }
        let excluded = workspace.exclude.map(normalize)
        return members.filter { member in
            !excluded.contains { member == $0 || member.hasPrefix($0 + "/") }
        }.sorted()
    }

    private static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    private static func isGlob(_ pattern: String) -> Bool {
        pattern.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The directories under `base` matching the remaining `segments`.
    private static func expand(_ segments: [String], base: String, relative: String) -> [String] {
        guard let segment = segments.first else { return [relative] }
        let rest = Array(segments.dropFirst())
        if !isGlob(segment) {
            let path = base + "/" + segment
            guard ProjectFileReader.isDirectory(path) else { return [] }
            return expand(rest, base: path, relative: join(relative, segment))
        }
        var results: [String] = []
        for name in directoryNames(base) {
            if segment == "**" {
                results += expand(segments, base: base + "/" + name, relative: join(relative, name))
            }
            if matches(Array(segment.unicodeScalars)[...], Array(name.unicodeScalars)[...]) {
                results += expand(rest, base: base + "/" + name, relative: join(relative, name))
            }
        }
        if segment == "**" { results += expand(rest, base: base, relative: relative) }
        return results
    }

    private static func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    private static func directoryNames(_ path: String) -> [String] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name: String? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(validatingCString: $0) }
            }
            guard let name, name != ".", name != "..", ProjectFileReader.isDirectory(path + "/" + name) else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// Shell-style matching of one path segment: `*`, `?` and `[abc]` / `[a-z]` / `[!a]`.
    static func matches(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            if pattern.count == 1 { return true }
            var rest = name
            while true {
                if matches(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !name.isEmpty && matches(pattern.dropFirst(), name.dropFirst())
        case "[":
            guard let character = name.first, let close = pattern.dropFirst().firstIndex(of: "]") else {
                return name.first == "[" && matches(pattern.dropFirst(), name.dropFirst())
            }
            var set = pattern[(pattern.startIndex + 1)..<close]
            let negated = set.first == "!"
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                if index + 2 < set.endIndex, set[index + 1] == "-" {
                    if set[index].value <= character.value, character.value <= set[index + 2].value { found = true }
                    index += 3
                } else {
                    if set[index] == character { found = true }
                    index += 1
                }
            }
            return found != negated && matches(pattern[(close + 1)...], name.dropFirst())
        default:
            return name.first == first && matches(pattern.dropFirst(), name.dropFirst())
        }
    }
}
