/// A `.env` or `.env.secrets` file: `KEY=value` lines.
///
/// The format, as dotenv tools read it:
/// - blank lines and lines starting with `#` are skipped; `export KEY=value` is allowed;
/// - spaces around the key and the `=` are ignored;
/// - an unquoted value ends at the end of the line or at ` #` (a comment), and is trimmed;
/// - `'single quoted'` values are taken as written; `"double quoted"` ones resolve `\n`, `\r`, `\t`, `\"`, `\\`
///   and may span lines.
///
/// Problems are warnings: the line is skipped. Messages never quote a value, as the file may hold secrets.
struct DotEnvFile {
    struct Entry: Equatable {
        var key: String
        var value: String
        var location: SourceLocation
    }

    /// In file order; a key set twice appears once, with its last value.
    private(set) var entries: [Entry] = []
    private(set) var diagnostics: [Diagnostic] = []

    var values: [String: String] { Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }) }

    init(_ text: ProjectFileText) {
        if let invalid = UTF8Validation.firstInvalidOffset(in: text.bytes) {
            diagnostics.append(.warning(
                .invalidUTF8, "`\(text.displayPath)` is not valid UTF-8 here; the file is ignored — re-save it as UTF-8",
                at: text.location(at: invalid)))
            return
        }
        let bytes = text.bytes
        var index = 0
        var positions: [String: Int] = [:]
        while index < bytes.count {
            let lineStart = index
            var lineEnd = index
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            index = lineEnd + 1
            var cursor = skipSpaces(bytes, from: lineStart, to: lineEnd)
            guard cursor < lineEnd, bytes[cursor] != UInt8(ascii: "#"), bytes[cursor] != 0x0D else { continue }
            if matches(bytes, at: cursor, "export "), lineEnd - cursor > 7 { cursor = skipSpaces(bytes, from: cursor + 7, to: lineEnd) }
            let keyStart = cursor
            while cursor < lineEnd, bytes[cursor] != UInt8(ascii: "="), bytes[cursor] != 0x20, bytes[cursor] != 0x09 { cursor += 1 }
            let keyEnd = cursor
            cursor = skipSpaces(bytes, from: cursor, to: lineEnd)
            guard keyEnd > keyStart, cursor < lineEnd, bytes[cursor] == UInt8(ascii: "=") else {
                diagnostics.append(.warning(
                    .invalidEnvLine, "this line of `\(text.displayPath)` is not `KEY=value`; it is ignored — fix or remove it",
                    at: text.location(at: keyStart)))
                continue
            }
            let key = String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)
            cursor = skipSpaces(bytes, from: cursor + 1, to: lineEnd)
            let value: String
            if cursor < lineEnd, bytes[cursor] == UInt8(ascii: "'") || bytes[cursor] == UInt8(ascii: "\"") {
                guard let (quoted, end) = readQuoted(bytes, from: cursor) else {
                    diagnostics.append(.warning(
                        .invalidEnvLine, "the quoted value of `\(key)` in `\(text.displayPath)` is never closed; add the closing quote",
                        at: text.location(at: cursor)))
                    continue
                }
                value = quoted
                // A double-quoted value may have spanned lines: continue after it.
                var after = end
                while after < bytes.count, bytes[after] != 0x0A { after += 1 }
                index = after + 1
            } else {
                var valueEnd = cursor
                while valueEnd < lineEnd {
                    if bytes[valueEnd] == UInt8(ascii: "#"), valueEnd > cursor, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { break }
                    valueEnd += 1
                }
                while valueEnd > cursor, [0x20, 0x09, 0x0D].contains(bytes[valueEnd - 1]) { valueEnd -= 1 }
                value = String(decoding: bytes[cursor..<valueEnd], as: UTF8.self)
            }
            let location = text.location(at: keyStart)
            if let previous = positions[key] {
                diagnostics.append(.warning(
                    .duplicateEnvName, "`\(key)` is set again in `\(text.displayPath)` (first on line \(entries[previous].location.line)); the last value wins — remove one",
                    at: location))
                entries[previous].value = value
                continue
            }
            positions[key] = entries.count
            entries.append(Entry(key: key, value: value, location: location))
        }
    }

    private func skipSpaces(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }

    private func matches(_ bytes: [UInt8], at index: Int, _ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        return index + utf8.count <= bytes.count && Array(bytes[index..<(index + utf8.count)]) == utf8
    }

    /// The value of a quoted string starting at `start`, and the offset after its closing quote.
    private func readQuoted(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        let quote = bytes[start]
        var output: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { return (String(decoding: output, as: UTF8.self), index + 1) }
            if quote == UInt8(ascii: "'"), byte == 0x0A { return nil }
            if quote == UInt8(ascii: "\""), byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                default: output.append(escaped)
                }
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        return nil
    }
}
