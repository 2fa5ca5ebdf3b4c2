import Testing
@testable import KineticsCore

@Suite("Cargo workspaces")
struct WorkspaceTests {
    @Test("every member crate with functions is its own project; the root package counts too")
    func members() throws {
        let scratch = try DiscoveryScratch([
            "Cargo.toml": DiscoveryScratch.manifest("root", extra: "[workspace]\nmembers = [\"services/*\", \"./tools/../tools/job\"]\nexclude = [\"services/old\"]\n"),
            "src/lib.rs": "#[endpoint(url_path = \"/\")]\npub async fn index() {}\n",
            "services/api/Cargo.toml": DiscoveryScratch.manifest("api"),
            "services/api/src/lib.rs": "#[endpoint(url_path = \"/api\")]\npub async fn index() {}\n",
            "services/old/Cargo.toml": DiscoveryScratch.manifest("old"),
            "services/old/src/lib.rs": "#[endpoint(url_path = \"/old\")]\npub async fn index() {}\n",
            "services/empty/Cargo.toml": DiscoveryScratch.manifest("empty"),
            "services/empty/src/lib.rs": "pub fn nothing() {}\n",
            "tools/job/Cargo.toml": DiscoveryScratch.manifest("job"),
            "tools/job/src/lib.rs": "#[cron(schedule = \"rate(1 day)\")]\npub async fn run() {}\n",
        ])
        let result = scratch.discover()
        #expect(result.diagnostics.isEmpty)
        #expect(result.projects.map(\.relativeRoot) == [".", "services/api", "tools/job"])
        #expect(result.projects.map(\.name) == ["root", "api", "job"])
        // Names are per project: each crate's `index` is `LibIndex` in its own stack.
        #expect(result.projects.map { $0.functions.map(\.name) } == [["LibIndex"], ["LibIndex"], ["LibRun"]])
        #expect(result.projects[1].functions[0].location == SourceLocation(file: "services/api/src/lib.rs", line: 1, column: 1))
        #expect(result.projects[1].functions[0].sourcePath == "src/lib.rs")
        #expect(result.projects[1].root == scratch.root + "/services/api")
    }

    @Test("a virtual workspace without functions says so once")
    func noFunctions() throws {
        let scratch = try DiscoveryScratch([
            "Cargo.toml": "[workspace]\nmembers = [\"a\"]\n",
            "a/Cargo.toml": DiscoveryScratch.manifest("a"),
            "a/src/lib.rs": "pub fn helper() {}\n",
        ])
        let result = scratch.discover()
        #expect(result.projects.isEmpty)
        #expect(result.diagnostics.map(\.code) == ["no-functions"])
    }

    @Test("member patterns match like Cargo's globs", arguments: [
        ("*", "anything", true), ("api-*", "api-users", true), ("api-*", "web-users", false),
        ("svc?", "svc1", true), ("svc?", "svc12", false), ("[ab]*", "beta", true), ("[!ab]*", "beta", false),
        ("[a-c]x", "bx", true), ("[z-a]x", "bx", false), ("*-*-*", "a-b-c", true), ("lit", "lit", true),
    ] as [(String, String, Bool)])
    func globs(pattern: String, name: String, matches: Bool) {
        #expect(WorkspaceMembers.matches(Array(pattern.unicodeScalars)[...], Array(name.unicodeScalars)[...]) == matches)
    }
}
