import Foundation

/// Where the cache lives: one SQLite file per user.
///
/// `$KINETICS_TUI_CACHE` (a file path) wins; else `$XDG_STATE_HOME/kinetics-tui/cache.sqlite`; else
/// `~/.local/state/kinetics-tui/cache.sqlite`. `--cache PATH` and tests pass a path explicitly.
public enum CacheLocation {
    public static let environmentVariable = "KINETICS_TUI_CACHE"

    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: String = NSHomeDirectory()
    ) -> String {
        if let explicit = environment[environmentVariable], !explicit.isEmpty {
            return expandTilde(explicit, home: home)
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return (state as NSString).appendingPathComponent("kinetics-tui/cache.sqlite")
        }
        return (home as NSString).appendingPathComponent(".local/state/kinetics-tui/cache.sqlite")
    }

    /// The folder beside the cache where per-stack deploy lock files live.
    public static func lockDirectory(forCacheAt path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("locks")
    }

    /// `~` and `~/...` expanded against the home folder.
    public static func expandTilde(_ path: String, home: String = NSHomeDirectory()) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return (home as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }
}
