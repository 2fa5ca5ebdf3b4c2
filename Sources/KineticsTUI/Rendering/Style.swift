/// How one cell looks: foreground, background and text attributes.
struct Style: Hashable, Sendable {
    /// Text attributes; terminals without colour still show all of them.
    struct Attributes: OptionSet, Hashable, Sendable {
        let rawValue: UInt8

        static let bold = Attributes(rawValue: 1 << 0)
        static let dim = Attributes(rawValue: 1 << 1)
        static let reverse = Attributes(rawValue: 1 << 2)
        static let underline = Attributes(rawValue: 1 << 3)
    }

    var foreground: Color
    var background: Color
    var attributes: Attributes

    init(fg foreground: Color = .default, bg background: Color = .default, _ attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    static let plain = Style()

    func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    func removing(_ attrs: Attributes) -> Style {
        var copy = self
        copy.attributes.subtract(attrs)
        return copy
    }

    func with(fg: Color) -> Style {
        var copy = self
        copy.foreground = fg
        return copy
    }

    /// `fg=red bg=default bold` style description for styled dumps; empty for the plain style.
    var dumpDescription: String {
        var parts: [String] = []
        if foreground != .default { parts.append("fg=\(foreground.dumpName)") }
        if background != .default { parts.append("bg=\(background.dumpName)") }
        if attributes.contains(.bold) { parts.append("bold") }
        if attributes.contains(.dim) { parts.append("dim") }
        if attributes.contains(.reverse) { parts.append("reverse") }
        if attributes.contains(.underline) { parts.append("underline") }
        return parts.joined(separator: " ")
    }
}
