/// The functions panel of the Deploy screen: one line per function with its stage, bar and bytes, and an
/// overall line with n/m, the resource progress and the elapsed time.
enum FunctionProgressView {
    static let columns = [
        TableColumn("", width: 1),
        TableColumn("FUNCTION", width: 14, flexible: true, maxWidth: 28),
        TableColumn("STAGE", width: 9),
        TableColumn("PROGRESS", width: 10, flexible: true, maxWidth: 24, priority: 1),
        TableColumn("DETAIL", width: 22, flexible: true, maxWidth: 48),
        TableColumn("ARTIFACT", width: 10, priority: 2),
    ]

    static func draw(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let deploy = state.deploy
        let t = context.theme
        let title = deploy.attachedSession.map { "Re-attached to session \($0)" } ?? (deploy.kind == .destroy ? "Destroy" : "Build & upload")
        var titleSpans = [Span(title, t.title)]
        if let stack = deploy.stackName { titleSpans.append(Span(" " + stack, t.dim)) }
        let inner = Box.draw(in: rect, title: titleSpans, note: [Span(phaseLabel(deploy.phase), t.dim)],
                             on: &buffer, context: context).inset(left: 1, right: 1)
        guard inner.height >= 1 else { return }
        let (listRect, overallRect) = inner.splitBottom(1)
        drawRows(state, in: listRect, on: &buffer, context: context)
        buffer.put(TextFit.truncate(overall(state, width: overallRect.width, context: context), to: overallRect.width,
                                    ellipsis: context.glyphs.ellipsis),
                   x: overallRect.x, y: overallRect.y, clip: overallRect)
    }

    private static func drawRows(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let functions = state.deploy.functions
        guard !rect.isEmpty else { return }
        if functions.isEmpty {
            let text = state.deploy.attachedSession != nil
                ? "Following the stack operation that session started."
                : state.deploy.kind == .destroy ? "Every resource of the stack is deleted; artifacts stay in the bucket."
                : "Planning: hashing sources, comparing with the last deploy" + context.glyphs.ellipsis
            buffer.put(text, x: rect.x, y: rect.y, style: t.dim, clip: rect)
            return
        }
        var shown = functions
        var summary: [Span]? = nil
        if functions.count > rect.height {
            // Not all fit: the ones that need attention first, then the rest, and a line for what is left out.
            let order: (FunctionProgressRow) -> Int = { row in
                switch row.stage {
                case .failed: return 0
                case .building, .packaging, .uploading: return 1
                case .queued: return 2
                case .done: return 3
                case .skippedUnchanged: return 4
                }
            }
            let sorted = functions.enumerated().sorted { (order($0.element), $0.offset) < (order($1.element), $1.offset) }.map(\.element)
            shown = Array(sorted.prefix(max(0, rect.height - 1)))
            let hidden = sorted.dropFirst(shown.count)
            let done = hidden.filter { $0.stage == .done }.count
            let skipped = hidden.filter { $0.stage == .skippedUnchanged }.count
            let other = hidden.count - done - skipped
            var parts: [String] = []
            if done > 0 { parts.append("\(done) done") }
            if skipped > 0 { parts.append("\(skipped) unchanged") }
            if other > 0 { parts.append("\(other) waiting") }
            let lead = shown.isEmpty ? "  \(functions.count) functions: " : "  + \(hidden.count) more: "
            summary = [Span(lead + parts.joined(separator: ", "), t.dim)]
        }
        let frame = StatusMarks.spinnerFrame(state)
        let rowCount = shown.count + (summary == nil ? 0 : 1)
        Table.draw(columns: columns, rowCount: rowCount, top: 0, selected: nil, header: false,
                   in: rect, on: &buffer, context: context) { i in
            if i == shown.count, let summary { return .line(summary) }
            return .cells(cells(shown[i], spinnerFrame: frame, width: rect.width, context: context))
        }
    }

    static func cells(_ row: FunctionProgressRow, spinnerFrame: Int, width: Int, context: RenderContext) -> [[Span]] {
        let t = context.theme, g = context.glyphs
        let mark = StatusMarks.stage(row.stage, spinnerFrame: spinnerFrame, context)
        let hash = [Span(row.artifactHash.map(Format.shortHash) ?? "", t.dim)]
        let barWidth = Table.resolve(columns, width: width).first { $0.index == 3 }?.width ?? 0
        switch row.stage {
        case .queued:
            return [[mark], [Span(row.name, t.dim)], [Span("queued", t.dim)], [], [], hash]
        case .skippedUnchanged:
            return [[mark], [Span(row.name, t.dim)], [Span("unchanged", t.dim)], [],
                    [Span("same as deployed", t.dim)], hash]
        case .building(let fraction):
            let bar = fraction.map { ProgressBar.spans(fraction: $0, width: barWidth, context: context) } ?? []
            let detail = fraction.map { "\(Int(($0 * 100).rounded()))%" } ?? "cargo build"
            return [[mark], [Span(row.name, t.bold)], [Span("building", t.progress)], bar, [Span(detail, t.dim)], hash]
        case .packaging:
            return [[mark], [Span(row.name, t.bold)], [Span("packaging", t.progress)], [],
                    [Span("zip " + g.separator + " sha256", t.dim)], hash]
        case .uploading(let sent, let total, let rate):
            let fraction = total > 0 ? Double(sent) / Double(total) : 0
            var detail = Format.bytes(sent, of: total)
            if let rate { detail += " " + g.separator + " " + Format.throughput(rate) }
            return [[mark], [Span(row.name, t.bold)], [Span("uploading", t.progress)],
                    ProgressBar.spans(fraction: fraction, width: barWidth, context: context), [Span(detail)], hash]
        case .done:
            return [[mark], [Span(row.name)], [Span("done", t.success)], [],
                    [Span(row.artifactBytes.map(Format.bytes) ?? "", t.dim)], hash]
        case .failed(let message):
            return [[mark], [Span(row.name, t.bold)], [Span("failed", t.failure)], [],
                    [Span(message, t.failure.removing(.bold))], hash]
        }
    }

    /// `━━━━━━░░░ 5/7 functions · 3/12 resources · 00:42`, or how it ended.
    static func overall(_ state: AppState, width: Int, context: RenderContext) -> [Span] {
        let deploy = state.deploy
        let t = context.theme, g = context.glyphs
        let elapsed = deploy.elapsed(now: state.now).map(Format.clock) ?? "00:00"
        let n = deploy.functionsFinished, m = deploy.functions.count
        let resources = deploy.changeSet.isEmpty ? nil : (deploy.resourcesDone, deploy.changeSet.count)
        var text = deploy.attachedSession != nil && m == 0 ? "stack operation" : deploy.kind == .deploy ? "\(n)/\(m) functions" : "deleting"
        if let (done, all) = resources { text += " \(g.separator) \(done)/\(all) resources" }
        text += " \(g.separator) \(elapsed)"
        switch deploy.phase {
        case .succeeded, .failed, .cancelled, .noChanges:
            let (mark, style, verb): (String, Style, String)
            switch deploy.phase {
            case .succeeded: (mark, style, verb) = (g.complete, t.success, deploy.kind == .deploy ? "Deployed" : "Destroyed")
            case .failed: (mark, style, verb) = (g.failed, t.failure, "Failed")
            case .cancelled: (mark, style, verb) = (g.rollback, t.rollback, "Cancelled")
            default: (mark, style, verb) = (g.skipped, t.dim, "No changes")
            }
            var spans = [Span(mark + " " + verb, style), Span(" " + g.separator + " " + text, t.dim)]
            if let message = deploy.message, deploy.phase != .failed {
                spans.append(Span(" " + g.separator + " " + message, t.dim))
            }
            return spans
        default:
            let fraction: Double
            if deploy.phase == .executing || deploy.phase == .cancelling, let (done, all) = resources {
                fraction = Double(done) / Double(max(1, all))
            } else {
                fraction = m == 0 ? 0 : Double(n) / Double(m)
            }
            let barWidth = max(10, min(40, width - DisplayWidth.of(text) - 2))
            return ProgressBar.spans(fraction: fraction, width: barWidth, context: context) + [Span("  " + text)]
        }
    }

    static func phaseLabel(_ phase: DeployPhase) -> String {
        switch phase {
        case .idle: return ""
        case .preparing: return "planning"
        case .building: return "building"
        case .awaitingConfirmation: return "change set ready"
        case .executing: return "executing change set"
        case .cancelling: return "cancelling"
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .cancelled: return "cancelled"
        case .noChanges: return "no changes"
        }
    }
}
