import Foundation
import KineticsCore
import Testing

/// The real `kinetics-tui` binary in tmux: what a user sees and does, asserted on `capture-pane` text.
@Suite("End to end: the console in tmux", .serialized, .enabled(if: TmuxConsole.tmuxAvailable, "tmux is not installed"))
struct ConsoleEndToEndTests {
    static let shop = TmuxConsole.repository + "/examples/shop"

    /// A fresh directory for a test's cache file, removed at the end.
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kt-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Quits with `q` and checks that the console exited 0 and gave the terminal back.
    static func quitAndCheckRestored(_ console: TmuxConsole) async throws {
        try console.send("q")
        // Joined, as a narrow window wraps the line.
        let after = try await console.waitFor("the console's exit") { $0.replacingOccurrences(of: "\n", with: "").contains("modes: ") }
            .replacingOccurrences(of: "\n", with: "")
        #expect(after.contains("kinetics-tui exited 0, modes: icanon echo"), "the terminal modes were not restored:\n\(after)")
        #expect(try console.paneFormat("#{alternate_on}") == "0", "the alternate screen was not left")
    }

    @Test("--local on examples/shop: the LOCAL badge, the identity, functions by role, resources, help, filter, quit")
    func projectView() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let console = try TmuxConsole(
            arguments: ["--project", Self.shop, "--local"],
            environment: ["KINETICS_TUI_CACHE": dir + "/cache.sqlite", "AWS_REGION": "us-east-1"])
        defer { console.stop() }

        let screen = try await console.waitFor("the project and the local identity") {
            $0.contains("OrdersCreate") && $0.contains("123456789012") && $0.contains("127.0.0.1:")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].contains(" LOCAL ") && lines[0].contains("shop") && lines[0].contains("env dev") && lines[0].contains("us-east-1"))
        for section in ["ENDPOINTS 3", "WORKERS 1", "CRONS 1", "RESOURCES 2"] {
            #expect(screen.contains(section), "no \(section) section")
        }
        #expect(screen.contains("POST /orders") && screen.contains("GET /products/{id}"))
        #expect(screen.contains("OrdersProcess") && screen.contains("queue x2 batch 5"))
        #expect(screen.contains("ReportsDaily") && screen.contains("rate(1 day)"))
        #expect(screen.contains("products") && screen.contains("orders") && screen.contains("kvdb table"))
        // The detail pane of the first function, from discovery and the (empty) cache.
        #expect(screen.contains("src/orders.rs:10") && screen.contains("Deployed  not yet to dev"))
        // Functions come before resources, endpoints before workers before crons.
        let order = ["ENDPOINTS", "WORKERS", "CRONS", "RESOURCES"].compactMap { name in lines.firstIndex { $0.contains(name) } }
        #expect(order == order.sorted() && order.count == 4)

        try console.send("?")
        let help = try await console.waitFor("the help overlay") { $0.contains("Keys") && $0.contains("Esc close") }
        #expect(help.contains("filter") && help.contains("deploy"))
        try console.send("Escape")
        try await console.waitFor("the help closed") { !$0.contains("Esc close") }

        try console.send("/")
        try console.send("Products", literal: true)
        let filtered = try await console.waitFor("the filter applied") { !$0.contains("OrdersCreate ") && $0.contains("ProductsList") }
        #expect(filtered.contains("ProductsGet") && !filtered.contains("ReportsDaily"))
        try console.send("Escape")
        try await console.waitFor("the filter cleared") { $0.contains("ReportsDaily") }

        let port = lines[0].range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map { String(lines[0][$0].dropFirst(10)) }
        try await Self.quitAndCheckRestored(console)
        // The embedded local AWS was stopped with the console.
        if let port, let number = Int(port) {
            #expect(!Self.isListening(port: number), "the local AWS on port \(number) is still running after the console quit")
        }
    }

    @Test("history from a real cache file: last deploys in the project pane, sessions, a session's root cause, compare, stacks")
    func historyFromCache() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let moto = try await LocalAWSServer.start()
        defer { Task { await moto.stop() } }
        let written = try ShopHistory.write(to: dir + "/cache.sqlite", endpoint: moto.endpointURL)
        let console = try TmuxConsole(
            arguments: ["--project", Self.shop],
            environment: [
                "KINETICS_TUI_CACHE": written.path, "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": moto.endpointURL,
                "AWS_ACCESS_KEY_ID": "AKIAKINETICSE2E00000", "AWS_SECRET_ACCESS_KEY": "e2e-secret-key-never-shown",
                "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            ],
            width: 120, height: 32)
        defer { console.stop() }

        let project = try await console.waitFor("the last deploy of OrdersCreate and the identity") {
            $0.contains("Deployed  " + String(ShopHistory.sha("OrdersCreate3").prefix(7))) && $0.contains("123456789012")
        }
        #expect(project.contains(" ENDPOINT ") && project.contains(Self.hostPort(moto.endpointURL)))
        // The live URL from the stack's outputs (wrapped in the pane), and when it was deployed.
        #expect(project.contains("URL       https://d111111abcdef8.cloudfront.net") && project.contains("/orders"))
        #expect(project.contains("1h ago"))
        #expect(!project.contains("e2e-secret-key-never-shown"))

        try console.send("3")
        let history = try await console.waitFor("the sessions") { $0.contains("c0ffee1") && $0.contains("4f2a9c1") }
        #expect(history.contains("Sessions 3"))
        #expect(history.contains("rolled back") && history.contains("succeeded"))
        // Newest first.
        let newest = try #require(history.range(of: "c0ffee1")), oldest = try #require(history.range(of: "4f2a9c1"))
        let middle = try #require(history.range(of: "9d3e7b2"))
        #expect(newest.lowerBound < middle.lowerBound && middle.lowerBound < oldest.lowerBound)
        // The stack known for the project, with its last status.
        #expect(history.contains("shop-dev") && history.contains("UPDATE_COMPLETE"))

        try console.send("j")
        try console.send("Enter")
        // (Waits for the events too: the screen can be captured half drawn.)
        let session = try await console.waitFor("the rolled-back session") {
            $0.contains("Table orders already exists") && $0.contains("UPDATE_ROLLBACK_COMPLETE")
        }
        #expect(session.contains("OrdersTable") && session.contains("UPDATE_FAILED"))
        #expect(session.contains("UPDATE_ROLLBACK_COMPLETE"))
        try console.send("Escape")
        try await console.waitFor("the list again") { $0.contains("Sessions 3") }

        try console.send("Space")
        try console.send("j")
        try console.send("Space")
        try console.send("c")
        let compare = try await console.waitFor("the comparison") { $0.contains("OLDER") && $0.contains("RESOURCES") }
        #expect(compare.contains("4f2a9c1") && compare.contains("9d3e7b2"))
        #expect(compare.contains("succeeded") && compare.contains("rolled back"))
        #expect(compare.contains("0 added · 0 removed · 1 rebuilt · 4 unchanged"))
        #expect(compare.contains("OrdersQueue"))

        try console.send("Escape")
        try await Self.quitAndCheckRestored(console)
    }

    @Test("resize mid-session: larger, too small (with its own screen), and back; q quits from the too-small screen")
    func resize() async throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let console = try TmuxConsole(
            arguments: ["--project", Self.shop],
            environment: ["KINETICS_TUI_CACHE": dir + "/cache.sqlite", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "AKIAKINETICSE2E00000",
                          "AWS_SECRET_ACCESS_KEY": "x", "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_MAX_ATTEMPTS": "1",
                          "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"],
            width: 80, height: 24)
        defer { console.stop() }
        let small = try await console.waitFor("the project at 80x24") { $0.contains("OrdersCreate") }
        #expect(small.split(separator: "\n").allSatisfy { $0.count <= 80 })

        try console.resize(width: 160, height: 48)
        let large = try await console.waitFor("the project at 160x48") { screen in
            screen.split(separator: "\n").contains { $0.count > 120 && $0.hasPrefix("╰") }
        }
        #expect(large.contains("OrdersCreate") && large.contains("ReportsDaily"))

        try console.resize(width: 50, height: 12)
        let tiny = try await console.waitFor("Terminal too small")
        #expect(tiny.contains("50x12") && tiny.contains("needs 60x16"))

        try console.resize(width: 90, height: 26)
        try await console.waitFor("the project again") { $0.contains("OrdersCreate") && !$0.contains("too small") }

        try console.resize(width: 40, height: 10)
        try await console.waitFor("Terminal too small")
        try await Self.quitAndCheckRestored(console)
    }

    /// `127.0.0.1:5000` for `http://127.0.0.1:5000`.
    static func hostPort(_ url: String) -> String {
        String(url.dropFirst("http://".count))
    }

    static func isListening(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
