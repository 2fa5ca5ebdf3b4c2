/// `?`: the keys of the current screen and the keys that work everywhere, in a box over the screen.
enum HelpOverlay {
    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let sections = KeyHelp.sections(state, context.glyphs)
        let keyWidth = 14
        var lines: [[Span]] = []
        for (i, section) in sections.enumerated() {
            if i > 0 { lines.append([]) }
            lines.append([Span(section.title.uppercased(), t.columnHeader)])
            for hint in section.keys {
                lines.append([Span(TextFit.pad(hint.key, to: keyWidth), t.key), Span(hint.label)])
            }
        }
        let screen = Chrome.body(state.size)
        let width = min(screen.width - 2, max(48, (lines.map(\.width).max() ?? 0) + 4))
        let rect = screen.centered(width: width, height: min(screen.height, lines.count + 2))
        let inner = Box.draw(in: rect, title: [Span("Keys", t.title), Span(" \(state.screen.title)", t.dim)],
                             note: [Span("Esc", t.key), Span(" close", t.dim)], focused: true, on: &buffer, context: context)
            .inset(left: 1, right: 1)
        ProjectView.drawLines(lines.map { TextFit.truncate($0, to: inner.width, ellipsis: context.glyphs.ellipsis) },
                              in: inner, on: &buffer)
    }
}
