import Foundation
import KineticsCore

/// An HTTP proxy on 127.0.0.1 in front of moto that makes one stack's create or update slow, the way a real
/// one is: moto finishes stack operations at once, so while `holding` the proxy reports that stack as
/// `CREATE_IN_PROGRESS` / `UPDATE_IN_PROGRESS` in `DescribeStacks` and leaves its completing stack event out of
/// `DescribeStackEvents`. Everything else (and everything once released) passes through unchanged, byte for
/// byte, so moto's signature check still applies. Deletes are never held.
final class SlowStackProxy: @unchecked Sendable {
    let stackName: String
    private let targetPort: Int
    private var listener: LoopbackListener?
    private let lock = NSLock()
    private var isHolding: Bool
    /// Reports the stack as `ROLLBACK_COMPLETE` (a failed first create, which moto never ends in) until a
    /// `DeleteStack` of it passes through.
    private var rolledBack: Bool
    private var held = 0

    /// Forwards to `target` (`http://127.0.0.1:PORT`), holding `stackName`'s operations until `release()` (when
    /// `holding`), or reporting it rolled back until it is deleted (when `rolledBackUntilDeleted`).
    init(target: String, stackName: String, holding: Bool = true, rolledBackUntilDeleted: Bool = false) throws {
        isHolding = holding
        rolledBack = rolledBackUntilDeleted
        guard let url = URL(string: target), let port = url.port else { throw POSIXError(.EINVAL) }
        targetPort = port
        self.stackName = stackName
        listener = try LoopbackListener { [self] fd in serve(fd) }
    }

    deinit { stop() }

    var port: Int { listener?.port ?? 0 }

    var endpointURL: String { "http://127.0.0.1:\(port)" }

    /// How many answers about the stack were changed to say it still runs.
    var heldAnswers: Int { lock.withLock { held } }

    /// Lets the stack's operation be seen as finished from the next call on.
    func release() { lock.withLock { isHolding = false } }

    func stop() { listener?.stop() }

    // MARK: - Serving

    /// One request per connection: read it whole, forward it with `Connection: close`, rewrite the answer if it
    /// is about the held stack, send it back and close.
    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var buffer = Data()
        guard let (head, bodyStart) = LoopbackListener.readHead(fd, &buffer) else { return }
        var lines = head.components(separatedBy: "\r\n")
        let length = LoopbackListener.header("content-length", in: lines).flatMap(Int.init) ?? 0
        var body = buffer.subdata(in: bodyStart..<buffer.count)
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while body.count < length {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return }
            body.append(contentsOf: chunk[0..<n])
        }
        lines = lines.filter { !$0.lowercased().hasPrefix("connection:") } + ["Connection: close"]
        var request = Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        request.append(body)

        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var address = LoopbackListener.loopback(port: targetPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, LoopbackListener.writeAll(upstream, request) else { return }
        var response = Data()
        while true {
            let n = read(upstream, &chunk, chunk.count)
            if n <= 0 { break }
            response.append(contentsOf: chunk[0..<n])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { return }
        let responseHead = String(decoding: response[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        var responseBody = response.subdata(in: split.upperBound..<response.count)
        if LoopbackListener.header("transfer-encoding", in: responseHead)?.lowercased().contains("chunked") == true {
            responseBody = Self.dechunk(responseBody)
        }
        responseBody = rewrite(responseBody, request: String(decoding: body, as: UTF8.self))
        let kept = responseHead.filter { line in
            let name = line.lowercased()
            return !name.hasPrefix("content-length:") && !name.hasPrefix("transfer-encoding:") && !name.hasPrefix("connection:")
        }
        var out = Data(((kept + ["Content-Length: \(responseBody.count)", "Connection: close"]).joined(separator: "\r\n") + "\r\n\r\n").utf8)
        out.append(responseBody)
        _ = LoopbackListener.writeAll(fd, out)
    }

    /// The answer as the client sees it: the held stack still running.
    private func rewrite(_ body: Data, request: String) -> Data {
        let form = ScriptedCloudFormation.form(request)
        guard let action = form["Action"], form["StackName"]?.contains(stackName) == true else { return body }
        if action == "DeleteStack" { lock.withLock { rolledBack = false } }
        var text = String(decoding: body, as: UTF8.self)
        if action == "DescribeStacks", lock.withLock({ rolledBack }) {
            let status = try! NSRegularExpression(pattern: "<StackStatus>[A-Z_]+</StackStatus>")
            text = status.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<StackStatus>ROLLBACK_COMPLETE</StackStatus>")
            lock.withLock { held += 1 }
            return Data(text.utf8)
        }
        guard action == "DescribeStacks" || action == "DescribeStackEvents", lock.withLock({ isHolding }) else { return body }
        let original = text
        if action == "DescribeStacks" {
            for (done, running) in [("CREATE_COMPLETE", "CREATE_IN_PROGRESS"), ("UPDATE_COMPLETE", "UPDATE_IN_PROGRESS")] {
                text = text.replacingOccurrences(of: "<StackStatus>\(done)</StackStatus>", with: "<StackStatus>\(running)</StackStatus>")
            }
        } else {
            // Leave out the stack's own completing events (a member is one event; members do not nest here).
            let pattern = try! NSRegularExpression(pattern: "<member>((?!</member>).)*?</member>", options: [.dotMatchesLineSeparators])
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range).reversed() {
                guard let r = Range(match.range, in: text) else { continue }
                let member = text[r]
                let isStack = member.contains("<ResourceType>AWS::CloudFormation::Stack</ResourceType>")
                let completes = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS"]
                    .contains { member.contains("<ResourceStatus>\($0)</ResourceStatus>") }
                if isStack && completes { text.removeSubrange(r) }
            }
        }
        if text != original { lock.withLock { held += 1 } }
        return Data(text.utf8)
    }

    // MARK: - Helpers

    private static func dechunk(_ data: Data) -> Data {
        var out = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd.upperBound
            guard rest.endIndex - start >= size else { break }
            out.append(rest[start..<(start + size)])
            rest = rest[min(rest.endIndex, start + size + 2)...]
        }
        return out
    }
}
