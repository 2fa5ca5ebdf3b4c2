import Foundation

/// How numbers, times and identifiers read on screen.
enum Format {
    /// `12s`, `1m05s`, `1h02m`.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + pad2(s % 60) + "s" }
        return "\(s / 3600)h" + pad2((s / 60) % 60) + "m"
    }

    /// `00:42`, `12:03`, `1:02:03`: a running clock.
    static func clock(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 3600 { return pad2(s / 60) + ":" + pad2(s % 60) }
        return "\(s / 3600):" + pad2((s / 60) % 60) + ":" + pad2(s % 60)
    }

    /// `+51s`, `-1m05s`.
    static func signedDuration(_ seconds: TimeInterval) -> String {
        (seconds < 0 ? "-" : "+") + duration(abs(seconds))
    }

    /// `512 B`, `4.2 KB`, `7.9 MB`, `1.2 GB` (decimal units, as S3 and browsers count).
    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if count < 1000 { return "\(count) B" }
        if value < 1e6 { return oneDecimal(value / 1e3) + " KB" }
        if value < 1e9 { return oneDecimal(value / 1e6) + " MB" }
        return oneDecimal(value / 1e9) + " GB"
    }

    /// `4.2 / 7.9 MB`: a part of a whole, the unit said once when both share it.
    static func bytes(_ part: Int64, of whole: Int64) -> String {
        let a = bytes(part), b = bytes(whole)
        let unitA = a.split(separator: " ").last, unitB = b.split(separator: " ").last
        if unitA == unitB, let number = a.split(separator: " ").first { return "\(number) / \(b)" }
        return a + " / " + b
    }

    /// `2.1 MB/s`.
    static func throughput(_ bytesPerSecond: Double) -> String {
        bytes(Int64(bytesPerSecond.rounded())) + "/s"
    }

    /// `14:03:27` in `timeZone`.
    static func timeOfDay(_ date: Date, timeZone: TimeZone) -> String {
        let parts = components(date, timeZone: timeZone)
        return pad2(parts.hour) + ":" + pad2(parts.minute) + ":" + pad2(parts.second)
    }

    /// `2025-05-01 14:03` in `timeZone`.
    static func dateTime(_ date: Date, timeZone: TimeZone) -> String {
        let parts = components(date, timeZone: timeZone)
        return "\(parts.year)-" + pad2(parts.month) + "-" + pad2(parts.day) + " " + pad2(parts.hour) + ":"
            + pad2(parts.minute)
    }

    /// `just now`, `5m ago`, `3h ago`, `2d ago`.
    static func ago(_ date: Date, now: Date) -> String {
        let s = Int(now.timeIntervalSince(date))
        if s < 45 { return "just now" }
        if s < 3600 { return "\(max(1, s / 60))m ago" }
        if s < 86400 { return "\(s / 3600)h ago" }
        return "\(s / 86400)d ago"
    }

    /// The first 10 characters of a hash.
    static func shortHash(_ hash: String) -> String { String(hash.prefix(10)) }

    /// `Lambda::Function` for `AWS::Lambda::Function`.
    static func resourceType(_ type: String) -> String {
        type.hasPrefix("AWS::") ? String(type.dropFirst(5)) : type
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private struct Parts {
        var year, month, day, hour, minute, second: Int
    }

    private static func components(_ date: Date, timeZone: TimeZone) -> Parts {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return Parts(
            year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0,
            hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }
}
