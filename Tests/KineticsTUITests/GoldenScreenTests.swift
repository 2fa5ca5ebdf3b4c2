import Foundation
import Testing

@testable import KineticsTUI

/// Every screen drawn from scripted states at 80×24 and 160×48, compared with text goldens in `Goldens/`.
/// Regenerate with `KT_UPDATE_GOLDENS=1 swift test --skip-build --filter GoldenScreenTests`.
@Suite("Screens match their goldens")
struct GoldenScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 160, height: 48)]
    static let context = RenderContext(glyphs: .unicode, theme: .color, timeZone: TimeZone(identifier: "UTC")!)

    typealias Scenario = @Sendable (Size) -> Script

    static let scenarios: [(String, Scenario)] = [
        ("project", { Script.project($0) }),
        ("project-filter", { size in
            var s = Script.project(size)
            s.type("/orders")
            return s
        }),
        ("project-secret", { size in
            var s = Script.project(size)
            s.press(.char("G"), .char("k"))
            return s
        }),
        ("project-loading", { size in Script(size: size) }),
        ("deploy-idle", { size in
            var s = Script.project(size)
            s.press(.char("2"))
            return s
        }),
        ("deploy-building", { Script.deployBuilding($0) }),
        ("deploy-changeset", { Script.deployChangeSet($0) }),
        ("deploy-executing", { Script.deployExecuting($0) }),
        ("deploy-failed", { Script.deployFailed($0) }),
        ("deploy-succeeded", { Script.deploySucceeded($0) }),
        ("deploy-interrupt", { size in
            var s = Script.deployExecuting(size)
            s.press(.ctrl("c"))
            return s
        }),
        ("history", { Script.history($0) }),
        ("history-background-deploy", { size in
            var s = Script.deployExecuting(size)
            s.press(.char("3"))
            s.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
            return s
        }),
        ("history-detached", { Script.historyDetached($0) }),
        ("history-help", { size in
            var s = Script.historyDetached(size)
            s.press(.char("?"))
            return s
        }),
        ("deploy-attached", { Script.deployAttached($0) }),
        ("session", { Script.session($0) }),
        ("compare", { Script.compare($0) }),
        ("compare-empty", { size in
            var s = Script.project(size)
            s.press(.char("4"))
            return s
        }),
        ("help-deploy", { size in
            var s = Script.deployExecuting(size)
            s.press(.char("?"))
            return s
        }),
        ("destroy-confirm", { size in
            var s = Script.project(size)
            s.press(.char("D"))
            return s
        }),
    ]

    static let cases: [(String, Size)] = scenarios.flatMap { name, _ in sizes.map { (name, $0) } }

    @Test("every screen at 80×24 and 160×48", arguments: cases)
    func screen(name: String, size: Size) throws {
        let scenario = try #require(Self.scenarios.first { $0.0 == name }?.1)
        let buffer = RootView.render(scenario(size).state, context: Self.context)
        Golden.check("\(name)-\(size.width)x\(size.height)", buffer.text())
    }

    @Test("the smallest supported terminal still lays out every screen", arguments: scenarios.map(\.0))
    func minimum(name: String) throws {
        let scenario = try #require(Self.scenarios.first { $0.0 == name }?.1)
        let state = scenario(AppState.minimumSize).state
        #expect(!state.isTooSmall)
        let text = RootView.render(state, context: Self.context).text()
        #expect(!text.contains("Terminal too small"))
        Golden.check("\(name)-60x16", text)
    }

    @Test("below the minimum size the too-small screen says what is needed")
    func tooSmall() {
        let state = Script.deployExecuting(Size(width: 50, height: 12)).state
        #expect(state.isTooSmall)
        let text = RootView.render(state, context: Self.context).text()
        #expect(text.contains("Terminal too small"))
        #expect(text.contains("50x12"))
        Golden.check("too-small-50x12", text)
    }

    @Test("NO_COLOR draws the failed deploy with attributes only and the same symbols")
    func noColor() {
        let state = Script.deployFailed().state
        let mono = RenderContext(glyphs: .unicode, theme: .monochrome, timeZone: TimeZone(identifier: "UTC")!)
        let buffer = RootView.render(state, context: mono)
        let dump = buffer.styledDump()
        #expect(!dump.contains("fg="))
        #expect(!dump.contains("bg="))
        #expect(buffer.text() == RootView.render(state, context: Self.context).text())
        Golden.check("deploy-failed-nocolor-styles", dump)
    }

    @Test("a terminal without a UTF-8 locale gets ASCII borders and marks")
    func ascii() {
        let ascii = RenderContext(glyphs: .ascii, theme: .color, timeZone: TimeZone(identifier: "UTC")!)
        let text = RootView.render(Script.deployFailed().state, context: ascii).text()
        let allASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
        Golden.check("deploy-failed-ascii-80x24", text)
    }

    @Test("colour styles mark statuses with colour and symbol")
    func colourStyles() {
        let dump = RootView.render(Script.deployFailed().state, context: Self.context).styledDump()
        Golden.check("deploy-failed-color-styles", dump)
    }
}
