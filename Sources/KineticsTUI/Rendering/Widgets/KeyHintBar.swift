/// The one-line bar of key hints at the bottom of every screen: as many hints as fit, then the `trailing` ones
/// (quit and help), which always show.
enum KeyHintBar {
    static func draw(
        _ hints: [KeyHint],
        trailing: [KeyHint] = [KeyHint("q", "quit"), KeyHint("?", "help")],
        in rect: Rect,
        on buffer: inout ScreenBuffer,
        context: RenderContext
    ) {
        guard !rect.isEmpty else { return }
        let theme = context.theme
        buffer.fill(rect.row(0))
        let trailingWidth = width(of: trailing)
        var x = rect.x + 1
        var shown: [KeyHint] = []
        var used = trailingWidth
        for hint in hints {
            let w = width(of: [hint])
            if used + w > rect.width - 1 { break }
            shown.append(hint)
            used += w
        }
        for hint in shown + trailing {
            x = buffer.put(hint.key, x: x, y: rect.y, style: theme.key, clip: rect)
            x = buffer.put(" " + hint.label, x: x, y: rect.y, style: theme.keyLabel, clip: rect)
            x += 2
        }
    }

    private static func width(of hints: [KeyHint]) -> Int {
        hints.reduce(0) { $0 + DisplayWidth.of($1.key) + 1 + DisplayWidth.of($1.label) + 2 }
    }
}
