import CNcurses
import Foundation

/// The real terminal, through wide-character ncurses. The only type in the console that calls ncurses.
///
/// It paints a ``ScreenBuffer`` by sending only the cells that changed since the previous one, reads keys and
/// the mouse wheel on the main actor when ``InputWatcher`` says input is waiting (no polling loop: an idle
/// console sleeps), turns SIGWINCH into ``TerminalEvent/resize(_:)`` and SIGTERM/SIGHUP into
/// ``TerminalEvent/terminate``, and gives the terminal back on ``shutdown()``, at exit and on a crash signal.
@MainActor
final class NcursesTerminal: Terminal {
    /// How to open the terminal. The defaults are the interactive console on standard input and output.
    struct Options: Sendable {
        /// terminfo name; `nil` takes `TERM`.
        var terminalType: String? = nil
        /// A file to paint into instead of standard output (off-screen use in tests).
        var outputPath: String? = nil
        /// A file to read from instead of standard input.
        var inputPath: String? = nil
        /// The environment `NO_COLOR`, `TERM` and the locale variables are read from.
        var environment: [String: String] = ProcessInfo.processInfo.environment
        /// Whether to watch input, relay signals and arm the crash restorer (the interactive console).
        var interactive = true
        /// Milliseconds ncurses waits after ESC for the rest of an escape sequence.
        var escapeDelay: Int32 = 25
    }

    private(set) var size: Size
    let supportsUnicode: Bool
    let supportsColor: Bool
    let events: AsyncStream<TerminalEvent>

    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let outputFile: UnsafeMutablePointer<FILE>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFD: Int32
    private let colorCount: Int
    private let interactive: Bool
    private var watcher: InputWatcher?
    private var previous: ScreenBuffer?
    private var pairs: [ColorPairKey: Int16] = [:]
    private var nextPair: Int16 = 1
    private var isShutDown = false

    init(options: Options = Options()) throws {
        Self.setLocale(environment: options.environment)
        supportsUnicode = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        interactive = options.interactive

        if options.outputPath == nil, isatty(STDOUT_FILENO) == 0 {
            throw TerminalError(code: .notATerminal, context: "standard output")
        }
        if options.inputPath == nil, options.interactive, isatty(STDIN_FILENO) == 0 {
            throw TerminalError(code: .notATerminal, context: "standard input")
        }
        guard let output = options.outputPath.map({ fopen($0, "w") }) ?? fdopen(dup(STDOUT_FILENO), "w") else {
            throw TerminalError(code: .cannotOpen, context: options.outputPath ?? "standard output")
        }
        guard let input = options.inputPath.map({ fopen($0, "r") }) ?? fdopen(dup(STDIN_FILENO), "r") else {
            fclose(output)
            throw TerminalError(code: .cannotOpen, context: options.inputPath ?? "standard input")
        }
        let type = options.terminalType ?? options.environment["TERM"] ?? "xterm-256color"
        if options.interactive { TerminalRestorer.arm(fd: STDOUT_FILENO) }
        guard let screen = newterm(type, output, input) else {
            fclose(output)
            fclose(input)
            TerminalRestorer.disarm()
            throw TerminalError(code: .unknownTerminalType, context: type)
        }
        if options.interactive { TerminalRestorer.rearm() }
        self.screen = screen
        _ = set_term(screen)
        window = kt_stdscr()
        outputFile = output
        inputFile = input
        outputFD = fileno(output)

        raw()
        noecho()
        nonl()
        _ = keypad(window, true)
        _ = nodelay(window, true)
        _ = leaveok(window, true)
        _ = curs_set(0)
        _ = set_escdelay(options.escapeDelay)

        let noColor = !(options.environment["NO_COLOR"] ?? "").isEmpty
        if has_colors(), !noColor {
            _ = start_color()
            _ = use_default_colors()
            colorCount = Int(kt_colors())
        } else {
            colorCount = 0
        }
        supportsColor = colorCount >= 8
        if options.interactive {
            _ = mousemask(kt_button4_pressed() | kt_button5_pressed(), nil)
            _ = mouseinterval(0)
        }

        size = Size(width: Int(kt_cols()), height: Int(kt_lines()))
        (events, continuation) = AsyncStream.makeStream(bufferingPolicy: .unbounded)

        if options.interactive, let relay = SignalRelay.install() {
            let watcher = InputWatcher(
                inputFD: fileno(input), signalFD: relay.read, stopFD: relay.write,
                onInput: { [weak self] in Task { @MainActor in self?.drainInput() } },
                onSignal: { [weak self] byte in Task { @MainActor in self?.handleSignal(byte) } }
            )
            self.watcher = watcher
            watcher.start()
        }
    }

    isolated deinit {
        shutdown()
    }

    // MARK: - Output

    func present(_ buffer: ScreenBuffer) {
        guard !isShutDown else { return }
        _ = set_term(screen)
        let rows = min(buffer.height, size.height), cols = min(buffer.width, size.width)
        let old = previous.flatMap { $0.size == buffer.size ? $0 : nil }
        for y in 0..<rows {
            for x in 0..<cols {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                if let old, old[x, y] == cell, cell.width == 1 || old[x + 1, y] == buffer[x + 1, y] { continue }
                paint(cell, x: x, y: y, lastColumn: cols - 1)
            }
        }
        previous = buffer
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    private func paint(_ cell: Cell, x: Int, y: Int, lastColumn: Int) {
        var text = cell.grapheme.unicodeScalars.prefix(Int(CCHARW_MAX)).map { wchar_t(bitPattern: $0.value) }
        if text.isEmpty || (cell.width == 2 && x == lastColumn) { text = [wchar_t(0x20)] }
        text.append(0)
        var attributes = attributes(for: cell.style.attributes)
        let pair = supportsColor ? pairNumber(for: cell.style, attributes: &attributes) : 0
        var value = cchar_t()
        _ = kt_setcchar(&value, text, attributes, pair)
        _ = mvwadd_wch(window, Int32(y), Int32(x), &value)
    }

    private func attributes(for set: Style.Attributes) -> attr_t {
        var value: attr_t = 0
        if set.contains(.bold) { value |= kt_attr_bold() }
        if set.contains(.dim) { value |= kt_attr_dim() }
        if set.contains(.reverse) { value |= kt_attr_reverse() }
        if set.contains(.underline) { value |= kt_attr_underline() }
        return value
    }

    private struct ColorPairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// The colour pair for a style, allocated on first use; bright foregrounds on 8-colour terminals turn bold.
    private func pairNumber(for style: Style, attributes: inout attr_t) -> Int16 {
        let fg = colorNumber(style.foreground, brightensWith: &attributes)
        var ignored: attr_t = 0
        let bg = colorNumber(style.background, brightensWith: &ignored)
        if fg == -1, bg == -1 { return 0 }
        let key = ColorPairKey(foreground: fg, background: bg)
        if let pair = pairs[key] { return pair }
        guard Int(nextPair) < Int(kt_color_pairs()) else { return 0 }
        let pair = nextPair
        nextPair += 1
        _ = init_pair(pair, fg, bg)
        pairs[key] = pair
        return pair
    }

    private func colorNumber(_ color: Color, brightensWith attributes: inout attr_t) -> Int16 {
        let mapped: Color
        if colorCount >= 256 {
            mapped = color
        } else if colorCount >= 16 {
            mapped = color.fallback16
        } else {
            if case .ansi(let n) = color.fallback16, n >= 8 { attributes |= kt_attr_bold() }
            mapped = color.fallback8
        }
        switch mapped {
        case .default: return -1
        case .ansi(let n), .indexed(let n): return Int16(n)
        }
    }

    // MARK: - Input

    /// Reads every key waiting (ncurses in no-delay mode), then lets the watcher poll again.
    private func drainInput() {
        defer { watcher?.resume() }
        guard !isShutDown else { return }
        _ = set_term(screen)
        var value: wint_t = 0
        while true {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            let event: TerminalEvent?
            if result == KEY_CODE_YES {
                let code = Int32(bitPattern: value)
                if code == kt_key_mouse() {
                    event = readMouse()
                } else {
                    event = Self.decode(keyCode: code).map(TerminalEvent.key)
                }
            } else {
                event = Self.decode(character: UInt32(value)).map(TerminalEvent.key)
            }
            if let event { continuation.yield(event) }
        }
    }

    private func readMouse() -> TerminalEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        return Self.decode(mouseState: event.bstate, x: Int(event.x), y: Int(event.y)).map(TerminalEvent.mouse)
    }

    private func handleSignal(_ byte: UInt8) {
        guard !isShutDown else { return }
        _ = set_term(screen)
        switch byte {
        case SignalRelay.resizeByte:
            var ws = winsize()
            if ioctl(outputFD, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0, ws.ws_col > 0 {
                _ = resizeterm(Int32(ws.ws_row), Int32(ws.ws_col))
            }
            size = Size(width: Int(kt_cols()), height: Int(kt_lines()))
            previous = nil
            _ = clearok(window, true)
            continuation.yield(.resize(size))
        case SignalRelay.interruptByte:
            continuation.yield(.interrupt)
        default:
            continuation.yield(.terminate)
        }
    }

    // MARK: - Shutdown

    func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        _ = set_term(screen)
        watcher?.stop()
        watcher = nil
        if interactive {
            SignalRelay.uninstall()
            _ = mousemask(0, nil)
        }
        _ = endwin()
        delscreen(screen)
        fclose(outputFile)
        fclose(inputFile)
        TerminalRestorer.disarm()
        continuation.finish()
    }

    /// `setlocale(LC_ALL, "")`; when no locale variable is set at all (common in containers), C.UTF-8, so a
    /// UTF-8 terminal is not mistaken for an ASCII one.
    private static func setLocale(environment: [String: String]) {
        let named = ["LC_ALL", "LC_CTYPE", "LANG"].contains { !(environment[$0] ?? "").isEmpty }
        if named {
            _ = setlocale(LC_ALL, "")
        } else if setlocale(LC_ALL, "C.UTF-8") == nil {
            _ = setlocale(LC_ALL, "")
        }
    }
}
