/// Finds where keys and table headers are written in a TOML file, for diagnostics about their values.
///
/// One pass over the lines: `[table]` and `[[array]]` headers (the n-th `[[array]]` is path `array`, `#n`),
/// `key = value` and dotted `a.b = value` lines; multi-line strings and arrays are stepped over. Keys inside
/// inline tables are not recorded: a lookup then lands on the line of the enclosing key.
struct TOMLKeyLocator {
    private var offsets: [[String]: Int] = [:]

    init(_ text: ProjectFileText) {
        text.bytes.withUnsafeBufferPointer { scan($0) }
    }

    func location(of path: [String], in text: ProjectFileText) -> SourceLocation {
        var path = path
        while !path.isEmpty {
            if let offset = offsets[path] { return text.location(at: offset) }
            path.removeLast()
        }
        return SourceLocation(file: text.displayPath, line: 1, column: 1)
    }

    // MARK: - Scanning

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var table: [String] = []
        var arrayCounts: [[String]: Int] = [:]
        var multilineDelimiter: UInt8?
        var bracketDepth = 0
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            var index = lineStart
            if let delimiter = multilineDelimiter {
                guard let close = Self.find(triple: delimiter, in: bytes, from: index, to: lineEnd) else { continue }
                multilineDelimiter = nil
                index = close + 3
                (multilineDelimiter, bracketDepth) = Self.scanValue(bytes, from: index, to: lineEnd, depth: bracketDepth)
                continue
            }
            if bracketDepth > 0 {
                (multilineDelimiter, bracketDepth) = Self.scanValue(bytes, from: index, to: lineEnd, depth: bracketDepth)
                continue
            }
            while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < lineEnd, bytes[index] != UInt8(ascii: "#"), bytes[index] != 0x0D else { continue }
            if bytes[index] == UInt8(ascii: "[") {
                let isArray = index + 1 < lineEnd && bytes[index + 1] == UInt8(ascii: "[")
                let (path, _) = Self.parseKey(bytes, from: index + (isArray ? 2 : 1), to: lineEnd)
                guard !path.isEmpty else { continue }
                if isArray {
                    let occurrence = arrayCounts[path, default: 0]
                    arrayCounts[path] = occurrence + 1
                    table = path + ["#\(occurrence)"]
                } else {
                    table = path
                }
                record(table, at: index)
                continue
            }
            let (keyPath, afterKey) = Self.parseKey(bytes, from: index, to: lineEnd)
            guard !keyPath.isEmpty else { continue }
            var cursor = afterKey
            while cursor < lineEnd, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            guard cursor < lineEnd, bytes[cursor] == UInt8(ascii: "=") else { continue }
            record(table + keyPath, at: index)
            (multilineDelimiter, bracketDepth) = Self.scanValue(bytes, from: cursor + 1, to: lineEnd, depth: 0)
        }
    }

    /// Records `path` and each of its prefixes not seen yet: a table that has no header of its own
    /// (`[a.b.c]` defines `a` and `a.b`) is found where it is first written.
    private mutating func record(_ path: [String], at offset: Int) {
        for length in stride(from: path.count, through: 1, by: -1) {
            let prefix = Array(path.prefix(length))
            if offsets[prefix] == nil { offsets[prefix] = offset }
        }
    }

    /// A dotted key starting at `start`: bare segments, `"quoted"` or `'literal'` ones. Returns the segments and
    /// the offset after the key.
    private static func parseKey(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> ([String], Int) {
        var segments: [String] = []
        var index = start
        while true {
            while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < end else { return (segments, index) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = index + 1
                while close < end, bytes[close] != byte {
                    if byte == UInt8(ascii: "\""), bytes[close] == UInt8(ascii: "\\") { close += 1 }
                    close += 1
                }
                guard close < end else { return ([], index) }
                segments.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self))
                index = close + 1
            } else {
                let segmentStart = index
                while index < end, isBareKeyByte(bytes[index]) { index += 1 }
                guard index > segmentStart else { return (segments, index) }
                segments.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]), as: UTF8.self))
            }
            var probe = index
            while probe < end, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
            guard probe < end, bytes[probe] == UInt8(ascii: ".") else { return (segments, index) }
            index = probe + 1
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Steps over a value on one line: strings, comments, and brackets that stay open onto the next lines.
    /// Returns an open multi-line string delimiter, if one is left open, and the bracket depth.
    private static func scanValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, depth: Int)
        -> (UInt8?, Int)
    {
        var depth = depth
        var index = start
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "#"):
                return (nil, depth)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if index + 2 < end, bytes[index + 1] == byte, bytes[index + 2] == byte {
                    guard let close = find(triple: byte, in: bytes, from: index + 3, to: end) else { return (byte, depth) }
                    index = close + 3
                    continue
                }
                var close = index + 1
                while close < end, bytes[close] != byte {
                    if byte == UInt8(ascii: "\""), bytes[close] == UInt8(ascii: "\\") { close += 1 }
                    close += 1
                }
                index = close + 1
                continue
            default:
                break
            }
            index += 1
        }
        return (nil, depth)
    }

    private static func find(triple byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var index = start
        while index + 3 <= end {
            if bytes[index] == byte, bytes[index + 1] == byte, bytes[index + 2] == byte { return index }
            index += 1
        }
        return nil
    }
}
