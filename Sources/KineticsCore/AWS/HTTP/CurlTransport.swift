import CCurl
import Foundation

/// The live `HTTPTransport`: libcurl's multi interface on one thread of its own.
///
/// All curl handles belong to that thread; `send` hands a transfer over and suspends until the thread resumes it.
/// Connections are kept and reused across requests, any number of transfers run at once, TLS peers and host names
/// are always verified against the system CA bundle, request bodies stream from memory or from a file descriptor
/// (with seek support, so curl can rewind), and a cancelled task aborts its transfer.
///
/// This is the only file that touches libcurl's pointers. `curl_global_init` runs once, when the first transport
/// is created, so commands that never talk to AWS pay nothing for it.
public final class CurlTransport: HTTPTransport, Sendable {
    /// One transport for the whole process, created on first use.
    public static let shared = CurlTransport()

    private let engine: CurlEngine

    public init() {
        CurlGlobal.initialize()
        engine = CurlEngine()
        engine.start()
    }

    deinit { engine.stop() }

    public func send(
        _ request: HTTPRequest,
        options: HTTPTransferOptions,
        progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPResponse {
        let transfer = CurlTransfer(request: request, options: options, progress: progress)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                transfer.continuation = continuation
                engine.submit(transfer)
            }
        } onCancel: {
            transfer.cancel()
            engine.wakeUp()
        }
    }
}

// MARK: - Process-wide initialisation

private enum CurlGlobal {
    private static let once: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func initialize() {
        precondition(once, "libcurl could not be initialised")
    }
}

// MARK: - The engine thread

/// Owns the multi handle and every easy handle; everything but `submit`, `wakeUp` and `stop` runs on its thread.
private final class CurlEngine: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var pending: [CurlTransfer] = []
    private var stopping = false
    // Engine-thread state.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []

    init() {
        guard let multi = curl_multi_init() else { fatalError("libcurl could not create a multi handle") }
        self.multi = multi
        _ = kt_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 64)
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "kinetics.curl"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        lock.withLock { pending.append(transfer) }
        curl_multi_wakeup(multi)
    }

    func wakeUp() { curl_multi_wakeup(multi) }

    func stop() {
        lock.withLock { stopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        while true {
            let (incoming, stop) = lock.withLock { () -> ([CurlTransfer], Bool) in
                defer { pending.removeAll() }
                return (pending, stopping)
            }
            if stop { break }
            for transfer in incoming { begin(transfer) }
            let now = ContinuousClock.now
            for (handle, transfer) in active {
                if transfer.isCancelled {
                    end(handle, transfer, .failure(CancellationError()))
                } else if let stalled = transfer.stallFailure(at: now) {
                    end(handle, transfer, .failure(stalled))
                }
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let handle = easy
                guard let transfer = active[handle] else { continue }
                complete(handle, transfer, code: message.pointee.data.result)
            }
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for (handle, transfer) in active { end(handle, transfer, .failure(CancellationError())) }
        for transfer in lock.withLock({ pending }) { transfer.resume(.failure(CancellationError())) }
        for handle in idleHandles { curl_easy_cleanup(handle) }
        curl_multi_cleanup(multi)
    }

    private func begin(_ transfer: CurlTransfer) {
        if transfer.isCancelled {
            transfer.resume(.failure(CancellationError()))
            return
        }
        if let error = transfer.openFiles() {
            transfer.resume(.failure(error))
            return
        }
        let easy: UnsafeMutableRawPointer
        if let reused = idleHandles.popLast() {
            easy = reused
            curl_easy_reset(easy)
        } else if let fresh = curl_easy_init() {
            easy = fresh
        } else {
            transfer.resume(.failure(HTTPTransportError(kind: .other, detail: "out of memory", host: transfer.request.host)))
            return
        }
        transfer.easy = easy
        configure(easy, for: transfer)
        let handle = easy
        active[handle] = transfer
        curl_multi_add_handle(multi, easy)
    }

    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: CurlTransfer) {
        let request = transfer.request
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        _ = kt_easy_setopt_ptr(easy, CURLOPT_URL, request.urlString)
        _ = kt_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        _ = kt_easy_setopt_long(easy, CURLOPT_PATH_AS_IS, 1)
        _ = kt_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        _ = kt_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        _ = kt_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        _ = kt_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        _ = kt_easy_setopt_long(easy, CURLOPT_BUFFERSIZE, 256 * 1024)
        _ = kt_easy_setopt_long(easy, CURLOPT_UPLOAD_BUFFERSIZE, 512 * 1024)
        _ = kt_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        _ = kt_easy_setopt_ptr(easy, CURLOPT_PRIVATE, context)

        let options = transfer.options
        _ = kt_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(options.connectTimeout))
        if let total = options.totalTimeout {
            _ = kt_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(total))
        }

        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in request.headers where name.lowercased() != "content-length" {
            list = curl_slist_append(list, "\(name): \(value)")
        }
        list = curl_slist_append(list, "Expect:")
        transfer.headerList = list
        _ = kt_easy_setopt_ptr(easy, CURLOPT_HTTPHEADER, UnsafeRawPointer(list))

        switch request.method.uppercased() {
        case "GET":
            _ = kt_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case "HEAD":
            _ = kt_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        case let method:
            if request.body.length > 0 || method == "PUT" || method == "POST" || method == "PATCH" {
                _ = kt_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
                _ = kt_easy_setopt_off(easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.body.length))
                _ = kt_easy_setopt_read(easy) { buffer, size, count, context in
                    guard let buffer, let context else { return 0 }
                    return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().readBody(into: buffer, capacity: size * count)
                }
                _ = kt_easy_setopt_ptr(easy, CURLOPT_READDATA, context)
                _ = kt_easy_setopt_seek(easy) { context, offset, origin in
                    guard let context, origin == SEEK_SET else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
                    Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().seekBody(to: Int64(offset))
                    return Int32(CURL_SEEKFUNC_OK)
                }
                _ = kt_easy_setopt_ptr(easy, CURLOPT_SEEKDATA, context)
            }
            if method != "PUT" {
                _ = kt_easy_setopt_ptr(easy, CURLOPT_CUSTOMREQUEST, method)
            }
        }

        _ = kt_easy_setopt_write(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveBody(data, length: size * count)
        }
        _ = kt_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, context)
        _ = kt_easy_setopt_header(easy) { data, size, count, context in
            guard let data, let context else { return 0 }
            let length = size * count
            Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue().receiveHeader(data, length: length)
            return length
        }
        _ = kt_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, context)
        _ = kt_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0)
        _ = kt_easy_setopt_xferinfo(easy) { context, downloadTotal, downloaded, uploadTotal, uploaded in
            guard let context else { return 0 }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            return transfer.reportProgress(sent: Int64(uploaded), received: Int64(downloaded)) ? 0 : 1
        }
        _ = kt_easy_setopt_ptr(easy, CURLOPT_XFERINFODATA, context)
    }

    private func complete(_ handle: UnsafeMutableRawPointer, _ transfer: CurlTransfer, code: CURLcode) {
        let easy = handle
        if code == CURLE_OK {
            var status = 0
            _ = kt_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            end(handle, transfer, .success(HTTPResponse(status: status, headers: transfer.responseHeaders, body: transfer.responseBody)))
        } else if transfer.isCancelled {
            end(handle, transfer, .failure(CancellationError()))
        } else {
            end(handle, transfer, .failure(transfer.failure ?? Self.error(for: code, transfer: transfer)))
        }
    }

    private func end(_ handle: UnsafeMutableRawPointer, _ transfer: CurlTransfer, _ result: Result<HTTPResponse, any Error>) {
        let easy = handle
        curl_multi_remove_handle(multi, easy)
        active[handle] = nil
        transfer.easy = nil
        if idleHandles.count < 32 {
            idleHandles.append(handle)
        } else {
            curl_easy_cleanup(easy)
        }
        transfer.closeFiles()
        transfer.resume(result)
    }

    private static func error(for code: CURLcode, transfer: CurlTransfer) -> HTTPTransportError {
        let detail = transfer.errorText ?? String(cString: curl_easy_strerror(code))
        let kind: HTTPTransportError.Kind = switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .nameResolution
        case CURLE_COULDNT_CONNECT: .connectionFailed
        case CURLE_OPERATION_TIMEDOUT: .timedOut
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            .connectionReset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            .tls
        case CURLE_READ_ERROR, CURLE_ABORTED_BY_CALLBACK: .bodyUnreadable
        case CURLE_WRITE_ERROR: .responseUnwritable
        default: .other
        }
        return HTTPTransportError(kind: kind, detail: detail, host: transfer.request.hostHeader)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}

// MARK: - One transfer

/// The state of one request while curl works on it. Callbacks run on the engine thread; `cancel` may be called
/// from any thread.
private final class CurlTransfer: @unchecked Sendable {
    let request: HTTPRequest
    let options: HTTPTransferOptions
    let progress: (@Sendable (HTTPTransferProgress) -> Void)?
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>
    var responseHeaders = HTTPHeaders()
    var responseBody = Data()
    /// A failure found by a callback, more precise than curl's code.
    var failure: HTTPTransportError?

    private let cancelLock = NSLock()
    private var cancelled = false
    private var resumed = false
    private var inputDescriptor: Int32 = -1
    private var outputDescriptor: Int32 = -1
    private var bodyPosition: Int64 = 0
    private var lastSent: Int64 = -1
    private var lastReceived: Int64 = -1
    /// When a byte last moved; a transfer idle for `options.stallTimeout` is abandoned.
    private var lastActivity = ContinuousClock.now

    init(request: HTTPRequest, options: HTTPTransferOptions, progress: (@Sendable (HTTPTransferProgress) -> Void)?) {
        self.request = request
        self.options = options
        self.progress = progress
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        if let headerList { curl_slist_free_all(headerList) }
        errorBuffer.deallocate()
        closeFiles()
    }

    var isCancelled: Bool { cancelLock.withLock { cancelled } }

    func cancel() { cancelLock.withLock { cancelled = true } }

    func resume(_ result: Result<HTTPResponse, any Error>) {
        guard let continuation, !resumed else { return }
        resumed = true
        self.continuation = nil
        continuation.resume(with: result)
    }

    var errorText: String? {
        let text = String(cString: errorBuffer)
        return text.isEmpty ? nil : text
    }

    // MARK: Files

    func openFiles() -> HTTPTransportError? {
        if case .file(let path, _, _) = request.body {
            inputDescriptor = open(path, O_RDONLY | O_CLOEXEC)
            if inputDescriptor < 0 {
                return HTTPTransportError(kind: .bodyUnreadable, detail: "\(path): \(String(cString: strerror(errno)))", host: request.hostHeader)
            }
        }
        if case .file(let path) = request.responseDestination {
            outputDescriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if outputDescriptor < 0 {
                return HTTPTransportError(kind: .responseUnwritable, detail: "\(path): \(String(cString: strerror(errno)))", host: request.hostHeader)
            }
        }
        return nil
    }

    func closeFiles() {
        if inputDescriptor >= 0 { close(inputDescriptor); inputDescriptor = -1 }
        if outputDescriptor >= 0 { close(outputDescriptor); outputDescriptor = -1 }
    }

    // MARK: Callbacks

    func readBody(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let remaining = request.body.length - bodyPosition
        let count = Int(min(Int64(capacity), max(0, remaining)))
        guard count > 0 else { return 0 }
        switch request.body {
        case .empty:
            return 0
        case .data(let data):
            let start = data.startIndex + Int(bodyPosition)
            data.copyBytes(to: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), from: start..<(start + count))
            bodyPosition += Int64(count)
            return count
        case .file(let path, let offset, _):
            let got = pread(inputDescriptor, buffer, count, off_t(offset + bodyPosition))
            if got <= 0 {
                let reason = got == 0 ? "the file ended early" : String(cString: strerror(errno))
                failure = HTTPTransportError(kind: .bodyUnreadable, detail: "\(path): \(reason)", host: request.hostHeader)
                return Int(CURL_READFUNC_ABORT)
            }
            bodyPosition += Int64(got)
            return got
        }
    }

    func seekBody(to offset: Int64) {
        bodyPosition = offset
    }

    func receiveBody(_ data: UnsafeMutablePointer<CChar>, length: Int) -> Int {
        if outputDescriptor >= 0, let easy {
            var status = 0
            _ = kt_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            if (200..<300).contains(status) {
                var written = 0
                while written < length {
                    let n = write(outputDescriptor, data + written, length - written)
                    if n <= 0 {
                        failure = HTTPTransportError(kind: .responseUnwritable, detail: String(cString: strerror(errno)), host: request.hostHeader)
                        return 0
                    }
                    written += n
                }
                return length
            }
        }
        responseBody.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
        return length
    }

    func receiveHeader(_ data: UnsafeMutablePointer<CChar>, length: Int) {
        lastActivity = ContinuousClock.now
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            responseHeaders = HTTPHeaders()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        responseHeaders.add(name, value)
    }

    /// Called by curl as bytes move; returns false to abort the transfer when it was cancelled.
    func reportProgress(sent: Int64, received: Int64) -> Bool {
        if isCancelled { return false }
        guard sent != lastSent || received != lastReceived else { return true }
        lastSent = sent
        lastReceived = received
        lastActivity = ContinuousClock.now
        progress?(HTTPTransferProgress(bytesSent: sent, totalBytesToSend: request.body.length, bytesReceived: received))
        return true
    }

    /// The error for a transfer that has moved no byte for longer than its stall timeout, checked by the engine
    /// loop after every wait (curl calls back only when something happens).
    func stallFailure(at now: ContinuousClock.Instant) -> HTTPTransportError? {
        guard now - lastActivity > options.stallTimeout else { return nil }
        return HTTPTransportError(kind: .timedOut, detail: "no data moved for \(options.stallTimeout)", host: request.hostHeader)
    }
}
