#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one project file and the way back from a byte offset to a line and column.
///
/// Scanners work on byte offsets only; a `SourceLocation` is computed when a diagnostic or a function needs
/// one. Locations are mostly asked for in increasing order, so the newlines are counted forward from the last
/// location asked for; an earlier offset is looked up in a table of line starts, built only then.
/// One instance is used by one scan on one thread; what leaves it (locations, strings) is `Sendable`.
final class ProjectFileText {
    /// The path shown in diagnostics: relative to the discovery root.
    let displayPath: String
    let bytes: [UInt8]
    private lazy var lineStarts: [Int] = Self.lineStarts(of: bytes)
    /// The last location computed: its offset, 0-based line, the offset its line starts at, and its column.
    private var last = (offset: 0, line: 0, lineStart: 0, column: 1)

    init(displayPath: String, bytes: [UInt8]) {
        self.displayPath = displayPath
        self.bytes = bytes
    }

    convenience init(displayPath: String, text: String) {
        self.init(displayPath: displayPath, bytes: Array(text.utf8))
    }

    /// The 1-based line and column (in Unicode scalars) of `offset`.
    func location(at offset: Int) -> SourceLocation {
        let offset = min(max(offset, 0), bytes.count)
        var line: Int
        var lineStart: Int
        var column = 1
        var index: Int
        if offset >= last.offset {
            (line, lineStart) = (last.line, last.lineStart)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                var cursor = base + last.offset
                let end = base + offset
                while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                    let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                    line += 1
                    lineStart = newline - base + 1
                    cursor = newline + 1
                }
            }
            // On the same line as the last location: carry on counting from there.
            if lineStart == last.lineStart {
                column = last.column
                index = last.offset
            } else {
                index = lineStart
            }
        } else {
            let starts = lineStarts
            var low = 0
            var high = starts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= offset { low = mid } else { high = mid - 1 }
            }
            (line, lineStart) = (low, starts[low])
            index = lineStart
        }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        last = (offset, line, lineStart, column)
        return SourceLocation(file: displayPath, line: line + 1, column: column)
    }

    /// The text of `range`, decoded leniently (invalid UTF-8 becomes U+FFFD).
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    private static func lineStarts(of bytes: [UInt8]) -> [Int] {
        var result = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var cursor = base
            let end = base + buffer.count
            while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                result.append(newline - base + 1)
                cursor = newline + 1
            }
        }
        return result
    }
}
