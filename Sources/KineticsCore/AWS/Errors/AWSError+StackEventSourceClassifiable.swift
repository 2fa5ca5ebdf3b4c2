/// Tells the event engine whether to back off (throttling), stop following a stack (gone), retry a few times
/// (a failure the client's own retries did not get past), or give up.
extension AWSError: StackEventSourceClassifiable {
    public var stackEventSourceErrorKind: StackEventSourceErrorKind {
        switch code {
        case .transport:
            return .transient
        case .service:
            if serviceCode == "ValidationError", (serviceMessage ?? "").contains("does not exist") { return .stackNotFound }
            switch RetryStrategy.classify(status: httpStatus ?? 0, code: serviceCode) {
            case .throttling: return .throttled
            case .transient, .timeout, .connectionNeverSent: return .transient
            case .notRetryable: return .fatal
            }
        default:
            return .fatal
        }
    }
}
