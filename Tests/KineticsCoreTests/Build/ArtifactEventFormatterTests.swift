import Foundation
import Testing

@testable import KineticsCore

@Suite("Plain and JSON lines of build events")
struct ArtifactEventFormatterTests {
    static let sha = String(repeating: "ab", count: 32)
    static let artifact = PackagedArtifact(functionName: "ProductsList", zipPath: "/p/target/kinetics-tui/artifacts/ProductsList.zip", size: 205_604, sha256: sha, bootstrapSize: 403_888)

    @Test("plain lines name the stage, the function and the figures")
    func plain() {
        let f = ArtifactEventFormatter(.plain)
        #expect(f.lines(for: .unitCompiled(UnitProgress(crate: "shop", target: "ProductsList", fresh: false, compiled: 7, planned: 12))) == ["[build] compiled 7/12 shop (ProductsList)"])
        #expect(f.lines(for: .unitCompiled(UnitProgress(crate: "shop", target: "shop", fresh: true, compiled: 1, planned: 12))).isEmpty)
        #expect(f.lines(for: .functionUnchanged(Self.artifact, inputHash: "h")) == ["[plan] ProductsList   unchanged, skipped (artifacts/ProductsList/\(Self.sha).zip)"])
        #expect(f.lines(for: .functionQueued("ReportsDaily", reason: .inputsChanged, inputHash: "h")) == ["[plan] ReportsDaily   needs a build: inputs changed"])
        #expect(f.lines(for: .packaged(Self.artifact, seconds: 0.0123)) == ["[package] ProductsList   200.8 KiB sha256 abababababab -> artifacts/ProductsList/\(Self.sha).zip (0.01s)"])
        #expect(f.lines(for: .finished(ArtifactSummary(artifacts: [Self.artifact], unchanged: ["ProductsList"], seconds: 0.05))) == ["[done] nothing to build: 1 function unchanged (0.05s)"])
        let failure = Diagnostic.error("rustc-E0308", "mismatched types", at: SourceLocation(file: "src/bin/Bad.rs", line: 2, column: 22))
        #expect(f.lines(for: .functionFailed("Bad", diagnostics: [failure])) == ["[build] Bad            FAILED", "        src/bin/Bad.rs:2:22: error: mismatched types"])
        #expect(f.lines(for: .finished(ArtifactSummary(built: ["A"], failed: ["Bad": [failure]], ranCargo: true, seconds: 12.34))) == ["[done] 1 built, 0 unchanged, 1 failed (Bad) in 12.3s"])
    }

    @Test("an error's rendered excerpt follows its line, and escape sequences never reach the output")
    func diagnostics() {
        let diagnostic = CompilerDiagnostic(
            level: "error", code: "E0308", message: "mismatched \u{1B}[2Jtypes", rendered: "error[E0308]: mismatched types\n --> src/bin/Bad.rs:2:22\n\n",
            location: SourceLocation(file: "src/bin/Bad.rs", line: 2, column: 22), crate: "broken", target: "Bad", isBinTarget: true)
        let plain = ArtifactEventFormatter(.plain).lines(for: .compilerDiagnostic(diagnostic))
        #expect(plain == ["[build] src/bin/Bad.rs:2:22: error[E0308]: mismatched types", "        error[E0308]: mismatched types", "         --> src/bin/Bad.rs:2:22"])
        let json = ArtifactEventFormatter(.json).lines(for: .functionQueued("A\u{1B}]0;x\u{07}B", reason: .neverBuilt, inputHash: "h"))
        #expect(json == [#"{"event":"functionQueued","function":"AB","reason":"never-built","inputHash":"h"}"#])
    }

    @Test("every JSON line is one object with the event name first, and parses")
    func json() throws {
        let f = ArtifactEventFormatter(.json)
        let events: [ArtifactEvent] = [
            .stageStarted(.plan),
            .stageFinished(.build, seconds: 1.5),
            .functionUnchanged(Self.artifact, inputHash: "h"),
            .cargoStarted(command: "cargo build --release", functions: ["A"], plannedUnits: nil),
            .unitCompiled(UnitProgress(crate: "shop", target: "shop", fresh: false, compiled: 1, planned: 3)),
            .functionBuilt("A", bootstrap: "/t/A", bytes: 10),
            .packaged(Self.artifact, seconds: 0.5),
            .functionFailed("B", diagnostics: [.error("missing-bin-target", "no \"bin\"")]),
            .finished(ArtifactSummary(artifacts: [Self.artifact], built: ["ProductsList"], ranCargo: true, seconds: 2)),
        ]
        for event in events {
            let lines = f.lines(for: event)
            #expect(lines.count == 1)
            let line = try #require(lines.first)
            #expect(line.hasPrefix(#"{"event":""#))
            #expect(!line.contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["event"] is String)
        }
        let packaged = try #require(f.lines(for: .packaged(Self.artifact, seconds: 0.5)).first)
        #expect(packaged == #"{"event":"packaged","function":"ProductsList","artifact":{"function":"ProductsList","zipPath":"/p/target/kinetics-tui/artifacts/ProductsList.zip","size":205604,"sha256":"\#(Self.sha)","s3Key":"artifacts/ProductsList/\#(Self.sha).zip","bootstrapSize":403888},"seconds":0.500}"#)
    }
}
