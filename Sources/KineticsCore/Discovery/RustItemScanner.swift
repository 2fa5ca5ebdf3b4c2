/// Finds the Kinetics functions of one Rust file: free `fn` items with an `#[endpoint]`, `#[worker]` or
/// `#[cron]` attribute.
///
/// It reads the file as Rust items, not as text: attributes are token trees (so they may span lines and hold
/// strings with any content), function bodies and other groups are skipped by delimiter depth, and inline
/// modules, `impl`, `trait` and `extern` blocks are tracked so that methods are told apart from free functions.
/// `#[cfg(...)]` and `#[cfg_attr(...)]` are evaluated for the deploy build (see `RustCfgEnvironment`), so
/// functions in `#[cfg(test)]` modules are left out.
///
/// Every file is scanned in one pass, in time linear in its size; nesting deeper than `maximumDepth` is
/// skipped, not recursed into.
struct RustItemScanner {
    /// How many blocks (modules, impls) may nest before the scanner skips the inner ones.
    static let maximumDepth = 128
    /// How many tokens of one attribute are kept; a longer attribute is not a Kinetics attribute.
    static let maximumAttributeTokens = 4096
    /// How many diagnostics one file may report before the rest are summarised.
    static let maximumDiagnostics = 50

    /// Scans `source` for the build described by `cfg`.
    static func scan(_ source: ProjectFileText, cfg: RustCfgEnvironment) -> RustFileScan {
        source.bytes.withUnsafeBufferPointer { buffer in
            var scanner = RustItemScanner(source: source, buffer: buffer, cfg: cfg)
            scanner.run()
            return scanner.finish()
        }
    }

    // MARK: - State

    private struct Context {
        enum Kind { case module, implementation, trait, foreignBlock }
        var kind: Kind
        /// Inline modules from the file's module to here.
        var modulePath: [String]
        /// Why items here are compiled out, or `nil` when they are compiled in.
        var inactiveReason: String?
        var openOffset: Int
        var label: String
    }

    /// An attribute's `#` and the range of its tokens in `attributeTokens`.
    private struct RawAttribute {
        var start: Int
        var tokens: Range<Int>
    }

    private struct Qualifiers {
        enum Visibility { case `private`, restricted, `public` }
        var visibility = Visibility.private
        var isAsync = false
    }

    private let source: ProjectFileText
    private let buffer: UnsafeBufferPointer<UInt8>
    private let cfg: RustCfgEnvironment
    private var lexer: RustLexer
    private var lookahead: RustToken?
    private var previous = RustToken(kind: .endOfFile, start: 0, end: 0)
    private var contexts: [Context]
    private var pending: [RawAttribute] = []
    /// The tokens of the pending attributes, one buffer for all of them, emptied with `pending`.
    private var attributeTokens: [RustToken] = []
    private var qualifiers = Qualifiers()
    private var result = RustFileScan()
    private var attributeParser: KineticsAttributeParser

    private init(source: ProjectFileText, buffer: UnsafeBufferPointer<UInt8>, cfg: RustCfgEnvironment) {
        self.source = source
        self.buffer = buffer
        self.cfg = cfg
        self.lexer = RustLexer(buffer)
        self.contexts = []
        self.attributeParser = KineticsAttributeParser(source: source)
        // Room for the usual nesting and attribute sizes up front, instead of growing each array step by step.
        contexts.reserveCapacity(8)
        contexts.append(Context(kind: .module, modulePath: [], inactiveReason: nil, openOffset: 0, label: "the file"))
        attributeTokens.reserveCapacity(64)
    }

    // MARK: - Items

    private mutating func run() {
        while true {
            let token = nextToken()
            switch token.kind {
            case .endOfFile:
                reportUnclosedContexts()
                return
            case .punctuation:
                if isCharacter(token, "#") {
                    readAttribute(hash: token)
                } else if isCharacter(token, ";") {
                    endItem()
                } else if isCharacter(token, "!"), previous.kind == .identifier {
                    skipMacroInvocation()
                }
            case .open:
                skipGroup(openedBy: token, label: "this block")
                endItem()
            case .close:
                closeContext(token)
            case .identifier:
                handleIdentifier(token)
            default:
                break
            }
            previous = token
        }
    }

    private mutating func handleIdentifier(_ token: RustToken) {
        switch keyword(token) {
        case .fn:
            handleFunction(token)
        case .mod:
            handleModule(token)
        case .impl:
            handleBlockItem(.implementation, keywordToken: token)
        case .trait:
            handleBlockItem(.trait, keywordToken: token)
        case .extern:
            if let next = peekToken(), next.kind == .string || next.kind == .rawString { _ = nextToken() }
            if let next = peekToken(), isCharacter(next, "{") {
                _ = nextToken()
                pushContext(.foreignBlock, open: next, name: nil, cfgReason: cfgReason(of: pending), label: "this extern block")
            } else if let next = peekToken(), next.kind == .identifier, keyword(next) == .crate {
                skipItem(endsAtBrace: false, description: "an `extern crate`")
            }
        case .pub:
            if let next = peekToken(), isCharacter(next, "(") {
                let open = nextToken()
                skipGroup(openedBy: open, label: "this visibility")
                qualifiers.visibility = .restricted
            } else {
                qualifiers.visibility = .public
            }
        case .async:
            qualifiers.isAsync = true
        case .unsafe, .default, .safe, .auto:
            break
        case .const:
            if let next = peekToken(), next.kind == .identifier,
                [.fn, .unsafe, .async, .extern].contains(keyword(next))
            {
                break
            }
            skipItem(endsAtBrace: false, description: "a constant")
        case .static:
            skipItem(endsAtBrace: false, description: "a static")
        case .use:
            skipItem(endsAtBrace: false, description: "a `use` declaration")
        case .type:
            skipItem(endsAtBrace: false, description: "a type alias")
        case .struct:
            skipItem(endsAtBrace: true, description: "a struct")
        case .enum:
            skipItem(endsAtBrace: true, description: "an enum")
        case .union:
            if let next = peekToken(), next.kind == .identifier {
                skipItem(endsAtBrace: true, description: "a union")
            }
        case .macro:
            skipItem(endsAtBrace: true, description: "a macro")
        case .macroRules, .crate, nil:
            break
        }
    }

    private mutating func handleFunction(_ fnToken: RustToken) {
        let nameToken = nextToken()
        guard nameToken.kind == .identifier else {
            lookahead = nameToken
            endItem()
            return
        }
        // The signature: up to the body or a `;` (a declaration without a body).
        signature: while true {
            let token = nextBoundary()
            switch token.kind {
            case .open:
                if isCharacter(token, "{") {
                    skipGroup(openedBy: token) { "the body of `fn \($0.text(nameToken))`" }
                    break signature
                }
                skipGroup(openedBy: token) { "the parameters of `fn \($0.text(nameToken))`" }
            case .close, .endOfFile:
                lookahead = token
                break signature
            case .punctuation where isCharacter(token, ";"):
                break signature
            default:
                continue
            }
        }
        if !pending.isEmpty { declareFunction(name: nameToken) }
        resetItem()
    }

    private mutating func handleModule(_ modToken: RustToken) {
        let nameToken = nextToken()
        guard nameToken.kind == .identifier else {
            lookahead = nameToken
            endItem()
            return
        }
        let name = identifierText(nameToken)
        let current = contexts[contexts.count - 1]
        let reason = current.inactiveReason ?? cfgReason(of: pending)
        warnAboutKineticsAttributes(on: "a module")
        let token = nextToken()
        if isCharacter(token, ";") {
            if let reason { result.inactiveModules.append(InactiveModule(path: current.modulePath + [name], reason: reason)) }
        } else if isCharacter(token, "{") {
            pushContext(.module, open: token, name: name, cfgReason: reason, label: "`mod \(name)`")
        } else {
            lookahead = token
        }
        resetItem()
    }

    private mutating func handleBlockItem(_ kind: Context.Kind, keywordToken: RustToken) {
        let reason = cfgReason(of: pending)
        warnAboutKineticsAttributes(on: kind == .trait ? "a trait" : "an impl block")
        while true {
            let token = nextBoundary()
            switch token.kind {
            case .open:
                if isCharacter(token, "{") {
                    let label = kind == .trait ? "this trait" : "this impl block"
                    pushContext(kind, open: token, name: nil, cfgReason: reason, label: label)
                    resetItem()
                    return
                }
                skipGroup(openedBy: token, label: "this group")
            case .close, .endOfFile:
                lookahead = token
                resetItem()
                return
            case .punctuation where isCharacter(token, ";"):
                resetItem()
                return
            default:
                continue
            }
        }
    }

    /// Skips an item that holds no functions (a struct, a `use`, a constant): to its `;`, or to the end of its
    /// `{ … }` body when `endsAtBrace`.
    private mutating func skipItem(endsAtBrace: Bool, description: String) {
        warnAboutKineticsAttributes(on: description)
        while true {
            let token = nextBoundary()
            switch token.kind {
            case .open:
                skipGroup(openedBy: token, label: "this item")
                if endsAtBrace, isCharacter(token, "{") {
                    resetItem()
                    return
                }
            case .close, .endOfFile:
                lookahead = token
                resetItem()
                return
            case .punctuation where isCharacter(token, ";"):
                resetItem()
                return
            default:
                continue
            }
        }
    }

    /// `name! { … }`, `name!( … );`, `macro_rules! name { … }`: the macro's tokens are not items.
    private mutating func skipMacroInvocation() {
        warnAboutKineticsAttributes(on: "a macro invocation")
        if let next = peekToken(), next.kind == .identifier { _ = nextToken() }
        if let next = peekToken(), next.kind == .open {
            let open = nextToken()
            skipGroup(openedBy: open, label: "this macro invocation")
        }
        if let next = peekToken(), isCharacter(next, ";") { _ = nextToken() }
        resetItem()
    }

    private mutating func endItem() {
        warnAboutKineticsAttributes(on: "this item")
        resetItem()
    }

    private mutating func resetItem() {
        // Most items have no attributes: then there is nothing to empty.
        if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
        if !attributeTokens.isEmpty { attributeTokens.removeAll(keepingCapacity: true) }
        qualifiers = Qualifiers()
    }

    // MARK: - Blocks

    private mutating func pushContext(_ kind: Context.Kind, open: RustToken, name: String?, cfgReason: String?, label: String) {
        let current = contexts[contexts.count - 1]
        guard contexts.count < Self.maximumDepth else {
            report(.warning(
                .nestingTooDeep, "blocks nest more than \(Self.maximumDepth) deep here; what is inside is skipped",
                at: source.location(at: open.start)))
            skipGroup(openedBy: open, label: label)
            return
        }
        contexts.append(Context(
            kind: kind,
            modulePath: name.map { current.modulePath + [$0] } ?? current.modulePath,
            inactiveReason: current.inactiveReason ?? cfgReason,
            openOffset: open.start,
            label: label))
    }

    private mutating func closeContext(_ token: RustToken) {
        resetItem()
        guard contexts.count > 1 else {
            if lexer.issues.isEmpty {
                report(.error(
                    .unclosedDelimiter, "unexpected `\(text(token))`: no block is open here; remove it or add the opening delimiter",
                    at: source.location(at: token.start)))
            }
            return
        }
        contexts.removeLast()
    }

    private mutating func reportUnclosedContexts() {
        guard contexts.count > 1, lexer.issues.isEmpty else { return }
        let innermost = contexts[contexts.count - 1]
        report(.error(
            .unclosedDelimiter, "\(innermost.label) is never closed; add the missing `}`",
            at: source.location(at: innermost.openOffset)))
    }

    private mutating func skipGroup(openedBy open: RustToken, label: String) {
        skipGroup(openedBy: open) { _ in label }
    }

    /// Skips the group `open` starts; `label` names it for the message when it is never closed, and is spelled
    /// out only then (most groups are function bodies, and they close).
    private mutating func skipGroup(openedBy open: RustToken, label: (RustItemScanner) -> String) {
        lookahead = nil
        let close = lexer.skipGroup()
        if close.isEndOfFile, lexer.issues.isEmpty {
            let message = "`\(text(open))` of \(label(self)) is never closed; add the missing `\(Self.closer(of: buffer[open.start]))`"
            report(.error(.unclosedDelimiter, message, at: source.location(at: open.start)))
        }
    }

    private static func closer(of byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "("): ")"
        case UInt8(ascii: "["): "]"
        default: "}"
        }
    }

    // MARK: - Attributes

    private mutating func readAttribute(hash: RustToken) {
        var isInner = false
        if let next = peekToken(), isCharacter(next, "!") {
            _ = nextToken()
            isInner = true
        }
        guard let open = peekToken(), isCharacter(open, "[") else { return }
        _ = nextToken()
        let first = attributeTokens.count
        var depth = 0
        while true {
            let token = lexer.next()
            switch token.kind {
            case .endOfFile:
                if lexer.issues.isEmpty {
                    report(.error(
                        .unterminatedAttribute, "this attribute is never closed; add the missing `]`", at: source.location(at: hash.start)))
                }
                lookahead = token
                return
            case .open:
                depth += 1
            case .close:
                if depth == 0 {
                    let attribute = RawAttribute(start: hash.start, tokens: first..<attributeTokens.count)
                    if isInner {
                        applyInnerAttribute(attribute)
                        attributeTokens.removeSubrange(first...)
                    } else {
                        pending.append(attribute)
                    }
                    return
                }
                depth -= 1
            default:
                break
            }
            if attributeTokens.count - first < Self.maximumAttributeTokens { attributeTokens.append(token) }
        }
    }

    /// `#![cfg(test)]` at the top of a file or module compiles the rest of it out.
    private mutating func applyInnerAttribute(_ attribute: RawAttribute) {
        guard let reason = cfgReason(of: [attribute]) else { return }
        let index = contexts.count - 1
        if contexts[index].inactiveReason == nil { contexts[index].inactiveReason = reason }
        if index == 0, result.inactiveReason == nil { result.inactiveReason = reason }
    }

    /// What the attributes of one item say, with `cfg_attr` expanded for the deploy build.
    private struct AttributeSummary {
        var roles: [(meta: RustAttributeMeta, role: FunctionRole)] = []
        /// Why the item is compiled out, from a `#[cfg(...)]` that is false.
        var inactiveReason: String?
        /// Kinetics attributes inside a `cfg_attr` whose predicate is false, and that predicate.
        var suppressed: [(meta: RustAttributeMeta, role: FunctionRole, predicate: RustCfgPredicate)] = []
        /// Predicates whose value cannot be known from the project files.
        var unknownPredicates: [RustCfgPredicate] = []
    }

    private mutating func summarize(_ attributes: [RawAttribute]) -> AttributeSummary {
        var summary = AttributeSummary()
        for attribute in attributes {
            let tokens = attributeTokens[attribute.tokens]
            guard let meta = RustAttributeMeta.parse(tokens, attributeStart: attribute.start, source: source) else {
                if let first = tokens.first, first.kind == .identifier,
                    FunctionRole(rawValue: text(first)) != nil
                {
                    report(.error(
                        .malformedAttribute, "this attribute cannot be read; write it as `#[\(text(first))(key = value, …)]`",
                        at: source.location(at: attribute.start)))
                }
                continue
            }
            collect(meta, into: &summary, depth: 0)
        }
        return summary
    }

    private mutating func collect(_ meta: RustAttributeMeta, into summary: inout AttributeSummary, depth: Int) {
        if let role = meta.kineticsRole {
            summary.roles.append((meta, role))
            return
        }
        if meta.isUnknownKineticsPath {
            let roles = FunctionRole.allCases.map(\.rawValue)
            report(.warning(
                .unknownKineticsAttribute,
                "`\(meta.pathText(in: source))` is not a Kinetics attribute; use endpoint, worker or cron."
                    + KeySuggestion.didYouMean(meta.path.last.map(source.text) ?? "", in: roles),
                at: source.location(at: meta.start)))
            return
        }
        guard meta.kind == .cfg || meta.kind == .cfgAttr else { return }
        guard case .delimited(let open, let tokens, _) = meta.arguments, isCharacter(open, "(") else {
            report(.warning(
                .invalidCfg, "write `#[\(meta.kind == .cfg ? "cfg" : "cfg_attr")(…)]` with parentheses", at: source.location(at: meta.start)))
            return
        }
        if meta.kind == .cfg {
            switch RustCfgPredicate.parse(tokens, in: source) {
            case .success(let predicate):
                switch predicate.evaluate(in: cfg) {
                case false?: if summary.inactiveReason == nil { summary.inactiveReason = Self.reason(predicate) }
                case nil: summary.unknownPredicates.append(predicate)
                case true?: break
                }
            case .failure(let error):
                report(.warning(.invalidCfg, "cannot read this `cfg`: \(error.message)", at: source.location(at: error.offset)))
            }
            return
        }
        let parts = RustAttributeMeta.splitAtCommas(tokens, source: source)
        guard let predicateTokens = parts.first, parts.count >= 2 else {
            report(.warning(
                .invalidCfg, "`cfg_attr` needs a predicate and at least one attribute: `#[cfg_attr(feature = \"x\", endpoint(…))]`",
                at: source.location(at: meta.start)))
            return
        }
        let predicate: RustCfgPredicate
        switch RustCfgPredicate.parse(predicateTokens, in: source) {
        case .success(let value): predicate = value
        case .failure(let error):
            report(.warning(.invalidCfg, "cannot read this `cfg_attr`: \(error.message)", at: source.location(at: error.offset)))
            return
        }
        let value = predicate.evaluate(in: cfg)
        if value == nil { summary.unknownPredicates.append(predicate) }
        for part in parts.dropFirst() where !part.isEmpty {
            guard let inner = RustAttributeMeta.parse(part, attributeStart: meta.attributeStart, source: source) else { continue }
            if value == false {
                if let role = inner.kineticsRole { summary.suppressed.append((inner, role, predicate)) }
            } else if depth < RustTokenCursor.maximumNesting {
                collect(inner, into: &summary, depth: depth + 1)
            }
        }
    }

    private static func reason(_ predicate: RustCfgPredicate) -> String {
        switch predicate {
        case .option("test"): "it is compiled only for tests (`cfg(test)`)"
        default: "`cfg(\(predicate.rustSyntax))` is false in the deploy build (release, default features)"
        }
    }

    private mutating func cfgReason(of attributes: [RawAttribute]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var reason: String?
        for attribute in attributes {
            let tokens = attributeTokens[attribute.tokens]
            guard let first = tokens.first, first.kind == .identifier, equals(first, "cfg") else { continue }
            guard let meta = RustAttributeMeta.parse(tokens, attributeStart: attribute.start, source: source),
                case .delimited(_, let tokens, _) = meta.arguments,
                case .success(let predicate) = RustCfgPredicate.parse(tokens, in: source),
                predicate.evaluate(in: cfg) == false
            else { continue }
            reason = reason ?? Self.reason(predicate)
        }
        return reason
    }

    private mutating func warnAboutKineticsAttributes(on description: String) {
        guard !pending.isEmpty else { return }
        for attribute in pending {
            guard let meta = RustAttributeMeta.parse(attributeTokens[attribute.tokens], attributeStart: attribute.start, source: source),
                let role = meta.kineticsRole
            else { continue }
            report(.warning(
                .attributeNotOnFunction, "`#[\(role.rawValue)]` is on \(description); Kinetics attributes go on free functions (`fn`)",
                at: source.location(at: attribute.start)))
        }
    }

    // MARK: - Functions

    private mutating func declareFunction(name nameToken: RustToken) {
        let summary = summarize(pending)
        guard !summary.roles.isEmpty || !summary.suppressed.isEmpty else { return }
        let name = identifierText(nameToken)
        let context = contexts[contexts.count - 1]
        if context.kind != .module {
            for (meta, role) in summary.roles {
                report(.note(
                    .attributeOnMethod,
                    "`#[\(role.rawValue)]` on `\(name)` is ignored: it is inside \(context.label), and Kinetics deploys free functions only; move it out to deploy it",
                    at: source.location(at: meta.attributeStart)))
            }
            return
        }
        if let reason = context.inactiveReason ?? summary.inactiveReason {
            for (meta, role) in summary.roles {
                report(.note(
                    .inactiveFunction, "`#[\(role.rawValue)]` on `\(name)` is ignored: \(reason)",
                    at: source.location(at: meta.attributeStart)))
            }
            return
        }
        for (meta, role, predicate) in summary.suppressed where summary.roles.isEmpty {
            report(.note(
                .inactiveFunction,
                "`#[\(role.rawValue)]` on `\(name)` is ignored: `\(predicate.rustSyntax)` is false in the deploy build "
                    + "(release, default features); add the feature to `default` in Cargo.toml to deploy it",
                at: source.location(at: meta.attributeStart)))
        }
        guard !summary.roles.isEmpty else { return }
        if summary.roles.count > 1 {
            let roles = summary.roles.map { "#[\($0.role.rawValue)]" }.joined(separator: " and ")
            report(.error(
                .multipleRoles, "`\(name)` has \(roles); a function has one role — keep one attribute, or split the function",
                at: source.location(at: summary.roles[1].meta.attributeStart)))
            return
        }
        let (meta, role) = summary.roles[0]
        for predicate in summary.unknownPredicates {
            report(.note(
                .cfgAssumedEnabled, "`\(predicate.rustSyntax)` cannot be decided from the project files; `\(name)` is deployed as if it holds",
                at: source.location(at: meta.attributeStart)))
        }
        guard let attribute = attributeParser.parse(meta, role: role) else { return }
        // Room for a few functions at once, rather than growing one by one.
        if result.functions.isEmpty { result.functions.reserveCapacity(4) }
        result.functions.append(DeclaredFunction(
            rustName: name,
            inlineModules: context.modulePath,
            attribute: attribute,
            isAsync: qualifiers.isAsync,
            isPublic: qualifiers.visibility == .public))
    }

    // MARK: - Finishing

    private mutating func finish() -> RustFileScan {
        for issue in lexer.issues {
            let location = source.location(at: issue.offset)
            switch issue.kind {
            case .unterminatedBlockComment:
                report(.error(
                    .unterminatedComment, "this block comment is never closed; add `*/` (block comments nest: each `/*` needs its own `*/`)",
                    at: location))
            case .unterminatedString:
                report(.error(.unterminatedString, "this string is never closed; add the closing `\"`", at: location))
            case .unterminatedRawString(let hashes):
                report(.error(
                    .unterminatedString, "this raw string is never closed; end it with `\"\(String(repeating: "#", count: hashes))`",
                    at: location))
            case .unterminatedCharacter:
                report(.error(
                    .unterminatedCharacter, "`'` starts a character literal that is not closed; close it (`'x'`) or name a lifetime (`'a`)",
                    at: location))
            }
        }
        var diagnostics = result.diagnostics + attributeParser.diagnostics
        diagnostics.sort(by: Diagnostic.reportOrder)
        if diagnostics.count > Self.maximumDiagnostics {
            let hidden = diagnostics.count - Self.maximumDiagnostics
            diagnostics.removeLast(hidden)
            diagnostics.append(.note(
                .tooManyDiagnostics, "\(hidden) more problem\(hidden == 1 ? "" : "s") in this file not shown; fix the ones above first",
                at: SourceLocation(file: source.displayPath, line: 1, column: 1)))
        }
        result.diagnostics = diagnostics
        return result
    }

    private mutating func report(_ diagnostic: Diagnostic) {
        // Bounded even on pathological input: far more than is ever shown.
        if result.diagnostics.count < Self.maximumDiagnostics * 4 { result.diagnostics.append(diagnostic) }
    }

    // MARK: - Tokens

    private mutating func nextToken() -> RustToken {
        if let token = lookahead {
            lookahead = nil
            return token
        }
        return lexer.next()
    }

    /// The next delimiter, `;` or end of file, the tokens before it skipped: for loops that look at nothing else.
    private mutating func nextBoundary() -> RustToken {
        if let token = lookahead {
            lookahead = nil
            return token
        }
        return lexer.nextDelimiterOrSemicolon()
    }

    private mutating func peekToken() -> RustToken? {
        if lookahead == nil { lookahead = lexer.next() }
        return lookahead!.isEndOfFile ? nil : lookahead
    }

    @inline(__always)
    private func isCharacter(_ token: RustToken, _ character: Unicode.Scalar) -> Bool {
        token.kind != .endOfFile && token.end - token.start == 1 && buffer[token.start] == UInt8(character.value)
            && (token.kind == .punctuation || token.kind == .open || token.kind == .close)
    }

    private func text(_ token: RustToken) -> String { source.text(token.start..<token.end) }

    /// An identifier as rustc prints it; raw identifiers keep their `r#`, as upstream Kinetics names them.
    private func identifierText(_ token: RustToken) -> String { text(token) }

    @inline(__always)
    private func equals(_ token: RustToken, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard token.end - token.start == length else { return false }
        let bytes = literal.utf8Start
        for index in 0..<length where buffer[token.start + index] != bytes[index] { return false }
        return true
    }

    private enum Keyword {
        case fn, mod, impl, trait, extern, pub, async, unsafe, `default`, safe, auto, const, `static`, use, type
        case `struct`, `enum`, union, macro, macroRules, crate
    }

    private func keyword(_ token: RustToken) -> Keyword? {
        switch buffer[token.start] {
        case UInt8(ascii: "f"): return equals(token, "fn") ? .fn : nil
        case UInt8(ascii: "m"):
            if equals(token, "mod") { return .mod }
            if equals(token, "macro_rules") { return .macroRules }
            return equals(token, "macro") ? .macro : nil
        case UInt8(ascii: "i"): return equals(token, "impl") ? .impl : nil
        case UInt8(ascii: "t"):
            if equals(token, "trait") { return .trait }
            return equals(token, "type") ? .type : nil
        case UInt8(ascii: "e"):
            if equals(token, "extern") { return .extern }
            return equals(token, "enum") ? .enum : nil
        case UInt8(ascii: "p"): return equals(token, "pub") ? .pub : nil
        case UInt8(ascii: "a"):
            if equals(token, "async") { return .async }
            return equals(token, "auto") ? .auto : nil
        case UInt8(ascii: "u"):
            if equals(token, "unsafe") { return .unsafe }
            if equals(token, "use") { return .use }
            return equals(token, "union") ? .union : nil
        case UInt8(ascii: "d"): return equals(token, "default") ? .default : nil
        case UInt8(ascii: "s"):
            if equals(token, "struct") { return .struct }
            if equals(token, "static") { return .static }
            return equals(token, "safe") ? .safe : nil
        case UInt8(ascii: "c"):
            if equals(token, "const") { return .const }
            return equals(token, "crate") ? .crate : nil
        default: return nil
        }
    }
}
