/// A terminal colour: the terminal's own default, one of the 16 ANSI colours, or an entry of the 256-colour cube.
///
/// Views pick colours from ``Theme``; ``NcursesTerminal`` maps them down to what the terminal can show
/// (``fallback16`` on 16-colour terminals, ``fallback8`` on 8-colour ones).
enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background, so the console looks right on dark and light themes.
    case `default`
    /// ANSI colours 0...15 (0-7 normal, 8-15 bright).
    case ansi(UInt8)
    /// xterm-256 colours 16...255.
    case indexed(UInt8)

    static let black = Color.ansi(0)
    static let red = Color.ansi(1)
    static let green = Color.ansi(2)
    static let yellow = Color.ansi(3)
    static let blue = Color.ansi(4)
    static let magenta = Color.ansi(5)
    static let cyan = Color.ansi(6)
    static let white = Color.ansi(7)
    static let gray = Color.ansi(8)
    static let brightWhite = Color.ansi(15)

    /// The nearest of the 16 ANSI colours.
    var fallback16: Color {
        switch self {
        case .default, .ansi: return self
        case .indexed(let n) where n < 16: return .ansi(n)
        case .indexed(let n) where n >= 232:
            // Grey ramp 232...255.
            let level = Int(n) - 232
            return level < 6 ? .black : level < 14 ? .gray : level < 20 ? .white : .brightWhite
        case .indexed(let n):
            let cube = Int(n) - 16
            let r = cube / 36, g = (cube / 6) % 6, b = cube % 6
            let bright = max(r, g, b) >= 4
            let bits = (r >= 2 ? 1 : 0) | (g >= 2 ? 2 : 0) | (b >= 2 ? 4 : 0)
            if bits == 0 { return bright ? .gray : .black }
            return .ansi(UInt8(bits + (bright && bits != 7 ? 8 : 0)))
        }
    }

    /// The nearest of the 8 basic colours.
    var fallback8: Color {
        switch fallback16 {
        case .ansi(let n) where n == 8: return .white
        case .ansi(let n) where n > 8: return .ansi(n - 8)
        case let other: return other
        }
    }

    /// A short name for styled dumps: `default`, `red`, `bright-blue`, `#123`.
    var dumpName: String {
        switch self {
        case .default: return "default"
        case .ansi(let n):
            let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
            if n == 8 { return "gray" }
            return n < 8 ? names[Int(n)] : "bright-" + names[Int(n % 8)]
        case .indexed(let n): return "#\(n)"
        }
    }
}
