import Foundation

/// A thread that sleeps in `poll` until the terminal has input or a relayed signal arrives, and reports it.
///
/// It never reads the terminal itself (ncurses does, on the main actor): after ``onInput`` it waits until
/// ``resume()`` says the input was drained, so an idle console uses no CPU and input is never read twice.
final class InputWatcher: @unchecked Sendable {
    private let inputFD: Int32
    private let signalFD: Int32
    private let stopFD: Int32
    private let onInput: @Sendable () -> Void
    private let onSignal: @Sendable (UInt8) -> Void
    private let drained = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    /// - Parameters:
    ///   - inputFD: the terminal's input.
    ///   - signalFD: the read end of the ``SignalRelay`` pipe.
    ///   - stopFD: its write end, used by ``stop()`` to wake the thread.
    init(
        inputFD: Int32,
        signalFD: Int32,
        stopFD: Int32,
        onInput: @escaping @Sendable () -> Void,
        onSignal: @escaping @Sendable (UInt8) -> Void
    ) {
        self.inputFD = inputFD
        self.signalFD = signalFD
        self.stopFD = stopFD
        self.onInput = onInput
        self.onSignal = onSignal
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "kinetics-tui input"
        self.thread = thread
        thread.start()
    }

    /// Called after the reported input has been read, so the thread may poll again.
    func resume() {
        drained.signal()
    }

    /// Ends the thread; it reports nothing after this returns.
    func stop() {
        lock.withLock { stopped = true }
        var byte = SignalRelay.stopByte
        _ = write(stopFD, &byte, 1)
        drained.signal()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func run() {
        var watchInput = true
        while !isStopped {
            var fds = [
                pollfd(fd: watchInput ? inputFD : -1, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents & Int16(POLLIN) != 0, !drainSignals() { return }
            if isStopped { return }
            let inputEvents = fds[0].revents
            if inputEvents & Int16(POLLIN) != 0 {
                onInput()
                drained.wait()
            } else if inputEvents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away: stop watching it and end like a hang-up.
                watchInput = false
                onSignal(SignalRelay.terminateByte)
            }
        }
    }

    /// Reads every pending byte of the signal pipe; false when the stop byte was among them.
    private func drainSignals() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(signalFD, &buffer, buffer.count)
            if n <= 0 { return true }
            for byte in buffer.prefix(n) {
                if byte == SignalRelay.stopByte {
                    if isStopped { return false }
                    continue
                }
                onSignal(byte)
            }
        }
    }
}
