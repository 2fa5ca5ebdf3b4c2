import Foundation
import KineticsCore

/// The console's logic: how each ``Action`` changes ``AppState`` and which ``Effect``s it asks for.
///
/// Pure: no I/O, no clock (``AppState/now`` is set by the run loop), so every behaviour is tested by scripting
/// actions and looking at the state and effects.
enum AppUpdate {
    static func update(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            state.notice = nil
            return handleKey(&state, key)
        case .mouse(let event):
            return mouse(&state, event)
        case .resize(let size):
            state.size = size
            clampScrolls(&state)
            return []
        case .tick:
            return []
        case .interrupt:
            return handleKey(&state, .ctrl("c"))
        case .terminate:
            state.shouldQuit = true
            switch state.deploy.phase {
            case .executing, .cancelling: return [.detach, .quit]
            case let phase where phase.isRunning: return [.cancelDeploy, .quit]
            default: return [.quit]
            }
        case .projectLoaded(let result):
            projectLoaded(&state, result)
            return []
        case .projectFailed(let message):
            state.project.load = .failed(message)
            return []
        case .deployedFunctionsLoaded(let infos):
            state.project.deployed = Dictionary(infos.map { ($0.name, $0) }, uniquingKeysWith: { a, b in a.deployedAt >= b.deployedAt ? a : b })
            return []
        case .identityResolved(let identity):
            state.header.identity = identity
            return []
        case .regionResolved(let region):
            state.header.region = region
            return []
        case .endpointResolved(let endpoint):
            state.header.endpoint = endpoint
            return []
        case .deploy(let update):
            return deploy(&state, update)
        case .historyLoaded(let sessions, let stacks):
            state.history.sessions = sessions
            state.history.stacks = stacks
            state.history.isLoaded = true
            state.history.isLoading = false
            clampScrolls(&state)
            return []
        case .sessionLoaded(let detail):
            if state.history.detail?.id == detail.session.id {
                state.history.detail = SessionDetailState(id: detail.session.id, detail: detail)
            }
            return []
        case .comparisonLoaded(let a, let b):
            if let compare = state.compare, Set([compare.olderId, compare.newerId]) == Set([a.session.id, b.session.id]) {
                state.compare?.comparison = SessionComparison(a, b)
                state.compare?.offset = 0
            }
            return []
        case .failed(let message):
            state.notice = .error(message)
            state.history.isLoading = false
            return []
        }
    }

    // MARK: - Keys

    private static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        if state.isTooSmall {
            return key == .char("q") || key == .ctrl("c") ? quitOrAsk(&state) : []
        }
        if let modal = state.modal { return self.modal(&state, modal, key) }
        if state.isEditingFilter, let effects = filterKey(&state, key) { return effects }
        switch key {
        case .ctrl("c"), .char("q"):
            return quitOrAsk(&state)
        case .char("?"):
            state.modal = .help
            return []
        case .tab, .char("]"):
            return switchScreen(&state, to: state.screen.next)
        case .backTab, .char("["):
            return switchScreen(&state, to: state.screen.previous)
        case .char(let c) where ("1"..."4").contains(c):
            return switchScreen(&state, to: Screen(rawValue: Int(String(c))! - 1)!)
        case .char("d") where !(state.screen == .history && state.history.detail != nil):
            return startDeploy(&state)
        case .char("D"):
            if state.deploy.phase.isRunning {
                state.notice = .error("A deploy is running; wait for it to end (or cancel it) before destroying the stack.")
                return []
            }
            state.modal = .confirmDestroy(selected: 1)
            return []
        default:
            break
        }
        switch state.screen {
        case .project: return projectKey(&state, key)
        case .deploy: return deployKey(&state, key)
        case .history: return historyKey(&state, key)
        case .compare: return compareKey(&state, key)
        }
    }

    /// `q` and Ctrl-C: quit at once when nothing runs, else ask what to do with the deploy.
    private static func quitOrAsk(_ state: inout AppState) -> [Effect] {
        if state.deploy.phase.isRunning {
            let choices = InterruptChoice.choices(for: state.deploy.phase)
            state.modal = .interrupt(selected: choices.firstIndex(of: .keepWatching) ?? 0)
            return []
        }
        state.shouldQuit = true
        return [.quit]
    }

    static func switchScreen(_ state: inout AppState, to screen: Screen) -> [Effect] {
        state.screen = screen
        state.isEditingFilter = false
        if screen == .history, !state.history.isLoaded, !state.history.isLoading {
            state.history.isLoading = true
            return [.loadHistory]
        }
        return []
    }

    private static func startDeploy(_ state: inout AppState) -> [Effect] {
        if state.deploy.phase.isRunning {
            state.notice = .info("A deploy is already running.")
            return switchScreen(&state, to: .deploy)
        }
        guard state.project.load == .loaded, state.project.project != nil else {
            state.notice = .error("There is no discovered project to deploy yet.")
            return []
        }
        let errors = state.project.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            state.notice = .error("Discovery found \(errors) error\(errors == 1 ? "" : "s"); fix \(errors == 1 ? "it" : "them") before deploying (see Diagnostics).")
            return []
        }
        state.deploy = .starting(.deploy, at: state.now)
        state.screen = .deploy
        return [.startDeploy(functions: state.project.marked.sorted())]
    }

    // MARK: - Modal dialogs

    private static func modal(_ state: inout AppState, _ modal: Modal, _ key: Key) -> [Effect] {
        switch modal {
        case .help:
            if [.escape, .char("?"), .char("q"), .enter].contains(key) { state.modal = nil }
            return []
        case .interrupt(let selected):
            let choices = InterruptChoice.choices(for: state.deploy.phase)
            switch key {
            case .left, .up, .char("h"), .backTab:
                state.modal = .interrupt(selected: (selected + choices.count - 1) % choices.count)
            case .right, .down, .char("l"), .tab:
                state.modal = .interrupt(selected: (selected + 1) % choices.count)
            case .enter:
                return choose(&state, choices[min(selected, choices.count - 1)])
            case .escape:
                return choose(&state, .keepWatching)
            case .ctrl("c"):
                return choose(&state, choices[0])
            case .char(let c):
                if let choice = choices.first(where: { $0.key == String(c) }) { return choose(&state, choice) }
            default:
                break
            }
            return []
        case .confirmDestroy(let selected):
            switch key {
            case .left, .right, .up, .down, .tab, .backTab, .char("h"), .char("l"):
                state.modal = .confirmDestroy(selected: 1 - selected)
            case .char("y"), .char("Y"):
                return destroy(&state)
            case .enter:
                return selected == 0 ? destroy(&state) : close(&state)
            case .char("n"), .char("N"), .escape, .ctrl("c"), .char("q"):
                return close(&state)
            default:
                break
            }
            return []
        }
    }

    private static func close(_ state: inout AppState) -> [Effect] {
        state.modal = nil
        return []
    }

    private static func choose(_ state: inout AppState, _ choice: InterruptChoice) -> [Effect] {
        state.modal = nil
        switch choice {
        case .detach:
            state.shouldQuit = true
            return [.detach, .quit]
        case .cancelUpdate, .cancelDeploy:
            state.deploy.phase = .cancelling
            return [.cancelDeploy]
        case .keepWatching:
            return []
        }
    }

    private static func destroy(_ state: inout AppState) -> [Effect] {
        state.modal = nil
        state.deploy = .starting(.destroy, at: state.now)
        state.screen = .deploy
        return [.startDestroy]
    }

    // MARK: - Filter

    /// Keys while the filter is being typed; `nil` passes the key on (arrows still move the selection).
    private static func filterKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
        switch key {
        case .char(let c):
            editFilter(&state) { $0.append(c) }
        case .backspace:
            editFilter(&state) { if !$0.isEmpty { $0.removeLast() } }
        case .enter:
            state.isEditingFilter = false
        case .escape:
            editFilter(&state) { $0 = "" }
            state.isEditingFilter = false
        case .ctrl("u"):
            editFilter(&state) { $0 = "" }
        case .ctrl("c"):
            return nil
        default:
            return nil
        }
        return []
    }

    private static func editFilter(_ state: inout AppState, _ edit: (inout String) -> Void) {
        switch state.screen {
        case .project:
            edit(&state.project.filter)
            selectFirstProjectRow(&state)
        case .history:
            edit(&state.history.filter)
            state.history.list = ListScroll()
        case .deploy, .compare:
            break
        }
    }

    // MARK: - Mouse

    private static func mouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
        guard state.modal == nil, !state.isTooSmall else { return [] }
        switch event.kind {
        case .wheelUp:
            return (0..<3).flatMap { _ in handleKey(&state, .up) }
        case .wheelDown:
            return (0..<3).flatMap { _ in handleKey(&state, .down) }
        case .click:
            if event.y == Chrome.tabRow(state.size).y, let screen = TabBarView.screen(atColumn: event.x) {
                return switchScreen(&state, to: screen)
            }
            return []
        }
    }

    // MARK: - Scroll clamping

    /// Keeps every list's selection and offset valid after the size or the rows changed.
    static func clampScrolls(_ state: inout AppState) {
        let rows = ProjectList.rows(state.project)
        state.project.list.clamp(count: rows.count, visible: ProjectView.layout(state.size).visibleRows)
        let sessions = HistoryView.filteredSessions(state.history).count
        let sessionRows = HistoryView.layout(state).visibleRows
        state.history.list.clamp(count: sessions, visible: sessionRows)
        if let count = state.history.detail?.events.count {
            let visible = SessionDetailView.eventRows(state)
            state.history.detail?.eventScroll.clamp(count: count, visible: visible)
        }
        if !state.deploy.follow {
            let visible = DeployView.eventRows(state)
            state.deploy.eventScroll.clamp(count: state.deploy.events.count, visible: visible)
        }
    }
}
