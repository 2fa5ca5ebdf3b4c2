import Testing
@testable import KineticsCore

@Suite("Kinetics function names and module paths")
struct FunctionNamingTests {
    @Test("default names follow upstream Kinetics' path_to_name", arguments: [
        ("src/basic/cron.rs", "cron", "BasicCronCron"),
        ("src/init_once.rs", "init_once", "Init_onceInit_once"),
        ("src/lib.rs", "ping", "LibPing"),
        ("src/main.rs", "ping", "MainPing"),
        ("src/api/mod.rs", "get", "ApiModGet"),
        ("src/products.rs", "list", "ProductsList"),
        ("src/bin/tool.rs", "run", "BinToolRun"),
        // Every segment that is exactly `rs` goes, not only the extension.
        ("src/rs/handlers.rs", "rs", "Handlers"),
        // Dots split like slashes.
        ("src/v1.api.rs", "get", "V1ApiGet"),
        // Only the first `Src` goes.
        ("src/src.rs", "x", "SrcX"),
        ("src/a/b/c/d.rs", "handler_two", "ABCDHandler_two"),
        ("src/émoji.rs", "ñame", "ÉmojiÑame"),
    ] as [(String, String, String)])
    func defaultNames(path: String, rustName: String, expected: String) {
        #expect(FunctionNaming.defaultName(relativePath: path, rustName: rustName) == expected)
    }

    @Test("module paths are what a generated entry point imports", arguments: [
        ("src/lib.rs", []),
        ("src/main.rs", []),
        ("src/products.rs", ["products"]),
        ("src/api/mod.rs", ["api"]),
        ("src/api/v1/users.rs", ["api", "v1", "users"]),
        ("src/bin/tool.rs", ["bin", "tool"]),
    ] as [(String, [String])])
    func modulePaths(path: String, expected: [String]) {
        #expect(FunctionNaming.modulePath(relativePath: path) == expected)
    }

    @Test("a name is at most 64 letters, digits, dashes and underscores")
    func validity() {
        #expect(FunctionNaming.problems(with: "Orders-Create_2").isEmpty)
        #expect(FunctionNaming.problems(with: String(repeating: "A", count: 64)).isEmpty)
        let long = String(repeating: "A", count: 65)
        #expect(FunctionNaming.problems(with: long).map(\.message) == [
            "the function name `\(long)` is 65 characters long; Kinetics allows 64 — set a shorter `name = \"…\"` in the attribute"
        ])
        #expect(FunctionNaming.problems(with: "my fn").map(\.message) == [
            "`my fn` cannot name a Lambda function: it contains U+20; use letters, digits, `-` and `_` (set `name = \"…\"` in the attribute)"
        ])
        #expect(FunctionNaming.problems(with: "R#match").map(\.code) == [.invalidFunctionName])
        #expect(FunctionNaming.problems(with: "").map(\.code) == [.invalidFunctionName])
    }
}
