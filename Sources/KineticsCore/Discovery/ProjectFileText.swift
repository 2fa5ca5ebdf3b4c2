#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one project file and the way back from a byte offset to a line and column.
///
/// Scanners work on byte offsets only; a `SourceLocation` is computed when a diagnostic or a function needs
/// one, from a table of line starts built on first use.
/// One instance is used by one scan on one thread; what leaves it (locations, strings) is `Sendable`.
final class ProjectFileText {
    /// The path shown in diagnostics: relative to the discovery root.
    let displayPath: String
    let bytes: [UInt8]
    private lazy var lineStarts: [Int] = Self.lineStarts(of: bytes)
    private var lastColumn: (line: Int, offset: Int, column: Int)?

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
        let starts = lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        // Locations are mostly asked for in increasing order: on a long line, carry on from the last one.
        var column = 1
        var index = starts[low]
        if let last = lastColumn, last.line == low, last.offset <= offset {
            column = last.column
            index = last.offset
        }
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        lastColumn = (low, offset, column)
        return SourceLocation(file: displayPath, line: low + 1, column: column)
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
