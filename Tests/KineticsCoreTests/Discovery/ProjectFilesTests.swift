import Foundation
import Testing
@testable import KineticsCore

@Suite("Project files: .env, kinetics.toml, Cargo.toml and secrets")
struct ProjectFilesTests {
    private func dotEnv(_ text: String) -> DotEnvFile { DotEnvFile(ProjectFileText(displayPath: ".env", text: text)) }

    @Test("reads .env lines as dotenv tools do")
    func dotEnvFormat() {
        let file = dotEnv("""
            # a comment
            PLAIN=value
            SPACED = spaced value   # trailing comment
            export EXPORTED=yes
            SINGLE='literal \\n # not a comment'
            DOUBLE="line\\nnext \\"quoted\\""
            MULTI="first
            second"
            EMPTY=
            HASH=a#b
            CRLF=windows\r
            """)
        #expect(file.diagnostics.isEmpty)
        #expect(file.entries.map(\.key) == ["PLAIN", "SPACED", "EXPORTED", "SINGLE", "DOUBLE", "MULTI", "EMPTY", "HASH", "CRLF"])
        #expect(file.values == [
            "PLAIN": "value", "SPACED": "spaced value", "EXPORTED": "yes", "SINGLE": "literal \\n # not a comment",
            "DOUBLE": "line\nnext \"quoted\"", "MULTI": "first\nsecond", "EMPTY": "", "HASH": "a#b", "CRLF": "windows",
        ])
        #expect(file.entries[2].location == SourceLocation(file: ".env", line: 4, column: 8))
    }

    @Test("skips bad .env lines with a warning that never quotes a value")
    func dotEnvProblems() {
        let file = dotEnv("GOOD=1\nno equals here\nOPEN=\"never closed\nLAST=ok\n")
        #expect(file.diagnostics.map(\.description) == [
            ".env:2:1: warning: this line of `.env` is not `KEY=value`; it is ignored — fix or remove it",
            ".env:3:6: warning: the quoted value of `OPEN` in `.env` is never closed; add the closing quote",
        ])
        // Only the line with the unclosed quote is skipped.
        #expect(file.values == ["GOOD": "1", "LAST": "ok"])
        let duplicate = dotEnv("DUP=a\nDUP=secret-value\n")
        #expect(duplicate.values == ["DUP": "secret-value"])
        #expect(duplicate.diagnostics.map(\.message) == ["`DUP` is set again in `.env` (first on line 1); the last value wins — remove one"])
        #expect(!duplicate.diagnostics.contains { $0.message.contains("secret-value") })
    }

    @Test("finds the line of TOML keys, headers and array entries")
    func tomlLocations() throws {
        let text = ProjectFileText(displayPath: "kinetics.toml", text: """
            [project]
            name = "shop"   # the name

            [[kvdb]]
            name = "a"
            description = \"\"\"
            [not a header]
            \"\"\"

              [[kvdb]]
              "name" = 'b'
            [package.metadata.kinetics.kvdb.users]
            name = "u"
            list = [
              "x",
            ]
            after = 1
            """)
        guard case .document(let document) = TOMLDocument.parse(text) else {
            Issue.record("the document should parse")
            return
        }
        #expect(document.location(of: ["project", "name"]) == SourceLocation(file: "kinetics.toml", line: 2, column: 1))
        #expect(document.location(of: ["kvdb", "#0", "name"]).line == 5)
        #expect(document.location(of: ["kvdb", "#1"]) == SourceLocation(file: "kinetics.toml", line: 10, column: 3))
        #expect(document.location(of: ["kvdb", "#1", "name"]).line == 11)
        #expect(document.location(of: ["package", "metadata", "kinetics", "kvdb", "users", "name"]).line == 13)
        #expect(document.location(of: ["package", "metadata", "kinetics", "kvdb", "users", "after"]).line == 17)
        #expect(document.location(of: ["nowhere"]) == SourceLocation(file: "kinetics.toml", line: 1, column: 1))
    }

    @Test("reports a TOML syntax error where toml++ finds it")
    func tomlSyntax() {
        guard case .failure(let diagnostic) = TOMLDocument.parse(ProjectFileText(displayPath: "kinetics.toml", text: "[project\nname = 1\n")) else {
            Issue.record("the document should not parse")
            return
        }
        #expect(diagnostic.code == "invalid-toml")
        #expect(diagnostic.location?.line == 1)
        #expect(diagnostic.message.hasPrefix("`kinetics.toml` is not valid TOML: "))
    }

    @Test("reads default features transitively, and whether the crate depends on kinetics")
    func manifestFeatures() throws {
        let manifest = try parseManifest("""
            [package]
            name = "x"
            [features]
            default = ["a", "dep:serde", "tokio/full"]
            a = ["b"]
            b = []
            c = []
            [target.'cfg(unix)'.dependencies]
            kin = { package = "kinetics", version = "0.14" }
            """)
        #expect(manifest.defaultFeatures == ["a", "b"])
        #expect(manifest.dependsOnKinetics)
        #expect(try !parseManifest("[package]\nname = \"x\"\n[dependencies]\nserde = \"1\"\n").dependsOnKinetics)
    }

    @Test("reads the older [package.metadata.kinetics] tables and queues")
    func legacyMetadata() throws {
        let manifest = try parseManifest("""
            [package]
            name = "x"
            [package.metadata.kinetics.kvdb.users]
            name = "people"
            [package.metadata.kinetics.kvdb.orders]
            [package.metadata.kinetics.queue.jobs]
            alias = "work"
            concurrency = 3
            [package.metadata.kinetics.kvbd.typo]
            """)
        #expect(manifest.legacyTables.map(\.name) == ["orders", "people"])
        #expect(manifest.legacyQueues == [QueueDeclaration(
            name: "jobs", alias: "work", concurrency: 3, location: SourceLocation(file: "Cargo.toml", line: 6, column: 1))])
        #expect(manifest.diagnostics.map(\.description) == [
            "Cargo.toml:9:1: warning: `package.metadata.kinetics.kvbd` is not a Kinetics setting and is ignored. Did you mean `kvdb`?"
        ])
    }

    @Test("loads secret values only on request, from .env.secrets or KINETICS_SECRET_* variables")
    func secrets() throws {
        let scratch = try DiscoveryScratch([
            "Cargo.toml": DiscoveryScratch.manifest(),
            "src/lib.rs": "#[cron(schedule = \"rate(1 day)\")]\npub async fn tick() {}\n",
            ".env.secrets": "PAYMENT_API_KEY=sk_live_123\nDB_PASSWORD='p@ss word'\n",
        ])
        let result = scratch.discover(environment: ["KINETICS_SECRET_IGNORED": "x"])
        let project = try #require(result.projects.first)
        #expect(project.secretNames == ["DB_PASSWORD", "PAYMENT_API_KEY"])
        #expect(project.secretSource == .file)
        #expect(!DiscoveryDocument.json(result).contains("sk_live_123"))
        #expect(!DiscoveryListing.render(result).contains("sk_live_123"))
        #expect(try SecretsLoader.values(for: project, environment: [:]) == ["PAYMENT_API_KEY": "sk_live_123", "DB_PASSWORD": "p@ss word"])

        let fromEnvironment = try DiscoveryScratch([
            "Cargo.toml": DiscoveryScratch.manifest(),
            "src/lib.rs": "#[cron(schedule = \"rate(1 day)\")]\npub async fn tick() {}\n",
        ])
        let environment = ["KINETICS_SECRET_TOKEN": "t0k3n", "KINETICS_SECRET_": "nameless", "OTHER": "x"]
        let second = try #require(fromEnvironment.discover(environment: environment).projects.first)
        #expect(second.secretNames == ["TOKEN"])
        #expect(second.secretSource == .environment)
        #expect(try SecretsLoader.values(for: second, environment: environment) == ["TOKEN": "t0k3n"])
    }

    @Test("fails to load secrets that vanished since discovery, without quoting any value")
    func secretsVanished() throws {
        let scratch = try DiscoveryScratch([
            "Cargo.toml": DiscoveryScratch.manifest(),
            "src/lib.rs": "#[cron(schedule = \"rate(1 day)\")]\npub async fn tick() {}\n",
            ".env.secrets": "KEY=value\n",
        ])
        let project = try #require(scratch.discover().projects.first)
        try scratch.write(".env.secrets", "KEY=value\nbroken line with hunter2\n")
        #expect(throws: DiscoveryError(.secretsInvalid, file: ".env.secrets", ".env.secrets:2:1: warning: this line of `.env.secrets` is not `KEY=value`; it is ignored — fix or remove it")) {
            try SecretsLoader.values(for: project, environment: [:])
        }
        try FileManager.default.removeItem(atPath: scratch.root + "/.env.secrets")
        #expect(throws: DiscoveryError.self) { try SecretsLoader.values(for: project, environment: [:]) }
    }

    private func parseManifest(_ text: String) throws -> ManifestSummary {
        guard case .document(let document) = TOMLDocument.parse(ProjectFileText(displayPath: "Cargo.toml", text: text)) else {
            throw DiscoveryError(.secretsInvalid, "the manifest should parse")
        }
        return ManifestSummary(document)
    }
}

@Suite("The walk of src/")
struct SourceTreeWalkerOrderTests {
    @Test("lists .rs files in the order of their names' bytes, a directory's files where its name sorts")
    func byteOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-order-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let names = ["b.rs", "a.rs", "B.rs", "é.rs", "e.rs", "a_b.rs", "ab.rs", "a/x.rs", "a/mod.rs", "a.rs.rs", "notes.txt", "Z/z.rs"]
        for name in names {
            let path = root + "/src/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "fn x() {}\n".write(toFile: path, atomically: false, encoding: .utf8)
        }
        var walker = SourceTreeWalker(crateRoot: root, displayPrefix: ".")
        walker.walk()
        #expect(walker.files.map(\.relativePath) == [
            "src/B.rs", "src/Z/z.rs", "src/a/mod.rs", "src/a/x.rs", "src/a.rs", "src/a.rs.rs", "src/a_b.rs", "src/ab.rs",
            "src/b.rs", "src/e.rs", "src/é.rs",
        ])
        #expect(walker.files.map(\.path) == walker.files.map { root + "/" + $0.relativePath })
        #expect(walker.diagnostics.isEmpty)
    }
}
