/// Why the console could not take over the terminal.
struct TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: String, Sendable, Hashable {
        /// Standard input or output is not a terminal (piped, redirected, CI).
        case notATerminal = "not-a-terminal"
        /// terminfo has no entry for `TERM`.
        case unknownTerminalType = "unknown-terminal-type"
        /// A file given for off-screen output or input could not be opened.
        case cannotOpen = "cannot-open"
    }

    var code: Code
    /// The terminal type or path concerned.
    var context: String

    var description: String {
        switch code {
        case .notATerminal:
            return "The console needs a terminal, but \(context) is not one. Run it in a terminal, "
                + "or use the headless commands (for example `kinetics-tui deploy --plain`) in scripts and CI."
        case .unknownTerminalType:
            return "The terminal type \"\(context)\" is not known to terminfo. Set TERM to a known type "
                + "such as xterm-256color, or install the ncurses-term package."
        case .cannotOpen:
            return "Could not open \(context) for the terminal."
        }
    }
}
