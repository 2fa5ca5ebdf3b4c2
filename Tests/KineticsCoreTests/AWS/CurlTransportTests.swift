import Foundation
import Testing
@testable import KineticsCore

@Suite("The libcurl transport against a local HTTP server")
struct CurlTransportTests {
    static func request(_ server: FaultInjectingHTTPServer, method: String = "GET", path: String = "/", body: HTTPBody = .empty) -> HTTPRequest {
        HTTPRequest(method: method, scheme: "http", host: "127.0.0.1", port: server.port, encodedPath: path, body: body)
    }

    static func temporaryFile(size: Int, seed: UInt8 = 7) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kt-body-\(UUID().uuidString)").path
        var bytes = [UInt8](repeating: 0, count: size)
        var x = UInt32(seed)
        for i in 0..<size {
            x = x &* 1_103_515_245 &+ 12345
            bytes[i] = UInt8(truncatingIfNeeded: x >> 16)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("status, headers and body come back, and one connection serves many requests")
    func basicsAndReuse() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .respond(status: 201, headers: [("X-Thing", "one two")], body: Data("hello".utf8)))
        defer { server.stop() }
        let transport = CurlTransport()
        for _ in 0..<3 {
            let response = try await transport.send(Self.request(server, path: "/a%20b?x"))
            #expect(response.status == 201)
            #expect(response.headers["x-thing"] == "one two")
            #expect(String(decoding: response.body, as: UTF8.self) == "hello")
        }
        #expect(server.connectionCount == 1)
        #expect(server.requests.first?.target == "/a%20b?x")
    }

    @Test("a file range streams as the body with progress up to its length")
    func streamsFileRange() async throws {
        let path = try Self.temporaryFile(size: 12 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try FaultInjectingHTTPServer()
        defer { server.stop() }
        let seen = Locked<[Int64]>([])
        let response = try await CurlTransport.shared.send(
            Self.request(server, method: "PUT", path: "/part", body: .file(path: path, offset: 1_000_003, length: 9 << 20)),
            options: HTTPTransferOptions(), progress: { p in seen.withLock { $0.append(p.bytesSent) } })
        #expect(response.status == 200)
        let received = try #require(server.requests.last)
        #expect(received.bodyLength == 9 << 20)
        let expected = try Digest.digestOfFile(.sha256, path: path, offset: 1_000_003, length: 9 << 20).hexString
        #expect(received.bodySHA256 == expected)
        #expect(received.header("Expect") == nil)
        let progress = seen.withLock { $0 }
        #expect(progress.last == 9 << 20)
        #expect(progress == progress.sorted())
    }

    @Test("many transfers run at once")
    func concurrent() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .respond(status: 200, body: Data(repeating: 65, count: 100_000)))
        defer { server.stop() }
        let transport = CurlTransport()
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<24 { group.addTask { try await transport.send(Self.request(server, path: "/\(i)")).body.count } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sizes.count == 24)
        #expect(sizes.allSatisfy { $0 == 100_000 })
    }

    @Test("a successful body can go to a file, an error body stays in memory")
    func responseToFile() async throws {
        let server = try FaultInjectingHTTPServer()
        defer { server.stop() }
        server.enqueue(.respond(status: 200, body: Data("file contents".utf8)), .respond(status: 404, body: Data("<Error/>".utf8)))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kt-get-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = Self.request(server)
        request.responseDestination = .file(path: path)
        let ok = try await CurlTransport.shared.send(request)
        #expect(ok.body.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "file contents")
        let missing = try await CurlTransport.shared.send(request)
        #expect(missing.status == 404)
        #expect(String(decoding: missing.body, as: UTF8.self) == "<Error/>")
    }

    @Test("a reset, a stall, a refused connection and a missing file are each typed")
    func failures() async throws {
        let server = try FaultInjectingHTTPServer()
        server.enqueue(.reset, .stall(.seconds(30)))
        let transport = CurlTransport.shared
        let reset = try await #require(throws: HTTPTransportError.self) { try await transport.send(Self.request(server)) }
        #expect(reset.kind == .connectionReset || reset.kind == .connectionFailed)
        let started = ContinuousClock.now
        let stall = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(Self.request(server), options: HTTPTransferOptions(stallTimeout: .seconds(1)))
        }
        #expect(stall.kind == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(20))
        let port = server.port
        server.stop()
        let refused = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: port))
        }
        #expect(refused.kind == .connectionFailed)
        #expect(refused.requestNeverSent)
        let unreadable = try await #require(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(method: "PUT", scheme: "http", host: "127.0.0.1", port: port,
                                                 body: .file(path: "/nonexistent/kt", offset: 0, length: 10)))
        }
        #expect(unreadable.kind == .bodyUnreadable)
    }

    @Test("a response that stalls after an upload is given up after the stall timeout")
    func stallAfterUpload() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .stall(.seconds(30)))
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = try await #require(throws: HTTPTransportError.self) {
            try await CurlTransport.shared.send(
                Self.request(server, method: "POST", body: .data(Data(repeating: 1, count: 2000))),
                options: HTTPTransferOptions(stallTimeout: .seconds(1)))
        }
        // Timed out by the stall watchdog, long before the server would have hung up (a busy machine may delay
        // the waiting task by a few seconds, hence the generous bound).
        #expect(error.kind == .timedOut)
        #expect(error.detail.contains("no data moved"))
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("cancelling the task aborts the transfer at once")
    func cancellation() async throws {
        let server = try FaultInjectingHTTPServer(fallback: .stall(.seconds(20)))
        defer { server.stop() }
        let request = Self.request(server)
        let task = Task { try await CurlTransport.shared.send(request) }
        try await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test("TLS verification is on: a self-signed server is refused as a TLS failure")
    func tlsAlwaysVerified() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kt-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
            import http.server, socket, ssl, subprocess, sys
            d = sys.argv[1]
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                            "-keyout", d + "/key.pem", "-out", d + "/cert.pem"], check=True, capture_output=True)
            server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(d + "/cert.pem", d + "/key.pem")
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.handle_request()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, dir.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try #require(Int(line))
        let error = try await #require(throws: HTTPTransportError.self) {
            try await CurlTransport.shared.send(HTTPRequest(method: "GET", scheme: "https", host: "127.0.0.1", port: port))
        }
        #expect(error.kind == .tls)
        #expect(error.description.contains("certificate"))
    }
}
