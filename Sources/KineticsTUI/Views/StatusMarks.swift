import KineticsCore

/// The symbol and style of every status the console shows, so colour is never the only signal.
enum StatusMarks {
    static func resource(_ status: String, _ context: RenderContext) -> Span {
        let kind = ResourceStatusKind(status: status)
        let g = context.glyphs, t = context.theme
        switch kind {
        case .complete: return Span(g.complete, t.success)
        case .failed: return Span(g.failed, t.failure)
        case .rollback: return Span(g.rollback, t.rollback)
        case .inProgress: return Span(g.inProgress, t.progress)
        case .skipped: return Span(g.skipped, t.dim)
        }
    }

    static func resourceStyle(_ status: String, _ context: RenderContext) -> Style {
        switch ResourceStatusKind(status: status) {
        case .complete: return context.theme.success
        case .failed: return context.theme.failure
        case .rollback: return context.theme.rollback
        case .inProgress: return context.theme.progress
        case .skipped: return context.theme.dim
        }
    }

    /// A function's stage mark; `spinnerFrame` animates the working stages.
    static func stage(_ stage: FunctionProgressRow.Stage, spinnerFrame: Int, _ context: RenderContext) -> Span {
        let g = context.glyphs, t = context.theme
        switch stage {
        case .queued: return Span(g.pending, t.dim)
        case .skippedUnchanged: return Span(g.skipped, t.dim)
        case .building, .packaging, .uploading: return Span(g.spinner[spinnerFrame % g.spinner.count], t.progress)
        case .done: return Span(g.complete, t.success)
        case .failed: return Span(g.failed, t.failure)
        }
    }

    static func outcome(_ outcome: SessionRow.Outcome, _ context: RenderContext) -> [Span] {
        let g = context.glyphs, t = context.theme
        let mark: Span
        switch outcome {
        case .running: mark = Span(g.inProgress, t.progress)
        case .succeeded: mark = Span(g.complete, t.success)
        case .failed, .rolledBack: mark = Span(g.failed, t.failure)
        case .cancelled: mark = Span(g.rollback, t.rollback)
        case .noChanges: mark = Span(g.skipped, t.dim)
        case .detached: mark = Span(g.inProgress, t.dim)
        case .interrupted: mark = Span(g.warning, t.warning)
        case .destroyed: mark = Span(g.remove, t.dim)
        }
        return [mark, Span(" " + outcome.rawValue, mark.style == t.dim ? t.dim : mark.style.removing(.bold))]
    }

    static func severity(_ severity: Diagnostic.Severity, _ context: RenderContext) -> Span {
        switch severity {
        case .error: return Span(context.glyphs.failed, context.theme.failure)
        case .warning: return Span(context.glyphs.warning, context.theme.warning)
        case .note: return Span(context.glyphs.note, context.theme.dim)
        }
    }

    static func change(_ action: ChangeRow.Action, _ context: RenderContext) -> Span {
        let g = context.glyphs, t = context.theme
        switch action {
        case .add: return Span(g.add, t.success)
        case .modify, .dynamic: return Span(g.modify, t.warning)
        case .remove: return Span(g.remove, t.failure)
        case .import: return Span(g.add, t.accent)
        }
    }

    /// The spinner frame for a moment: ten frames a second.
    static func spinnerFrame(_ state: AppState) -> Int {
        abs(Int((state.now.timeIntervalSinceReferenceDate * 10).rounded(.down)))
    }
}
