import Foundation
import Testing
@testable import KineticsCore

/// Random damage to valid sources never crashes discovery and never makes it slow.
///
/// A fixed seed makes every run the same; a failure prints the iteration, so it can be replayed.
@Suite("Discovery survives randomly mutated sources")
struct DiscoveryPropertyTests {
    /// Snippets that most confuse a scanner when dropped in at random.
    static let injections = [
        "#[endpoint(", "#[worker(", "#[cron(schedule = \"", "\"", "'", "r#\"", "\"#", "/*", "*/", "//", "{", "}", "(", ")",
        "[", "]", "#![cfg(test)]", "mod x {", "impl X {", "fn ", "b'", "'a", "\\", "=", ",", "::", "#", "!", "\n", "\u{0}",
        "\u{FEFF}", "🦀", "r##\"", "cfg_attr(", "macro_rules! m {", "url_path = ", "= {\"K\": ", "\u{1B}[31m",
    ]

    /// Valid Rust sources to start from: every fixture `.rs` file and the shop example's.
    static func seedSources() throws -> [String] {
        var sources: [String] = []
        for base in [discoveryFixtures, repositoryRoot + "/examples/shop/src"] {
            guard let enumerator = FileManager.default.enumerator(atPath: base) else { continue }
            for case let path as String in enumerator where path.hasSuffix(".rs") {
                sources.append(try String(contentsOfFile: base + "/" + path, encoding: .utf8))
            }
        }
        return sources.sorted()
    }

    static func mutate(_ source: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = source
        let operations = 1 + Int(generator.next() % 6)
        for _ in 0..<operations {
            let position = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            switch generator.next() % 6 {
            case 0 where !bytes.isEmpty:
                let length = min(bytes.count - min(position, bytes.count), 1 + Int(generator.next() % 40))
                bytes.removeSubrange(min(position, bytes.count)..<(min(position, bytes.count) + length))
            case 1:
                let count = 1 + Int(generator.next() % 16)
                bytes.insert(contentsOf: (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: position)
            case 2 where !bytes.isEmpty:
                let start = min(position, bytes.count - 1)
                let end = min(bytes.count, start + 1 + Int(generator.next() % 200))
                bytes.insert(contentsOf: bytes[start..<end], at: Int(generator.next() % UInt64(bytes.count + 1)))
            case 3:
                bytes.removeSubrange(position...)
            default:
                let snippet = injections[Int(generator.next() % UInt64(injections.count))]
                bytes.insert(contentsOf: Array(snippet.utf8), at: position)
            }
        }
        return bytes
    }

    @Test("1,000 mutated files scan without a crash, each in bounded time")
    func scannerSurvivesMutations() throws {
        let seeds = try Self.seedSources().map { Array($0.utf8) }
        try #require(!seeds.isEmpty)
        var generator = SplitMix64(seed: 0x6B69_6E65_7469_6373)
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for iteration in 0..<1000 {
            let seed = seeds[Int(generator.next() % UInt64(seeds.count))]
            let mutated = Self.mutate(seed, using: &generator)
            let start = clock.now
            let scan = RustItemScanner.scan(
                ProjectFileText(displayPath: "src/lib.rs", bytes: mutated), cfg: RustCfgEnvironment(enabledFeatures: ["lambda"]))
            let elapsed = clock.now - start
            slowest = max(slowest, elapsed)
            #expect(elapsed < .milliseconds(500), "iteration \(iteration) took \(elapsed)")
            #expect(scan.diagnostics.count <= RustItemScanner.maximumDiagnostics + 1, "iteration \(iteration)")
            for diagnostic in scan.diagnostics {
                let location = try #require(diagnostic.location, "iteration \(iteration)")
                #expect(location.line >= 1 && location.column >= 1, "iteration \(iteration)")
            }
        }
        #expect(slowest < .milliseconds(500))
    }

    @Test("100 mutated projects (sources, TOML and .env) discover without a crash, each in bounded time")
    func discoverySurvivesMutations() throws {
        let seeds = try Self.seedSources().map { Array($0.utf8) }
        let tomls = [
            DiscoveryScratch.manifest("demo", extra: "[features]\ndefault = [\"lambda\"]\nlambda = []\n"),
            "[project]\nname = \"demo\"\n[observability]\ndd_api_key_env = \"DD\"\n[[kvdb]]\nname = \"items\"\n",
        ].map { Array($0.utf8) }
        var generator = SplitMix64(seed: 42)
        let clock = ContinuousClock()
        for iteration in 0..<100 {
            let scratch = try DiscoveryScratch()
            try scratch.write("Cargo.toml", bytes: generator.next() % 3 == 0 ? Self.mutate(tomls[0], using: &generator) : tomls[0])
            try scratch.write("kinetics.toml", bytes: Self.mutate(tomls[1], using: &generator))
            try scratch.write(".env", bytes: Self.mutate(Array("A_B=1\nexport C_D=\"two\nlines\"\n".utf8), using: &generator))
            for file in 0..<3 {
                let seed = seeds[Int(generator.next() % UInt64(seeds.count))]
                try scratch.write(file == 0 ? "src/lib.rs" : "src/m\(file).rs", bytes: Self.mutate(seed, using: &generator))
            }
            let start = clock.now
            let result = scratch.discover()
            let elapsed = clock.now - start
            #expect(elapsed < .seconds(2), "iteration \(iteration) took \(elapsed)")
            // The document and the listing can always be produced, and stay free of control characters in the listing.
            #expect(!DiscoveryDocument.json(result).isEmpty)
            let listing = DiscoveryListing.render(result)
            #expect(!listing.unicodeScalars.contains { $0.value == 0x1B }, "iteration \(iteration)")
            for project in result.projects {
                #expect(Set(project.functions.map(\.name)).count == project.functions.count, "iteration \(iteration): duplicate names")
            }
        }
    }

    @Test("mutated projects spread over nested directories discover the same with one thread and with several")
    func parallelDiscoveryMatchesSerial() throws {
        let seeds = try Self.seedSources().map { Array($0.utf8) }
        // Directories on several levels, so files are found, handed out and scanned while the walk goes on.
        let paths = [
            "src/lib.rs", "src/api.rs", "src/api/mod.rs", "src/api/orders.rs", "src/api/orders/items.rs", "src/b.rs",
            "src/jobs/a.rs", "src/jobs/b.rs", "src/jobs/deep/er/est.rs", "src/jobs/deep/x.rs", "src/z.rs", "src/bin/tool.rs",
        ]
        var generator = SplitMix64(seed: 7)
        for iteration in 0..<30 {
            let scratch = try DiscoveryScratch([
                "Cargo.toml": DiscoveryScratch.manifest("demo", extra: "[dependencies]\nkinetics = \"0.14\"\n"),
            ])
            for path in paths where generator.next() % 5 != 0 {
                let seed = seeds[Int(generator.next() % UInt64(seeds.count))]
                try scratch.write(path, bytes: generator.next() % 2 == 0 ? seed : Self.mutate(seed, using: &generator))
            }
            let serial = ProjectDiscovery.discover(at: scratch.root, environment: [:], options: DiscoveryOptions(parallelism: 1))
            for parallelism in [2, 5] {
                let parallel = ProjectDiscovery.discover(
                    at: scratch.root, environment: [:], options: DiscoveryOptions(parallelism: parallelism))
                #expect(parallel == serial, "iteration \(iteration), \(parallelism) threads")
            }
        }
    }
}
