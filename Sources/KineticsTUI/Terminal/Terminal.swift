/// Where the console draws and reads from. ``NcursesTerminal`` is the real one; tests use a recording fake.
@MainActor
protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Whether the terminal's locale is UTF-8 (else the console draws with ASCII symbols).
    var supportsUnicode: Bool { get }
    /// Whether colours may be used: the terminal has them and `NO_COLOR` is not set.
    var supportsColor: Bool { get }
    /// Input events, from when the terminal started until ``shutdown()``.
    var events: AsyncStream<TerminalEvent> { get }
    /// Shows `buffer`, sending only the cells that changed since the last one.
    func present(_ buffer: ScreenBuffer)
    /// Gives the terminal back as it was found. Safe to call more than once.
    func shutdown()
}
