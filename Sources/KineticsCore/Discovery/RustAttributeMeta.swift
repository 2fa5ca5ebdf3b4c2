/// The inside of one attribute, `#[path]`, `#[path(…)]` or `#[path = …]`, as tokens.
struct RustAttributeMeta {
    enum Arguments {
        case none
        /// `path(…)`, `path[…]` or `path{…}`: the tokens between the delimiters.
        case delimited(open: RustToken, tokens: ArraySlice<RustToken>, close: RustToken?)
        /// `path = …`.
        case nameValue(equals: RustToken, tokens: ArraySlice<RustToken>)
    }

    /// The segments of the path, e.g. `kinetics`, `macros`, `endpoint`.
    var path: RustAttributePath
    /// Where the path starts.
    var start: Int
    /// Where the attribute's `#` is (for one inside `cfg_attr`, the `#` of the `cfg_attr`).
    var attributeStart: Int
    var arguments: Arguments
    /// Where the meta ends (after its arguments).
    var end: Int

    /// Parses `path args?` from the start of `tokens`; the rest of the slice must be empty.
    static func parse(_ tokens: ArraySlice<RustToken>, attributeStart: Int, source: ProjectFileText) -> RustAttributeMeta? {
        var cursor = RustTokenCursor(tokens, source: source)
        guard let first = cursor.peek() else { return nil }
        var path = RustAttributePath()
        if cursor.peekIs(":"), cursor.peekIs(":", ahead: 1) {
            cursor.advance()
            cursor.advance()
        }
        while true {
            guard let segment = cursor.peek(), segment.kind == .identifier else { return nil }
            path.append(cursor.text(segment))
            cursor.advance()
            guard cursor.peekIs(":"), cursor.peekIs(":", ahead: 1) else { break }
            cursor.advance()
            cursor.advance()
        }
        guard let next = cursor.peek() else {
            return RustAttributeMeta(path: path, start: first.start, attributeStart: attributeStart, arguments: .none, end: tokens.last?.end ?? first.end)
        }
        switch next.kind {
        case .open:
            let after = cursor.indexAfterGroup(startingAt: cursor.index)
            let closeIndex = after - 1
            let hasClose = closeIndex > cursor.index && tokens[closeIndex].kind == .close
            let inner = tokens[(cursor.index + 1)..<(hasClose ? closeIndex : after)]
            guard after == tokens.endIndex else { return nil }
            return RustAttributeMeta(
                path: path, start: first.start, attributeStart: attributeStart,
                arguments: .delimited(open: next, tokens: inner, close: hasClose ? tokens[closeIndex] : nil),
                end: tokens[after - 1].end)
        case .punctuation where cursor.peekIs("="):
            let rest = tokens[(cursor.index + 1)...]
            return RustAttributeMeta(
                path: path, start: first.start, attributeStart: attributeStart,
                arguments: .nameValue(equals: next, tokens: rest), end: tokens.last?.end ?? next.end)
        default:
            return nil
        }
    }

    /// The Kinetics role this attribute gives a function: `endpoint`, `worker` or `cron`, alone or as
    /// `kinetics_macro::<role>` or `kinetics::macros::<role>`.
    var kineticsRole: FunctionRole? {
        guard let last = path.last, let role = FunctionRole(rawValue: last) else { return nil }
        switch path.count {
        case 1: return role
        case 2 where path[0] == "kinetics_macro": return role
        case 3 where path[0] == "kinetics" && path[1] == "macros": return role
        default: return nil
        }
    }

    /// A path that names the Kinetics macro crate but not one of its roles, such as `kinetics_macro::endpiont`.
    var isUnknownKineticsPath: Bool {
        guard kineticsRole == nil, let last = path.last else { return false }
        let inMacroCrate = (path.count == 2 && path[0] == "kinetics_macro")
            || (path.count == 3 && path[0] == "kinetics" && path[1] == "macros")
        return inMacroCrate && !last.isEmpty
    }

    var pathText: String { path.text }

    /// Splits `tokens` at commas that are not inside a delimiter group.
    static func splitAtCommas(_ tokens: ArraySlice<RustToken>, source: ProjectFileText) -> [ArraySlice<RustToken>] {
        var parts: [ArraySlice<RustToken>] = []
        var depth = 0
        var partStart = tokens.startIndex
        for index in tokens.indices {
            let token = tokens[index]
            switch token.kind {
            case .open: depth += 1
            case .close: depth -= 1
            case .punctuation where depth == 0 && RustTokenCursor.isCharacter(token, ",", in: source):
                parts.append(tokens[partStart..<index])
                partStart = index + 1
            default: break
            }
        }
        if partStart < tokens.endIndex { parts.append(tokens[partStart..<tokens.endIndex]) }
        return parts
    }
}
