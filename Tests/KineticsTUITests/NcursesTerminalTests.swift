import CNcurses
import Foundation
import Testing

@testable import KineticsTUI

/// The real ncurses terminal, painting into a file through an off-screen `newterm`.
@MainActor
@Suite("NcursesTerminal paints buffers and decodes keys")
struct NcursesTerminalTests {
    func offScreen(_ environment: [String: String] = [:]) throws -> (NcursesTerminal, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kt-terminal-\(UUID().uuidString).out")
        var options = NcursesTerminal.Options()
        options.terminalType = "xterm-256color"
        options.outputPath = output.path
        options.inputPath = "/dev/null"
        options.interactive = false
        options.environment = ["LANG": "C.UTF-8", "TERM": "xterm-256color"].merging(environment) { $1 }
        return (try NcursesTerminal(options: options), output)
    }

    func written(_ url: URL) -> String {
        (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    @Test("a buffer with wide characters and colours reaches the terminal as UTF-8 and colour sequences")
    func paints() throws {
        let (terminal, output) = try offScreen()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(terminal.supportsUnicode)
        #expect(terminal.supportsColor)
        var buffer = ScreenBuffer(size: terminal.size)
        buffer.put("✓ deployed 漢字", x: 2, y: 3, style: Style(fg: .green, .bold))
        buffer.put(" LOCAL ", x: 0, y: 0, style: Theme.color.localBadge)
        terminal.present(buffer)
        terminal.shutdown()
        let text = written(output)
        #expect(text.contains("✓ deployed 漢字"))
        #expect(text.contains("\u{1B}[32m") || text.contains("38;5;2m"))
        #expect(text.contains("LOCAL"))
    }

    @Test("a second frame sends only what changed")
    func diff() throws {
        let (terminal, output) = try offScreen()
        defer { try? FileManager.default.removeItem(at: output) }
        var buffer = ScreenBuffer(size: terminal.size)
        for y in 0..<buffer.height { buffer.put(String(repeating: "x", count: buffer.width), x: 0, y: y) }
        terminal.present(buffer)
        let first = written(output).utf8.count
        terminal.present(buffer)
        let unchanged = written(output).utf8.count - first
        buffer.put("y", x: 10, y: 5)
        terminal.present(buffer)
        let oneCell = written(output).utf8.count - first - unchanged
        terminal.shutdown()
        #expect(first > buffer.width * buffer.height)
        #expect(unchanged < 16)
        #expect(oneCell > 0 && oneCell < 32)
    }

    @Test("NO_COLOR turns colours off but keeps bold, reverse and the symbols")
    func noColor() throws {
        let (terminal, output) = try offScreen(["NO_COLOR": "1"])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(!terminal.supportsColor)
        var buffer = ScreenBuffer(size: terminal.size)
        buffer.put("✗ failed", x: 0, y: 1, style: Style(fg: .red, .bold))
        terminal.present(buffer)
        terminal.shutdown()
        let text = written(output)
        #expect(text.contains("✗ failed"))
        #expect(!text.contains("\u{1B}[31m"))
        #expect(!text.contains("38;5;"))
        #expect(text.contains("\u{1B}[1m") || text.contains(";1m"))
    }

    @Test("an unknown terminal type is a typed error that says what to do")
    func unknownType() {
        var options = NcursesTerminal.Options()
        options.terminalType = "no-such-terminal-kt"
        options.outputPath = "/dev/null"
        options.inputPath = "/dev/null"
        options.interactive = false
        #expect(throws: TerminalError(code: .unknownTerminalType, context: "no-such-terminal-kt")) {
            try NcursesTerminal(options: options)
        }
    }

    @Test("characters decode into keys, Ctrl-C included", arguments: [
        (UInt32(3), Key.ctrl("c")), (9, .tab), (10, .enter), (13, .enter), (27, .escape), (127, .backspace),
        (8, .backspace), (UInt32(UInt8(ascii: "j")), .char("j")), (0xE9, .char("é")), (0x6F22, .char("漢")),
    ])
    func characters(value: UInt32, key: Key) {
        #expect(NcursesTerminal.decode(character: value) == key)
    }

    @Test("C1 controls and NUL are dropped")
    func controlsDropped() {
        #expect(NcursesTerminal.decode(character: 0) == nil)
        #expect(NcursesTerminal.decode(character: 0x9B) == nil)
        #expect(NcursesTerminal.decode(character: 0x1C) == nil)
    }

    @Test("key codes decode into navigation keys", arguments: [
        (KEY_UP, Key.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_PPAGE, .pageUp),
        (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end), (KEY_BTAB, .backTab), (KEY_ENTER, .enter),
        (KEY_DC, .delete), (KEY_BACKSPACE, .backspace), (KEY_F0 + 5, .function(5)),
    ])
    func keyCodes(code: Int32, key: Key) {
        #expect(NcursesTerminal.decode(keyCode: code) == key)
    }

    @Test("the mouse wheel decodes into wheel events")
    func wheel() {
        #expect(NcursesTerminal.decode(mouseState: kt_button4_pressed(), x: 3, y: 4) == MouseEvent(kind: .wheelUp, x: 3, y: 4))
        #expect(NcursesTerminal.decode(mouseState: kt_button5_pressed(), x: 0, y: 0)?.kind == .wheelDown)
        #expect(NcursesTerminal.decode(mouseState: 0, x: 0, y: 0) == nil)
    }
}
