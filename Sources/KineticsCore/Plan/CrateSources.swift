import Foundation

/// Every file a crate's bin targets are built from, split into what all of them share and what each bin owns.
///
/// Shared: the crate's `Cargo.toml`, build script and `src/**` outside `src/bin/`, the workspace's `Cargo.toml`
/// and `Cargo.lock`, `rust-toolchain(.toml)`, `.cargo/config(.toml)`, and the `Cargo.toml`, build script and
/// `src/**` of every path dependency, followed transitively. All bins of one crate link the same library, so any
/// of these can change every bin: they are hashed once for the project. A bin owns `src/bin/<Name>.rs` or
/// `src/bin/<Name>/**` (or the file its `[[bin]]` entry names), so touching it changes only that bin's hash.
public struct CrateSources: Sendable, Hashable {
    /// The crate directory, absolute and without a trailing slash.
    public var crateDirectory: String
    /// The directory cargo treats as the workspace root (the crate directory when it is not a member).
    public var workspaceRoot: String
    public var manifest: CargoManifest
    /// Absolute paths of the shared files, sorted.
    public var sharedFiles: [String]
    /// For each bin asked about: the absolute paths of the files it owns, sorted. A bin without a target is absent.
    public var binFiles: [String: [String]]

    /// Collects the sources of the crate at `crateDirectory` for the bins named `bins`.
    public static func collect(crateDirectory: String, bins: [String]) throws -> CrateSources {
        let crate = standardize(crateDirectory)
        let manifest = try CargoManifest.load("\(crate)/Cargo.toml")
        let (workspaceRoot, workspaceManifest) = try findWorkspace(of: crate)
        var shared = Set<String>()
        var binFiles: [String: [String]] = [:]

        shared.insert("\(crate)/Cargo.toml")
        if let script = manifest.buildScript { shared.insert("\(crate)/\(script)") }
        for relative in SourceTree.files(under: "\(crate)/src") {
            if relative.hasPrefix("bin/") {
                let rest = relative.dropFirst(4)
                if rest.contains("/") || rest.hasSuffix(".rs") { continue }
            }
            shared.insert("\(crate)/src/\(relative)")
        }
        for bin in bins {
            guard let source = manifest.binSource(bin, in: crate) else { continue }
            var owned = ["\(crate)/\(source)"]
            if source.hasPrefix("src/bin/") {
                let rest = source.dropFirst("src/bin/".count)
                if let slash = rest.firstIndex(of: "/") {
                    let dir = "\(crate)/src/bin/\(rest[..<slash])"
                    owned = SourceTree.files(under: dir).map { "\(dir)/\($0)" }
                }
            }
            binFiles[bin] = owned.sorted()
        }

        for dir in Set([crate, workspaceRoot]) {
            for name in ["Cargo.lock", "rust-toolchain", "rust-toolchain.toml", ".cargo/config.toml", ".cargo/config"] {
                shared.insert("\(dir)/\(name)")
            }
        }
        if workspaceRoot != crate { shared.insert("\(workspaceRoot)/Cargo.toml") }

        var visited: Set<String> = [crate]
        var queue: [(String, CargoManifest)] = [(crate, manifest)]
        while let (dir, current) = queue.popLast() {
            var dependencyDirs = current.pathDependencies.map { standardize("\(dir)/\($0)") }
            if let workspaceManifest {
                for name in current.workspaceInheritedDependencies {
                    if let path = workspaceManifest.workspacePathDependencies[name] {
                        dependencyDirs.append(standardize("\(workspaceRoot)/\(path)"))
                    }
                }
            }
            for dependency in dependencyDirs where visited.insert(dependency).inserted {
                guard let dependencyManifest = try? CargoManifest.load("\(dependency)/Cargo.toml") else { continue }
                shared.insert("\(dependency)/Cargo.toml")
                if let script = dependencyManifest.buildScript { shared.insert("\(dependency)/\(script)") }
                for relative in SourceTree.files(under: "\(dependency)/src") {
                    shared.insert("\(dependency)/src/\(relative)")
                }
                queue.append((dependency, dependencyManifest))
            }
        }

        return CrateSources(
            crateDirectory: crate,
            workspaceRoot: workspaceRoot,
            manifest: manifest,
            sharedFiles: shared.sorted(),
            binFiles: binFiles
        )
    }

    /// `path` relative to the crate directory (with `../` where it lies outside), for stable hash keys and messages.
    public func relative(_ path: String) -> String {
        Self.relativePath(path, from: crateDirectory)
    }

    static func relativePath(_ path: String, from base: String) -> String {
        let target = path.split(separator: "/")
        let from = base.split(separator: "/")
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let rest = target[common...].map(String.init)
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// Finds the nearest ancestor manifest with a `[workspace]` table that does not exclude the crate.
    static func findWorkspace(of crate: String) throws -> (String, CargoManifest?) {
        var dir = crate
        while true {
            let manifestPath = "\(dir)/Cargo.toml"
            if let data = FileManager.default.contents(atPath: manifestPath),
                let text = String(data: data, encoding: .utf8), text.contains("[workspace")
            {
                let manifest = try CargoManifest.parse(text, path: manifestPath)
                let relative = relativePath(crate, from: dir)
                let excluded = manifest.workspaceExclude.contains { relative == $0 || relative.hasPrefix("\($0)/") }
                if manifest.isWorkspaceRoot && !excluded { return (dir, manifest) }
            }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
            if dir == "/" { break }
        }
        return (crate, nil)
    }

    /// An absolute path with `.` and `..` resolved and no trailing slash (symbolic links are kept).
    static func standardize(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
