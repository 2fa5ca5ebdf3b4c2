/// The keys of each screen: a short list for the hint bar and the full list for the help overlay.
enum KeyHelp {
    struct Section: Hashable, Sendable {
        var title: String
        var keys: [KeyHint]
    }

    /// The hints for the bar at the bottom of the screen (`? help` is added by the bar itself).
    static func bar(_ state: AppState, _ g: Glyphs) -> [KeyHint] {
        if state.isEditingFilter {
            return [KeyHint(g.enter, "keep filter"), KeyHint("Esc", "clear")]
        }
        switch state.screen {
        case .project:
            return [KeyHint("j/k", "move"), KeyHint("/", "filter"), KeyHint("space", "mark"), KeyHint("d", "deploy"),
                    KeyHint("D", "destroy"), KeyHint("Tab", "screens")]
        case .deploy:
            if state.deploy.phase == .awaitingConfirmation {
                return [KeyHint("y", "execute change set"), KeyHint("n", "discard"), KeyHint("j/k", "scroll"),
                        KeyHint("Tab", "screens")]
            }
            return [KeyHint("j/k", "scroll"), KeyHint("f", state.deploy.follow ? "follow: on" : "follow: off"),
                    KeyHint("G", "newest"), KeyHint("g", "oldest"), KeyHint("d", "deploy"),
                    KeyHint("^C", "detach/cancel"), KeyHint("Tab", "screens")]
        case .history:
            if state.history.detail != nil {
                var hints = [KeyHint("j/k", "scroll events"), KeyHint("g/G", "first/last"), KeyHint("Esc", "back"),
                             KeyHint("Tab", "screens")]
                if AppUpdate.openSessionRow(state)?.reattach != nil { hints.insert(KeyHint("a", "re-attach"), at: 2) }
                return hints
            }
            var hints = [KeyHint("j/k", "move"), KeyHint(g.enter, "open"), KeyHint("space", "mark"), KeyHint("c", "compare"),
                         KeyHint("/", "filter"), KeyHint("r", "reload"), KeyHint("Tab", "screens")]
            if HistoryView.selectedSession(state.history)?.reattach != nil { hints.insert(KeyHint("a", "re-attach"), at: 2) }
            return hints
        case .compare:
            return [KeyHint("j/k", "scroll"), KeyHint("Esc", "back"), KeyHint("Tab", "screens")]
        }
    }

    /// The sections of the help overlay: the current screen's keys, then the keys that work everywhere.
    static func sections(_ state: AppState, _ g: Glyphs) -> [Section] {
        let move = [KeyHint("j/k " + g.arrowsUpDown, "move"), KeyHint("PgUp/PgDn", "page"), KeyHint("g/G Home/End", "first/last")]
        let screen: Section
        switch state.screen {
        case .project:
            screen = Section(title: "Project", keys: move + [
                KeyHint("/", "filter functions, resources, diagnostics"), KeyHint("Esc", "clear the filter"),
                KeyHint("space", "mark a function for a partial deploy"),
                KeyHint("d", "deploy the marked functions (all when none)"),
            ])
        case .deploy:
            screen = Section(title: "Deploy", keys: [
                KeyHint("j/k " + g.arrowsUpDown, "scroll events (stops following)"), KeyHint("PgUp/PgDn", "page"),
                KeyHint("g", "oldest event"), KeyHint("G End", "newest event, follow"),
                KeyHint("f", "follow on/off"), KeyHint("y / n", "execute / discard the change set"),
                KeyHint("Ctrl-C", "detach, cancel the update, or keep watching"),
            ])
        case .history:
            screen = state.history.detail == nil
                ? Section(title: "History", keys: move + [
                    KeyHint(g.enter, "open the session"), KeyHint("space", "mark for compare (two)"),
                    KeyHint("c", "compare the two marked sessions"), KeyHint("/", "filter sessions"),
                    KeyHint("a", "re-attach a detached or interrupted session (marked a)"), KeyHint("r", "reload"),
                ])
                : Section(title: "Session", keys: [
                    KeyHint("j/k " + g.arrowsUpDown, "scroll its events"), KeyHint("g/G", "first/last event"),
                    KeyHint("a", "re-attach, when the session was detached or interrupted"),
                    KeyHint("Esc", "back to the sessions"),
                ])
        case .compare:
            screen = Section(title: "Compare", keys: [
                KeyHint("j/k " + g.arrowsUpDown, "scroll"), KeyHint("Esc", "back to History"),
            ])
        }
        let everywhere = Section(title: "Everywhere", keys: [
            KeyHint("Tab ]", "next screen"), KeyHint("S-Tab [", "previous screen"), KeyHint("1-4", "go to screen"),
            KeyHint("d", "deploy"), KeyHint("D", "destroy the stack (asks first)"), KeyHint("?", "this help"),
            KeyHint("q", "quit (asks while a deploy runs)"), KeyHint("wheel", "scroll"),
        ])
        return [screen, everywhere]
    }
}
