/// Draws the whole console for a state: header, tabs, the current screen, the hint bar and any modal.
enum RootView {
    static func render(_ state: AppState, context: RenderContext) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.size)
        guard !state.isTooSmall else {
            TooSmallView.draw(state, on: &buffer, context: context)
            return buffer
        }
        HeaderView.draw(state, in: Chrome.headerRow(state.size), on: &buffer, context: context)
        TabBarView.draw(state, in: Chrome.tabRow(state.size), on: &buffer, context: context)
        switch state.screen {
        case .project: ProjectView.draw(state, on: &buffer, context: context)
        case .deploy: DeployView.draw(state, on: &buffer, context: context)
        case .history: HistoryView.draw(state, on: &buffer, context: context)
        case .compare: CompareView.draw(state, on: &buffer, context: context)
        }
        HintBarView.draw(state, in: Chrome.hintRow(state.size), on: &buffer, context: context)
        if state.modal != nil {
            // The screen behind a dialog fades, so the dialog stands out.
            buffer.restyle(buffer.bounds) { $0.adding(.dim).removing(.bold) }
        }
        switch state.modal {
        case .help: HelpOverlay.draw(state, on: &buffer, context: context)
        case .interrupt(let selected): drawInterrupt(state, selected: selected, on: &buffer, context: context)
        case .confirmDestroy(let selected): drawDestroy(state, selected: selected, on: &buffer, context: context)
        case nil: break
        }
        return buffer
    }

    private static func drawInterrupt(_ state: AppState, selected: Int, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let choices = InterruptChoice.choices(for: state.deploy.phase)
        let stack = state.deploy.stackName ?? "the stack"
        let lines: [[Span]]
        if state.deploy.phase == .executing {
            lines = [
                [Span("CloudFormation is updating ", t.text), Span(stack, t.bold), Span(".", t.text)],
                [Span("Detach", t.key), Span(": leave; it carries on and the next start re-attaches.", t.dim)],
                [Span("Cancel update", t.key), Span(": roll the stack back to where it was.", t.dim)],
            ]
        } else {
            lines = [
                [Span("The deploy has not reached CloudFormation yet.", t.text)],
                [Span("Cancel deploy", t.key), Span(": stop building and uploading; nothing changes.", t.dim)],
            ]
        }
        Dialog.draw(title: "Deploy running", lines: lines,
                    choices: choices.map { KeyHint($0.key, $0.label) }, selected: selected,
                    in: Chrome.body(state.size), on: &buffer, context: context)
    }

    private static func drawDestroy(_ state: AppState, selected: Int, on buffer: inout ScreenBuffer, context: RenderContext) {
        let t = context.theme
        let stack = (state.header.projectName ?? "project") + "-" + state.header.env
        let lines: [[Span]] = [
            [Span("Delete the stack ", t.text), Span(stack, t.bold), Span(" and every resource in it?", t.text)],
            [Span("Tables and queues are deleted with their data; the artifacts stay in the bucket.", t.dim)],
        ]
        Dialog.draw(title: "Destroy", lines: lines, choices: [KeyHint("y", "Destroy"), KeyHint("n", "Cancel")],
                    selected: selected, in: Chrome.body(state.size), on: &buffer, context: context)
    }
}
