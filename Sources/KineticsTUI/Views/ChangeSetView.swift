/// The change set panel of the Deploy screen: what CloudFormation will add, modify, remove or replace, and the
/// question whether to execute it.
enum ChangeSetView {
    static let columns = [
        TableColumn("ACTION", width: 9),
        TableColumn("LOGICAL ID", width: 18, flexible: true, maxWidth: 40),
        TableColumn("TYPE", width: 18, flexible: true, maxWidth: 36),
        TableColumn("REPLACEMENT", width: 13, priority: 1),
    ]

    static func draw(_ state: AppState, in rect: Rect, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme, g = context.glyphs
        let changes = state.deploy.changeSet
        let counts = [ChangeRow.Action.add, .modify, .remove].map { action in changes.filter { $0.action == action }.count }
        let note = [Span(g.add + "\(counts[0])", t.success), Span(" " + g.modify + "\(counts[1])", t.warning),
                    Span(" " + g.remove + "\(counts[2])", t.failure)]
        let inner = Box.draw(in: rect, title: [Span("Change set", t.title), Span(" \(changes.count) changes", t.dim)],
                             note: note, focused: true, on: &buffer, context: context).inset(left: 1, right: 1)
        guard inner.height >= 2 else { return }
        let (table, prompt) = inner.splitBottom(1)
        Table.draw(columns: columns, rowCount: changes.count, top: 0, selected: nil, in: table, on: &buffer, context: context) { i in
            let c = changes[i]
            let replacement: [Span]
            switch c.replacement {
            case .yes: replacement = [Span("replace", t.failure)]
            case .conditional: replacement = [Span("may replace", t.warning)]
            case .no: replacement = [Span("in place", t.dim)]
            case nil: replacement = []
            }
            let mark = StatusMarks.change(c.action, context)
            return .cells([[mark, Span(" " + c.action.rawValue, mark.style)], [Span(c.logicalId, t.bold)],
                           [Span(Format.resourceType(c.resourceType), t.dim)], replacement])
        }
        let hidden = changes.count - max(0, table.height - 1)
        var question = [Span("Execute on \(state.deploy.stackName ?? "the stack")?  ", t.bold), Span("y", t.key),
                        Span(" execute  ", t.dim), Span("n", t.key), Span(" discard", t.dim)]
        if hidden > 0 { question.insert(Span("+\(hidden) more  ", t.dim), at: 0) }
        buffer.put(TextFit.truncate(question, to: prompt.width, ellipsis: g.ellipsis), x: prompt.x, y: prompt.y, clip: prompt)
    }
}
