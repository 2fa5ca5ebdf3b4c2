import CNcurses
import Foundation
import Testing

/// On the main actor, like every other use of ncurses, so it never runs beside another screen.
@MainActor
@Suite("ncursesw is linked in wide-character mode")
struct NcursesSmokeTests {
    @Test("an off-screen newterm draws a wide character and reads it back")
    func offScreenTerminal() throws {
        setlocale(LC_ALL, "C.UTF-8")
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let screen = try #require(newterm("xterm-256color", output, input))
        defer { delscreen(screen) }
        _ = set_term(screen)
        let window = try #require(kt_stdscr())
        #expect(kt_lines() > 0 && kt_cols() > 0)

        var cell = cchar_t()
        let text: [wchar_t] = [wchar_t(UnicodeScalar("✓").value), 0]
        #expect(kt_setcchar(&cell, text, 0, 0) == OK)
        #expect(mvwadd_wch(window, 0, 0, &cell) == OK)

        var back = cchar_t()
        #expect(mvwin_wch(window, 0, 0, &back) == OK)
        var chars = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        #expect(getcchar(&back, &chars, &attrs, &pair, nil) == OK)
        #expect(chars[0] == wchar_t(UnicodeScalar("✓").value))
        endwin()
    }
}
