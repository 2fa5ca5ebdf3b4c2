import Foundation

/// What views need to know about the terminal they draw for: its symbol set, its styles and the time zone
/// that clock times are shown in.
struct RenderContext: Sendable {
    var glyphs: Glyphs
    var theme: Theme
    var timeZone: TimeZone

    init(glyphs: Glyphs = .unicode, theme: Theme = .color, timeZone: TimeZone = .current) {
        self.glyphs = glyphs
        self.theme = theme
        self.timeZone = timeZone
    }

    /// Unicode symbols when the locale's character set is UTF-8, colour unless `NO_COLOR` is set (to anything)
    /// or the terminal has no colours.
    static func forEnvironment(unicode: Bool, color: Bool, timeZone: TimeZone = .current) -> RenderContext {
        RenderContext(glyphs: unicode ? .unicode : .ascii, theme: color ? .color : .monochrome, timeZone: timeZone)
    }
}
