/// The value of a Rust string literal token, escapes resolved as rustc resolves them.
enum RustStringLiteral {
    /// The value of a `"…"` or `r#"…"#` token; `nil` for other tokens, a bad escape, or a literal with a suffix.
    static func value(of token: RustToken, in source: ProjectFileText) -> String? {
        let bytes = source.bytes
        switch token.kind {
        case .string:
            return unescape(bytes, from: token.start + 1, to: token.end)
        case .rawString:
            var start = token.start + 1
            var hashes = 0
            while start < token.end, bytes[start] == UInt8(ascii: "#") {
                hashes += 1
                start += 1
            }
            start += 1  // the opening quote
            let contentEnd = token.end - hashes - 1
            guard contentEnd >= start, bytes[contentEnd] == UInt8(ascii: "\"") else { return nil }
            return String(decoding: bytes[start..<contentEnd], as: UTF8.self)
        default:
            return nil
        }
    }

    /// Resolves escapes from `start` up to the closing quote, which must be the last byte before `end`.
    private static func unescape(_ bytes: [UInt8], from start: Int, to end: Int) -> String? {
        guard end - 1 >= start, bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
        let contentEnd = end - 1
        if !bytes[start..<contentEnd].contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x0D }) {
            return String(decoding: bytes[start..<contentEnd], as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(contentEnd - start)
        var index = start
        while index < contentEnd {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\") else {
                // A bare carriage return is not allowed in Rust strings; CRLF counts as LF.
                if byte == 0x0D, index + 1 < contentEnd, bytes[index + 1] == 0x0A {
                    index += 1
                    continue
                }
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < contentEnd else { return nil }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "0"): output.append(0x00)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): output.append(escape)
            case UInt8(ascii: "x"):
                guard index + 2 <= contentEnd, let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]),
                    high < 8
                else { return nil }
                output.append(high << 4 | low)
                index += 2
            case UInt8(ascii: "u"):
                guard index < contentEnd, bytes[index] == UInt8(ascii: "{") else { return nil }
                index += 1
                var scalar: UInt32 = 0
                var digits = 0
                while index < contentEnd, bytes[index] != UInt8(ascii: "}") {
                    if bytes[index] != UInt8(ascii: "_") {
                        guard let digit = hexValue(bytes[index]), digits < 6 else { return nil }
                        scalar = scalar << 4 | UInt32(digit)
                        digits += 1
                    }
                    index += 1
                }
                guard index < contentEnd, digits > 0, let unicode = Unicode.Scalar(scalar) else { return nil }
                index += 1
                output.append(contentsOf: Array(String(Character(unicode)).utf8))
            case 0x0A, 0x0D:
                // A line continuation: the newline and the whitespace that follows are dropped.
                while index < contentEnd, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
            default:
                return nil
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
