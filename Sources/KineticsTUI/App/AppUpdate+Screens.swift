import KineticsCore

/// The keys of each screen.
extension AppUpdate {
    /// Moves a list by a navigation key; `nil` when the key is not one.
    static func navigationTarget(_ key: Key, current: Int, count: Int, page: Int) -> Int? {
        switch key {
        case .down, .char("j"): return current + 1
        case .up, .char("k"): return current - 1
        case .pageDown, .ctrl("d"), .ctrl("f"): return current + max(1, page)
        case .pageUp, .ctrl("u"), .ctrl("b"): return current - max(1, page)
        case .home, .char("g"): return 0
        case .end, .char("G"): return count - 1
        default: return nil
        }
    }

    // MARK: - Project

    static func projectKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let rows = ProjectList.rows(state.project)
        let visible = ProjectView.layout(state.size).visibleRows
        if let target = navigationTarget(key, current: state.project.list.selection, count: rows.count, page: visible) {
            let direction = target >= state.project.list.selection ? 1 : -1
            let clamped = min(max(0, target), max(0, rows.count - 1))
            if let index = ProjectList.selectable(from: clamped, direction: direction, in: rows)
                ?? ProjectList.selectable(from: clamped, direction: -direction, in: rows)
            {
                state.project.list.select(index, count: rows.count, visible: visible)
                // Show the section title above the first item of a section.
                if index > 0, state.project.list.offset == index, !rows[index - 1].isSelectable {
                    state.project.list.offset = index - 1
                }
            }
            return []
        }
        switch key {
        case .char("/"):
            state.isEditingFilter = true
        case .char(" "):
            if case .function(let f) = ProjectList.item(at: state.project.list.selection, in: rows) {
                if state.project.marked.remove(f.name) == nil { state.project.marked.insert(f.name) }
            }
        case .escape:
            if !state.project.filter.isEmpty {
                state.project.filter = ""
                selectFirstProjectRow(&state)
            } else {
                state.project.marked.removeAll()
            }
        default:
            break
        }
        return []
    }

    static func selectFirstProjectRow(_ state: inout AppState) {
        let rows = ProjectList.rows(state.project)
        let first = ProjectList.selectable(from: 0, direction: 1, in: rows) ?? 0
        state.project.list = ListScroll(selection: first, offset: 0)
    }

    static func projectLoaded(_ state: inout AppState, _ result: DiscoveryResult) {
        let project = result.projects.first { $0.relativeRoot == "." } ?? result.projects.first
        state.project.project = project
        state.project.diagnostics = result.diagnostics
        state.project.load = .loaded
        state.project.marked = state.project.marked.filter { project?.function(named: $0) != nil }
        if let project { state.header.projectName = project.name }
        selectFirstProjectRow(&state)
    }

    // MARK: - Deploy

    static func deployKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.deploy.phase == .awaitingConfirmation {
            switch key {
            case .char("y"), .char("Y"), .enter:
                state.deploy.phase = .executing
                return [.executeChangeSet]
            case .char("n"), .char("N"), .escape:
                state.deploy.phase = .cancelled
                state.deploy.finishedAt = state.now
                state.deploy.message = "Change set discarded; nothing was deployed."
                return [.discardChangeSet]
            default:
                break
            }
        }
        let count = state.deploy.events.count
        switch key {
        case .char("f"):
            setFollow(&state, !state.deploy.follow)
            return []
        case .end, .char("G"):
            setFollow(&state, true)
            return []
        default:
            break
        }
        guard count > 0 else { return [] }
        let current = state.deploy.follow ? count - 1 : state.deploy.eventScroll.selection
        guard let target = navigationTarget(key, current: current, count: count, page: DeployView.eventRows(state)) else {
            return []
        }
        if state.deploy.follow {
            guard target < current else { return [] }
            setFollow(&state, false)
        }
        state.deploy.eventScroll.select(target, count: count, visible: DeployView.eventRows(state))
        return []
    }

    /// Follow on: stick to the newest event. Off: a cursor on the newest event, without moving the view.
    static func setFollow(_ state: inout AppState, _ follow: Bool) {
        let count = state.deploy.events.count
        let wasFollowing = state.deploy.follow
        state.deploy.follow = follow
        if !follow, wasFollowing {
            let visible = DeployView.eventRows(state)
            state.deploy.eventScroll = ListScroll(selection: max(0, count - 1), offset: max(0, count - visible))
        }
    }

    static func deploy(_ state: inout AppState, _ update: DeployUpdate) -> [Effect] {
        switch update {
        case .started(let stackName, let kind, let functions, let at):
            if state.deploy.phase != .preparing || state.deploy.kind != kind {
                // Re-attached to a deploy started before this console (or elsewhere).
                state.deploy = .starting(kind, at: at)
            }
            state.deploy.stackName = stackName
            let known = Set(state.deploy.functions.map(\.name))
            state.deploy.functions += functions.filter { !known.contains($0) }.map { FunctionProgressRow(name: $0, stage: .queued) }
            state.deploy.phase = kind == .destroy ? .executing : .building
        case .function(let row):
            if let i = state.deploy.functions.firstIndex(where: { $0.name == row.name }) {
                state.deploy.functions[i] = row
            } else {
                state.deploy.functions.append(row)
            }
            if state.deploy.phase == .preparing { state.deploy.phase = .building }
        case .changeSet(let rows):
            state.deploy.changeSet = rows
            state.deploy.phase = .awaitingConfirmation
            if state.screen != .deploy {
                state.notice = .info("The change set is ready: review it on the Deploy screen (2).")
            }
        case .executing:
            state.deploy.phase = .executing
        case .events(let events):
            state.deploy.append(events)
        case .progress(let completed, _):
            state.deploy.reportedResourcesDone = completed
        case .rootCause(let cause):
            state.deploy.rootCause = cause
        case .finished(let result):
            switch result.outcome {
            case .succeeded: state.deploy.phase = .succeeded
            case .failed: state.deploy.phase = .failed
            case .cancelled: state.deploy.phase = .cancelled
            case .noChanges: state.deploy.phase = .noChanges
            }
            state.deploy.finishedAt = result.at
            state.deploy.message = result.message ?? state.deploy.message
            state.deploy.outputs = result.outputs
            if case .interrupt = state.modal { state.modal = nil }
            if state.screen != .deploy {
                let verb = state.deploy.kind == .deploy ? "Deploy" : "Destroy"
                let how: String
                switch result.outcome {
                case .succeeded: how = "succeeded"
                case .failed: how = "failed"
                case .cancelled: how = "was cancelled"
                case .noChanges: how = "found no changes"
                }
                let text = "\(verb) of \(state.deploy.stackName ?? "the stack") \(how)."
                state.notice = result.outcome == .failed ? .error(text) : .info(text)
            }
            if state.history.isLoaded {
                state.history.isLoading = true
                return [.loadHistory]
            }
        }
        return []
    }

    // MARK: - History

    static func historyKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.history.detail != nil { return sessionKey(&state, key) }
        let sessions = HistoryView.filteredSessions(state.history)
        let visible = HistoryView.layout(state).visibleRows
        if let target = navigationTarget(key, current: state.history.list.selection, count: sessions.count, page: visible) {
            state.history.list.select(target, count: sessions.count, visible: visible)
            return []
        }
        let selected = HistoryView.selectedSession(state.history)
        switch key {
        case .enter:
            guard let selected else { return [] }
            state.history.detail = SessionDetailState(id: selected.id)
            return [.openSession(id: selected.id)]
        case .char(" "):
            guard let selected else { return [] }
            if let i = state.history.marked.firstIndex(of: selected.id) {
                state.history.marked.remove(at: i)
            } else {
                state.history.marked.append(selected.id)
                if state.history.marked.count > 2 { state.history.marked.removeFirst() }
            }
            return []
        case .char("c"):
            guard state.history.marked.count == 2 else {
                state.notice = .info("Mark two sessions with space, then press c to compare them.")
                return []
            }
            let marked = state.history.marked.compactMap { id in state.history.sessions.first { $0.id == id } }
                .sorted { $0.startedAt < $1.startedAt }
            guard marked.count == 2 else { return [] }
            state.compare = CompareState(olderId: marked[0].id, newerId: marked[1].id)
            state.screen = .compare
            return [.compareSessions(marked[0].id, marked[1].id)]
        case .char("/"):
            state.isEditingFilter = true
            return []
        case .char("a"):
            guard let selected else { return [] }
            return attach(&state, selected)
        case .char("r"):
            state.history.isLoading = true
            return [.loadHistory]
        case .escape:
            if !state.history.filter.isEmpty {
                state.history.filter = ""
                state.history.list = ListScroll()
            } else {
                state.history.marked.removeAll()
            }
            return []
        default:
            return []
        }
    }

    /// `a`: back to a detached or interrupted session's stack operation, followed on the Deploy screen.
    private static func attach(_ state: inout AppState, _ session: SessionRow) -> [Effect] {
        guard let kind = session.reattach else {
            state.notice = .info(session.outcome == .detached || session.outcome == .interrupted
                ? "Session \(session.id) stopped before its stack operation started: there is nothing to re-attach to."
                : "Session \(session.id) \(session.outcome == .running ? "is running" : "ended \(session.outcome.rawValue)"); only a detached or interrupted one can be re-attached.")
            return []
        }
        if state.deploy.phase.isRunning {
            state.notice = .error("A deploy is running; wait for it to end (or detach from it) before re-attaching to another.")
            return []
        }
        state.deploy = .starting(kind, at: state.now)
        state.deploy.stackName = session.stackName
        state.deploy.attachedSession = session.id
        state.screen = .deploy
        return [.attachSession(id: session.id, kind: kind)]
    }

    /// The History row of the session open in the detail view.
    static func openSessionRow(_ state: AppState) -> SessionRow? {
        guard let id = state.history.detail?.id else { return nil }
        return state.history.sessions.first { $0.id == id }
    }

    private static func sessionKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .escape, .backspace, .left, .char("h"):
            state.history.detail = nil
            return []
        case .char("a"):
            guard let row = openSessionRow(state) else { return [] }
            let effects = attach(&state, row)
            // Back in History, the list shows the session's new outcome.
            if state.screen == .deploy { state.history.detail = nil }
            return effects
        default:
            break
        }
        guard let count = state.history.detail?.events.count, count > 0 else { return [] }
        let visible = SessionDetailView.eventRows(state)
        let current = state.history.detail?.eventScroll.selection ?? 0
        if let target = navigationTarget(key, current: current, count: count, page: visible) {
            state.history.detail?.eventScroll.select(target, count: count, visible: visible)
        }
        return []
    }

    // MARK: - Compare

    static func compareKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if key == .escape || key == .backspace {
            state.screen = .history
            return []
        }
        guard let comparison = state.compare?.comparison else { return [] }
        let count = CompareView.lines(comparison, width: 80, context: RenderContext()).count
        let visible = CompareView.visibleRows(state.size)
        let maxOffset = max(0, count - visible)
        let current = state.compare?.offset ?? 0
        if let target = navigationTarget(key, current: current, count: maxOffset + 1, page: visible) {
            state.compare?.offset = min(max(0, target), maxOffset)
        }
        return []
    }
}
