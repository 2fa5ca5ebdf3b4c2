/// Reads a slice of tokens (the inside of an attribute) one at a time, with their text from the source.
struct RustTokenCursor {
    /// How deep arrays, maps and cfg predicates may nest before parsing gives up: keeps recursion bounded.
    static let maximumNesting = 32

    let tokens: ArraySlice<RustToken>
    let source: ProjectFileText
    private(set) var index: Int
    /// Where the slice ends in the file: the closing delimiter of the group, for "expected … here" messages.
    let endOffset: Int

    init(_ tokens: ArraySlice<RustToken>, source: ProjectFileText, endOffset: Int? = nil) {
        self.tokens = tokens
        self.source = source
        self.index = tokens.startIndex
        self.endOffset = endOffset ?? tokens.last?.end ?? 0
    }

    var isAtEnd: Bool { index >= tokens.endIndex }

    /// The offset of the next token, or the end of the slice.
    var offset: Int { isAtEnd ? endOffset : tokens[index].start }

    func peek(_ ahead: Int = 0) -> RustToken? {
        let position = index + ahead
        return position >= tokens.startIndex && position < tokens.endIndex ? tokens[position] : nil
    }

    /// Whether the next token is the one-character punctuation or delimiter `character`.
    func peekIs(_ character: Unicode.Scalar, ahead: Int = 0) -> Bool {
        guard let token = peek(ahead) else { return false }
        return Self.isCharacter(token, character, in: source)
    }

    mutating func advance() {
        if index < tokens.endIndex { index += 1 }
    }

    mutating func next() -> RustToken? {
        guard let token = peek() else { return nil }
        index += 1
        return token
    }

    func text(_ token: RustToken) -> String { source.text(token.start..<token.end) }

    static func isCharacter(_ token: RustToken, _ character: Unicode.Scalar, in source: ProjectFileText) -> Bool {
        switch token.kind {
        case .punctuation, .open, .close:
            return token.end - token.start == 1 && source.bytes[token.start] == UInt8(character.value)
        default:
            return false
        }
    }

    /// The index just past the group that the open delimiter at `start` begins (tokens are balanced by kind-agnostic
    /// depth, as the lexer does), or the end of the slice.
    func indexAfterGroup(startingAt start: Int) -> Int {
        var depth = 0
        var position = start
        while position < tokens.endIndex {
            switch tokens[position].kind {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth == 0 { return position + 1 }
            default: break
            }
            position += 1
        }
        return tokens.endIndex
    }

    /// Moves past the group whose open delimiter is the next token.
    mutating func skipGroup() {
        index = indexAfterGroup(startingAt: index)
    }
}
