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
        #expect(FunctionNaming.DefaultNames(relativePath: path).name(for: rustName) == expected)
    }

    @Test("the names of one file's functions, worked out from the path once, are the names each gets alone", arguments: [
        "src/lib.rs", "src/a/b.rs", "src/src.rs", "src/Src/src.rs", "lib.rs", "a/Sr.rs", "a/S.rs", "x/rs", "src//a..rs",
        "src/a/mod.rs", "src/émoji.rs", "", "src", "S", "Sr", "src/v1.api.rs",
    ])
    func defaultNamesPerFile(path: String) {
        let names = FunctionNaming.DefaultNames(relativePath: path)
        // Names that hold `Src`, or `rc`/`c` right where a path ending in `S` or `Sr` would make one.
        for rustName in ["cron", "rs", "rc", "c", "src", "Src", "xSrc", "handler_Src_two", "_rc", "_c", "r", "ñame", "r#match", "a1", "a.rs", "x/src", "Sr"] {
            #expect(
                names.name(for: rustName) == FunctionNaming.defaultName(relativePath: path, rustName: rustName),
                "\(path) + \(rustName)")
        }
    }

    @Test("module paths are what a generated entry point imports", arguments: [
        ("src/lib.rs", []),
        ("src/main.rs", []),
        ("src/products.rs", ["products"]),
        ("src/api/mod.rs", ["api"]),
        ("src/api/v1/users.rs", ["api", "v1", "users"]),
        ("src/bin/tool.rs", ["bin", "tool"]),
        // Repeated and trailing slashes make no empty segments; only a leading `src` goes, and only `.rs` is cut.
        ("src//api///users.rs", ["api", "users"]),
        ("src/api/", ["api"]),
        ("lib.rs", []),
        ("api/src/lib.rs", ["api", "src", "lib"]),
        ("src/src/lib.rs", ["src", "lib"]),
        ("src/notes.txt", ["notes.txt"]),
        ("src/a.rs.rs", ["a.rs"]),
        ("src/ñ/mod.rs", ["ñ"]),
        ("src", []),
        ("", []),
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
