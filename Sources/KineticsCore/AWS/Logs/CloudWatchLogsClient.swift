import Foundation

/// CloudWatch Logs, over JSON 1.1: reading a function's log lines.
public struct CloudWatchLogsClient: Sendable {
    public let client: AWSClient
    private static let target = "Logs_20140328"

    public init(client: AWSClient) { self.client = client }

    public struct LogEvent: Sendable, Hashable {
        public var eventId: String?
        public var logStreamName: String?
        public var timestamp: Date
        public var ingestionTime: Date?
        /// The raw line; pass it through `TextSanitizer` before showing it.
        public var message: String
    }

    public struct FilterPage: Sendable, Hashable {
        public var events: [LogEvent]
        public var nextToken: String?
    }

    /// `FilterLogEvents`: one page of a log group's events in `[start, end)`, matching `filterPattern`.
    public func filterLogEvents(
        logGroupName: String, logStreamNames: [String]? = nil, start: Date? = nil, end: Date? = nil,
        filterPattern: String? = nil, limit: Int? = nil, nextToken: String? = nil
    ) async throws -> FilterPage {
        var body: [String: Any] = ["logGroupName": logGroupName]
        if let logStreamNames { body["logStreamNames"] = logStreamNames }
        if let start { body["startTime"] = Int64(start.timeIntervalSince1970 * 1000) }
        if let end { body["endTime"] = Int64(end.timeIntervalSince1970 * 1000) }
        if let filterPattern { body["filterPattern"] = filterPattern }
        if let limit { body["limit"] = limit }
        if let nextToken { body["nextToken"] = nextToken }
        let data = try await client.json(
            .cloudWatchLogs, targetPrefix: Self.target, action: "FilterLogEvents",
            body: try JSONSerialization.data(withJSONObject: body), idempotent: true)
        struct Output: Decodable {
            struct E: Decodable {
                var eventId: String?
                var logStreamName: String?
                var timestamp: Int64?
                var ingestionTime: Int64?
                var message: String?
            }
            var events: [E]?
            var nextToken: String?
        }
        let output = try client.decodeJSON(Output.self, from: data, operation: "FilterLogEvents", service: .cloudWatchLogs)
        let events = (output.events ?? []).map { e in
            LogEvent(
                eventId: e.eventId, logStreamName: e.logStreamName,
                timestamp: Date(timeIntervalSince1970: Double(e.timestamp ?? 0) / 1000),
                ingestionTime: e.ingestionTime.map { Date(timeIntervalSince1970: Double($0) / 1000) },
                message: e.message ?? "")
        }
        return FilterPage(events: events, nextToken: output.nextToken)
    }
}
