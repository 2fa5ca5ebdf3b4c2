/// A `cfg(...)` predicate, as in `#[cfg(test)]`, `#[cfg(not(feature = "local"))]` or the first argument of
/// `#[cfg_attr(feature = "lambda", endpoint(...))]`.
indirect enum RustCfgPredicate: Equatable, Sendable {
    case option(String)
    case keyValue(String, String)
    case all([RustCfgPredicate])
    case any([RustCfgPredicate])
    case not(RustCfgPredicate)
    case literal(Bool)

    /// Three-valued: whether the predicate holds in the build kinetics-tui makes, or `nil` when that cannot be
    /// known from the project files alone.
    func evaluate(in environment: RustCfgEnvironment) -> Bool? {
        switch self {
        case .literal(let value):
            return value
        case .option(let name):
            return environment.option(name)
        case .keyValue(let key, let value):
            return environment.keyValue(key, value)
        case .not(let inner):
            return inner.evaluate(in: environment).map { !$0 }
        case .all(let predicates):
            var result: Bool? = true
            for predicate in predicates {
                switch predicate.evaluate(in: environment) {
                case false?: return false
                case nil: result = nil
                case true?: break
                }
            }
            return result
        case .any(let predicates):
            var result: Bool? = false
            for predicate in predicates {
                switch predicate.evaluate(in: environment) {
                case true?: return true
                case nil: result = nil
                case false?: break
                }
            }
            return result
        }
    }

    /// The predicate as Rust writes it, for messages.
    var rustSyntax: String {
        switch self {
        case .literal(let value): return value ? "true" : "false"
        case .option(let name): return name
        case .keyValue(let key, let value): return "\(key) = \"\(value)\""
        case .not(let inner): return "not(\(inner.rustSyntax))"
        case .all(let items): return "all(\(items.map(\.rustSyntax).joined(separator: ", ")))"
        case .any(let items): return "any(\(items.map(\.rustSyntax).joined(separator: ", ")))"
        }
    }
}

/// What kinetics-tui knows about the build its functions go into: a release build (`cargo lambda build
/// --release`) for Linux on Lambda, not a test build, with the crate's default features.
struct RustCfgEnvironment: Sendable {
    /// The features `default` enables, transitively.
    var enabledFeatures: Set<String>

    init(enabledFeatures: Set<String> = []) {
        self.enabledFeatures = enabledFeatures
    }

    func option(_ name: String) -> Bool? {
        switch name {
        case "test", "debug_assertions", "doc", "doctest", "miri", "windows", "proc_macro": false
        case "unix": true
        default: nil
        }
    }

    func keyValue(_ key: String, _ value: String) -> Bool? {
        switch key {
        case "feature": enabledFeatures.contains(value)
        case "target_os": value == "linux"
        case "target_family": value == "unix"
        case "target_pointer_width": value == "64"
        case "target_endian": value == "little"
        case "target_vendor": value == "unknown"
        default: nil
        }
    }
}

// MARK: - Parsing

extension RustCfgPredicate {
    /// Parses one predicate from `tokens` (the contents of `cfg( … )`), or returns why it cannot.
    static func parse(_ tokens: ArraySlice<RustToken>, in source: ProjectFileText) -> Result<RustCfgPredicate, RustCfgParseError> {
        var cursor = RustTokenCursor(tokens, source: source)
        let predicate: RustCfgPredicate
        switch parsePredicate(&cursor, depth: 0) {
        case .success(let value): predicate = value
        case .failure(let error): return .failure(error)
        }
        if cursor.peek()?.kind == .punctuation, cursor.peekIs(",") { cursor.advance() }
        if let extra = cursor.peek() {
            return .failure(RustCfgParseError(offset: extra.start, message: "expected `)` after the predicate"))
        }
        return .success(predicate)
    }

    private static func parsePredicate(_ cursor: inout RustTokenCursor, depth: Int) -> Result<RustCfgPredicate, RustCfgParseError> {
        guard depth < RustTokenCursor.maximumNesting else {
            return .failure(RustCfgParseError(offset: cursor.offset, message: "the predicate is nested too deeply"))
        }
        guard let head = cursor.peek(), head.kind == .identifier else {
            return .failure(RustCfgParseError(offset: cursor.offset, message: "expected a configuration option such as `test` or `feature = \"name\"`"))
        }
        cursor.advance()
        let name = cursor.text(head)
        if cursor.peekIs("=") {
            cursor.advance()
            guard let value = cursor.peek(), value.kind == .string || value.kind == .rawString,
                let string = RustStringLiteral.value(of: value, in: cursor.source)
            else {
                return .failure(RustCfgParseError(offset: cursor.offset, message: "expected a string after `\(name) =`"))
            }
            cursor.advance()
            return .success(.keyValue(name, string))
        }
        if let open = cursor.peek(), open.kind == .open, cursor.peekIs("(") {
            guard name == "all" || name == "any" || name == "not" else {
                return .failure(RustCfgParseError(offset: head.start, message: "`\(name)(…)` is not a cfg predicate; use all, any or not"))
            }
            cursor.advance()
            var items: [RustCfgPredicate] = []
            while true {
                if cursor.peekIs(")") {
                    cursor.advance()
                    break
                }
                switch parsePredicate(&cursor, depth: depth + 1) {
                case .success(let item): items.append(item)
                case .failure(let error): return .failure(error)
                }
                if cursor.peekIs(",") {
                    cursor.advance()
                } else if cursor.peekIs(")") {
                    cursor.advance()
                    break
                } else {
                    return .failure(RustCfgParseError(offset: cursor.offset, message: "expected `,` or `)` in `\(name)(…)`"))
                }
            }
            switch name {
            case "all": return .success(.all(items))
            case "any": return .success(.any(items))
            default:
                guard items.count == 1 else {
                    return .failure(RustCfgParseError(offset: head.start, message: "`not(…)` takes exactly one predicate"))
                }
                return .success(.not(items[0]))
            }
        }
        switch name {
        case "true": return .success(.literal(true))
        case "false": return .success(.literal(false))
        default: return .success(.option(name))
        }
    }
}

struct RustCfgParseError: Error, Equatable, Sendable {
    var offset: Int
    var message: String
}
