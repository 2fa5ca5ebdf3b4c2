import Foundation

/// Puts the terminal back as it was when the process dies from a crash signal or exits without
/// ``NcursesTerminal/shutdown()``: leaves the alternate screen, shows the cursor, turns mouse reporting off and
/// restores the saved termios, using only async-signal-safe calls.
///
/// The state the handlers read lives in raw memory allocated before any handler is installed, so a handler never
/// runs Swift runtime code (no lazy globals, no allocation).
enum TerminalRestorer {
    /// Signals that end the process abnormally: Swift traps (SIGILL, SIGTRAP), aborts, memory faults.
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the termios of `fd` and installs the crash handlers. Called once, before ncurses changes the terminal.
    static func arm(fd: Int32) {
        guard restoreState == nil else { return }
        let state = UnsafeMutablePointer<RestoreState>.allocate(capacity: 1)
        state.initialize(to: RestoreState())
        state.pointee.fd = fd
        state.pointee.hasTermios = tcgetattr(fd, &state.pointee.termios) == 0 ? 1 : 0
        let sequence = Array(resetSequence.utf8)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: sequence.count)
        bytes.initialize(from: sequence, count: sequence.count)
        state.pointee.sequence = UnsafePointer(bytes)
        state.pointee.sequenceLength = sequence.count
        state.pointee.armed = 1
        restoreState = state
        for signal in crashSignals {
            _ = Foundation.signal(signal, crashHandler)
        }
        atexit(exitHandler)
    }

    /// Marks the terminal as restored, so the exit and crash handlers leave it alone.
    static func disarm() {
        guard let state = restoreState else { return }
        state.pointee.armed = 0
        for signal in crashSignals {
            _ = Foundation.signal(signal, SIG_DFL)
        }
    }

    /// Re-arms after a clean shutdown was undone (the console started again in the same process).
    static func rearm() {
        guard let state = restoreState else { return }
        state.pointee.armed = 1
        for signal in crashSignals {
            _ = Foundation.signal(signal, crashHandler)
        }
    }

    /// Writes the reset sequence and restores termios if still armed. Async-signal-safe.
    static func restoreNow() {
        guard let state = restoreState, state.pointee.armed == 1 else { return }
        state.pointee.armed = 0
        _ = write(state.pointee.fd, state.pointee.sequence, state.pointee.sequenceLength)
        if state.pointee.hasTermios == 1 {
            _ = tcsetattr(state.pointee.fd, TCSAFLUSH, &state.pointee.termios)
        }
    }

    /// Mouse reporting off, normal screen, cursor visible, attributes reset, cursor to a new line.
    private static let resetSequence = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1049l\u{1B}[?25h\u{1B}[0m\r\n"
}

/// What the handlers need, in memory that is never freed or moved.
private struct RestoreState {
    var fd: Int32 = 1
    var armed: Int32 = 0
    var hasTermios: Int32 = 0
    var termios = Glibc.termios()
    var sequence: UnsafePointer<UInt8>? = nil
    var sequenceLength = 0
}

nonisolated(unsafe) private var restoreState: UnsafeMutablePointer<RestoreState>? = nil

private func crashHandler(_ signal: Int32) {
    TerminalRestorer.restoreNow()
    _ = Foundation.signal(signal, SIG_DFL)
    _ = raise(signal)
}

private func exitHandler() {
    TerminalRestorer.restoreNow()
}
