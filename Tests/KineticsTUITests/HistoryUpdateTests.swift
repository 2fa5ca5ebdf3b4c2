import Testing

@testable import KineticsTUI

@Suite("History and Compare: sessions, marks, filter, screens")
struct HistoryUpdateTests {
    @Test("the first visit to History loads it, later visits do not")
    func loadsOnce() {
        var s = Script.project()
        #expect(s.press(.char("3")) == [.loadHistory])
        #expect(s.state.history.isLoading)
        s.send(.historyLoaded(sessions: Sample.sessions, stacks: Sample.stacks))
        s.press(.char("1"))
        #expect(s.press(.char("3")).isEmpty)
        #expect(s.press(.char("r")) == [.loadHistory])
    }

    @Test("Tab, ] and [ cycle through the screens; numbers jump")
    func screenSwitching() {
        var s = Script.project()
        s.press(.tab)
        #expect(s.state.screen == .deploy)
        s.press(.char("]"), .char("]"))
        #expect(s.state.screen == .compare)
        s.press(.tab)
        #expect(s.state.screen == .project)
        s.press(.backTab)
        #expect(s.state.screen == .compare)
        s.press(.char("["))
        #expect(s.state.screen == .history)
        s.press(.char("2"))
        #expect(s.state.screen == .deploy)
    }

    @Test("a click on a tab switches to it")
    func clickTab() {
        var s = Script.project()
        let column = TabBarView.tabColumns().first { $0.0 == .history }!.1.lowerBound
        s.send(.mouse(MouseEvent(kind: .click, x: column + 1, y: 1)))
        #expect(s.state.screen == .history)
    }

    @Test("Enter opens the selected session and Esc goes back to the list")
    func openSession() {
        var s = Script.history()
        #expect(s.press(.enter) == [.openSession(id: "s-0006")])
        #expect(s.state.history.detail?.id == "s-0006")
        s.send(.sessionLoaded(Sample.failedSession))
        #expect(s.state.history.detail?.detail == nil)
        s.send(.sessionLoaded(Sample.succeededSession))
        #expect(s.state.history.detail?.detail?.session.id == "s-0006")
        #expect(s.state.history.detail?.events.count == 4)
        s.press(.char("G"))
        #expect(s.state.history.detail?.eventScroll.selection == 3)
        s.press(.escape)
        #expect(s.state.history.detail == nil)
        #expect(s.state.history.list.selection == 1)
    }

    @Test("space marks at most two sessions, the oldest mark giving way")
    func marks() {
        var s = Script.history()
        #expect(s.state.history.marked == ["s-0007", "s-0006"])
        s.press(.char("j"), .char(" "))
        #expect(s.state.history.marked == ["s-0006", "s-0005"])
        s.press(.char(" "))
        #expect(s.state.history.marked == ["s-0006"])
    }

    @Test("c compares the two marked sessions, older first, and Esc returns to History")
    func compare() {
        var s = Script.history()
        #expect(s.press(.char("c")) == [.compareSessions("s-0006", "s-0007")])
        #expect(s.state.screen == .compare)
        s.send(.comparisonLoaded(Sample.failedSession, Sample.succeededSession))
        let c = s.state.compare?.comparison
        #expect(c?.older.id == "s-0006")
        #expect(c?.functionsAdded == ["OrdersProcess"])
        #expect(c?.functionsRemoved == ["LegacyNotify"])
        #expect(c?.hashesChanged.map(\.name) == ["OrdersCreate"])
        #expect(c?.functionsUnchanged == 3)
        #expect(c?.resourcesRemoved.map(\.logicalId) == ["LegacyNotifyFunction", "LegacyTopic"])
        #expect(c?.durationDelta == 29)
        s.press(.escape)
        #expect(s.state.screen == .history)
    }

    @Test("c with fewer than two marks explains what to do")
    func compareNeedsTwo() {
        var s = Script.history()
        s.press(.char(" "))
        #expect(s.press(.char("c")).isEmpty)
        #expect(s.state.notice?.text.contains("Mark two sessions") == true)
    }

    @Test("the filter narrows sessions by env, outcome or commit")
    func filter() {
        var s = Script.history()
        s.type("/staging")
        #expect(HistoryView.filteredSessions(s.state.history).map(\.id) == ["s-0004"])
        s.press(.escape)
        s.type("/fail")
        #expect(HistoryView.filteredSessions(s.state.history).map(\.id) == ["s-0007"])
    }

    @Test("a failure of background work shows as an error notice until the next key")
    func failure() {
        var s = Script.history()
        s.send(.failed("The history database is locked by another process."))
        #expect(s.state.notice == .error("The history database is locked by another process."))
        s.press(.char("j"))
        #expect(s.state.notice == nil)
    }
}

@Suite("Resizing keeps every list valid and switches to the too-small screen below the minimum")
struct ResizeTests {
    @Test("shrinking the terminal keeps the selection visible")
    func shrink() {
        var s = Script.project(Size(width: 160, height: 48))
        s.press(.char("G"))
        s.send(.resize(AppState.minimumSize))
        let visible = ProjectView.layout(s.state.size).visibleRows
        let list = s.state.project.list
        #expect(list.selection >= list.offset && list.selection < list.offset + visible)
    }

    @Test("below the minimum only q and Ctrl-C act")
    func tooSmall() {
        var s = Script.project()
        s.send(.resize(Size(width: 40, height: 10)))
        #expect(s.state.isTooSmall)
        #expect(s.press(.char("d")).isEmpty)
        #expect(s.state.screen == .project)
        #expect(s.press(.char("q")) == [.quit])
    }

    @Test("growing back restores the screen as it was")
    func growBack() {
        var s = Script.deployExecuting()
        s.press(.char("k"))
        s.send(.resize(Size(width: 30, height: 8)), .resize(Size(width: 100, height: 30)))
        #expect(!s.state.isTooSmall)
        #expect(s.state.screen == .deploy)
        #expect(!s.state.deploy.follow)
        #expect(RootView.render(s.state, context: RenderContext()).text().contains("Events"))
    }
}
