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

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var script: [Behavior] = []
    private var fallback: Behavior
    private var received: [Received] = []
    private var connections = 0
    private var stopped = false

    init(fallback: Behavior = .respond(status: 200, body: Data("ok".utf8))) throws {
        self.fallback = fallback
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    func stop() {
        let wasStopped = lock.withLock { () -> Bool in
            defer { stopped = true }
            return stopped
        }
        if !wasStopped {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    /// Queues behaviours for the next requests, in order; after them, the fallback.
    func enqueue(_ behaviors: Behavior...) { lock.withLock { script += behaviors } }

    func setFallback(_ behavior: Behavior) { lock.withLock { fallback = behavior } }

    var requests: [Received] { lock.withLock { received } }
    var connectionCount: Int { lock.withLock { connections } }

    var endpointURL: String { "http://127.0.0.1:\(port)" }

    // MARK: - Serving

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            lock.withLock { connections += 1 }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        var buffer = Data()
        defer { close(fd) }
        while true {
            guard let (head, bodyStart) = readHead(fd, &buffer) else { return }
            let lines = head.components(separatedBy: "\r\n")
            let requestLine = lines[0].split(separator: " ")
            guard requestLine.count >= 2 else { return }
            var headers: [(String, String)] = []
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let length = Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
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
                guard writeAll(fd, out) else { return }
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

    private func readHead(_ fd: Int32, _ buffer: inout Data) -> (String, Int)? {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let range = buffer.range(of: Data("\r\n\r\n".utf8)) {
                return (String(decoding: buffer[..<range.lowerBound], as: UTF8.self), range.upperBound)
            }
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    private func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }
}

private typealias Darwin_linger = linger
