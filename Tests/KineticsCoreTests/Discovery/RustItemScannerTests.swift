import Testing
@testable import KineticsCore

@Suite("The Rust item scanner")
struct RustItemScannerTests {
    private func names(_ scan: RustFileScan) -> [String] { scan.functions.map(\.rustName) }
    private func codes(_ scan: RustFileScan) -> [String] { scan.diagnostics.map(\.code) }

    @Test("finds free functions with each role and every qualifier")
    func qualifiers() {
        let scan = scanRust("""
            #[endpoint(url_path = "/a")]
            pub async fn a() {}
            #[worker]
            pub(crate) fn b() {}
            #[cron(schedule = "rate(1 hour)")]
            pub(in crate::x) async unsafe fn c() {}
            #[endpoint(url_path = "/d")]
            pub const unsafe extern "C" fn d() {}
            #[endpoint(url_path = "/e")]
            fn e<'a, T: Into<String>>(x: &'a T) -> impl Fn() -> u8 where T: Clone { || 1 }
            """)
        #expect(names(scan) == ["a", "b", "c", "d", "e"])
        #expect(scan.functions.map(\.isAsync) == [true, false, true, false, false])
        #expect(scan.functions.map(\.isPublic) == [true, false, false, true, false])
        #expect(scan.functions.map(\.attribute.trigger.role) == [.endpoint, .worker, .cron, .endpoint, .endpoint])
        #expect(codes(scan) == ["bare-attribute"])
    }

    @Test("accepts the attribute paths Kinetics users write")
    func attributePaths() {
        let scan = scanRust("""
            #[kinetics_macro::endpoint(url_path = "/a")] pub async fn a() {}
            #[kinetics::macros::endpoint(url_path = "/b")] pub async fn b() {}
            #[::kinetics::macros::cron(schedule = "rate(1 day)")] pub async fn c() {}
            #[other::endpoint(url_path = "/d")] pub async fn d() {}
            #[kinetics_macro::endpiont(url_path = "/e")] pub async fn e() {}
            """)
        #expect(names(scan) == ["a", "b", "c"])
        #expect(scan.diagnostics.map(\.message) == [
            "`kinetics_macro::endpiont` is not a Kinetics attribute; use endpoint, worker or cron. Did you mean `endpoint`?"
        ])
    }

    @Test("reads attributes that span lines, among other attributes and doc comments")
    func multiLineAttributes() throws {
        let scan = scanRust("""
            /// Lists orders.
            #[allow(clippy::all)]
            #[endpoint(
                // a comment inside the attribute
                url_path = "/orders", /* and a block one */
                methods = ["GET",
                           "post"],
                environment = {
                    "AA": "1",
                    "BB": "two, with } and ] inside",
                },
            )]
            #[inline]
            pub async fn list() {}
            """)
        #expect(names(scan) == ["list"])
        let function = try #require(scan.functions.first)
        #expect(function.attribute.trigger == .endpoint(EndpointSettings(urlPath: "/orders", methods: [.GET, .POST])))
        #expect(function.attribute.environment == ["AA": "1", "BB": "two, with } and ] inside"])
        #expect(function.attribute.location == SourceLocation(file: "src/lib.rs", line: 3, column: 1))
    }

    @Test("does not see attributes inside comments, strings, raw strings or macro_rules")
    func hiddenAttributes() {
        let scan = scanRust(##"""
            // #[endpoint(url_path = "/line")] pub async fn line() {}
            /* outer /* #[endpoint(url_path = "/nested")] */ fn nested() {} */
            const S: &str = "#[endpoint(url_path = \"/string\")] fn s() {}";
            const R: &str = r#"
            #[endpoint(url_path = "/raw")]
            pub async fn raw() {} "#;
            const C: char = '{';
            const Q: char = '"';
            macro_rules! make {
                () => { #[endpoint(url_path = "/macro")] pub async fn m() {} };
            }
            make!();
            fn body() { let _ = "}"; let _ = '}'; { #[endpoint(url_path = "/inner")] fn inner() {} } }
            #[endpoint(url_path = "/real")]
            pub async fn real<'a>(x: &'a str) -> &'a str { x }
            """##)
        #expect(names(scan) == ["real"])
        #expect(scan.diagnostics.isEmpty)
    }

    @Test("tracks inline modules and leaves methods out, with a note")
    func modulesAndMethods() {
        let scan = scanRust("""
            pub mod api {
                pub mod v1 {
                    #[endpoint(url_path = "/v1")]
                    pub async fn get() {}
                }
                pub struct Service;
                impl Service {
                    #[endpoint(url_path = "/method")]
                    pub async fn method(&self) {}
                }
                pub trait Handler {
                    #[cron(schedule = "rate(1 day)")]
                    async fn run();
                }
                #[worker]
                pub async fn drain() {}
            }
            """)
        #expect(names(scan) == ["get", "drain"])
        #expect(scan.functions.map(\.inlineModules) == [["api", "v1"], ["api"]])
        #expect(scan.diagnostics.map(\.code) == ["attribute-on-method", "attribute-on-method", "bare-attribute"])
        #expect(scan.diagnostics[0].message
            == "`#[endpoint]` on `method` is ignored: it is inside this impl block, and Kinetics deploys free functions only; move it out to deploy it")
    }

    @Test("leaves out functions compiled only for tests or without a default feature")
    func conditionalCompilation() {
        let scan = scanRust("""
            #[cfg(test)]
            mod tests {
                #[endpoint(url_path = "/t")]
                pub async fn t() {}
            }
            #[cfg(feature = "local")]
            #[endpoint(url_path = "/local")]
            pub async fn local() {}
            #[cfg(not(test))]
            #[endpoint(url_path = "/prod")]
            pub async fn prod() {}
            #[cfg_attr(feature = "lambda", endpoint(url_path = "/lambda"))]
            pub async fn lambda() {}
            #[cfg_attr(feature = "other", endpoint(url_path = "/other"))]
            pub async fn other() {}
            #[cfg_attr(target_arch = "x86_64", endpoint(url_path = "/arch"))]
            pub async fn arch() {}
            #[cfg(test)]
            mod helpers;
            """, features: ["lambda"])
        #expect(names(scan) == ["prod", "lambda", "arch"])
        #expect(scan.inactiveModules == [InactiveModule(path: ["helpers"], reason: "it is compiled only for tests (`cfg(test)`)")])
        #expect(scan.diagnostics.map(\.message) == [
            "`#[endpoint]` on `t` is ignored: it is compiled only for tests (`cfg(test)`)",
            "`#[endpoint]` on `local` is ignored: `cfg(feature = \"local\")` is false in the deploy build (release, default features)",
            "`#[endpoint]` on `other` is ignored: `feature = \"other\"` is false in the deploy build (release, default features); add the feature to `default` in Cargo.toml to deploy it",
            "`target_arch = \"x86_64\"` cannot be decided from the project files; `arch` is deployed as if it holds",
        ])
    }

    @Test("an inner #![cfg(test)] compiles the whole file out")
    func innerCfg() {
        let scan = scanRust("""
            #![cfg(test)]
            #[endpoint(url_path = "/x")]
            pub async fn x() {}
            """)
        #expect(scan.functions.isEmpty)
        #expect(scan.inactiveReason == "it is compiled only for tests (`cfg(test)`)")
        #expect(codes(scan) == ["inactive-function"])
    }

    @Test("warns about a Kinetics attribute on something that is not a function")
    func notOnFunction() {
        let scan = scanRust("""
            #[endpoint(url_path = "/s")]
            pub struct S { a: u8 }
            #[worker]
            impl S {}
            #[cron(schedule = "rate(1 day)")]
            const X: u8 = 1;
            """)
        #expect(scan.functions.isEmpty)
        #expect(scan.diagnostics.map(\.message) == [
            "`#[endpoint]` is on a struct; Kinetics attributes go on free functions (`fn`)",
            "`#[worker]` is on an impl block; Kinetics attributes go on free functions (`fn`)",
            "`#[cron]` is on a constant; Kinetics attributes go on free functions (`fn`)",
        ])
    }

    @Test("reports two roles on one function as an error")
    func twoRoles() {
        let scan = scanRust("""
            #[endpoint(url_path = "/a")]
            #[cron(schedule = "rate(1 day)")]
            pub async fn both() {}
            """)
        #expect(scan.functions.isEmpty)
        #expect(scan.diagnostics.map(\.description) == [
            "src/lib.rs:2:1: error: `both` has #[endpoint] and #[cron]; a function has one role — keep one attribute, or split the function"
        ])
    }

    @Test("keeps scanning after a bad attribute")
    func recovery() {
        let scan = scanRust("""
            #[endpoint(url_path "/broken")]
            pub async fn broken() {}
            #[endpoint(url_path = "/fine")]
            pub async fn fine() {}
            """)
        #expect(names(scan) == ["fine"])
        #expect(scan.diagnostics.map(\.description) == ["src/lib.rs:1:21: error: expected `=` after `url_path`, as in `url_path = …`"])
    }

    @Test("reports unclosed blocks and stray closers")
    func delimiters() {
        #expect(scanRust("mod a {\n  fn x() {}\n").diagnostics.map(\.description) == [
            "src/lib.rs:1:7: error: `mod a` is never closed; add the missing `}`"
        ])
        #expect(scanRust("fn x() {}\n}\n").diagnostics.map(\.description) == [
            "src/lib.rs:2:1: error: unexpected `}`: no block is open here; remove it or add the opening delimiter"
        ])
        #expect(scanRust("fn x() {\n  let a = 1;\n").diagnostics.map(\.description) == [
            "src/lib.rs:1:8: error: `{` of the body of `fn x` is never closed; add the missing `}`"
        ])
    }

    @Test("stays within its nesting limit on pathological input")
    func deepNesting() {
        let depth = 10_000
        let source = String(repeating: "mod m { ", count: depth) + "#[endpoint(url_path = \"/deep\")] pub async fn deep() {}"
            + String(repeating: " }", count: depth)
        let scan = scanRust(source)
        #expect(scan.functions.isEmpty)
        #expect(codes(scan) == ["nesting-too-deep"])
        let braces = scanRust("fn f() " + String(repeating: "{", count: depth) + String(repeating: "}", count: depth))
        #expect(braces.diagnostics.isEmpty)
    }

    @Test("caps the diagnostics of one file")
    func diagnosticCap() {
        let source = (0..<120).map { "#[endpoint(url = \"/\($0)\")] pub async fn f\($0)() {}" }.joined(separator: "\n")
        let scan = scanRust(source)
        #expect(scan.diagnostics.count == RustItemScanner.maximumDiagnostics + 1)
        #expect(scan.diagnostics.last?.message == "190 more problems in this file not shown; fix the ones above first")
    }
}
