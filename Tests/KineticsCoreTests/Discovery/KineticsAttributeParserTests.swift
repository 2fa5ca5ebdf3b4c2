import Testing
@testable import KineticsCore

@Suite("Kinetics attribute parameters")
struct KineticsAttributeParserTests {
    /// The trigger of `attribute` on a function, or the diagnostics it gives.
    private func parse(_ attribute: String) -> (trigger: FunctionTrigger?, attribute: KineticsAttribute?, diagnostics: [String]) {
        let scan = scanRust(attribute + "\npub async fn f() {}\n")
        return (scan.functions.first?.attribute.trigger, scan.functions.first?.attribute, scan.diagnostics.map(\.description))
    }

    @Test("reads every parameter of each role with its default")
    func defaults() {
        #expect(parse(#"#[endpoint(url_path = "/a")]"#).trigger == .endpoint(EndpointSettings(urlPath: "/a")))
        #expect(parse(#"#[endpoint(url_path = "/a", methods = ["delete", "GET"], is_disabled = true,)]"#).trigger
            == .endpoint(EndpointSettings(urlPath: "/a", methods: [.GET, .DELETE], isDisabled: true)))
        #expect(parse("#[worker()]").trigger == .worker(WorkerSettings()))
        #expect(parse("#[worker(concurrency = 0x10, fifo = true, batch_size = 10u32)]").trigger
            == .worker(WorkerSettings(concurrency: 16, fifo: true, batchSize: 10)))
        #expect(parse(#"#[cron(schedule = r"cron(0/15 * * * ? *)")]"#).trigger == .cron(CronSettings(schedule: "cron(0/15 * * * ? *)")))
        let named = parse(#"#[cron(name = "Nightly", schedule = "rate(1 day)", environment = {"TZ_NAME": "UTC", "MODE": "full\n"})]"#)
        #expect(named.attribute?.name == "Nightly")
        #expect(named.attribute?.nameLocation == SourceLocation(file: "src/lib.rs", line: 1, column: 15))
        #expect(named.attribute?.environment == ["TZ_NAME": "UTC", "MODE": "full\n"])
        #expect(named.diagnostics.isEmpty)
    }

    @Test(
        "reports each bad parameter with where it is and what to change",
        arguments: [
            (#"#[endpoint(url = "/a")]"#, [
                "src/lib.rs:1:1: error: `#[endpoint]` needs `url_path`, e.g. `#[endpoint(url_path = \"/orders\")]`",
                "src/lib.rs:1:12: error: `#[endpoint]` has no parameter `url`. Did you mean `url_path`?",
            ]),
            (#"#[endpoint(url_path = "/a", queues = ["q"])]"#, [
                "src/lib.rs:1:29: error: `queues` was removed from `#[endpoint]`: each worker gets its own queue now; delete `queues` and send to the worker's queue"
            ]),
            ("#[worker(queue_alias = \"q\")]", [
                "src/lib.rs:1:10: error: `queue_alias` was removed from `#[worker]`: a worker's queue is named after the worker now; delete `queue_alias`"
            ]),
            (#"#[endpoint(url_path = "/a", schedule = "rate(1 day)")]"#, [
                "src/lib.rs:1:29: error: `schedule` is a parameter of `#[cron]`, not of `#[endpoint]`; remove it or change the attribute"
            ]),
            (#"#[endpoint(url_path = "/a", url_path = "/b")]"#, [
                "src/lib.rs:1:29: error: `url_path` is given twice in `#[endpoint]`; keep one"
            ]),
            (#"#[endpoint(url_path = 5)]"#, [
                "src/lib.rs:1:23: error: `url_path` takes a string, like `url_path = \"/orders/{id}\"`; found the number 5"
            ]),
            (#"#[endpoint(url_path = PATH)]"#, [
                "src/lib.rs:1:23: error: `url_path` takes a string, like `url_path = \"/orders/{id}\"`; found an expression (`PATH…`); Kinetics reads literals only"
            ]),
            (#"#[endpoint(url_path = "/a", methods = "GET")]"#, [
                "src/lib.rs:1:39: error: `methods` takes a list of strings, like `methods = [\"GET\", \"POST\"]`; found the string \"GET\""
            ]),
            (#"#[endpoint(url_path = "/a", methods = ["GET", "HEAD"])]"#, [
                "src/lib.rs:1:47: error: `HEAD` is not a method Kinetics supports; use GET, POST, PUT, DELETE or PATCH"
            ]),
            (#"#[endpoint(url_path = "/a", methods = ["GET", "get"])]"#, [
                "src/lib.rs:1:47: warning: `GET` is listed twice in `methods`; remove one"
            ]),
            (#"#[endpoint(url_path = "/a", methods = [])]"#, [
                "src/lib.rs:1:39: warning: an empty `methods` list accepts every method; list the methods, or remove `methods` to accept all"
            ]),
            (#"#[endpoint(url_path = "/a", is_disabled = 1)]"#, [
                "src/lib.rs:1:43: error: `is_disabled` takes `true` or `false`; found the number 1"
            ]),
            ("#[worker(fifo = \"yes\")]", [
                "src/lib.rs:1:17: error: `fifo` takes `true` or `false`; found the string \"yes\""
            ]),
            ("#[worker(batch_size = 11)]", [
                "src/lib.rs:1:23: error: `batch_size` must be between 1 and 10 (SQS delivers at most 10 records at a time); found 11"
            ]),
            ("#[worker(batch_size = 0)]", [
                "src/lib.rs:1:23: error: `batch_size` must be between 1 and 10 (SQS delivers at most 10 records at a time); found 0"
            ]),
            ("#[worker(concurrency = 0)]", ["src/lib.rs:1:24: error: `concurrency` must be at least 1"]),
            ("#[worker(concurrency = -2)]", ["src/lib.rs:1:24: error: `concurrency` must be a whole number from 1 to 4294967295"]),
            ("#[worker(concurrency = 4294967296)]", ["src/lib.rs:1:24: error: `concurrency` must be a whole number from 1 to 4294967295"]),
            ("#[worker(concurrency = 1.5)]", [
                "src/lib.rs:1:24: error: `concurrency` takes a whole number, like `concurrency = 2`; found a number with a fraction"
            ]),
            ("#[cron(name = \"x\")]", [
                "src/lib.rs:1:1: error: `#[cron]` needs `schedule`, e.g. `#[cron(schedule = \"rate(1 hour)\")]`"
            ]),
            ("#[cron(schedule = \"every day\")]", [
                "src/lib.rs:1:19: error: `every day` is not a schedule expression: write `rate(5 minutes)` or `cron(0 12 * * ? *)`"
            ]),
            (#"#[endpoint(url_path = "/a", environment = {"AWS_REGION": "x"})]"#, [
                "src/lib.rs:1:44: error: `AWS_REGION` is set by the Lambda runtime and cannot be configured; use another name"
            ]),
            (#"#[endpoint(url_path = "/a", environment = {"K": "x"})]"#, [
                "src/lib.rs:1:44: error: `K` is not a name Lambda accepts for a variable: start with a letter, then use at least one more letter, digit or `_`"
            ]),
            (#"#[endpoint(url_path = "/a", environment = {"KEY": 1})]"#, [
                "src/lib.rs:1:44: error: `environment` maps strings to strings, like `{\"LOG_LEVEL\": \"debug\"}`"
            ]),
            (#"#[endpoint(url_path = "/a", environment = {"KEY" "x"})]"#, [
                "src/lib.rs:1:50: error: expected `:` between a key and its value, as in `{\"KEY\": \"value\"}`"
            ]),
            (#"#[endpoint(url_path = "/a", environment = {"KEY": "x", "KEY": "y"})]"#, [
                "src/lib.rs:1:56: warning: `KEY` is set twice in `environment`; the last value wins — remove one"
            ]),
            (#"#[endpoint(url_path = "/a" methods = ["GET"])]"#, ["src/lib.rs:1:28: error: expected `,` after the value of `url_path`"]),
            (#"#[endpoint(url_path = )]"#, ["src/lib.rs:1:23: error: `url_path =` has no value; give one or remove the parameter"]),
            (#"#[endpoint("/a")]"#, [
                "src/lib.rs:1:12: error: expected a parameter name such as `url_path` in `#[endpoint]`, found `\"/a\"`"
            ]),
            (#"#[endpoint = "/a"]"#, [
                "src/lib.rs:1:12: error: `#[endpoint = …]` is not how Kinetics attributes are written; use `#[endpoint(key = value, …)]`"
            ]),
            (#"#[endpoint[url_path = "/a"]]"#, [
                "src/lib.rs:1:11: error: write the arguments of `#[endpoint]` in parentheses: `#[endpoint(…)]`"
            ]),
            (#"#[endpoint(url_path = "\q")]"#, [
                "src/lib.rs:1:23: error: `url_path` takes a string, like `url_path = \"/orders/{id}\"`; found a string with an invalid escape or a suffix"
            ]),
        ] as [(String, [String])]
    )
    func badParameters(attribute: String, expected: [String]) {
        let result = parse(attribute)
        #expect(result.diagnostics == expected)
        if expected.contains(where: { $0.contains(": error: ") }) { #expect(result.trigger == nil) }
    }

    @Test("resolves the escapes of string literals as rustc does")
    func stringEscapes() {
        let result = parse(#"#[endpoint(url_path = "/a\x2Fb\u{63}", name = "Line\tTab\u{1F980}")]"#)
        #expect(result.trigger == .endpoint(EndpointSettings(urlPath: "/a/bc")))
        #expect(result.attribute?.name == "Line\tTab🦀")
    }

    @Test("reads integer literals in every base and with separators")
    func integers() {
        #expect(KineticsAttributeParser.integerValue("1_000") == 1000)
        #expect(KineticsAttributeParser.integerValue("0b101") == 5)
        #expect(KineticsAttributeParser.integerValue("0o17u8") == 15)
        #expect(KineticsAttributeParser.integerValue("0xFFusize") == 255)
        #expect(KineticsAttributeParser.integerValue("99999999999999999999") == nil)
    }
}
