import Foundation
import KineticsCore

/// A tiny HTTP/1.1 server on 127.0.0.1 that answers from a script, for transport and retry tests: normal
/// responses, throttling and 5xx bodies, connection resets, stalls, and a record of what arrived.
final class FaultInjectingHTTPServer: @unchecked Sendable {
    enum Behavior: Sendable {
        case respond(status: Int, headers: [(String, String)] = [], body: Data = Data())
        /// Closes the connection with RST before answering.
        case reset
        /// Reads the request and says nothing for this long, then closes.
        case stall(Duration)
    }

    struct Received: Sendable {
        var method: String
        var target: String
        var headers: [(String, String)]
        var bodyLength: Int
        var bodySHA256: String
        var arrival: ContinuousClock.Instant

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    private let lock = NSLock()
    private var script: [Behavior] = []
    private var fallback: Behavior
    private var received: [Received] = []
    private var listener: LoopbackListener?

    init(fallback: Behavior = .respond(status: 200, body: Data("ok".utf8))) throws {
        self.fallback = fallback
        listener = try LoopbackListener { [self] fd in serve(fd) }
    }

    deinit { stop() }

    var port: Int { listener?.port ?? 0 }

    func stop() { listener?.stop() }

    /// Queues behaviours for the next requests, in order; after them, the fallback.
    func enqueue(_ behaviors: Behavior...) { lock.withLock { script += behaviors } }

    func setFallback(_ behavior: Behavior) { lock.withLock { fallback = behavior } }

    var requests: [Received] { lock.withLock { received } }
    var connectionCount: Int { listener?.connectionCount ?? 0 }

    var endpointURL: String { "http://127.0.0.1:\(port)" }

    // MARK: - Serving

    private func serve(_ fd: Int32) {
        var buffer = Data()
        defer { close(fd) }
        while true {
            guard let (head, bodyStart) = LoopbackListener.readHead(fd, &buffer) else { return }
            let lines = head.components(separatedBy: "\r\n")
            let requestLine = lines[0].split(separator: " ")
            guard requestLine.count >= 2 else { return }
            var headers: [(String, String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let length = LoopbackListener.header("content-length", in: lines).flatMap(Int.init) ?? 0
            buffer = buffer.subdata(in: bodyStart..<buffer.count)
            let hasher = DigestContext(.sha256)
            var remaining = length
            let fromBuffer = min(remaining, buffer.count)
            hasher.update(buffer.prefix(fromBuffer))
            buffer = buffer.subdata(in: fromBuffer..<buffer.count)
            remaining -= fromBuffer
            var chunk = [UInt8](repeating: 0, count: 256 * 1024)
            while remaining > 0 {
                let n = read(fd, &chunk, min(chunk.count, remaining))
                if n <= 0 { return }
                hasher.update(chunk[0..<n])
                remaining -= n
            }
            let record = Received(
                method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, bodyLength: length,
                bodySHA256: hasher.finish().hexString, arrival: .now)
            let behavior = lock.withLock { () -> Behavior in
                received.append(record)
                return script.isEmpty ? fallback : script.removeFirst()
            }
            switch behavior {
            case .respond(let status, let extra, let body):
                var text = "HTTP/1.1 \(status) Status\r\nContent-Length: \(body.count)\r\n"
                for (name, value) in extra { text += "\(name): \(value)\r\n" }
                text += "\r\n"
                var out = Data(text.utf8)
                if record.method != "HEAD" { out.append(body) }
                guard LoopbackListener.writeAll(fd, out) else { return }
            case .reset:
                var linger = Darwin_linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Darwin_linger>.size))
                return
            case .stall(let duration):
                Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                return
            }
        }
    }
}

private typealias Darwin_linger = linger
