import Foundation
import KineticsCore

/// An `HTTPTransport` that answers from a script and records what it was asked, for unit tests of signing,
/// retries and error handling without a network.
final class FakeHTTPTransport: HTTPTransport, @unchecked Sendable {
    enum Answer: Sendable {
        case response(HTTPResponse)
        case failure(HTTPTransportError)
    }

    private let lock = NSLock()
    private var answers: [Answer]
    private var fallback: Answer
    private var sent: [HTTPRequest] = []

    init(_ answers: [Answer] = [], fallback: Answer = .response(HTTPResponse(status: 200))) {
        self.answers = answers
        self.fallback = fallback
    }

    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(
        _ request: HTTPRequest, options: HTTPTransferOptions, progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPResponse {
        let answer = lock.withLock { () -> Answer in
            sent.append(request)
            return answers.isEmpty ? fallback : answers.removeFirst()
        }
        switch answer {
        case .response(let response): return response
        case .failure(let error): throw error
        }
    }

    static func xmlError(status: Int, code: String, message: String, requestId: String = "req-1") -> Answer {
        .response(HTTPResponse(
            status: status, headers: HTTPHeaders([("Content-Type", "text/xml")]),
            body: Data("<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>\(requestId)</RequestId></ErrorResponse>".utf8)))
    }
}

/// A clock that never waits: it records the sleeps asked of it and moves its time forward by them.
final class RecordingClock: AWSClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var slept: [Duration] = []

    init(start: Date = Date(timeIntervalSince1970: 1_440_938_160)) { current = start }

    var sleeps: [Duration] { lock.withLock { slept } }

    func now() -> Date { lock.withLock { current } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        lock.withLock {
            slept.append(duration)
            current += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
    }
}
