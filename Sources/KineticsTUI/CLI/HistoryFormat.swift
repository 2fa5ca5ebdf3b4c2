import Foundation

/// Plain-text formatting for `kinetics-tui history`: aligned tables, times, durations, sizes.
///
/// Date formatters are built once (building one costs milliseconds) and kept for the run.
final class HistoryFormat {
    private lazy var localTime = Self.formatter("yyyy-MM-dd HH:mm:ss")
    private lazy var localClock = Self.formatter("HH:mm:ss.SSS")

    /// Columns padded to their widest cell (by characters); the last column is not padded.
    static func table(_ rows: [[String]], indent: Int = 0) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        let pad = String(repeating: " ", count: indent)
        return rows.map { row in
            let cells = row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            return pad + cells.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    /// `2025-03-14 10:00:05` in local time.
    func time(_ date: Date) -> String { localTime.string(from: date) }

    /// `10:00:05.102` in local time.
    func clock(_ date: Date) -> String { localClock.string(from: date) }

    /// `2025-03-14T10:00:05.102Z`.
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `850 ms`, `15.4 s`, `3 min 02 s`, `1 h 05 min`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let total = Int(seconds.rounded())
        if total < 3600 { return String(format: "%d min %02d s", total / 60, total % 60) }
        return String(format: "%d h %02d min", total / 3600, (total % 3600) / 60)
    }

    /// `512 B`, `1.4 MB`.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(count)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = format
        return formatter
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.hasSuffix(" ") { copy.removeLast() }
        return copy
    }
}
