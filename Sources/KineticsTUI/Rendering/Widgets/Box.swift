/// A bordered panel with a title on its top edge and an optional note on the right of that edge.
enum Box {
    /// Draws the border of `rect` and clears its inside.
    /// - Returns: the inner rectangle, inside the border.
    @discardableResult
    static func draw(
        in rect: Rect,
        title: [Span] = [],
        note: [Span] = [],
        focused: Bool = false,
        borderStyle: Style? = nil,
        on buffer: inout ScreenBuffer,
        context: RenderContext
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return .zero }
        let g = context.glyphs
        let border = borderStyle ?? (focused ? context.theme.focusedBorder : context.theme.border)
        buffer.fill(rect)
        let horizontal = Character(g.horizontal), vertical = Character(g.vertical)
        buffer.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: horizontal, style: border)
        buffer.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: horizontal, style: border)
        buffer.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical, style: border)
        buffer.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: vertical, style: border)
        buffer.put(g.topLeft, x: rect.x, y: rect.y, style: border)
        buffer.put(g.topRight, x: rect.maxX - 1, y: rect.y, style: border)
        buffer.put(g.bottomLeft, x: rect.x, y: rect.maxY - 1, style: border)
        buffer.put(g.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, style: border)
        // Title and note sit on the top edge, each with a space either side: "╭─ Title ───── note ─╮".
        let edge = rect.width - 4
        var noteSpans = note.isEmpty ? [] : [Span(" ")] + note + [Span(" ")]
        var titleSpans = title.isEmpty ? [] : [Span(" ")] + title + [Span(" ")]
        if titleSpans.width + noteSpans.width > edge { noteSpans = [] }
        if titleSpans.width > edge { titleSpans = TextFit.truncate(titleSpans, to: edge, ellipsis: g.ellipsis) }
        if !titleSpans.isEmpty { buffer.put(titleSpans, x: rect.x + 2, y: rect.y) }
        if !noteSpans.isEmpty { buffer.put(noteSpans, x: rect.maxX - 2 - noteSpans.width, y: rect.y) }
        return rect.inset(by: 1)
    }
}
