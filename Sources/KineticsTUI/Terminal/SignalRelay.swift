import Foundation

/// Turns the signals the console cares about (resize, terminate, hang-up, interrupt) into bytes on a pipe,
/// so a thread blocked in `poll` wakes up for them; the handlers do nothing but `write` one byte.
enum SignalRelay {
    /// The signals relayed.
    static let relayed: [Int32] = [SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    /// The byte SIGWINCH becomes on the pipe.
    static let resizeByte = UInt8(ascii: "W")
    /// The byte SIGINT becomes.
    static let interruptByte = UInt8(ascii: "I")
    /// The byte SIGTERM, SIGHUP and SIGQUIT become.
    static let terminateByte = UInt8(ascii: "T")

    /// The byte ``InputWatcher/stop()`` writes to end the watcher thread.
    static let stopByte = UInt8(ascii: "Q")

    /// Creates the pipe (once) and installs the handlers. Returns the read and write ends.
    static func install() -> (read: Int32, write: Int32)? {
        if relayPipe.read < 0 {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else { return nil }
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            relayPipe = (fds[0], fds[1])
        }
        for signal in relayed {
            _ = Foundation.signal(signal, relayHandler)
        }
        return relayPipe
    }

    /// Gives the signals back their default actions.
    static func uninstall() {
        for signal in relayed {
            _ = Foundation.signal(signal, SIG_DFL)
        }
    }
}

nonisolated(unsafe) private var relayPipe: (read: Int32, write: Int32) = (-1, -1)

private func relayHandler(_ signal: Int32) {
    var byte: UInt8
    switch signal {
    case SIGWINCH: byte = 0x57  // "W", SignalRelay.resizeByte
    case SIGINT: byte = 0x49  // "I", SignalRelay.interruptByte
    default: byte = 0x54  // "T", SignalRelay.terminateByte
    }
    let saved = errno
    _ = write(relayPipe.write, &byte, 1)
    errno = saved
}
