import Foundation
import Testing
@testable import KineticsCore

@Suite("The embedded local AWS starts, answers, stops, and never outlives its parent")
struct LocalAWSServerTests {
    @Test("started from a thread that blocks SIGTERM (as the console's threads do), it still stops on SIGTERM at once")
    func stopsOnTermWhenSpawnedBlocked() async throws {
        // Process.run spawns on the calling thread, before the first suspension in start.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        sigaddset(&blocked, SIGINT)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let started: Result<LocalAWSServer, any Error>
        do { started = .success(try await LocalAWSServer.start()) } catch { started = .failure(error) }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        let server = try started.get()
        let status = try String(contentsOfFile: "/proc/\(server.processIdentifier)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") })
        let mask = try #require(UInt64(line.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16))
        #expect(mask & (1 << UInt64(SIGTERM - 1)) == 0, "moto's main thread must not block SIGTERM: \(line)")
        #expect(await server.stop(grace: .seconds(10)) == .terminated)
        #expect(!server.isRunning)
    }

    @Test("it answers S3 on a free loopback port with dummy credentials, including presigned URLs, then stops")
    func startAnswerStop() async throws {
        let server = try await LocalAWSServer.start()
        #expect(server.endpointURL.hasPrefix("http://127.0.0.1:"))
        #expect(server.port > 0)
        let s3 = S3Client(client: AWSClient(configuration: server.configuration()))
        try await s3.createBucket("kt-local")
        for key in ["artifacts/api/a+b=c&d.zip", "artifacts/worker/ünï.zip", "top.txt"] {
            try await s3.putObject(bucket: "kt-local", key: key, body: .data(Data(key.utf8)))
        }
        let folders = try await s3.listObjectsV2(bucket: "kt-local", prefix: "artifacts/", delimiter: "/")
        #expect(folders.commonPrefixes.sorted() == ["artifacts/api/", "artifacts/worker/"])
        let api = try await s3.listObjectsV2(bucket: "kt-local", prefix: "artifacts/api/")
        #expect(api.objects.map(\.key) == ["artifacts/api/a+b=c&d.zip"])
        #expect(String(decoding: try await s3.getObject(bucket: "kt-local", key: "artifacts/worker/ünï.zip").data, as: UTF8.self)
                == "artifacts/worker/ünï.zip")

        let url = try #require(URLComponents(string: s3.presignedURL(bucket: "kt-local", key: "top.txt", expires: 60)))
        let presigned = HTTPRequest(
            method: "GET", scheme: "http", host: "127.0.0.1", port: url.port, encodedPath: url.percentEncodedPath,
            query: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(presigned.query.contains { $0.name == "X-Amz-Signature" })
        let response = try await CurlTransport.shared.send(presigned)
        #expect(String(decoding: response.body, as: UTF8.self) == "top.txt")

        let pid = server.processIdentifier
        #expect(await server.stop() == .terminated)
        #expect(!server.isRunning)
        #expect(kill(pid, 0) != 0)
        let refused = try await #require(throws: HTTPTransportError.self) {
            try await CurlTransport.shared.send(HTTPRequest(method: "GET", scheme: "http", host: "127.0.0.1", port: server.port))
        }
        #expect(refused.kind == .connectionFailed)
    }

    @Test("without moto installed the error says how to install it")
    func motoMissing() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kt-nomoto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A Python without site-packages: moto cannot be imported.
        let python = dir.appendingPathComponent("python3").path
        try "#!/bin/sh\nexec python3 -S \"$@\"\n".write(toFile: python, atomically: true, encoding: .utf8)
        chmod(python, 0o755)
        let error = try await #require(throws: AWSError.self) {
            try await LocalAWSServer.start(.init(python: python, startTimeout: .seconds(20)))
        }
        #expect(error.code == .localServerUnavailable)
        #expect(error.description.contains("moto_server is not installed"))
        #expect(error.description.contains("scripts/setup.sh"))
        #expect(error.description.contains("pip install 'moto[server]'"))
    }

    @Test("a Python that does not exist is named")
    func pythonMissing() async throws {
        let error = try await #require(throws: AWSError.self) {
            try await LocalAWSServer.start(.init(python: "/nonexistent/python3"))
        }
        #expect(error.code == .localServerUnavailable)
        #expect(error.description.contains("/nonexistent/python3"))
    }

    @Test("kill -9 of the process that started it takes the server down too")
    func diesWithParent() async throws {
        let bench = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("kinetics-bench").path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build kinetics-bench first (swift build --build-tests)")
        let parent = Process()
        parent.executableURL = URL(fileURLWithPath: bench)
        parent.arguments = ["local-aws"]
        let output = Pipe()
        let input = Pipe()
        parent.standardOutput = output
        parent.standardInput = input
        try parent.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let pidText = try #require(text.split(separator: " ").first { $0.hasPrefix("pid=") }?.dropFirst(4))
        let motoPid = try #require(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(motoPid, 0) == 0)
        kill(parent.processIdentifier, SIGKILL)
        parent.waitUntilExit()
        let deadline = ContinuousClock.now + .seconds(5)
        while kill(motoPid, 0) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(kill(motoPid, 0) != 0, "moto (pid \(motoPid)) outlived its parent")
        if kill(motoPid, 0) == 0 { kill(motoPid, SIGKILL) }
    }
}
