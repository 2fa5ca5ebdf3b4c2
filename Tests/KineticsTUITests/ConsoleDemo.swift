import Foundation
import Testing

@testable import KineticsTUI

/// The real console (ncurses, run loop) on the sample project with a scripted deploy, for trying it by hand:
///
///     tmux new-session -d -x 80 -y 24 'KT_CONSOLE_DEMO=1 .build/debug/kinetics-tuiPackageTests.xctest \
///         --testing-library swift-testing --filter ConsoleDemo'
///
/// `KT_CONSOLE_DEMO_EVENTS=N` plays N stack events; `KT_CONSOLE_DEMO_SUCCEED=1` makes the deploy succeed.
@MainActor
@Suite("Console demo (only with KT_CONSOLE_DEMO=1)")
struct ConsoleDemo {
    nonisolated static var environment: [String: String] { ProcessInfo.processInfo.environment }

    @Test("runs the console on the sample project until q", .enabled(if: environment["KT_CONSOLE_DEMO"] == "1"))
    func run() async throws {
        let terminal = try NcursesTerminal()
        let handler = DemoEffectHandler(
            eventCount: Int(Self.environment["KT_CONSOLE_DEMO_EVENTS"] ?? "") ?? 40,
            failing: Self.environment["KT_CONSOLE_DEMO_SUCCEED"] != "1")
        await ConsoleApp(terminal: terminal, effects: handler, header: Sample.header).run()
    }
}
