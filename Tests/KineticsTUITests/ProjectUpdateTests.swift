import KineticsCore
import Testing

@testable import KineticsTUI

@Suite("Project screen: moving, filtering and marking by keys")
struct ProjectUpdateTests {
    func selectedItem(_ s: Script) -> ProjectList.Item? {
        ProjectList.item(at: s.state.project.list.selection, in: ProjectList.rows(s.state.project))
    }

    func selectedName(_ s: Script) -> String? {
        switch selectedItem(s) {
        case .function(let f): return f.name
        case .table(let t): return t.name
        case .queue(let q): return q.name
        case .secret(let n): return n
        case .diagnostic(let d): return d.code
        case nil: return nil
        }
    }

    @Test("loading the project selects its first function and names the header")
    func loaded() {
        let s = Script.project()
        #expect(s.state.project.load == .loaded)
        #expect(selectedName(s) == "OrdersCreate")
        #expect(s.state.header.projectName == "shop")
    }

    @Test("j and k skip section rows; g and G go to the first and last item")
    func navigation() {
        var s = Script.project()
        s.press(.char("j"), .char("j"), .char("j"))
        #expect(selectedName(s) == "OrdersProcess")
        s.press(.char("k"))
        #expect(selectedName(s) == "ProductsList")
        s.press(.char("G"))
        #expect(selectedName(s) == "unknown-attribute-key")
        s.press(.char("j"))
        #expect(selectedName(s) == "unknown-attribute-key")
        s.press(.char("g"))
        #expect(selectedName(s) == "OrdersCreate")
        s.press(.up)
        #expect(selectedName(s) == "OrdersCreate")
        #expect(s.state.project.list.offset == 0)
    }

    @Test("paging keeps the selection on the screen on a small terminal")
    func paging() {
        var s = Script.project(AppState.minimumSize)
        let visible = ProjectView.layout(s.state.size).visibleRows
        s.press(.pageDown, .pageDown)
        let list = s.state.project.list
        #expect(list.selection >= list.offset && list.selection < list.offset + visible)
        #expect(selectedItem(s) != nil)
    }

    @Test("/ starts a filter; typing narrows, backspace widens, Enter keeps, Esc clears")
    func filter() {
        var s = Script.project()
        s.type("/prod")
        #expect(s.state.isEditingFilter)
        #expect(s.state.project.filter == "prod")
        let names = ProjectList.rows(s.state.project).compactMap { row -> String? in
            if case .item(.function(let f)) = row { return f.name }
            if case .item(.table(let t)) = row { return t.name }
            return nil
        }
        #expect(names == ["ProductsGet", "ProductsList", "products"])
        #expect(selectedName(s) == "ProductsGet")
        s.press(.backspace, .backspace, .backspace, .backspace)
        #expect(s.state.project.filter == "")
        s.type("cron")
        s.press(.enter)
        #expect(!s.state.isEditingFilter)
        #expect(s.state.project.filter == "cron")
        #expect(selectedName(s) == "ReportsDaily")
        s.press(.escape)
        #expect(s.state.project.filter == "")
        #expect(selectedName(s) == "OrdersCreate")
    }

    @Test("keys typed into the filter do not act: q is a letter there, not quit")
    func filterSwallowsKeys() {
        var s = Script.project()
        let effects = s.type("/qd")
        #expect(effects.isEmpty)
        #expect(!s.state.shouldQuit)
        #expect(s.state.project.filter == "qd")
    }

    @Test("space marks functions; d then deploys only the marked ones")
    func partialDeploy() {
        var s = Script.project()
        s.press(.char(" "), .char("j"), .char(" "), .char("j"), .char("j"), .char(" "))
        #expect(s.state.project.marked == ["OrdersCreate", "ProductsGet", "OrdersProcess"])
        s.press(.char("k"), .char("k"), .char(" "))
        #expect(s.state.project.marked == ["OrdersCreate", "OrdersProcess"])
        let effects = s.press(.char("d"))
        #expect(effects == [.startDeploy(functions: ["OrdersCreate", "OrdersProcess"])])
        #expect(s.state.screen == .deploy)
        #expect(s.state.deploy.phase == .preparing)
    }

    @Test("d with nothing marked deploys every function")
    func deployAll() {
        var s = Script.project()
        #expect(s.press(.char("d")) == [.startDeploy(functions: [])])
        #expect(s.state.deploy.startedAt == Sample.at(0))
    }

    @Test("deploying is refused while discovery reports errors, with a sentence why")
    func refusedWithErrors() {
        var s = Script()
        var result = Sample.discovery
        result.diagnostics.append(.error("duplicate-function-name", "Two functions are named OrdersCreate."))
        s.send(.projectLoaded(result))
        #expect(s.press(.char("d")).isEmpty)
        #expect(s.state.screen == .project)
        #expect(s.state.notice?.kind == .error)
        #expect(s.state.notice?.text.contains("1 error") == true)
    }

    @Test("a failed discovery is shown as such and nothing can be deployed")
    func discoveryFailed() {
        var s = Script()
        s.send(.projectFailed("Cargo.toml is not valid TOML."))
        #expect(s.state.project.load == .failed("Cargo.toml is not valid TOML."))
        #expect(s.press(.char("d")).isEmpty)
        #expect(RootView.render(s.state, context: RenderContext()).text().contains("Cargo.toml is not valid TOML."))
    }

    @Test("the detail pane shows deployed hash, age and URL of the selected function")
    func detail() {
        let text = RootView.render(Script.project(Size(width: 160, height: 48)).state, context: RenderContext()).text()
        #expect(text.contains("5d41402abc · 2h ago"))
        #expect(text.contains("https://x3k2pqf7vb.lambda-url.us-east-1.on.aws/orders"))
        #expect(text.contains("src/orders.rs:10:1"))
    }

    @Test("the list's title counts errors, warnings and notes apart")
    func diagnosticCounts() {
        var s = Script.project(Size(width: 100, height: 30))
        s.state.project.diagnostics = [
            .note("secrets-example-only", "there is a `.env.secrets.example` but no `.env.secrets`"),
            .warning("unknown-attribute-key", "Unknown key `retries`."),
            .note("no-functions", "another note"),
        ]
        let title = RootView.render(s.state, context: RenderContext()).text().split(separator: "\n")[2]
        #expect(title.contains("⚠ 1  ℹ 2"), "\(title)")
        #expect(!title.contains("✗"))
        s.state.project.diagnostics.append(.error("bad-attribute", "Cannot read #[endpoint(...)]."))
        let withError = RootView.render(s.state, context: RenderContext()).text().split(separator: "\n")[2]
        #expect(withError.contains("✗ 1  ⚠ 1  ℹ 2"), "\(withError)")
    }

    @Test("a secret shows by name only; its value never appears")
    func secretNameOnly() {
        var s = Script.project(Size(width: 160, height: 48))
        s.press(.char("G"), .char("k"))
        #expect(selectedName(s) == "PAYMENT_API_KEY")
        let text = RootView.render(s.state, context: RenderContext()).text()
        #expect(text.contains("PAYMENT_API_KEY"))
        #expect(text.contains("never shown"))
        #expect(!text.contains("replace-me"))
    }
}
