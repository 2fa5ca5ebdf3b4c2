import Testing
@testable import KineticsCore

@Suite("The Rust lexer")
struct RustLexerTests {
    @Test("identifier bytes are letters, digits, `_` and every non-ASCII byte")
    func identifierBytes() {
        for value in 0...255 {
            let byte = UInt8(value)
            let scalar = Unicode.Scalar(byte)
            let expected = byte >= 0x80 || scalar == "_" || (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
            #expect(RustLexer.isIdentifierContinue(byte) == expected, "byte \(value)")
        }
    }

    /// Kinds and texts of every token of `source`, and the lexer's issues.
    private func lex(_ source: String) -> (tokens: [(RustToken.Kind, String)], issues: [LexIssue]) {
        let bytes = Array(source.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var lexer = RustLexer(buffer)
            var tokens: [(RustToken.Kind, String)] = []
            while true {
                let token = lexer.next()
                if token.isEndOfFile { break }
                tokens.append((token.kind, String(decoding: bytes[token.start..<token.end], as: UTF8.self)))
            }
            return (tokens, lexer.issues)
        }
    }

    private func texts(_ source: String) -> [String] { lex(source).tokens.map(\.1) }

    @Test("skips line, doc and nested block comments")
    func comments() {
        #expect(texts("a // b { \n/// doc }\n//! inner\nc") == ["a", "c"])
        #expect(texts("a /* x /* y } */ z { */ b") == ["a", "b"])
        #expect(texts("a /** doc */ b /*! inner */ c") == ["a", "b", "c"])
        #expect(lex("a /* x /* y */ never closed").issues == [LexIssue(kind: .unterminatedBlockComment, offset: 2)])
    }

    @Test("reads strings with escapes and across lines as one token")
    func strings() {
        let result = lex(#"x = "a \" } /* b"; y = "line1\n{ line2";"#)
        #expect(result.tokens.map(\.0) == [.identifier, .punctuation, .string, .punctuation, .identifier, .punctuation, .string, .punctuation])
        #expect(result.tokens[2].1 == #""a \" } /* b""#)
        #expect(texts("\"multi\nline { \"") == ["\"multi\nline { \""])
        #expect(lex("\"open").issues == [LexIssue(kind: .unterminatedString, offset: 0)])
    }

    @Test("reads raw strings with any number of hashes")
    func rawStrings() {
        #expect(lex(##"r"a } b""##).tokens.map(\.0) == [.rawString])
        #expect(texts(###"r#"has "quotes" and } "#, x"###) == [###"r#"has "quotes" and } "#"###, ",", "x"])
        #expect(texts(####"r##"a "# still inside"##"####) == [####"r##"a "# still inside"##"####])
        #expect(lex(##"r#"never closed"##).issues == [LexIssue(kind: .unterminatedRawString(hashes: 1), offset: 0)])
    }

    @Test("tells byte strings, C strings and raw identifiers from plain identifiers")
    func prefixes() {
        let result = lex(##"b"x" br#"y"# c"z" cr"w" r#match b'{' rb"##)
        #expect(result.tokens.map(\.0) == [.otherString, .otherString, .otherString, .otherString, .identifier, .character, .identifier])
        #expect(result.tokens[4].1 == "r#match")
        #expect(texts("bar br brr") == ["bar", "br", "brr"])
    }

    @Test("tells character literals from lifetimes and labels")
    func charactersAndLifetimes() {
        let result = lex(#"'a' 'a '\'' '\\' '\n' '\u{1F980}' '🦀' 'static '{' '}' 'outer: loop"#)
        #expect(result.tokens.map(\.0) == [
            .character, .lifetime, .character, .character, .character, .character, .character, .lifetime,
            .character, .character, .lifetime, .punctuation, .identifier,
        ])
        #expect(result.issues.isEmpty)
        #expect(texts("fn f<'a>(x: &'a str) {}") == ["fn", "f", "<", "'a", ">", "(", "x", ":", "&", "'a", "str", ")", "{", "}"])
    }

    @Test("reads numbers with suffixes, exponents and ranges")
    func numbers() {
        let result = lex("10u32 0x1F 1_000 1.5e-3 2e10 0..5 5usize-1 x.0")
        #expect(result.tokens.map(\.1) == ["10u32", "0x1F", "1_000", "1.5e-3", "2e10", "0", ".", ".", "5", "5usize", "-", "1", "x", ".", "0"])
        #expect(result.tokens[3].0 == .float)
        #expect(result.tokens[0].0 == .integer)
    }

    @Test("skips a byte-order mark and a shebang line, but not an inner attribute")
    func shebang() {
        #expect(texts("\u{FEFF}#!/usr/bin/env run\nfn x") == ["fn", "x"])
        #expect(texts("#![allow(x)]") == ["#", "!", "[", "allow", "(", "x", ")", "]"])
        #expect(texts("#!\n[allow(x)]") == ["#", "!", "[", "allow", "(", "x", ")", "]"])
    }

    @Test("skips a delimited group by depth, whatever it contains")
    func skipGroup() {
        let source = #"{ let s = "}"; let c = '}'; /* } */ { inner } } after"#
        let bytes = Array(source.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = RustLexer(buffer)
            #expect(lexer.next().kind == .open)
            let close = lexer.skipGroup()
            #expect(close.kind == .close)
            let after = lexer.next()
            #expect(String(decoding: bytes[after.start..<after.end], as: UTF8.self) == "after")
        }
    }

    /// Where skipping the group opened by the first byte of `source` ends (the closer's offset, `nil` at the end of
    /// the file), the lexer's issues, and the token after it: with `skipGroup`, or token by token with `next()`.
    private func skipped(_ source: [UInt8], tokenByToken: Bool) -> (close: Int?, issues: [LexIssue], after: RustToken) {
        source.withUnsafeBufferPointer { buffer in
            var lexer = RustLexer(buffer)
            let open = lexer.next()
            precondition(open.kind == .open)
            var close: Int?
            if tokenByToken {
                var depth = 1
                while true {
                    let token = lexer.next()
                    if token.kind == .open { depth += 1 }
                    if token.kind == .close { depth -= 1 }
                    if token.kind == .close, depth == 0 {
                        close = token.start
                        break
                    }
                    if token.isEndOfFile { break }
                }
            } else {
                let token = lexer.skipGroup()
                close = token.isEndOfFile ? nil : token.start
            }
            return (close, lexer.issues, lexer.next())
        }
    }

    @Test("skipping a group ends where reading it token by token ends, on literals, prefixes and comments near its end")
    func skipGroupAgreesWithTokens() {
        let cases = [
            #"{ r"}" } x"#, ##"{ r#"}"# } x"##, ###"{ r##"}"#}"## } x"###, #"{ br"}\" } x"#, #"{ cr"}" } x"#,
            #"{ b"}\"}" } x"#, #"{ c"}" } x"#, #"{ rb"}" } x"#, #"{ xr"}" } x"#, #"{ "a"r"}" } x"#, #"{ 'a r"}" } x"#,
            #"{ 'ar"}" } x"#, #"{ b'}' } x"#, #"{ b'\'' } x"#, #"{ '}' } x"#, #"{ 'a } x"#, #"{ '\u{7D}' } x"#,
            #"{ r#match } x"#, ##"{ r#r"}" } x"##, #"{ br#x } x"#, #"{ /* } /* } */ } */ } x"#, "{ // }\n} x", #"{ a/b } x"#,
            #"{ 0r"}" } x"#, #"{ 1.0e5 } x"#, #"{ é r"}" } x"#, #"{ ér"}" } x"#, ##"{ #r"}" } x"##, ##"{ x#"}" } x"##,
            #"{ r"\" } x"#, #"{ "\"}" } x"#, #"{ /*/ } */ } x"#, #"{ '/' } x"#, #"{ '"' } x"#, #"{ c'}' } x"#,
            ##"{ r#"unterminated } x"##, #"{ "unterminated } x"#, #"{ /* unterminated } x"#, "{ '", "{ r#", "{ b", "{",
            ##"{ br#"}"# } x"##, ##"{ cr#"}"# } x"##, ##"{ b"x"r#"}"# } x"##, #"{ 'r"}" } x"#, "{ r\"}\"}",
        ]
        for text in cases {
            let bytes = Array(text.utf8)
            let fast = skipped(bytes, tokenByToken: false)
            let slow = skipped(bytes, tokenByToken: true)
            #expect(fast.close == slow.close, "\(text)")
            #expect(fast.issues == slow.issues, "\(text)")
            #expect(fast.after == slow.after, "\(text)")
        }
        // Raw strings keep backslashes: the group ends after the raw string, not inside a plain one.
        #expect(skipped(Array(#"{ r"\" } x"#.utf8), tokenByToken: false).close == 7)
        #expect(skipped(Array(#"{ b'}' } x"#.utf8), tokenByToken: false).close == 7)
    }

    @Test("skipping a group ends where reading it token by token ends, on random Rust-like text")
    func skipGroupAgreesWithTokensOnRandomText() {
        let pieces = [
            "{", "}", "(", ")", "[", "]", "\"", "'", "/", "*", "#", "r", "b", "c", "br", "cr", "rb", "x", "_", "0", "1.5",
            "'a", #"'\n'"#, "b'{'", "r#\"", "\"#", "r##\"", "\"##", "/*", "*/", "//", "\n", " ", "\\", "é", "r#match",
            "records", #"c""#, #"b""#, "'}'", "'{'", #""}""#, "e", "+", #"'\''"#, "\r",
        ]
        var generator = SplitMix64(seed: 11)
        for _ in 0..<4000 {
            var text = "{"
            for _ in 0..<Int(generator.next() % 24) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            text += "} after"
            let bytes = Array(text.utf8)
            let fast = skipped(bytes, tokenByToken: false)
            let slow = skipped(bytes, tokenByToken: true)
            #expect(fast.close == slow.close, "\(text)")
            #expect(fast.issues == slow.issues, "\(text)")
            #expect(fast.after == slow.after, "\(text)")
            if fast.close != slow.close || fast.issues != slow.issues { break }
        }
    }

    @Test("skipping to the next delimiter or `;` stops where reading token by token stops, on random Rust-like text")
    func nextDelimiterOrSemicolonAgreesWithTokens() {
        let pieces = [
            "{", "}", "(", ")", "[", "]", ";", "\"", "'", "/", "*", "#", "r", "b", "c", "br", "cr", "x", "0", "1.5", "'a",
            #"'\n'"#, "b';'", "r#\"", "\"#", "/*", "*/", "//", "\n", " ", "\\", "é", "r#match", "->", "<", ">", "::",
            #"";""#, "';'", "e", "+", "\r",
        ]
        var generator = SplitMix64(seed: 23)
        for round in 0..<4000 {
            var text = round == 0 ? "fn a(x: u8) -> R<'a, \"{\"> where T: X ;" : ""
            for _ in 0..<Int(generator.next() % 16) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            text += "; after"
            let bytes = Array(text.utf8)
            let (fast, fastIssues, fastAfter) = bytes.withUnsafeBufferPointer { buffer in
                var lexer = RustLexer(buffer)
                let token = lexer.nextDelimiterOrSemicolon()
                return (token, lexer.issues, lexer.next())
            }
            let (slow, slowIssues, slowAfter) = bytes.withUnsafeBufferPointer { buffer in
                var lexer = RustLexer(buffer)
                var token = lexer.next()
                while !token.isEndOfFile, token.kind != .open, token.kind != .close,
                    !(token.kind == .punctuation && bytes[token.start] == UInt8(ascii: ";"))
                {
                    token = lexer.next()
                }
                return (token, lexer.issues, lexer.next())
            }
            #expect(fast == slow, "\(text)")
            #expect(fastIssues == slowIssues, "\(text)")
            #expect(fastAfter == slowAfter, "\(text)")
            if fast != slow || fastIssues != slowIssues { break }
        }
    }

    @Test("always ends, on any bytes")
    func terminatesOnGarbage() {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<200 {
            let bytes = (0..<Int(generator.next() % 300)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            bytes.withUnsafeBufferPointer { buffer in
                var lexer = RustLexer(buffer)
                var count = 0
                var last = -1
                while true {
                    let token = lexer.next()
                    if token.isEndOfFile { break }
                    #expect(token.start > last)
                    #expect(token.end > token.start)
                    last = token.start
                    count += 1
                }
                #expect(count <= bytes.count)
            }
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so randomized tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
