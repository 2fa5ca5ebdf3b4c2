import Foundation

/// One line of `cargo build --message-format=json` output, reduced to what the build stage uses.
public enum CargoMessage: Sendable, Hashable {
    /// A unit finished (or was fresh already). `executable` is set for bins.
    case artifact(crate: String, target: String, kinds: [String], executable: String?, fresh: Bool)
    /// A rustc diagnostic; `spanFile` is as rustc printed it (relative to the workspace root, or absolute).
    case compilerMessage(RawCompilerMessage)
    case buildScriptExecuted(crate: String)
    case buildFinished(success: Bool)
    /// A line that is not a cargo JSON message (cargo-lambda or a build script may print some).
    case text(String)

    /// A diagnostic before its path is made relative to the discovery root.
    public struct RawCompilerMessage: Sendable, Hashable {
        public var crate: String
        public var target: String
        public var isBinTarget: Bool
        public var level: String
        public var code: String?
        public var message: String
        public var rendered: String
        public var spanFile: String?
        public var line: Int
        public var column: Int
    }

    private struct Raw: Decodable {
        struct Target: Decodable {
            var name: String
            var kind: [String]
        }
        struct Span: Decodable {
            var file_name: String
            var line_start: Int
            var column_start: Int
            var is_primary: Bool
        }
        struct Code: Decodable {
            var code: String
        }
        struct Message: Decodable {
            var rendered: String?
            var level: String
            var message: String
            var code: Code?
            var spans: [Span]
        }
        var reason: String
        var package_id: String?
        var target: Target?
        var executable: String?
        var fresh: Bool?
        var message: Message?
        var success: Bool?
    }

    /// Parses one stdout line; never fails (an unknown line is `.text`).
    public static func parse(_ line: String) -> CargoMessage {
        guard line.hasPrefix("{"), let raw = try? JSONDecoder().decode(Raw.self, from: Data(line.utf8)) else {
            return .text(line)
        }
        let crate = raw.package_id.map(crateName(fromPackageID:)) ?? ""
        switch raw.reason {
        case "compiler-artifact":
            return .artifact(
                crate: crate,
                target: raw.target?.name ?? "",
                kinds: raw.target?.kind ?? [],
                executable: raw.executable,
                fresh: raw.fresh ?? false
            )
        case "compiler-message":
            guard let message = raw.message else { return .text(line) }
            let primary = message.spans.first { $0.is_primary } ?? message.spans.first
            return .compilerMessage(
                RawCompilerMessage(
                    crate: crate,
                    target: raw.target?.name ?? "",
                    isBinTarget: raw.target?.kind.contains("bin") ?? false,
                    level: message.level,
                    code: message.code?.code,
                    message: message.message,
                    rendered: message.rendered ?? message.message,
                    spanFile: primary?.file_name,
                    line: primary?.line_start ?? 1,
                    column: primary?.column_start ?? 1
                )
            )
        case "build-script-executed":
            return .buildScriptExecuted(crate: crate)
        case "build-finished":
            return .buildFinished(success: raw.success ?? false)
        default:
            return .text(line)
        }
    }

    /// The package name in a cargo package id, in both the new (`path+file:///x#name@1.0.0`, `...#1.0.0`) and
    /// the old (`name 1.0.0 (source)`) formats.
    public static func crateName(fromPackageID id: String) -> String {
        if let hash = id.lastIndex(of: "#") {
            let fragment = id[id.index(after: hash)...]
            if let at = fragment.firstIndex(of: "@") { return String(fragment[..<at]) }
            let url = id[..<hash]
            return url.split(separator: "/").last.map(String.init) ?? String(fragment)
        }
        return id.split(separator: " ").first.map(String.init) ?? id
    }
}
