import Foundation

/// The timestamp formats AWS responses use.
public enum AWSDate {
    /// ISO 8601 with or without fractional seconds (`2024-05-01T12:00:00.123Z`), as Query and REST-XML bodies
    /// write them; also accepts an RFC 1123 date (`Wed, 01 May 2024 12:00:00 GMT`) as S3 headers write them.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = fractional.withLock({ $0.date(from: trimmed) }) ?? plain.withLock({ $0.date(from: trimmed) }) {
            return date
        }
        return rfc1123.withLock { $0.date(from: trimmed) }
    }

    /// Seconds since 1970 as JSON protocols write them (`1714564800.123`).
    public static func fromEpoch(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    /// ISO 8601 with milliseconds, in UTC.
    public static func format(_ date: Date) -> String { fractional.withLock { $0.string(from: date) } }

    private static let fractional = Locked<ISO8601DateFormatter> {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
    private static let plain = Locked<ISO8601DateFormatter> { ISO8601DateFormatter() }
    private static let rfc1123 = Locked<DateFormatter> {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter
    }
}
