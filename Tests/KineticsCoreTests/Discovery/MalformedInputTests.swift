import Foundation
import Testing
@testable import KineticsCore

/// One malformed project and exactly the diagnostics discovery must give for it.
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var files: [String: String]
    var setup: (@Sendable (DiscoveryScratch) throws -> Void)?
    var options = DiscoveryOptions()
    /// Every diagnostic, as `file:line:col: severity: message`, in report order.
    var expected: [String]

    var testDescription: String { name }

    static let okFunction = "#[endpoint(url_path = \"/ok\")]\npub async fn ok() {}\n"

    /// A valid crate with one function, with `files` added or replaced.
    init(
        _ name: String, _ files: [String: String] = [:], options: DiscoveryOptions = DiscoveryOptions(),
        setup: (@Sendable (DiscoveryScratch) throws -> Void)? = nil, expected: [String]
    ) {
        self.name = name
        self.files = ["Cargo.toml": DiscoveryScratch.manifest(), "src/lib.rs": Self.okFunction].merging(files) { _, new in new }
        self.setup = setup
        self.options = options
        self.expected = expected
    }

    /// `source` as the whole of `src/lib.rs`.
    static func rust(_ name: String, _ source: String, expected: [String]) -> MalformedCase {
        MalformedCase(name, ["src/lib.rs": source], expected: expected)
    }
}

@Suite("Malformed projects give exactly the expected diagnostics")
struct MalformedInputTests {
    static let cases: [MalformedCase] = [
        // MARK: TOML
        MalformedCase("Cargo.toml that is not TOML", ["Cargo.toml": "[package\nname = \"x\"\n"], expected: [
            "Cargo.toml:1:9: error: `Cargo.toml` is not valid TOML: Error while parsing table header: expected ']', saw '\\n'; fix the syntax here"
        ]),
        MalformedCase("kinetics.toml that is not TOML", ["kinetics.toml": "[project]\nname = \"unterminated\n"], expected: [
            "kinetics.toml:2:21: error: `kinetics.toml` is not valid TOML: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited; fix the syntax here"
        ]),
        MalformedCase("an empty Cargo.toml", ["Cargo.toml": ""], expected: [
            "Cargo.toml:1:1: error: Cargo.toml has neither `[package]` nor `[workspace]`; add `[package]` with a `name`"
        ]),
        MalformedCase("[package] without a name", ["Cargo.toml": "[package]\nversion = \"1.0.0\"\n"], expected: [
            "Cargo.toml:1:1: error: `[package]` in Cargo.toml has no `name`; add `name = \"my-crate\"`"
        ]),
        MalformedCase("an empty kinetics.toml, .env and Rust file are fine", [
            "kinetics.toml": "", ".env": "", "src/empty.rs": "",
        ], expected: []),
        MalformedCase("only empty Rust files", ["src/lib.rs": ""], expected: [
            "warning: no functions found in `src/`; add `#[endpoint(url_path = \"/hello\")]`, `#[worker]` or `#[cron(schedule = \"rate(1 hour)\")]` to a `fn`"
        ]),
        MalformedCase("[project] without a name", ["kinetics.toml": "[project]\n"], expected: [
            "kinetics.toml:1:1: error: `[project]` needs a `name`, e.g. `name = \"shop\"` (or remove `[project]` to use the crate name)"
        ]),
        MalformedCase("a [project] name that is not a string", ["kinetics.toml": "[project]\nname = 5\n"], expected: [
            "kinetics.toml:2:1: error: `[project] name` must be a string; found an integer"
        ]),
        MalformedCase("a misspelt table in kinetics.toml", ["kinetics.toml": "[projct]\nname = \"x\"\n"], expected: [
            "kinetics.toml:1:1: warning: `projct` is not a kinetics.toml setting and is ignored. Did you mean `project`?"
        ]),
        MalformedCase("a misspelt key in [[kvdb]]", ["kinetics.toml": "[[kvdb]]\nname = \"items\"\nnmae = \"x\"\n"], expected: [
            "kinetics.toml:3:1: warning: `kvdb.nmae` is not a kinetics.toml setting and is ignored. Did you mean `name`?"
        ]),
        MalformedCase("[[kvdb]] without a name", ["kinetics.toml": "[[kvdb]]\n"], expected: [
            "kinetics.toml:1:1: error: this `[[kvdb]]` has no `name`; add `name = \"orders\"`"
        ]),
        MalformedCase("a table name DynamoDB rejects", ["kinetics.toml": "[[kvdb]]\nname = \"my table\"\n"], expected: [
            "kinetics.toml:2:1: error: `my table` cannot name a DynamoDB table: use 3 to 255 letters, digits, `_`, `-` or `.`"
        ]),
        MalformedCase("a table declared twice", ["kinetics.toml": "[[kvdb]]\nname = \"items\"\n[[kvdb]]\nname = \"items\"\n"], expected: [
            "kinetics.toml:4:1: error: the table `items` is declared twice (first at kinetics.toml:2:1); remove one"
        ]),
        MalformedCase("[observability] without dd_api_key_env", ["kinetics.toml": "[observability]\ndd_api_key = \"x\"\n"], expected: [
            "kinetics.toml:1:1: error: `[observability]` needs `dd_api_key_env`: the name of the variable that holds the Datadog API key, e.g. `dd_api_key_env = \"DD_API_KEY\"`",
            "kinetics.toml:2:1: warning: `observability.dd_api_key` is not a kinetics.toml setting and is ignored. Did you mean `dd_api_key_env`?",
        ]),
        MalformedCase("tables in both kinetics.toml and Cargo.toml metadata", [
            "kinetics.toml": "[[kvdb]]\nname = \"items\"\n",
            "Cargo.toml": DiscoveryScratch.manifest(extra: "[package.metadata.kinetics.kvdb.old]\nname = \"old_items\"\n"),
        ], expected: [
            "Cargo.toml:6:1: warning: kinetics.toml declares `[[kvdb]]` tables, so `[package.metadata.kinetics.kvdb]` in Cargo.toml is ignored; remove it"
        ]),
        MalformedCase("kinetics.toml that is not UTF-8", ["kinetics.toml": "[project]\nname = \"caf\u{FFFD}\"\n"], setup: { scratch in
            try scratch.write("kinetics.toml", bytes: Array("[project]\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8))
        }, expected: [
            "kinetics.toml:2:12: error: `kinetics.toml` is not valid UTF-8 here; TOML files must be UTF-8 — re-save it as UTF-8"
        ]),
        MalformedCase("no Cargo.toml at all", ["Cargo.toml": ""], setup: { scratch in
            try FileManager.default.removeItem(atPath: scratch.root + "/Cargo.toml")
        }, expected: [
            "error: there is no Cargo.toml in `<root>`; run kinetics-tui in the directory of a Kinetics crate or pass --project DIR"
        ]),

        // MARK: Attribute parameters
        .rust("an unknown parameter", "#[endpoint(url = \"/x\")]\npub async fn f() {}\n", expected: [
            "warning: no functions found in `src/`; add `#[endpoint(url_path = \"/hello\")]`, `#[worker]` or `#[cron(schedule = \"rate(1 hour)\")]` to a `fn`",
            "src/lib.rs:1:1: error: `#[endpoint]` needs `url_path`, e.g. `#[endpoint(url_path = \"/orders\")]`",
            "src/lib.rs:1:12: error: `#[endpoint]` has no parameter `url`. Did you mean `url_path`?",
        ]),
        .rust("a removed parameter", "#[worker(queue_alias = \"jobs\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:10: error: `queue_alias` was removed from `#[worker]`: a worker's queue is named after the worker now; delete `queue_alias`"
        ]),
        .rust("a parameter given twice", "#[cron(schedule = \"rate(1 day)\", schedule = \"rate(2 days)\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:34: error: `schedule` is given twice in `#[cron]`; keep one"
        ]),
        .rust("a cron without a schedule", "#[cron()]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:1: error: `#[cron]` needs `schedule`, e.g. `#[cron(schedule = \"rate(1 hour)\")]`"
        ]),
        .rust("a cron expression with both days set", "#[cron(schedule = \"cron(0 12 * * * *)\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:19: error: `cron(0 12 * * * *)`: exactly one of day-of-month and day-of-week must be `?`, e.g. `cron(0 12 * * ? *)` or `cron(0 12 ? * MON *)`"
        ]),
        .rust("a rate with a plural unit for 1", "#[cron(schedule = \"rate(1 minutes)\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:19: error: `rate(1 minutes)`: with 1 the unit is singular; write `rate(1 minute)`"
        ]),
        .rust("a batch size over 10", "#[worker(batch_size = 11)]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:23: error: `batch_size` must be between 1 and 10 (SQS delivers at most 10 records at a time); found 11"
        ]),
        .rust("an unsupported method", "#[endpoint(url_path = \"/x\", methods = [\"HEAD\"])]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:40: error: `HEAD` is not a method Kinetics supports; use GET, POST, PUT, DELETE or PATCH"
        ]),
        .rust("fifo that is not a boolean", "#[worker(fifo = \"yes\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:17: error: `fifo` takes `true` or `false`; found the string \"yes\""
        ]),
        .rust("a url_path without a leading slash", "#[endpoint(url_path = \"products\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:23: error: `url_path` must start with `/`, e.g. `\"/products\"`"
        ]),
        .rust("an environment value that is not a string", "#[endpoint(url_path = \"/x\", environment = {\"RETRIES\": 3})]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:44: error: `environment` maps strings to strings, like `{\"LOG_LEVEL\": \"debug\"}`"
        ]),
        .rust("a missing `=`", "#[endpoint(url_path \"/x\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:21: error: expected `=` after `url_path`, as in `url_path = …`"
        ]),
        .rust("a missing comma", "#[endpoint(url_path = \"/x\" methods = [\"GET\"])]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:28: error: expected `,` after the value of `url_path`"
        ]),
        .rust("a bare worker attribute", "#[worker]\npub async fn f() {}\n", expected: [
            "src/lib.rs:1:3: warning: upstream Kinetics rejects a bare `#[worker]`; write `#[worker()]` to keep the project deployable with both tools"
        ]),
        .rust("two roles on one function", "#[endpoint(url_path = \"/x\")]\n#[worker()]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:2:1: error: `f` has #[endpoint] and #[worker]; a function has one role — keep one attribute, or split the function"
        ]),
        .rust("a Kinetics attribute on a struct", "#[endpoint(url_path = \"/x\")]\npub struct S;\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:1: warning: `#[endpoint]` is on a struct; Kinetics attributes go on free functions (`fn`)"
        ]),
        .rust("a misspelt Kinetics attribute path", "#[kinetics::macros::wroker()]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:3: warning: `kinetics::macros::wroker` is not a Kinetics attribute; use endpoint, worker or cron. Did you mean `worker`?"
        ]),

        // MARK: Names and routes
        MalformedCase("the same name twice", [
            "src/a.rs": "#[endpoint(url_path = \"/a\", name = \"Same\")]\npub async fn a() {}\n",
            "src/b.rs": "#[cron(name = \"Same\", schedule = \"rate(1 day)\")]\npub async fn b() {}\n",
        ], expected: [
            "src/b.rs:1:15: error: the function name `Same` is already used by `a` at src/a.rs:1:1; function names must be unique in a project — set a different `name = \"…\"` on one of them"
        ]),
        MalformedCase("names that differ only in case", [
            "src/a.rs": "#[endpoint(url_path = \"/a\", name = \"Orders\")]\npub async fn a() {}\n",
            "src/b.rs": "#[endpoint(url_path = \"/b\", name = \"orders\")]\npub async fn b() {}\n",
        ], expected: [
            "src/b.rs:1:36: warning: `orders` differs from `Orders` (at src/a.rs:1:1) only in case; their build outputs clash on case-insensitive file systems — rename one"
        ]),
        MalformedCase("long names that differ only in case, and one that differs in a symbol", [
            "src/a.rs": "#[endpoint(url_path = \"/a\", name = \"ProcessOrdersFromQueue_V2\")]\npub async fn a() {}\n",
            "src/b.rs": "#[endpoint(url_path = \"/b\", name = \"processORDERSfromqueue_v2\")]\npub async fn b() {}\n",
            "src/c.rs": "#[endpoint(url_path = \"/c\", name = \"ProcessOrdersFromQueue-V2\")]\npub async fn c() {}\n",
        ], expected: [
            "src/b.rs:1:36: warning: `processORDERSfromqueue_v2` differs from `ProcessOrdersFromQueue_V2` (at src/a.rs:1:1) only in case; their build outputs clash on case-insensitive file systems — rename one"
        ]),
        MalformedCase("a case variant given twice", [
            "src/a.rs": "#[endpoint(url_path = \"/a\", name = \"Orders\")]\npub async fn a() {}\n",
            "src/b.rs": "#[endpoint(url_path = \"/b\", name = \"orders\")]\npub async fn b() {}\n",
            "src/c.rs": "#[endpoint(url_path = \"/c\", name = \"orders\")]\npub async fn c() {}\n",
        ], expected: [
            "src/b.rs:1:36: warning: `orders` differs from `Orders` (at src/a.rs:1:1) only in case; their build outputs clash on case-insensitive file systems — rename one",
            "src/c.rs:1:36: error: the function name `orders` is already used by `b` at src/b.rs:1:1; function names must be unique in a project — set a different `name = \"…\"` on one of them",
        ]),
        .rust("a name over 64 characters", "#[endpoint(url_path = \"/x\", name = \"\(String(repeating: "N", count: 65))\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:36: error: the function name `\(String(repeating: "N", count: 65))` is 65 characters long; Kinetics allows 64 — set a shorter `name = \"…\"` in the attribute"
        ]),
        MalformedCase("a default name over 64 characters", [
            "src/a_very_long_module_name_for_testing/another_long_directory_name.rs":
                "#[endpoint(url_path = \"/x\")]\npub async fn handler() {}\n",
        ], expected: [
            "src/a_very_long_module_name_for_testing/another_long_directory_name.rs:1:1: error: the function name `A_very_long_module_name_for_testingAnother_long_directory_nameHandler` is 69 characters long; Kinetics allows 64 — set a shorter `name = \"…\"` in the attribute"
        ]),
        .rust("a name Lambda rejects", "#[endpoint(url_path = \"/x\", name = \"list orders\")]\npub async fn f() {}\n" + MalformedCase.okFunction, expected: [
            "src/lib.rs:1:36: error: `list orders` cannot name a Lambda function: it contains U+20; use letters, digits, `-` and `_` (set `name = \"…\"` in the attribute)"
        ]),
        MalformedCase("two endpoints on one route", [
            "src/a.rs": "#[endpoint(url_path = \"/items/{id}\")]\npub async fn a() {}\n",
            "src/b.rs": "#[endpoint(url_path = \"/items/{slug}\", methods = [\"POST\"])]\npub async fn b() {}\n",
        ], expected: [
            "src/b.rs:1:1: error: `/items/{slug}` takes the same route as `/items/{id}` of `AA` (at src/a.rs:1:1); CloudFront routes by path only — give one endpoint another `url_path`"
        ]),

        // MARK: Rust syntax
        .rust("an attribute that is never closed", MalformedCase.okFunction + "#[endpoint(url_path = \"/x\"\npub async fn f() {}\n", expected: [
            "src/lib.rs:3:1: error: this attribute is never closed; add the missing `]`"
        ]),
        .rust("a block comment that is never closed", MalformedCase.okFunction + "/* outer /* inner */\npub async fn f() {}\n", expected: [
            "src/lib.rs:3:1: error: this block comment is never closed; add `*/` (block comments nest: each `/*` needs its own `*/`)"
        ]),
        .rust("a string that is never closed", MalformedCase.okFunction + "fn f() { let s = \"open; }\n", expected: [
            "src/lib.rs:3:18: error: this string is never closed; add the closing `\"`"
        ]),
        .rust("a raw string that is never closed", MalformedCase.okFunction + "const S: &str = r##\"open\"#;\n", expected: [
            "src/lib.rs:3:17: error: this raw string is never closed; end it with `\"##`"
        ]),
        .rust("a stray closing brace", MalformedCase.okFunction + "}\n", expected: [
            "src/lib.rs:3:1: error: unexpected `}`: no block is open here; remove it or add the opening delimiter"
        ]),
        .rust("a function inside #[cfg(test)]", MalformedCase.okFunction + "#[cfg(test)]\nmod tests {\n    #[endpoint(url_path = \"/t\")]\n    pub async fn t() {}\n}\n", expected: [
            "src/lib.rs:5:5: note: `#[endpoint]` on `t` is ignored: it is compiled only for tests (`cfg(test)`)"
        ]),
        MalformedCase("a file of a module declared under #[cfg(test)]", [
            "src/lib.rs": MalformedCase.okFunction + "#[cfg(test)]\nmod fixtures;\n",
            "src/fixtures.rs": "#[endpoint(url_path = \"/fixture\")]\npub async fn fixture() {}\n",
        ], expected: [
            "src/fixtures.rs:1:1: note: `#[endpoint]` on `fixture` is ignored: `mod fixtures;` is compiled out, as it is compiled only for tests (`cfg(test)`)"
        ]),
        MalformedCase("a method with an attribute", ["src/service.rs": "struct S;\nimpl S {\n    #[endpoint(url_path = \"/m\")]\n    pub async fn m(&self) {}\n}\n"], expected: [
            "src/service.rs:3:5: note: `#[endpoint]` on `m` is ignored: it is inside this impl block, and Kinetics deploys free functions only; move it out to deploy it"
        ]),

        // MARK: Files
        MalformedCase("a Rust file that is not UTF-8", ["src/latin1.rs": ""], setup: { scratch in
            try scratch.write("src/latin1.rs", bytes: Array("// caf".utf8) + [0xE9] + Array("\nfn x() {}\n".utf8))
        }, expected: [
            "src/latin1.rs:1:7: error: `src/latin1.rs` is not valid UTF-8 here, and rustc reads only UTF-8; re-save the file as UTF-8 (its functions are not discovered until then)"
        ]),
        MalformedCase("a symbolic link loop between directories", setup: { scratch in
            try scratch.write("src/nested/inner.rs", "")
            try scratch.symlink("src/nested/loop", to: "..")
        }, expected: [
            "src/nested/loop:1:1: warning: `src/nested/loop` leads back to a directory that contains it (a symbolic link loop); it is skipped"
        ]),
        MalformedCase("a source file that links to itself", setup: { scratch in
            try scratch.symlink("src/self.rs", to: "self.rs")
        }, expected: [
            "src/self.rs:1:1: warning: `src/self.rs` is a symbolic link loop; it is skipped — remove the loop"
        ]),
        MalformedCase("a source file that links to nothing", setup: { scratch in
            try scratch.symlink("src/gone.rs", to: "missing.rs")
        }, expected: [
            "src/gone.rs:1:1: warning: `src/gone.rs` is a symbolic link to nothing; it is skipped — remove it or restore its target"
        ]),
        MalformedCase("a FIFO named like a source file", setup: { scratch in
            #expect(mkfifo(scratch.root + "/src/pipe.rs", 0o644) == 0)
        }, expected: [
            "src/pipe.rs:1:1: warning: `src/pipe.rs` is not a regular file (a FIFO, socket or device?); it is skipped"
        ]),
        MalformedCase("a source file over the size limit", ["src/big.rs": String(repeating: "// filler\n", count: 200)],
            options: DiscoveryOptions(maximumFileSize: 1024), expected: [
            "src/big.rs:1:1: error: `src/big.rs` is 2 KB, over the 1 KB limit; it is skipped — split it into smaller modules"
        ]),

        // MARK: .env
        MalformedCase(".env with a line that is not KEY=value", [".env": "GOOD=1\njust words\n"], expected: [
            ".env:2:1: warning: this line of `.env` is not `KEY=value`; it is ignored — fix or remove it"
        ]),
        MalformedCase(".env setting a variable Lambda reserves", [".env": "AWS_REGION=eu-west-1\n"], expected: [
            ".env:1:1: error: `AWS_REGION` is set by the Lambda runtime and cannot be configured; use another name"
        ]),
        MalformedCase(".env holding what looks like a secret", [".env": "STRIPE_API_KEY=sk_live_x\n"], expected: [
            ".env:1:1: warning: `STRIPE_API_KEY` looks like a secret, but `.env` values are plain Lambda environment variables, visible in the console and the template; move it to `.env.secrets`"
        ]),
        MalformedCase(".env.secrets with a name SSM rejects", [".env.secrets": "MY KEY=x\nGOOD=y\n"], expected: [
            ".env.secrets:1:1: warning: this line of `.env.secrets` is not `KEY=value`; it is ignored — fix or remove it"
        ]),

        // MARK: Workspaces
        MalformedCase("a workspace member without Cargo.toml", [
            "Cargo.toml": "[workspace]\nmembers = [\"crates/a\", \"crates/missing\"]\n",
            "src/lib.rs": "",
            "crates/a/Cargo.toml": DiscoveryScratch.manifest("a"),
            "crates/a/src/lib.rs": MalformedCase.okFunction,
        ], expected: [
            "Cargo.toml:1:1: error: the workspace member `crates/missing` has no Cargo.toml; add one or remove it from `[workspace] members`"
        ]),
        MalformedCase("a workspace glob that matches nothing", [
            "Cargo.toml": "[workspace]\nmembers = [\"crates/*\", \"services/*\"]\n",
            "src/lib.rs": "",
            "crates/a/Cargo.toml": DiscoveryScratch.manifest("a"),
            "crates/a/src/lib.rs": MalformedCase.okFunction,
        ], expected: [
            "Cargo.toml:1:1: warning: the workspace member pattern `services/*` matches no directory; fix it or remove it"
        ]),
        MalformedCase("two members with the same project name", [
            "Cargo.toml": "[workspace]\nmembers = [\"a\", \"b\"]\n",
            "src/lib.rs": "",
            "a/Cargo.toml": DiscoveryScratch.manifest("a"),
            "a/kinetics.toml": "[project]\nname = \"shared\"\n",
            "a/src/lib.rs": MalformedCase.okFunction,
            "b/Cargo.toml": DiscoveryScratch.manifest("b"),
            "b/kinetics.toml": "[project]\nname = \"shared\"\n",
            "b/src/lib.rs": "#[cron(schedule = \"rate(1 day)\")]\npub async fn tick() {}\n",
        ], expected: [
            "b/Cargo.toml:1:1: error: the crates `a` and `b` are both the project `shared` and would deploy to the same stacks; set a different `[project] name` in one kinetics.toml"
        ]),
    ]

    @Test("gives the exact diagnostics", arguments: cases)
    func malformed(_ testCase: MalformedCase) throws {
        let scratch = try DiscoveryScratch(testCase.files)
        try testCase.setup?(scratch)
        let result = scratch.discover(options: testCase.options)
        let shown = result.diagnostics.map { $0.description.replacingOccurrences(of: scratch.root, with: "<root>") }
        #expect(shown == testCase.expected)
    }

    @Test("the corpus has at least 30 cases")
    func corpusSize() {
        #expect(Self.cases.count >= 30)
    }

    @Test("a 10 MB source file is scanned, and its last function found, in bounded time")
    func hugeFile() throws {
        var source = "pub const BIG: &str = r#\"" + String(repeating: "#[endpoint(url_path = \"/fake\")] fn fake() {}\n", count: 100_000)
        source += "\"#;\n"
        while source.utf8.count < 10_000_000 { source += "fn filler() { let s = \"}\"; /* { */ }\n" }
        source += "#[endpoint(url_path = \"/last\")]\npub async fn last() {}\n"
        let scratch = try DiscoveryScratch(["Cargo.toml": DiscoveryScratch.manifest(), "src/lib.rs": source])
        let clock = ContinuousClock()
        let start = clock.now
        let result = scratch.discover()
        let elapsed = clock.now - start
        #expect(result.diagnostics.isEmpty)
        #expect(result.projects.first?.functions.map(\.name) == ["LibLast"])
        // Linear time: a debug build on a loaded machine takes seconds; anything worse than linear takes hours.
        // (Speed itself is measured by `kinetics-bench discovery`.)
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }
}
