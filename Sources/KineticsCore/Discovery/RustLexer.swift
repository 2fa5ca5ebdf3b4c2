#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lexer of Rust source bytes: tokens, with comments (nested block comments too), strings, raw strings,
/// byte and C strings, character literals and lifetimes told apart.
///
/// It works on UTF-8 bytes without building strings, never fails, and always moves forward, so any input
/// is lexed in time linear in its size. Problems (an unterminated comment or literal) are collected in
/// `issues`; the rest of the file is then one literal or comment, as it is for rustc.
struct RustLexer {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private(set) var position: Int
    private(set) var issues: [LexIssue] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.count = bytes.count
        self.position = 0
        skipByteOrderMarkAndShebang()
    }

    // MARK: - Tokens

    mutating func next() -> RustToken {
        skipTrivia()
        let start = position
        guard start < count else { return RustToken(kind: .endOfFile, start: count, end: count) }
        let byte = bytes[start]
        let kind: RustToken.Kind
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = lexNumber()
        case UInt8(ascii: "\""):
            position += 1
            lexQuoted(start: start)
            kind = .string
        case UInt8(ascii: "'"):
            kind = lexQuote()
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            position += 1
            kind = .open
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            position += 1
            kind = .close
        default:
            if Self.isIdentifierStart(byte) {
                kind = lexIdentifierOrPrefixedLiteral()
            } else {
                position += 1
                kind = .punctuation
            }
        }
        return RustToken(kind: kind, start: start, end: position)
    }

    /// Skips tokens until the delimiter group that `open` (already read) starts is closed.
    ///
    /// All three kinds of delimiters count towards one depth, so a body with a stray closer still ends.
    /// Returns the closing token, or the end of file when the group never closes.
    mutating func skipGroup() -> RustToken {
        // The same rules as `next()`, without making tokens: this is where function bodies go, so most bytes.
        // Only delimiters, quotes, `/` and `#` can change what the bytes after them are, so the bytes between them
        // are stepped over with one table look-up each. A literal's prefix (`r`, `b`, `c`, `br`, `cr`) is looked
        // for behind its quote or `#`: it counts when it starts a word at or after where the last token ended.
        var depth = 1
        var cursor = position
        let count = self.count
        let bytes = self.bytes
        let closer: Int? = Self.skipStops.withUnsafeBufferPointer { stops -> Int? in
            while true {
                cursor = Self.nextStop(in: bytes, from: cursor, stops: stops)
                guard cursor < count else { return nil }
                let byte = bytes[cursor]
                switch stops[Int(byte)] {
                case SkipStop.open:
                    depth += 1
                    cursor += 1
                case SkipStop.close:
                    depth -= 1
                    cursor += 1
                    if depth == 0 { return cursor - 1 }
                default:
                    cursor = skipLiteralOrComment(at: cursor, stop: stops[Int(byte)])
                }
                // Where the last token ended: a prefix must start at or after it.
                position = cursor
            }
        }
        guard let closer else {
            position = count
            return RustToken(kind: .endOfFile, start: count, end: count)
        }
        position = closer + 1
        return RustToken(kind: .close, start: closer, end: closer + 1)
    }

    /// Skips the comment, literal or punctuation at `cursor`, a byte `skipGroup` stops at other than a delimiter
    /// (`stop` says which); `position` is where the last token ended. Returns where the next token may start.
    private mutating func skipLiteralOrComment(at cursor: Int, stop: UInt8) -> Int {
        switch stop {
        case SkipStop.slash:
            let following = byte(at: cursor + 1)
            position = cursor
            if following == UInt8(ascii: "/") {
                skipLineComment()
            } else if following == UInt8(ascii: "*") {
                skipBlockComment()
            } else {
                position += 1
            }
        case SkipStop.quote:
            position = cursor
            _ = lexQuote()
        case SkipStop.doubleQuote:
            // `r"…"`, `br"…"`, `cr"…"` have no escapes; `b"…"` and `c"…"` are read as `"…"` are.
            switch prefix(before: cursor, since: position) {
            case .raw(let start):
                position = cursor
                _ = lexRawString(start: start)
            case .plain(let start):
                position = cursor + 1
                lexQuoted(start: start)
            case nil:
                position = cursor + 1
                lexQuoted(start: cursor)
            }
        case SkipStop.hash:
            // `#`: a raw string `r#"…"#` or raw identifier `r#name` when a raw prefix is right before it.
            guard case .raw(let start)? = prefix(before: cursor, since: position) else { return cursor + 1 }
            position = cursor
            if start == cursor - 1, Self.isIdentifierStart(byte(at: cursor + 1)) {
                position = cursor + 1
                skipIdentifierBytes()
            } else if !lexRawString(start: start) {
                position = cursor + 1
            }
        default:
            // `;`: punctuation.
            return cursor + 1
        }
        return position
    }

    /// Skips tokens, with the rules of `next()`, up to the next delimiter or `;`, and returns that token (or the end
    /// of file): what an item's signature is read for.
    mutating func nextDelimiterOrSemicolon() -> RustToken {
        var cursor = position
        let count = self.count
        let bytes = self.bytes
        let found: Int? = Self.boundaryStops.withUnsafeBufferPointer { stops -> Int? in
            while true {
                cursor = Self.nextStop(in: bytes, from: cursor, stops: stops)
                guard cursor < count else { return nil }
                let stop = stops[Int(bytes[cursor])]
                if stop == SkipStop.open || stop == SkipStop.close || stop == SkipStop.semicolon { return cursor }
                cursor = skipLiteralOrComment(at: cursor, stop: stop)
                position = cursor
            }
        }
        guard let found else {
            position = count
            return RustToken(kind: .endOfFile, start: count, end: count)
        }
        position = found + 1
        let kind: RustToken.Kind = switch Self.boundaryStops[Int(bytes[found])] {
        case SkipStop.open: .open
        case SkipStop.close: .close
        default: .punctuation
        }
        return RustToken(kind: kind, start: found, end: found + 1)
    }

    /// The offset of the first byte at or after `start` that `skipGroup` stops at, or the end of `bytes`.
    ///
    /// A function of its own, so the loop stays one load, one look-up and one branch per byte rather than becoming
    /// part of the dispatch on what was found.
    @inline(never)
    private static func nextStop(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stops: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress, let table = stops.baseAddress else { return bytes.count }
        var cursor = start
        let end = bytes.count
        while cursor + 4 <= end {
            if table[Int(base[cursor])] != SkipStop.none { return cursor }
            if table[Int(base[cursor + 1])] != SkipStop.none { return cursor + 1 }
            if table[Int(base[cursor + 2])] != SkipStop.none { return cursor + 2 }
            if table[Int(base[cursor + 3])] != SkipStop.none { return cursor + 3 }
            cursor += 4
        }
        while cursor < end, table[Int(base[cursor])] == SkipStop.none { cursor += 1 }
        return cursor
    }

    /// A literal prefix that ends right before the quote or `#` at `offset`.
    private enum LiteralPrefix {
        /// `r`, `br` or `cr`, starting at `start`.
        case raw(start: Int)
        /// `b` or `c`, starting at `start`.
        case plain(start: Int)
    }

    /// The literal prefix (a word of its own) that ends at `offset` and starts at or after `tokenEnd`, if any.
    @inline(__always)
    private func prefix(before offset: Int, since tokenEnd: Int) -> LiteralPrefix? {
        /// Whether a word starts at `start`: the token before ended there, or the byte before is no word byte.
        func startsWord(_ start: Int) -> Bool {
            start >= tokenEnd && (start == tokenEnd || !Self.isIdentifierContinue(bytes[start - 1]))
        }
        guard offset - 1 >= tokenEnd else { return nil }
        let last = bytes[offset - 1]
        if last == UInt8(ascii: "r") {
            if startsWord(offset - 1) { return .raw(start: offset - 1) }
            if offset - 2 >= tokenEnd, bytes[offset - 2] == UInt8(ascii: "b") || bytes[offset - 2] == UInt8(ascii: "c"),
                startsWord(offset - 2)
            {
                return .raw(start: offset - 2)
            }
            return nil
        }
        if last == UInt8(ascii: "b") || last == UInt8(ascii: "c"), bytes[offset] == UInt8(ascii: "\""), startsWord(offset - 1) {
            return .plain(start: offset - 1)
        }
        return nil
    }

    /// What `skipGroup` stops at.
    private enum SkipStop {
        static let none: UInt8 = 0
        static let open: UInt8 = 1
        static let close: UInt8 = 2
        static let slash: UInt8 = 3
        static let quote: UInt8 = 4
        static let doubleQuote: UInt8 = 5
        static let hash: UInt8 = 6
        /// Only in `boundaryStops`.
        static let semicolon: UInt8 = 7
    }

    private static let skipStops: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        switch UInt8(value) {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): SkipStop.open
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): SkipStop.close
        case UInt8(ascii: "/"): SkipStop.slash
        case UInt8(ascii: "'"): SkipStop.quote
        case UInt8(ascii: "\""): SkipStop.doubleQuote
        case UInt8(ascii: "#"): SkipStop.hash
        default: SkipStop.none
        }
    }

    /// `skipStops` and `;`: what `nextDelimiterOrSemicolon` stops at.
    private static let boundaryStops: [UInt8] = (0...255).map { (value: Int) -> UInt8 in
        UInt8(value) == UInt8(ascii: ";") ? SkipStop.semicolon : skipStops[value]
    }

    func byte(at offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }

    // MARK: - Trivia

    private mutating func skipByteOrderMarkAndShebang() {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        // `#!` on the first line is a shebang unless it starts an inner attribute `#![`.
        guard byte(at: position) == UInt8(ascii: "#"), byte(at: position + 1) == UInt8(ascii: "!") else { return }
        var probe = RustLexer(unstarted: bytes)
        probe.position = position + 2
        probe.skipTrivia()
        if probe.byte(at: probe.position) == UInt8(ascii: "[") { return }
        while position < count, bytes[position] != 0x0A { position += 1 }
    }

    private init(unstarted bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.count = bytes.count
        self.position = 0
    }

    private mutating func skipTrivia() {
        while position < count {
            let byte = bytes[position]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                position += 1
            case UInt8(ascii: "/"):
                let following = self.byte(at: position + 1)
                if following == UInt8(ascii: "/") {
                    skipLineComment()
                } else if following == UInt8(ascii: "*") {
                    skipBlockComment()
                } else {
                    return
                }
            default:
                return
            }
        }
    }

    /// From `//` to the end of the line (doc comments too), found with `memchr`.
    private mutating func skipLineComment() {
        let start = position + 2
        guard start < count, let base = bytes.baseAddress else {
            position = count
            return
        }
        if let newline = memchr(base + start, 0x0A, count - start) {
            position = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
        } else {
            position = count
        }
    }

    private mutating func skipBlockComment() {
        let start = position
        position += 2
        var depth = 1
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "*"), self.byte(at: position + 1) == UInt8(ascii: "/") {
                position += 2
                depth -= 1
                if depth == 0 { return }
            } else if byte == UInt8(ascii: "/"), self.byte(at: position + 1) == UInt8(ascii: "*") {
                position += 2
                depth += 1
            } else {
                position += 1
            }
        }
        issues.append(LexIssue(kind: .unterminatedBlockComment, offset: start))
    }

    // MARK: - Identifiers and prefixed literals

    private mutating func lexIdentifierOrPrefixedLiteral() -> RustToken.Kind {
        let start = position
        // Raw identifier `r#name`.
        if bytes[start] == UInt8(ascii: "r"), byte(at: start + 1) == UInt8(ascii: "#"),
            Self.isIdentifierStart(byte(at: start + 2))
        {
            position = start + 2
            skipIdentifierBytes()
            return .identifier
        }
        skipIdentifierBytes()
        let length = position - start
        guard length <= 2 else { return .identifier }
        let first = bytes[start]
        let second: UInt8 = length == 2 ? bytes[start + 1] : 0
        let following = byte(at: position)
        let isRawPrefix =
            (length == 1 && first == UInt8(ascii: "r"))
            || (length == 2 && second == UInt8(ascii: "r") && (first == UInt8(ascii: "b") || first == UInt8(ascii: "c")))
        if isRawPrefix, following == UInt8(ascii: "\"") || following == UInt8(ascii: "#") {
            if lexRawString(start: start) {
                return first == UInt8(ascii: "r") ? .rawString : .otherString
            }
            return .identifier
        }
        if length == 1, first == UInt8(ascii: "b") || first == UInt8(ascii: "c"), following == UInt8(ascii: "\"") {
            position += 1
            lexQuoted(start: start)
            return .otherString
        }
        if length == 1, first == UInt8(ascii: "b"), following == UInt8(ascii: "'") {
            _ = lexQuote()
            return .character
        }
        return .identifier
    }

    private mutating func skipIdentifierBytes() {
        while position < count, Self.isIdentifierContinue(bytes[position]) { position += 1 }
    }

    // MARK: - Strings and characters

    /// Reads the rest of a `"…"` string whose opening quote is already consumed.
    private mutating func lexQuoted(start: Int) {
        while position < count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
            } else if byte == UInt8(ascii: "\"") {
                position += 1
                skipSuffix()
                return
            } else {
                position += 1
            }
        }
        position = count
        issues.append(LexIssue(kind: .unterminatedString, offset: start))
    }

    /// Reads `#…#"…"#…#` after a raw prefix (`r`, `br`, `cr`); `position` is at the first `#` or `"`.
    /// Returns false (consuming nothing) when the hashes are not followed by a quote.
    private mutating func lexRawString(start: Int) -> Bool {
        var probe = position
        var hashes = 0
        while probe < count, bytes[probe] == UInt8(ascii: "#") {
            hashes += 1
            probe += 1
        }
        guard probe < count, bytes[probe] == UInt8(ascii: "\"") else { return false }
        position = probe + 1
        while position < count {
            if bytes[position] == UInt8(ascii: "\"") {
                var closing = 0
                var cursor = position + 1
                while closing < hashes, cursor < count, bytes[cursor] == UInt8(ascii: "#") {
                    closing += 1
                    cursor += 1
                }
                if closing == hashes {
                    position = cursor
                    skipSuffix()
                    return true
                }
                position += 1
            } else {
                position += 1
            }
        }
        issues.append(LexIssue(kind: .unterminatedRawString(hashes: hashes), offset: start))
        return true
    }

    /// At a `'`: a character literal (`'x'`, `'\n'`, `'\u{1F980}'`, `'🦀'`) or a lifetime/label (`'a`).
    private mutating func lexQuote() -> RustToken.Kind {
        let start = position
        let first = byte(at: start + 1)
        if first == UInt8(ascii: "\\") {
            // An escape: find the closing quote on this line, within a short distance.
            var cursor = start + 3
            let limit = min(count, start + 16)
            while cursor < limit, bytes[cursor] != UInt8(ascii: "'"), bytes[cursor] != 0x0A { cursor += 1 }
            if cursor < limit, bytes[cursor] == UInt8(ascii: "'") {
                position = cursor + 1
                return .character
            }
            position = min(count, start + 2)
            issues.append(LexIssue(kind: .unterminatedCharacter, offset: start))
            return .character
        }
        let width = Self.scalarWidth(first)
        if start + 1 + width < count, bytes[start + 1 + width] == UInt8(ascii: "'"), first != 0x0A {
            position = start + 2 + width
            return .character
        }
        if Self.isIdentifierStart(first) {
            position = start + 1
            skipIdentifierBytes()
            return .lifetime
        }
        position = start + 1
        issues.append(LexIssue(kind: .unterminatedCharacter, offset: start))
        return .punctuation
    }

    // MARK: - Numbers

    private mutating func lexNumber() -> RustToken.Kind {
        let start = position
        let radix = byte(at: start + 1)
        let isPrefixed = bytes[start] == UInt8(ascii: "0")
            && (radix == UInt8(ascii: "x") || radix == UInt8(ascii: "o") || radix == UInt8(ascii: "b"))
        var isFloat = false
        position += 1
        while position < count {
            let byte = bytes[position]
            if Self.isIdentifierContinue(byte) {
                position += 1
            } else if byte == UInt8(ascii: "."), !isPrefixed, !isFloat,
                Self.isDigit(self.byte(at: position + 1))
            {
                isFloat = true
                position += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), !isPrefixed,
                self.byte(at: position - 1) | 0x20 == UInt8(ascii: "e"), Self.isDigit(self.byte(at: position + 1)),
                isDecimalMantissa(start..<(position - 1))
            {
                isFloat = true
                position += 1
            } else {
                break
            }
        }
        return isFloat ? .float : .integer
    }

    /// Whether `range` is digits, `_` and `.` only: then an `e` after it starts an exponent, not a suffix.
    private func isDecimalMantissa(_ range: Range<Int>) -> Bool {
        for index in range {
            let byte = bytes[index]
            guard Self.isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") else { return false }
        }
        return true
    }

    private mutating func skipSuffix() {
        if position < count, Self.isIdentifierStart(bytes[position]) { skipIdentifierBytes() }
    }

    // MARK: - Byte classes

    @inline(__always)
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// `isIdentifierStart` or a digit, as one bit test: identifiers are most of the bytes the lexer steps through.
    @inline(__always)
    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        // Bits 0x30…0x39 (digits) of the bytes below 64; `A`…`Z`, `_`, `a`…`z` of the bytes 64…127.
        let low: UInt64 = 0x03FF_0000_0000_0000
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        if byte >= 0x80 { return true }
        return ((byte < 64 ? low : high) >> UInt64(byte & 63)) & 1 != 0
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// How many bytes the UTF-8 sequence led by `byte` takes (1 for ASCII and for stray continuation bytes).
    @inline(__always)
    static func scalarWidth(_ byte: UInt8) -> Int {
        switch byte {
        case 0xF0...0xFF: 4
        case 0xE0...0xEF: 3
        case 0xC0...0xDF: 2
        default: 1
        }
    }
}
