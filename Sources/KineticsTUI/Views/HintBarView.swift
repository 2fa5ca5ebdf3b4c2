/// The bottom line: the filter being typed, a notice, or the key hints of the current screen.
enum HintBarView {
    static func draw(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        buffer.fill(rect)
        if state.isEditingFilter {
            let filter = state.screen == .history ? state.history.filter : state.project.filter
            var x = buffer.put(" /", x: rect.x, y: rect.y, style: t.key, clip: rect)
            x = buffer.put(filter, x: x, y: rect.y, style: t.bold, clip: rect)
            x = buffer.put(" ", x: x, y: rect.y, style: t.selection, clip: rect)
            let hints = Rect(x: x + 2, y: rect.y, width: rect.maxX - x - 2, height: 1)
            KeyHintBar.draw(KeyHelp.bar(state, context.glyphs), trailing: [], in: hints, on: &buffer, context: context)
            return
        }
        if let notice = state.notice {
            let style = notice.kind == .error ? t.errorNotice : t.notice
            let mark = notice.kind == .error ? context.glyphs.failed : context.glyphs.note
            let text = TextFit.truncate(" \(mark) \(notice.text)", to: rect.width, ellipsis: context.glyphs.ellipsis)
            buffer.put(text, x: rect.x, y: rect.y, style: style, clip: rect)
            return
        }
        KeyHintBar.draw(KeyHelp.bar(state, context.glyphs), in: rect, on: &buffer, context: context)
    }
}
