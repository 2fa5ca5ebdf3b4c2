/// What a terminal reports: keys, mouse wheel and clicks, size changes, and signals that end the console.
enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// SIGINT from outside (`kill -INT`); in the UI, Ctrl-C arrives as `.key(.ctrl("c"))`.
    case interrupt
    /// SIGTERM or SIGHUP: the console must restore the terminal and exit.
    case terminate
}
