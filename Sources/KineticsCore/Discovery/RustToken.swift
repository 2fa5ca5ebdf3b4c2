/// One Rust token: its kind and the byte range it covers in the file.
///
/// Comments and whitespace are not tokens. Multi-character punctuation (`::`, `->`) comes as one token per
/// character, as in a proc-macro token stream; a literal's suffix (`10u32`) is part of the literal.
struct RustToken: Equatable, Sendable {
    enum Kind: UInt8, Sendable {
        /// An identifier or keyword, including raw identifiers (`r#match`).
        case identifier
        /// `'a`, `'static`, or a loop label.
        case lifetime
        /// `"…"`, with escapes.
        case string
        /// `r"…"`, `r#"…"#`: no escapes.
        case rawString
        /// `b"…"`, `br"…"`, `c"…"`, `cr"…"`.
        case otherString
        /// `'x'`, `'\n'`, `b'x'`.
        case character
        case integer
        case float
        /// One punctuation character (`#`, `!`, `=`, `,`, `:`, …) or any other byte the lexer does not know.
        case punctuation
        /// `(`, `[` or `{`.
        case open
        /// `)`, `]` or `}`.
        case close
        case endOfFile
    }

    var kind: Kind
    var start: Int
    var end: Int

    var isEndOfFile: Bool { kind == .endOfFile }
}

/// A problem the lexer found; the scanner turns it into a diagnostic.
struct LexIssue: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case unterminatedBlockComment
        case unterminatedString
        case unterminatedRawString(hashes: Int)
        case unterminatedCharacter
    }

    var kind: Kind
    /// Where the comment or literal starts.
    var offset: Int
}
