/// The inside of one attribute, `#[path]`, `#[path(…)]` or `#[path = …]`, as tokens.
struct RustAttributeMeta {
    enum Arguments {
        case none
        /// `path(…)`, `path[…]` or `path{…}`: the tokens between the delimiters.
        case delimited(open: RustToken, tokens: ArraySlice<RustToken>, close: RustToken?)
        /// `path = …`.
        case nameValue(equals: RustToken, tokens: ArraySlice<RustToken>)
    }

    /// What the path names, as far as discovery cares.
    enum Kind: Equatable {
        /// `endpoint`, `worker` or `cron`, alone or as `kinetics_macro::<role>` or `kinetics::macros::<role>`.
        case kinetics(FunctionRole)
        /// A path in the Kinetics macro crate that is not one of its roles, such as `kinetics_macro::endpiont`.
        case unknownKinetics
        /// `cfg`.
        case cfg
        /// `cfg_attr`.
        case cfgAttr
        case other
    }

    /// The segments of the path, e.g. `kinetics`, `macros`, `endpoint`.
    var path: RustAttributePath
    var kind: Kind
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
            path.append(segment.start..<segment.end)
            cursor.advance()
            guard cursor.peekIs(":"), cursor.peekIs(":", ahead: 1) else { break }
            cursor.advance()
            cursor.advance()
        }
        let kind = source.bytes.withUnsafeBufferPointer { Self.kind(of: path, in: $0) }
        guard let next = cursor.peek() else {
            return RustAttributeMeta(
                path: path, kind: kind, start: first.start, attributeStart: attributeStart, arguments: .none,
                end: tokens.last?.end ?? first.end)
        }
        switch next.kind {
        case .open:
            let after = cursor.indexAfterGroup(startingAt: cursor.index)
            let closeIndex = after - 1
            let hasClose = closeIndex > cursor.index && tokens[closeIndex].kind == .close
            let inner = tokens[(cursor.index + 1)..<(hasClose ? closeIndex : after)]
            guard after == tokens.endIndex else { return nil }
            return RustAttributeMeta(
                path: path, kind: kind, start: first.start, attributeStart: attributeStart,
                arguments: .delimited(open: next, tokens: inner, close: hasClose ? tokens[closeIndex] : nil),
                end: tokens[after - 1].end)
        case .punctuation where cursor.peekIs("="):
            let rest = tokens[(cursor.index + 1)...]
            return RustAttributeMeta(
                path: path, kind: kind, start: first.start, attributeStart: attributeStart,
                arguments: .nameValue(equals: next, tokens: rest), end: tokens.last?.end ?? next.end)
        default:
            return nil
        }
    }

    /// What `path` names, from the bytes of its segments.
    private static func kind(of path: RustAttributePath, in bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let last = path.last else { return .other }
        let inMacroCrate: Bool
        switch path.count {
        case 1:
            if let role = role(named: last, in: bytes) { return .kinetics(role) }
            if path.segment(0, is: "cfg", in: bytes) { return .cfg }
            return path.segment(0, is: "cfg_attr", in: bytes) ? .cfgAttr : .other
        case 2: inMacroCrate = path.segment(0, is: "kinetics_macro", in: bytes)
        case 3: inMacroCrate = path.segment(0, is: "kinetics", in: bytes) && path.segment(1, is: "macros", in: bytes)
        default: return .other
        }
        guard inMacroCrate else { return .other }
        return role(named: last, in: bytes).map { .kinetics($0) } ?? .unknownKinetics
    }

    /// The role whose raw value is the text of `range`.
    private static func role(named range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> FunctionRole? {
        if RustAttributePath.range(range, is: "endpoint", in: bytes) { return .endpoint }
        if RustAttributePath.range(range, is: "worker", in: bytes) { return .worker }
        if RustAttributePath.range(range, is: "cron", in: bytes) { return .cron }
        return nil
    }

    /// The Kinetics role this attribute gives a function: `endpoint`, `worker` or `cron`, alone or as
    /// `kinetics_macro::<role>` or `kinetics::macros::<role>`.
    var kineticsRole: FunctionRole? {
        if case .kinetics(let role) = kind { return role }
        return nil
    }

    /// A path that names the Kinetics macro crate but not one of its roles, such as `kinetics_macro::endpiont`.
    var isUnknownKineticsPath: Bool { kind == .unknownKinetics }

    /// `a::b::c`, for messages.
    func pathText(in source: ProjectFileText) -> String { path.text(in: source) }

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
