/// What the console shows when the terminal is below ``AppState/minimumSize``: the sizes, and how to leave.
enum TooSmallView {
    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let need = AppState.minimumSize
        let lines: [[Span]] = [
            [Span("Terminal too small", t.failure)],
            [Span("\(state.size.width)x\(state.size.height)", t.bold), Span(" - needs \(need.width)x\(need.height)", t.dim)],
            [Span("Enlarge the window, or press ", t.dim), Span("q", t.key), Span(" to quit", t.dim)],
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let fitted = TextFit.truncate(line, to: buffer.width, ellipsis: context.glyphs.ellipsis)
            buffer.put(fitted, x: max(0, (buffer.width - fitted.width) / 2), y: top + i)
        }
    }
}
