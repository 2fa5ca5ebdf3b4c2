import Foundation

/// How many compilation units (`compiler-artifact` messages) a build will report, before it starts.
///
/// cargo's own plan (`--unit-graph`) needs a nightly toolchain, so the count comes from, in order of honesty:
/// 1. the number of non-bin units the last build with the same `Cargo.lock` and configuration reported, plus one
///    per bin to build — exact unless the dependency graph changed;
/// 2. an estimate from `cargo metadata`: one unit per library and one per build script of every package the crate
///    depends on (normal and build dependencies, for the target platform), plus the crate's own library, build
///    script and bins. It undercounts packages built twice (for the host, for proc macros and build scripts,
///    and for the target when cross-compiling); the progress total grows if the build reports more.
public enum UnitEstimate {
    static let libraryKinds: Set<String> = ["lib", "rlib", "dylib", "cdylib", "staticlib", "proc-macro"]

    /// Estimates from `cargo metadata --format-version 1` output for the crate whose manifest is `manifestPath`.
    public static func fromMetadata(_ json: Data, manifestPath: String, bins: Int) -> Int? {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            let packages = root["packages"] as? [[String: Any]],
            let resolve = root["resolve"] as? [String: Any],
            let nodes = resolve["nodes"] as? [[String: Any]]
        else { return nil }
        var kindsByID: [String: Set<String>] = [:]
        var rootID: String?
        for package in packages {
            guard let id = package["id"] as? String else { continue }
            var kinds = Set<String>()
            for target in package["targets"] as? [[String: Any]] ?? [] {
                for kind in target["kind"] as? [String] ?? [] { kinds.insert(kind) }
            }
            kindsByID[id] = kinds
            if package["manifest_path"] as? String == manifestPath { rootID = id }
        }
        guard let rootID else { return nil }
        var edges: [String: [String]] = [:]
        for node in nodes {
            guard let id = node["id"] as? String else { continue }
            edges[id] = (node["deps"] as? [[String: Any]] ?? []).compactMap { dep in
                let kinds = dep["dep_kinds"] as? [[String: Any]] ?? []
                let used = kinds.isEmpty || kinds.contains { ($0["kind"] as? String) != "dev" }
                return used ? dep["pkg"] as? String : nil
            }
        }
        var seen: Set<String> = [rootID]
        var stack = [rootID]
        var count = bins
        while let id = stack.popLast() {
            let kinds = kindsByID[id] ?? []
            if !kinds.isDisjoint(with: libraryKinds) { count += 1 }
            if kinds.contains("custom-build") { count += 1 }
            for next in edges[id] ?? [] where seen.insert(next).inserted { stack.append(next) }
        }
        return count
    }
}
