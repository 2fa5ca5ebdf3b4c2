import KineticsCore

/// The Deploy screen: the root cause pinned on top when something failed, a line per function with its stage,
/// overall progress and elapsed time, the change set waiting for confirmation, the outputs at the end, and the
/// live event table.
enum DeployView {
    struct Layout {
        var rootCause: Rect?
        var functions: Rect
        var changeSet: Rect?
        var outputs: Rect?
        var events: Rect
    }

    /// Large terminals show more lines of the root cause, functions and outputs.
    static func isTall(_ state: AppState) -> Bool { Chrome.body(state.size).height >= 40 }

    static func layout(_ state: AppState) -> Layout {
        let body = Chrome.body(state.size)
        let deploy = state.deploy
        var rest = body
        var layout = Layout(functions: .zero, events: .zero)
        let tall = isTall(state)

        if let height = rootCauseHeight(state, width: body.width - 4, tall: tall) {
            let split = rest.splitTop(height)
            layout.rootCause = split.top
            rest = split.rest
        }
        let eventsMinimum = 6
        var outputsHeight = 0
        if !deploy.outputs.isEmpty, !deploy.phase.isRunning {
            outputsHeight = min(deploy.outputs.count, tall ? 8 : 4) + 2
        }
        var changeSetHeight = 0
        if deploy.phase == .awaitingConfirmation {
            let room = max(3, (rest.height - outputsHeight - eventsMinimum - 4) * 2 / 3)
            changeSetHeight = min(max(1, deploy.changeSet.count), room) + 4
        }
        var functionRoom = max(1, rest.height - outputsHeight - changeSetHeight - eventsMinimum - 3)
        if !tall, deploy.phase != .preparing, deploy.phase != .building,
            !deploy.functions.contains(where: { if case .failed = $0.stage { return true } else { return false } })
        {
            // Once every function is built, the events matter more: one summary line.
            functionRoom = 1
        }
        let functionsHeight = min(max(1, deploy.functions.count), functionRoom, tall ? 16 : 8) + 3
        var split = rest.splitTop(functionsHeight)
        layout.functions = split.top
        rest = split.rest
        if changeSetHeight > 0 {
            split = rest.splitTop(changeSetHeight)
            layout.changeSet = split.top
            rest = split.rest
        }
        if outputsHeight > 0 {
            let bottom = rest.splitBottom(outputsHeight)
            layout.outputs = bottom.bottom
            rest = bottom.rest
        }
        layout.events = rest
        return layout
    }

    /// Rows of the event table for this state (used by the update to page and clamp).
    static func eventRows(_ state: AppState) -> Int {
        EventTableView.visibleRows(in: layout(state).events, follow: state.deploy.follow)
    }

    static func draw(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let deploy = state.deploy
        if deploy.phase == .idle {
            drawIdle(state, on: &buffer, context: context)
            return
        }
        let layout = layout(state)
        if let rect = layout.rootCause { drawRootCause(state, in: rect, on: &buffer, context: context) }
        FunctionProgressView.draw(state, in: layout.functions, on: &buffer, context: context)
        if let rect = layout.changeSet { ChangeSetView.draw(state, in: rect, on: &buffer, context: context) }
        if let rect = layout.outputs { drawOutputs(deploy.outputs, in: rect, on: &buffer, context: context) }
        let empty: String
        switch deploy.phase {
        case .preparing, .building: empty = "Stack events appear here once the change set runs."
        case .awaitingConfirmation: empty = "Nothing has changed yet: confirm the change set to start."
        case .executing, .cancelling: empty = "Waiting for the first stack event" + context.glyphs.ellipsis
        default: empty = deploy.message ?? "No stack events."
        }
        EventTableView.draw(log: deploy.events, scroll: deploy.eventScroll, follow: deploy.follow,
                            title: "Events", emptyText: empty, in: layout.events, on: &buffer, context: context)
    }

    private static func drawIdle(_ state: AppState, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let body = Chrome.body(state.size)
        let inner = Box.draw(in: body, title: [Span("Deploy", t.title)], on: &buffer, context: context)
        let name = state.header.projectName ?? "the project"
        let lines: [[Span]] = [
            [Span("No deploy in this session yet.", t.bold)],
            [],
            [Span("Press ", t.dim), Span("d", t.key), Span(" to deploy \(name) to \(state.header.env): only functions whose", t.dim)],
            [Span("artifact changed are built and uploaded; the change set is shown before anything", t.dim)],
            [Span("is executed.", t.dim)],
        ]
        let top = inner.y + max(0, (inner.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let fitted = TextFit.truncate(line, to: inner.width - 2, ellipsis: context.glyphs.ellipsis)
            buffer.put(fitted, x: inner.x + max(1, (inner.width - 82) / 2), y: top + i, clip: inner)
        }
    }

    // MARK: - Root cause

    private static func rootCauseHeight(_ state: AppState, width: Int, tall: Bool) -> Int? {
        guard let lines = rootCauseLines(state, width: width, tall: tall, context: RenderContext()) else { return nil }
        return lines.count + 2
    }

    /// The root cause (or the pipeline's failure sentence) as lines: what failed, then why.
    static func rootCauseLines(_ state: AppState, width: Int, tall: Bool, context: RenderContext) -> [[Span]]? {
        let t = context.theme
        let body = Chrome.body(state.size).height
        let maxLines = tall ? 5 : body < 18 ? 1 : 2
        if let cause = state.deploy.rootCause {
            var headline = [Span(cause.logicalId, t.bold), Span("  " + Format.resourceType(cause.resourceType), t.dim),
                            Span("  " + cause.status, t.failure)]
            if cause.stackName != state.deploy.stackName { headline.append(Span("  in " + cause.stackName, t.dim)) }
            let reason = TextFit.wrap(TextSanitizer.sanitize(cause.reason), width: width, maxLines: maxLines, ellipsis: context.glyphs.ellipsis)
            return [headline] + reason.map { [Span($0)] }
        }
        if state.deploy.phase == .failed, let message = state.deploy.message {
            return TextFit.wrap(TextSanitizer.sanitize(message), width: width, maxLines: maxLines + 1, ellipsis: context.glyphs.ellipsis)
                .map { [Span($0)] }
        }
        return nil
    }

    private static func drawRootCause(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme, g = context.glyphs
        let title = state.deploy.rootCause == nil ? "Deploy failed" : "Root cause"
        let inner = Box.draw(in: rect, title: [Span(g.failed + " " + title, t.failure)], borderStyle: t.failure.removing(.bold),
                             on: &buffer, context: context).inset(left: 1, right: 1)
        let lines = rootCauseLines(state, width: inner.width, tall: isTall(state), context: context) ?? []
        ProjectView.drawLines(lines, in: inner, on: &buffer)
    }

    // MARK: - Outputs

    static func drawOutputs(_ outputs: [OutputRow], in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let inner = Box.draw(in: rect, title: [Span("Outputs", t.title), Span(" \(outputs.count)", t.dim)], on: &buffer, context: context)
        let keyWidth = min(28, outputs.map { DisplayWidth.of($0.key) }.max() ?? 0)
        let columns = [
            TableColumn("KEY", width: keyWidth),
            TableColumn("VALUE", width: 44, flexible: true),
            TableColumn("DESCRIPTION", width: 20, flexible: true, maxWidth: 40, priority: 1),
        ]
        Table.draw(columns: columns, rowCount: outputs.count, top: 0, selected: nil, header: false,
                   in: inner.inset(left: 1, right: 1), on: &buffer, context: context) { i in
            .cells([[Span(outputs[i].key, t.bold)], [Span(outputs[i].value, t.accent.adding(.underline))],
                    [Span(outputs[i].description ?? "", t.dim)]])
        }
    }
}
