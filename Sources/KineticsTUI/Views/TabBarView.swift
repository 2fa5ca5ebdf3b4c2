/// The tab line under the header: the screens (current one highlighted) and, on the right, the state of a
/// deploy, so a deploy running in the background is always in sight.
enum TabBarView {
    static func draw(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        buffer.fill(rect)
        var x = rect.x
        for (screen, range) in tabColumns() {
            let active = screen == state.screen
            x = buffer.put(label(screen), x: range.lowerBound, y: rect.y,
                           style: active ? t.tabActive.adding(.reverse) : t.tabInactive, clip: rect)
        }
        let status = deployStatus(state, context)
        guard !status.isEmpty, x + status.width + 2 <= rect.maxX else { return }
        buffer.put(status, x: rect.maxX - 1 - status.width, y: rect.y, clip: rect)
    }

    private static func label(_ screen: Screen) -> String { " \(screen.rawValue + 1) \(screen.title) " }

    /// The columns each tab takes on the tab line.
    static func tabColumns() -> [(Screen, Range<Int>)] {
        var x = 1
        return Screen.allCases.map { screen in
            let width = DisplayWidth.of(label(screen))
            defer { x += width + 1 }
            return (screen, x..<(x + width))
        }
    }

    /// The tab under a column of the tab line, for mouse clicks.
    static func screen(atColumn x: Int) -> Screen? {
        tabColumns().first { $0.1.contains(x) }?.0
    }

    /// `⠋ deploying shop-dev 3/7 · 00:42`, `✓ deployed in 1m12s`, `✗ deploy failed`…
    static func deployStatus(_ state: AppState, _ context: RenderContext) -> [Span] {
        let deploy = state.deploy
        let t = context.theme, g = context.glyphs
        let verb = deploy.kind == .deploy ? "deploy" : "destroy"
        let elapsed = deploy.elapsed(now: state.now).map(Format.clock) ?? ""
        let spinner = Span(g.spinner[StatusMarks.spinnerFrame(state) % g.spinner.count], t.progress)
        switch deploy.phase {
        case .idle:
            return []
        case .preparing:
            return [spinner, Span(" planning \(verb) \(g.separator) \(elapsed)", t.progress)]
        case .building:
            let n = deploy.functionsFinished, m = deploy.functions.count
            return [spinner, Span(" building \(n)/\(m) \(g.separator) \(elapsed)", t.progress)]
        case .awaitingConfirmation:
            return [Span(g.warning, t.warning), Span(" change set waits for you", t.warning.adding(.bold))]
        case .executing where deploy.events.stackStatus.map { ResourceStatusKind(status: $0) == .rollback } == true:
            return [spinner.with(style: t.rollback), Span(" rolling back \(g.separator) \(elapsed)", t.rollback)]
        case .executing:
            let progress = deploy.changeSet.isEmpty ? "" : " \(deploy.resourcesDone)/\(deploy.changeSet.count)"
            return [spinner, Span(" \(verb)ing\(progress) \(g.separator) \(elapsed)", t.progress)]
        case .cancelling:
            return [spinner, Span(" cancelling \(g.separator) \(elapsed)", t.rollback)]
        case .succeeded:
            return [Span(g.complete, t.success), Span(" \(verb == "deploy" ? "deployed" : "destroyed") in \(elapsed)", t.success)]
        case .failed:
            return [Span(g.failed, t.failure), Span(" \(verb) failed after \(elapsed)", t.failure)]
        case .cancelled:
            return [Span(g.rollback, t.rollback), Span(" \(verb) cancelled", t.rollback)]
        case .noChanges:
            return [Span(g.skipped, t.dim), Span(" no changes", t.dim)]
        }
    }
}
