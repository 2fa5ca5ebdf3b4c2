import Foundation
import Testing
@testable import KineticsCore

/// Whole-project discovery compared with a reviewed JSON document per fixture.
///
/// Each case is a directory under `Fixtures/Discovery/<case>/` with an `expected.json` beside it; the shop example
/// is read from `examples/shop` and compared with `Fixtures/Discovery/examples-shop.expected.json`. The absolute
/// root is written as `<root>` and the tool version as `<version>`. To review a change, run the suite with
/// `KINETICS_WRITE_GOLDENS=1`, which rewrites the expected files instead of comparing, and read the diff.
@Suite("Discovery of fixture projects matches the reviewed documents")
struct DiscoveryGoldenTests {
    static let cases = ["upstream-style", "workspace", "legacy-metadata", "tricky-lexing"]

    @Test("fixture project", arguments: cases)
    func fixture(name: String) throws {
        try compare(
            root: discoveryFixtures + "/" + name, expected: discoveryFixtures + "/" + name + ".expected.json",
            environment: ["KINETICS_SECRET_FROM_CI": "x", "PATH": "/usr/bin"])
    }

    @Test("the examples/shop project")
    func shop() throws {
        try compare(root: repositoryRoot + "/examples/shop", expected: discoveryFixtures + "/examples-shop.expected.json", environment: [:])
    }

    @Test("the listing of examples/shop")
    func shopListing() throws {
        let result = ProjectDiscovery.discover(at: repositoryRoot + "/examples/shop", environment: [:])
        let listing = DiscoveryListing.render(result)
        let path = discoveryFixtures + "/examples-shop.expected.txt"
        if ProcessInfo.processInfo.environment["KINETICS_WRITE_GOLDENS"] == "1" {
            try listing.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        #expect(listing == (try String(contentsOfFile: path, encoding: .utf8)))
    }

    @Test("discovery is the same with one thread and with many")
    func parallelismDoesNotChangeTheResult() {
        let root = discoveryFixtures + "/upstream-style"
        let serial = ProjectDiscovery.discover(at: root, environment: [:], options: DiscoveryOptions(parallelism: 1))
        let parallel = ProjectDiscovery.discover(at: root, environment: [:], options: DiscoveryOptions(parallelism: 8))
        #expect(serial == parallel)
    }

    private func compare(root: String, expected path: String, environment: [String: String]) throws {
        let result = ProjectDiscovery.discover(at: root, environment: environment)
        let document = DiscoveryDocument.json(result)
            .replacingOccurrences(of: ProjectDiscovery.absolutePath(root), with: "<root>")
            .replacingOccurrences(of: "\"version\" : \"\(KineticsVersion.current)\"", with: "\"version\" : \"<version>\"")
        if ProcessInfo.processInfo.environment["KINETICS_WRITE_GOLDENS"] == "1" {
            try document.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(document == expected, "discovery of \(root) differs from \(path)")
    }
}
