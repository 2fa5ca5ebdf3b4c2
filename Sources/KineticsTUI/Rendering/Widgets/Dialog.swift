/// A modal box centred on the screen: a title, a few lines of text and a row of choices, one selected.
enum Dialog {
    /// Draws the dialog over whatever is in `screen`.
    /// - Returns: the rectangle the dialog took.
    @discardableResult
    static func draw(
        title: String,
        lines: [[Span]],
        choices: [KeyHint],
        selected: Int,
        in screen: Rect,
        on buffer: inout ScreenBuffer,
        context: RenderContext
    ) -> Rect {
        let theme = context.theme
        let wrapWidth = min(64, screen.width - 6)
        let lines = lines.flatMap { line -> [[Span]] in
            guard line.count == 1, line.width > wrapWidth else { return [line] }
            return TextFit.wrap(line[0].text, width: wrapWidth, ellipsis: context.glyphs.ellipsis).map { [Span($0, line[0].style)] }
        }
        let buttonWidths = choices.map { DisplayWidth.of($0.key) + DisplayWidth.of($0.label) + 5 }
        let buttonsWidth = buttonWidths.reduce(0, +) + max(0, choices.count - 1)
        let textWidth = lines.map(\.width).max() ?? 0
        let inner = min(screen.width - 4, max(buttonsWidth, textWidth, DisplayWidth.of(title) + 4))
        // Border, a blank line above the text, the text, and a blank line and the buttons when there are any.
        let height = min(screen.height, lines.count + 3 + (choices.isEmpty ? 0 : 2))
        let rect = screen.centered(width: inner + 4, height: height)
        let body = Box.draw(in: rect, title: [Span(title, theme.title)], focused: true, on: &buffer, context: context)
            .inset(left: 1, right: 1)
        for (i, line) in lines.enumerated() where i < body.height {
            buffer.put(TextFit.truncate(line, to: body.width, ellipsis: context.glyphs.ellipsis),
                       x: body.x, y: body.y + 1 + i, clip: body)
        }
        guard !choices.isEmpty else { return rect }
        let stacked = buttonsWidth > body.width
        var x = body.x + max(0, (body.width - buttonsWidth) / 2)
        let y = body.maxY - 1
        for (i, choice) in choices.enumerated() {
            let style = i == selected ? theme.selection.adding(.bold) : theme.text
            let text = stacked ? " \(choice.key) " : "[ \(choice.key) \(choice.label) ]"
            buffer.put(text, x: x, y: y, style: style, clip: body)
            if i != selected, !stacked {
                buffer.put(choice.key, x: x + 2, y: y, style: theme.key, clip: body)
            }
            x += DisplayWidth.of(text) + 1
        }
        return rect
    }
}
