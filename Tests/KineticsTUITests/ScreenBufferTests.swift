import Testing

@testable import KineticsTUI

@Suite("ScreenBuffer places text by display width and never stores what a terminal would act on")
struct ScreenBufferTests {
    @Test("ASCII text lands cell by cell and is clipped at the right edge")
    func asciiClipping() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        let end = buffer.put("kinetics", x: 1, y: 0)
        #expect(buffer.text() == " kine")
        #expect(end == 5)
    }

    @Test("a clip rectangle limits where text goes")
    func clipRect() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.put("abcdefgh", x: 0, y: 0, clip: Rect(x: 2, y: 0, width: 3, height: 1))
        buffer.put("outside", x: 0, y: 1, clip: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(buffer.text() == "  cde\n")
    }

    @Test("an East Asian wide character takes two cells, the second a continuation")
    func wideCharacter() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        let end = buffer.put("a漢b", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer[1, 0].grapheme == "漢")
        #expect(buffer[1, 0].width == 2)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].grapheme == "b")
        #expect(buffer.text() == "a漢b")
    }

    @Test("a wide character that does not fit the last column becomes a space")
    func wideAtEdge() {
        var buffer = ScreenBuffer(width: 3, height: 1)
        buffer.put("ab漢", x: 0, y: 0)
        #expect(buffer[2, 0].grapheme == " ")
        #expect(buffer[2, 0].width == 1)
        #expect(buffer.text() == "ab")
    }

    @Test("emoji presentation sequences and flags take two cells")
    func emoji() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        let end = buffer.put("🚀🇩🇪x", x: 0, y: 0)
        #expect(end == 5)
        #expect(buffer[4, 0].grapheme == "x")
    }

    @Test("combining marks join the cell before them, even when written separately")
    func combiningMarks() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("e\u{0301}x", x: 0, y: 0)
        #expect(buffer[0, 0].grapheme == "e\u{0301}")
        #expect(buffer[1, 0].grapheme == "x")
        buffer.put("\u{0308}", x: 2, y: 0)
        #expect(buffer[1, 0].grapheme == "x\u{0308}")
        #expect(buffer[2, 0].grapheme == " ")
    }

    @Test("a combining mark after a wide character joins its lead cell")
    func combiningAfterWide() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("漢", x: 0, y: 0)
        buffer.put("\u{0301}", x: 2, y: 0)
        #expect(buffer[0, 0].grapheme == "漢\u{0301}")
        #expect(buffer[1, 0].isContinuation)
    }

    @Test("zero-width and control characters are never stored")
    func invisibles() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        let end = buffer.put("a\u{200B}b\u{07}c\u{FEFF}d\u{7F}", x: 0, y: 0)
        #expect(end == 4)
        #expect(buffer.text() == "abcd")
        for x in 0..<8 {
            let scalars = buffer[x, 0].grapheme.unicodeScalars
            #expect(!scalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x200B })
        }
    }

    @Test("escape sequences from outside text are stripped, not drawn")
    func sanitising() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        buffer.put("\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07}done\u{9B}2J", x: 0, y: 0)
        #expect(buffer.text() == "red done")
    }

    @Test("overwriting half of a wide character blanks its other half")
    func overwriteHalf() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("漢字", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer[0, 0].grapheme == " ")
        #expect(buffer[1, 0].grapheme == "x")
        buffer.put("y", x: 2, y: 0)
        #expect(buffer[3, 0].grapheme == " ")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test("text() trims trailing spaces of each row")
    func textTrims() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        buffer.put("ab", x: 0, y: 0)
        buffer.put("c", x: 5, y: 1)
        #expect(buffer.text() == "ab\n     c")
    }

    @Test("the styled dump marks every change of style")
    func styledDump() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        buffer.put("ok", x: 0, y: 0, style: Style(fg: .green, .bold))
        buffer.put(" plain", x: 2, y: 0)
        #expect(buffer.styledDump() == "⟦fg=green bold⟧ok⟦⟧ plain")
    }

    @Test("restyle keeps the text and changes the attributes")
    func restyle() {
        var buffer = ScreenBuffer(width: 4, height: 1)
        buffer.put("abcd", x: 0, y: 0)
        buffer.restyle(Rect(x: 1, y: 0, width: 2, height: 1)) { $0.adding(.reverse) }
        #expect(buffer.text() == "abcd")
        #expect(buffer[1, 0].style.attributes == .reverse)
        #expect(buffer[3, 0].style == .plain)
    }
}

@Suite("Display width counts like wcwidth in a UTF-8 locale")
struct DisplayWidthTests {
    @Test("columns of single graphemes", arguments: [
        ("a", 1), ("é", 1), ("e\u{0301}", 1), ("漢", 2), ("ｱ", 1), ("Ａ", 2), ("한", 2), ("🚀", 2), ("❤️", 2),
        ("✓", 1), ("…", 1), ("─", 1), ("⚠", 1), ("\u{200B}", 0), ("\u{0301}", 0), ("\u{1B}", 0),
    ])
    func graphemes(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("a standalone combining mark is told apart from an invisible one")
    func kinds() {
        #expect(DisplayWidth.kind(of: "\u{0301}") == .combining)
        #expect(DisplayWidth.kind(of: "\u{200D}") == .ignorable)
        #expect(DisplayWidth.kind(of: "\u{07}") == .ignorable)
        #expect(DisplayWidth.kind(of: "x") == .spacing(1))
    }
}
