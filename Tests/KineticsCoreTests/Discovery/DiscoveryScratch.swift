import Foundation
@testable import KineticsCore

/// A project written to a fresh temporary directory for one test, removed when the test is done.
final class DiscoveryScratch {
    let root: String

    init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("kt-discovery-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    deinit {
        // Make anything a test made unreadable readable again, so it can be removed.
        _ = try? FileManager.default.subpathsOfDirectory(atPath: root).forEach { path in
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root + "/" + path)
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func symlink(_ relative: String, to destination: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: destination)
    }

    func discover(environment: [String: String] = [:], options: DiscoveryOptions = DiscoveryOptions()) -> DiscoveryResult {
        ProjectDiscovery.discover(at: root, environment: environment, options: options)
    }

    /// A minimal `Cargo.toml` for a crate named `name`.
    static func manifest(_ name: String = "demo", extra: String = "") -> String {
        "[package]\nname = \"\(name)\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\(extra)"
    }
}

/// Scans Rust source text the way discovery scans a file, for tests of the scanner alone.
func scanRust(_ text: String, file: String = "src/lib.rs", features: Set<String> = []) -> RustFileScan {
    RustItemScanner.scan(ProjectFileText(displayPath: file, text: text), cfg: RustCfgEnvironment(enabledFeatures: features))
}

/// The repository checkout, from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

let discoveryFixtures = repositoryRoot + "/Tests/KineticsCoreTests/Fixtures/Discovery"
