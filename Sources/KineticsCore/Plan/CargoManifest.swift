import Foundation
import TOMLKit

/// The parts of a `Cargo.toml` that decide which files a build reads: bin targets, the build script, path
/// dependencies and the workspace.
public struct CargoManifest: Sendable, Hashable {
    /// A `[[bin]]` entry.
    public struct BinTarget: Sendable, Hashable {
        public var name: String
        /// The source file relative to the crate directory, when the entry names one.
        public var path: String?
    }

    /// `[package] name`, `nil` for a virtual workspace manifest.
    public var packageName: String?
    /// Whether the manifest has a `[workspace]` table.
    public var isWorkspaceRoot: Bool
    /// `[workspace] exclude`.
    public var workspaceExclude: [String]
    /// `[[bin]]` entries.
    public var bins: [BinTarget]
    /// `autobins = false` turns off discovery of `src/bin/*.rs`.
    public var autobins: Bool
    /// The build script relative to the crate directory: `build.rs` unless `build = "..."` or `build = false`.
    public var buildScript: String?
    /// Relative paths of every `path = "..."` dependency (normal, build, target-specific, patch).
    public var pathDependencies: [String]
    /// Names of dependencies declared with `workspace = true`.
    public var workspaceInheritedDependencies: [String]
    /// `[workspace.dependencies]` entries with a path: name → path relative to this manifest.
    public var workspacePathDependencies: [String: String]
    /// Names of every dependency the crate declares, normal and build.
    public var dependencyNames: Set<String>

    /// Reads and parses `Cargo.toml` at `path`.
    public static func load(_ path: String) throws -> CargoManifest {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BuildError(.manifestUnreadable, "Cannot read \(path); check that it exists and is readable.")
        }
        return try parse(text, path: path)
    }

    /// Parses the text of a `Cargo.toml`; `path` only names it in errors.
    public static func parse(_ text: String, path: String) throws -> CargoManifest {
        let json: [String: Any]
        do {
            let table = try TOMLTable(string: text)
            let data = Data(table.convert(to: .json).utf8)
            json = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        } catch {
            throw BuildError(.manifestUnreadable, "\(path) is not valid TOML (\(error)); fix it and run again.")
        }

        let package = json["package"] as? [String: Any]
        let workspace = json["workspace"] as? [String: Any]
        var manifest = CargoManifest(
            packageName: package?["name"] as? String,
            isWorkspaceRoot: workspace != nil,
            workspaceExclude: workspace?["exclude"] as? [String] ?? [],
            bins: [],
            autobins: package?["autobins"] as? Bool ?? true,
            buildScript: "build.rs",
            pathDependencies: [],
            workspaceInheritedDependencies: [],
            workspacePathDependencies: [:],
            dependencyNames: []
        )
        switch package?["build"] {
        case let script as String: manifest.buildScript = script
        case let enabled as Bool: manifest.buildScript = enabled ? "build.rs" : nil
        default: break
        }
        for bin in json["bin"] as? [[String: Any]] ?? [] {
            if let name = bin["name"] as? String {
                manifest.bins.append(BinTarget(name: name, path: bin["path"] as? String))
            }
        }

        var tables: [[String: Any]] = []
        for key in ["dependencies", "build-dependencies"] {
            if let table = json[key] as? [String: Any] { tables.append(table) }
        }
        for (_, value) in json["target"] as? [String: Any] ?? [:] {
            guard let target = value as? [String: Any] else { continue }
            for key in ["dependencies", "build-dependencies"] {
                if let table = target[key] as? [String: Any] { tables.append(table) }
            }
        }
        for table in tables {
            for (name, spec) in table {
                manifest.dependencyNames.insert(name)
                guard let spec = spec as? [String: Any] else { continue }
                if let path = spec["path"] as? String { manifest.pathDependencies.append(path) }
                if spec["workspace"] as? Bool == true { manifest.workspaceInheritedDependencies.append(name) }
            }
        }
        for (_, value) in json["patch"] as? [String: Any] ?? [:] {
            for (_, spec) in value as? [String: Any] ?? [:] {
                if let path = (spec as? [String: Any])?["path"] as? String { manifest.pathDependencies.append(path) }
            }
        }
        for (name, spec) in workspace?["dependencies"] as? [String: Any] ?? [:] {
            if let path = (spec as? [String: Any])?["path"] as? String { manifest.workspacePathDependencies[name] = path }
        }
        manifest.pathDependencies.sort()
        manifest.workspaceInheritedDependencies.sort()
        return manifest
    }

    /// The source file of the bin target `name` relative to the crate directory, if the crate has such a target.
    ///
    /// A `[[bin]]` entry wins; otherwise cargo's conventions: `src/bin/<name>.rs`, `src/bin/<name>/main.rs`, and
    /// `src/main.rs` for a bin named like the package.
    public func binSource(_ name: String, in crateDirectory: String) -> String? {
        let fm = FileManager.default
        if let bin = bins.first(where: { $0.name == name }) {
            if let path = bin.path { return path }
            for candidate in ["src/bin/\(name).rs", "src/bin/\(name)/main.rs", "src/main.rs"]
            where fm.fileExists(atPath: "\(crateDirectory)/\(candidate)") {
                return candidate
            }
            return nil
        }
        guard autobins else { return nil }
        for candidate in ["src/bin/\(name).rs", "src/bin/\(name)/main.rs"]
        where fm.fileExists(atPath: "\(crateDirectory)/\(candidate)") {
            return candidate
        }
        if name == packageName, fm.fileExists(atPath: "\(crateDirectory)/src/main.rs") { return "src/main.rs" }
        return nil
    }
}
