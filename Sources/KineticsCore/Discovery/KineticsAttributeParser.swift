/// The settings of one `#[endpoint(...)]`, `#[worker(...)]` or `#[cron(...)]`, checked.
struct KineticsAttribute: Sendable {
    var trigger: FunctionTrigger
    /// `name = "..."`, when given, and where its value is.
    var name: String?
    var nameLocation: SourceLocation?
    /// `environment = {...}`.
    var environment: [String: String]
    /// Where the attribute's `#` is.
    var location: SourceLocation
}

/// Parses the arguments of a Kinetics attribute as upstream Kinetics does (`key = value`, comma separated,
/// trailing comma allowed, a key at most once) and checks each value, reporting every problem it finds.
struct KineticsAttributeParser {
    let source: ProjectFileText
    private(set) var diagnostics: [Diagnostic] = []
    /// The storage `parseParameters` fills, handed back after each attribute so the next one reuses it.
    private var parameterStorage: [Parameter] = []

    init(source: ProjectFileText) {
        self.source = source
    }

    /// The parameters each role takes.
    static func parameters(of role: FunctionRole) -> [String] {
        switch role {
        case .endpoint: endpointParameters
        case .worker: workerParameters
        case .cron: cronParameters
        }
    }

    private static let endpointParameters = ["name", "url_path", "methods", "environment", "is_disabled"]
    private static let workerParameters = ["name", "concurrency", "fifo", "batch_size", "environment"]
    private static let cronParameters = ["name", "schedule", "environment"]

    /// What an endpoint without `methods` accepts; one array that every such endpoint shares.
    private static let everyMethod = HTTPMethod.allCases

    /// The parameter named in "expected a parameter name such as …".
    static func example(of role: FunctionRole) -> String {
        switch role {
        case .endpoint: "url_path"
        case .worker: "concurrency"
        case .cron: "schedule"
        }
    }

    /// Parameters Kinetics once had and now rejects, with what to do instead.
    static let removedParameters: [FunctionRole: [String: String]] = [
        .endpoint: ["queues": "each worker gets its own queue now; delete `queues` and send to the worker's queue"],
        .worker: ["queue_alias": "a worker's queue is named after the worker now; delete `queue_alias`"],
    ]

    /// Returns the attribute's settings, or `nil` when it has an error (then `diagnostics` says which).
    mutating func parse(_ meta: RustAttributeMeta, role: FunctionRole) -> KineticsAttribute? {
        let attributeLocation = source.location(at: meta.attributeStart)
        let errorCount = diagnostics.count
        let arguments: ArraySlice<RustToken>
        var endOffset = meta.end
        switch meta.arguments {
        case .none:
            if role == .worker {
                diagnostics.append(.warning(
                    .bareAttribute,
                    "upstream Kinetics rejects a bare `#[worker]`; write `#[worker()]` to keep the project deployable with both tools",
                    at: source.location(at: meta.start)))
            }
            arguments = []
        case .delimited(let open, let tokens, let close):
            guard RustTokenCursor.isCharacter(open, "(", in: source) else {
                diagnostics.append(.error(
                    .malformedAttribute, "write the arguments of `#[\(meta.pathText(in: source))]` in parentheses: `#[\(meta.pathText(in: source))(…)]`",
                    at: source.location(at: open.start)))
                return nil
            }
            arguments = tokens
            endOffset = close?.start ?? meta.end
        case .nameValue(let equals, _):
            diagnostics.append(.error(
                .malformedAttribute, "`#[\(meta.pathText(in: source)) = …]` is not how Kinetics attributes are written; use `#[\(meta.pathText(in: source))(key = value, …)]`",
                at: source.location(at: equals.start)))
            return nil
        }

        let parameters = parseParameters(arguments, endOffset: endOffset, role: role)
        guard let parameters else { return nil }
        let attribute = build(role: role, parameters: parameters, meta: meta, location: attributeLocation)
        parameterStorage = parameters
        let hasErrors = diagnostics[errorCount...].contains { $0.severity == .error }
        return hasErrors ? nil : attribute
    }

    // MARK: - Syntax

    /// A parameter name some role takes, told apart by its bytes, without making a string of it.
    private enum Key: Int, CaseIterable {
        case name, urlPath, methods, environment, isDisabled, concurrency, fifo, batchSize, schedule

        var text: StaticString {
            switch self {
            case .name: "name"
            case .urlPath: "url_path"
            case .methods: "methods"
            case .environment: "environment"
            case .isDisabled: "is_disabled"
            case .concurrency: "concurrency"
            case .fifo: "fifo"
            case .batchSize: "batch_size"
            case .schedule: "schedule"
            }
        }

        var bit: Int { 1 << rawValue }

        /// The key spelled by the bytes of `token`, if any.
        static func named(by token: RustToken, in bytes: UnsafeBufferPointer<UInt8>) -> Key? {
            let range = token.start..<token.end
            for key in allCases where RustAttributePath.range(range, is: key.text, in: bytes) { return key }
            return nil
        }

        /// The keys `role` takes, one bit each.
        static func known(by role: FunctionRole) -> Int {
            switch role {
            case .endpoint: Key.name.bit | Key.urlPath.bit | Key.methods.bit | Key.environment.bit | Key.isDisabled.bit
            case .worker: Key.name.bit | Key.concurrency.bit | Key.fifo.bit | Key.batchSize.bit | Key.environment.bit
            case .cron: Key.name.bit | Key.schedule.bit | Key.environment.bit
            }
        }
    }

    private struct Parameter {
        /// The name, when it is one some role takes; other names are compared as text.
        var key: Key?
        var nameToken: RustToken
        var value: Value
    }

    private enum ValueKind {
        case string(String)
        case bool(Bool)
        /// A non-negative integer literal; `nil` when it does not fit 64 bits.
        case integer(UInt64?)
        case negativeInteger
        case array([Value])
        case map([(key: Value, value: Value)])
        /// Anything else, described for the message ("a path", "a float").
        case other(String)
    }

    private struct Value {
        var kind: ValueKind
        var start: Int
    }

    /// The `key = value` list, or `nil` after a syntax error (reported).
    private mutating func parseParameters(_ tokens: ArraySlice<RustToken>, endOffset: Int, role: FunctionRole) -> [Parameter]? {
        var cursor = RustTokenCursor(tokens, source: source, endOffset: endOffset)
        var result: [Parameter] = []
        swap(&result, &parameterStorage)
        if !result.isEmpty { result.removeAll(keepingCapacity: true) }
        result.reserveCapacity(Self.topLevelCommas(in: tokens, source: source) + 1)
        while !cursor.isAtEnd {
            guard let key = cursor.next(), key.kind == .identifier else {
                let found = cursor.peek(-1).map { "`\(cursor.text($0))`" } ?? "the end"
                diagnostics.append(.error(
                    .malformedAttribute, "expected a parameter name such as `\(Self.example(of: role))` in `#[\(role.rawValue)]`, found \(found)",
                    at: source.location(at: cursor.peek(-1)?.start ?? cursor.offset)))
                return nil
            }
            var name: String { cursor.text(key) }
            guard cursor.peekIs("=") else {
                diagnostics.append(.error(
                    .malformedAttribute, "expected `=` after `\(name)`, as in `\(name) = …`",
                    at: source.location(at: cursor.offset)))
                return nil
            }
            cursor.advance()
            guard !cursor.isAtEnd, !cursor.peekIs(",") else {
                diagnostics.append(.error(
                    .malformedAttribute, "`\(name) =` has no value; give one or remove the parameter",
                    at: source.location(at: cursor.offset)))
                return nil
            }
            guard let value = parseValue(&cursor, depth: 0) else { return nil }
            let parameterKey = source.bytes.withUnsafeBufferPointer { Key.named(by: key, in: $0) }
            result.append(Parameter(key: parameterKey, nameToken: key, value: value))
            if cursor.isAtEnd { break }
            guard cursor.peekIs(",") else {
                diagnostics.append(.error(
                    .malformedAttribute, "expected `,` after the value of `\(name)`",
                    at: source.location(at: cursor.offset)))
                return nil
            }
            cursor.advance()
        }
        return result
    }

    /// How many commas `tokens` holds outside groups: one less than the parameters, give or take a trailing comma.
    private static func topLevelCommas(in tokens: ArraySlice<RustToken>, source: ProjectFileText) -> Int {
        var depth = 0
        var commas = 0
        for token in tokens {
            switch token.kind {
            case .open: depth += 1
            case .close: depth -= 1
            case .punctuation where depth == 0 && RustTokenCursor.isCharacter(token, ",", in: source): commas += 1
            default: break
            }
        }
        return commas
    }

    private mutating func parseValue(_ cursor: inout RustTokenCursor, depth: Int) -> Value? {
        guard let token = cursor.peek() else { return nil }
        guard depth < RustTokenCursor.maximumNesting else {
            diagnostics.append(.error(.malformedAttribute, "the value is nested too deeply", at: source.location(at: token.start)))
            return nil
        }
        switch token.kind {
        case .string, .rawString:
            cursor.advance()
            guard let string = RustStringLiteral.value(of: token, in: source) else {
                return Value(kind: .other("a string with an invalid escape or a suffix"), start: token.start)
            }
            return Value(kind: .string(string), start: token.start)
        case .otherString:
            cursor.advance()
            return Value(kind: .other("a byte or C string"), start: token.start)
        case .integer:
            cursor.advance()
            return Value(kind: .integer(Self.integerValue(cursor.text(token))), start: token.start)
        case .float:
            cursor.advance()
            return Value(kind: .other("a number with a fraction"), start: token.start)
        case .character:
            cursor.advance()
            return Value(kind: .other("a character literal"), start: token.start)
        case .identifier:
            let text = cursor.text(token)
            if text == "true" || text == "false", !cursor.peekIs(":", ahead: 1), !cursor.peekIs("!", ahead: 1) {
                cursor.advance()
                return Value(kind: .bool(text == "true"), start: token.start)
            }
            skipExpression(&cursor)
            return Value(kind: .other("an expression (`\(text)…`); Kinetics reads literals only"), start: token.start)
        case .punctuation where cursor.peekIs("-") && cursor.peek(1)?.kind == .integer:
            cursor.advance()
            cursor.advance()
            return Value(kind: .negativeInteger, start: token.start)
        case .open where cursor.peekIs("["):
            return parseList(&cursor, depth: depth)
        case .open where cursor.peekIs("{"):
            return parseMap(&cursor, depth: depth)
        case .close:
            diagnostics.append(.error(.malformedAttribute, "expected a value, found `\(cursor.text(token))`", at: source.location(at: token.start)))
            return nil
        default:
            skipExpression(&cursor)
            return Value(kind: .other("`\(cursor.text(token))…`"), start: token.start)
        }
    }

    /// Skips tokens up to the next comma outside any group.
    private func skipExpression(_ cursor: inout RustTokenCursor) {
        while let token = cursor.peek(), !cursor.peekIs(",") {
            if token.kind == .open { cursor.skipGroup() } else { cursor.advance() }
        }
    }

    private mutating func parseList(_ cursor: inout RustTokenCursor, depth: Int) -> Value? {
        let open = cursor.next()!
        var items: [Value] = []
        items.reserveCapacity(4)
        while true {
            if cursor.isAtEnd { break }
            if cursor.peekIs("]") {
                cursor.advance()
                break
            }
            guard let item = parseValue(&cursor, depth: depth + 1) else { return nil }
            items.append(item)
            if cursor.peekIs(",") {
                cursor.advance()
            } else if !cursor.peekIs("]") {
                diagnostics.append(.error(.malformedAttribute, "expected `,` or `]` in the list", at: source.location(at: cursor.offset)))
                return nil
            }
        }
        return Value(kind: .array(items), start: open.start)
    }

    private mutating func parseMap(_ cursor: inout RustTokenCursor, depth: Int) -> Value? {
        let open = cursor.next()!
        var entries: [(key: Value, value: Value)] = []
        entries.reserveCapacity(4)
        while true {
            if cursor.isAtEnd { break }
            if cursor.peekIs("}") {
                cursor.advance()
                break
            }
            guard let key = parseValue(&cursor, depth: depth + 1) else { return nil }
            guard cursor.peekIs(":") else {
                diagnostics.append(.error(
                    .malformedAttribute, "expected `:` between a key and its value, as in `{\"KEY\": \"value\"}`",
                    at: source.location(at: cursor.offset)))
                return nil
            }
            cursor.advance()
            guard !cursor.peekIs(","), !cursor.peekIs("}"), let value = parseValue(&cursor, depth: depth + 1) else {
                if diagnostics.last?.severity != .error || cursor.peekIs(",") || cursor.peekIs("}") {
                    diagnostics.append(.error(.malformedAttribute, "expected a value after `:`", at: source.location(at: cursor.offset)))
                }
                return nil
            }
            entries.append((key, value))
            if cursor.peekIs(",") {
                cursor.advance()
            } else if !cursor.peekIs("}") {
                diagnostics.append(.error(.malformedAttribute, "expected `,` or `}` in the map", at: source.location(at: cursor.offset)))
                return nil
            }
        }
        return Value(kind: .map(entries), start: open.start)
    }

    /// The value of an integer literal: `_` separators, `0x`/`0o`/`0b` prefixes and an integer suffix allowed.
    static func integerValue(_ text: String) -> UInt64? {
        if text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return UInt64(text) }
        var digits = Substring(text)
        for suffix in ["u128", "i128", "usize", "isize", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8"]
        where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            break
        }
        var radix = 10
        if digits.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; digits = digits.dropFirst(2) }
        else if digits.hasPrefix("0b") { radix = 2; digits = digits.dropFirst(2) }
        let cleaned = digits.filter { $0 != "_" }
        guard !cleaned.isEmpty else { return nil }
        return UInt64(cleaned, radix: radix)
    }

    // MARK: - Meaning

    private mutating func build(role: FunctionRole, parameters: [Parameter], meta: RustAttributeMeta, location: SourceLocation) -> KineticsAttribute? {
        let source = self.source
        var name: String?
        var nameLocation: SourceLocation?
        var environment: [String: String] = [:]
        var urlPath: String?
        var methods: [HTTPMethod]?
        var isDisabled = false
        var concurrency: UInt32 = 1
        var fifo = false
        var batchSize: UInt32?
        var schedule: String?
        let known = Key.known(by: role)
        // The keys seen so far, one bit each; names that are no key are compared as text, with the earlier ones.
        var seen = 0
        var given = 0

        for index in parameters.indices {
            let parameter = parameters[index]
            // Locations and names only when a diagnostic needs one: most attributes have none.
            var at: SourceLocation { source.location(at: parameter.nameToken.start) }
            var valueAt: SourceLocation { source.location(at: parameter.value.start) }
            var parameterName: String { source.text(parameter.nameToken.start..<parameter.nameToken.end) }
            if let key = parameter.key {
                given |= key.bit
                if seen & key.bit != 0 {
                    diagnostics.append(.error(.duplicateParameter, "`\(parameterName)` is given twice in `#[\(role.rawValue)]`; keep one", at: at))
                    continue
                }
                seen |= key.bit
            } else {
                let text = parameterName
                if parameters[..<index].contains(where: { $0.key == nil && source.text($0.nameToken.start..<$0.nameToken.end) == text }) {
                    diagnostics.append(.error(.duplicateParameter, "`\(text)` is given twice in `#[\(role.rawValue)]`; keep one", at: at))
                    continue
                }
            }
            guard let key = parameter.key, known & key.bit != 0 else {
                let text = parameterName
                if let advice = Self.removedParameters[role]?[text] {
                    diagnostics.append(.error(.removedParameter, "`\(text)` was removed from `#[\(role.rawValue)]`: \(advice)", at: at))
                } else {
                    diagnostics.append(.error(.unknownParameter, unknownParameterMessage(text, role: role), at: at))
                }
                continue
            }
            switch key {
            case .name:
                guard case .string(let value) = parameter.value.kind else {
                    typeError(parameter, expected: "a string, like `name = \"OrdersCreate\"`", at: valueAt)
                    continue
                }
                name = value
                nameLocation = valueAt
            case .environment:
                guard let map = environmentMap(parameter, at: valueAt) else { continue }
                environment = map
            case .urlPath:
                guard case .string(let value) = parameter.value.kind else {
                    typeError(parameter, expected: "a string, like `url_path = \"/orders/{id}\"`", at: valueAt)
                    continue
                }
                if let problem = URLPathPattern.problem(in: value) {
                    diagnostics.append(.error(.invalidURLPath, problem, at: valueAt))
                }
                urlPath = value
            case .methods:
                methods = methodList(parameter, at: valueAt)
            case .isDisabled:
                guard case .bool(let value) = parameter.value.kind else {
                    typeError(parameter, expected: "`true` or `false`", at: valueAt)
                    continue
                }
                isDisabled = value
            case .concurrency:
                guard let value = unsignedValue(parameter, at: valueAt) else { continue }
                if value == 0 {
                    diagnostics.append(.error(.invalidConcurrency, "`concurrency` must be at least 1", at: valueAt))
                }
                concurrency = value
            case .fifo:
                guard case .bool(let value) = parameter.value.kind else {
                    typeError(parameter, expected: "`true` or `false`", at: valueAt)
                    continue
                }
                fifo = value
            case .batchSize:
                guard let value = unsignedValue(parameter, at: valueAt) else { continue }
                guard (1...10).contains(value) else {
                    diagnostics.append(.error(
                        .batchSizeOutOfRange, "`batch_size` must be between 1 and 10 (SQS delivers at most 10 records at a time); found \(value)",
                        at: valueAt))
                    continue
                }
                batchSize = value
            case .schedule:
                guard case .string(let value) = parameter.value.kind else {
                    typeError(parameter, expected: "a string, like `schedule = \"rate(1 hour)\"`", at: valueAt)
                    continue
                }
                if let problem = ScheduleExpression.problem(in: value) {
                    diagnostics.append(.error(.invalidSchedule, problem, at: valueAt))
                }
                schedule = value
            }
        }

        let trigger: FunctionTrigger
        switch role {
        case .endpoint:
            guard let urlPath else {
                if given & Key.urlPath.bit == 0 {
                    diagnostics.append(.error(
                        .missingParameter, "`#[\(meta.pathText(in: source))]` needs `url_path`, e.g. `#[\(meta.pathText(in: source))(url_path = \"/orders\")]`",
                        at: location))
                }
                return nil
            }
            trigger = .endpoint(EndpointSettings(urlPath: urlPath, methods: methods ?? Self.everyMethod, isDisabled: isDisabled))
        case .worker:
            trigger = .worker(WorkerSettings(concurrency: concurrency, fifo: fifo, batchSize: batchSize))
        case .cron:
            guard let schedule else {
                if given & Key.schedule.bit == 0 {
                    diagnostics.append(.error(
                        .missingParameter, "`#[\(meta.pathText(in: source))]` needs `schedule`, e.g. `#[\(meta.pathText(in: source))(schedule = \"rate(1 hour)\")]`",
                        at: location))
                }
                return nil
            }
            trigger = .cron(CronSettings(schedule: schedule))
        }
        return KineticsAttribute(trigger: trigger, name: name, nameLocation: nameLocation, environment: environment, location: location)
    }

    private func unknownParameterMessage(_ name: String, role: FunctionRole) -> String {
        let known = Self.parameters(of: role)
        if let suggestion = KeySuggestion.closest(to: name, in: known) {
            return "`#[\(role.rawValue)]` has no parameter `\(name)`. Did you mean `\(suggestion)`?"
        }
        if let other = FunctionRole.allCases.first(where: { $0 != role && Self.parameters(of: $0).contains(name) }) {
            return "`\(name)` is a parameter of `#[\(other.rawValue)]`, not of `#[\(role.rawValue)]`; remove it or change the attribute"
        }
        return "`#[\(role.rawValue)]` has no parameter `\(name)`; it takes \(known.map { "`\($0)`" }.joined(separator: ", "))"
    }

    private func name(of parameter: Parameter) -> String {
        source.text(parameter.nameToken.start..<parameter.nameToken.end)
    }

    private mutating func typeError(_ parameter: Parameter, expected: String, at location: @autoclosure () -> SourceLocation) {
        diagnostics.append(.error(
            .invalidParameterValue, "`\(name(of: parameter))` takes \(expected); found \(Self.describe(parameter.value.kind))", at: location()))
    }

    private static func describe(_ kind: ValueKind) -> String {
        switch kind {
        case .string(let value): "the string \"\(value.prefix(40))\""
        case .bool(let value): "`\(value)`"
        case .integer(let value): value.map { "the number \($0)" } ?? "a number too large"
        case .negativeInteger: "a negative number"
        case .array: "a list"
        case .map: "a map"
        case .other(let description): description
        }
    }

    private mutating func unsignedValue(_ parameter: Parameter, at location: @autoclosure () -> SourceLocation) -> UInt32? {
        switch parameter.value.kind {
        case .integer(let value?) where value <= UInt64(UInt32.max):
            return UInt32(value)
        case .integer, .negativeInteger:
            diagnostics.append(.error(
                parameter.key == .concurrency ? .invalidConcurrency : .batchSizeOutOfRange,
                "`\(name(of: parameter))` must be a whole number from \(parameter.key == .batchSize ? "1 to 10" : "1 to \(UInt32.max)")",
                at: location()))
            return nil
        default:
            typeError(parameter, expected: "a whole number, like `\(name(of: parameter)) = \(parameter.key == .batchSize ? 10 : 2)`", at: location())
            return nil
        }
    }

    private mutating func methodList(_ parameter: Parameter, at location: @autoclosure () -> SourceLocation) -> [HTTPMethod]? {
        let source = self.source
        guard case .array(let items) = parameter.value.kind else {
            typeError(parameter, expected: "a list of strings, like `methods = [\"GET\", \"POST\"]`", at: location())
            return nil
        }
        if items.isEmpty {
            diagnostics.append(.warning(
                .emptyMethods, "an empty `methods` list accepts every method; list the methods, or remove `methods` to accept all",
                at: location()))
            return nil
        }
        // The methods listed so far, one bit each in the order of `HTTPMethod.allCases`.
        var listed = 0
        var failed = false
        for item in items {
            var itemAt: SourceLocation { source.location(at: item.start) }
            guard case .string(let text) = item.kind else {
                diagnostics.append(.error(
                    .invalidParameterValue, "`methods` lists strings, like `[\"GET\"]`; found \(Self.describe(item.kind))", at: itemAt))
                failed = true
                continue
            }
            // Methods are usually written in capitals already: upper-case only when they are not.
            guard let method = Self.method(named: text) ?? Self.method(named: text.uppercased()) else {
                diagnostics.append(.error(
                    .unsupportedMethod, "`\(text)` is not a method Kinetics supports; use GET, POST, PUT, DELETE or PATCH", at: itemAt))
                failed = true
                continue
            }
            let bit = 1 << method.rank
            if listed & bit != 0 {
                diagnostics.append(.warning(.duplicateMethod, "`\(method.rawValue)` is listed twice in `methods`; remove one", at: itemAt))
                continue
            }
            listed |= bit
        }
        return failed ? nil : Self.methodLists[listed]
    }

    /// `HTTPMethod(rawValue:)` as a comparison with each of the five names: the names and the methods written in
    /// attributes are short strings, which compare by their stored bits first.
    private static func method(named text: String) -> HTTPMethod? {
        everyMethod.first { $0.rawValue == text }
    }

    /// Every set of methods as a sorted array, indexed by its bits: endpoints listing the same methods share one.
    private static let methodLists: [[HTTPMethod]] = (0..<(1 << HTTPMethod.allCases.count)).map { bits in
        HTTPMethod.allCases.indices.filter { bits & (1 << $0) != 0 }.map { HTTPMethod.allCases[$0] }
    }

    private mutating func environmentMap(_ parameter: Parameter, at location: @autoclosure () -> SourceLocation) -> [String: String]? {
        let source = self.source
        guard case .map(let entries) = parameter.value.kind else {
            typeError(parameter, expected: "a map of strings, like `environment = {\"LOG_LEVEL\": \"debug\"}`", at: location())
            return nil
        }
        var result = [String: String](minimumCapacity: entries.count)
        var failed = false
        for entry in entries {
            var keyAt: SourceLocation { source.location(at: entry.key.start) }
            guard case .string(let key) = entry.key.kind, case .string(let value) = entry.value.kind else {
                diagnostics.append(.error(
                    .invalidParameterValue, "`environment` maps strings to strings, like `{\"LOG_LEVEL\": \"debug\"}`", at: keyAt))
                failed = true
                continue
            }
            if let problem = EnvironmentName.problem(with: key) {
                diagnostics.append(Diagnostic(problem.severity, problem.code, problem.message, at: keyAt))
                if problem.severity == .error { failed = true }
                continue
            }
            if result.updateValue(value, forKey: key) != nil {
                diagnostics.append(.warning(.duplicateEnvironmentKey, "`\(key)` is set twice in `environment`; the last value wins — remove one", at: keyAt))
            }
        }
        return failed ? nil : result
    }
}
