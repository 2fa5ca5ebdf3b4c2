import Testing

@testable import KineticsTUI

@Suite("Text fits its columns: truncation with an ellipsis, padding, wrapping")
struct TextFitTests {
    @Test("text that fits is left alone; text that does not ends in an ellipsis")
    func truncate() {
        #expect(TextFit.truncate("Orders", to: 6) == "Orders")
        #expect(TextFit.truncate("OrdersCreate", to: 6) == "Order…")
        #expect(TextFit.truncate("OrdersCreate", to: 1) == "…")
        #expect(TextFit.truncate("OrdersCreate", to: 0) == "")
        #expect(TextFit.truncate("OrdersCreate", to: 6, ellipsis: "~") == "Order~")
    }

    @Test("truncation never splits a wide character")
    func truncateWide() {
        #expect(TextFit.truncate("漢字漢字", to: 6) == "漢字…")
        #expect(TextFit.truncate("漢字漢字", to: 5) == "漢字…")
        #expect(DisplayWidth.of(TextFit.truncate("漢字漢字", to: 4)) <= 4)
    }

    @Test("styled spans are cut at the span that crosses the edge")
    func truncateSpans() {
        let spans = [Span("✓ ", Style(fg: .green)), Span("UPDATE_COMPLETE")]
        let cut = TextFit.truncate(spans, to: 8)
        #expect(cut.width == 8)
        #expect(cut.map(\.text).joined() == "✓ UPDAT…")
        #expect(cut[0].style == Style(fg: .green))
    }

    @Test("padding aligns to the left, right or centre", arguments: [
        (TextFit.Alignment.left, "ab   "), (.right, "   ab"), (.center, " ab  "),
    ])
    func pad(alignment: TextFit.Alignment, expected: String) {
        #expect(TextFit.pad("ab", to: 5, alignment: alignment) == expected)
    }

    @Test("wrapping breaks between words and cuts words longer than a line")
    func wrap() {
        #expect(TextFit.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextFit.wrap("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TextFit.wrap("", width: 5) == [])
    }

    @Test("wrapping to fewer lines than needed ends the last one in an ellipsis")
    func wrapLimited() {
        let lines = TextFit.wrap("one two three four five six", width: 9, maxLines: 2)
        #expect(lines == ["one two", "three…"])
        #expect(TextFit.wrap("abcdefghijklmnop", width: 5, maxLines: 2) == ["abcde", "fghi…"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 9 })
    }
}

@Suite("Layout splits space between parts")
struct LayoutTests {
    @Test("fixed parts first, the rest shared by weight")
    func split() {
        #expect(Layout.split(80, [.fixed(20), .flex(weight: 1), .flex(weight: 3)]) == [20, 15, 45])
        #expect(Layout.split(10, [.fixed(20), .flex()]) == [10, 0])
        #expect(Layout.split(7, [.flex(), .flex()]) == [3, 4])
    }

    @Test("a flex part gets its minimum first, then its share of what is left")
    func minimum() {
        #expect(Layout.split(30, [.fixed(20), .flex(min: 8), .flex()]) == [20, 9, 1])
        #expect(Layout.split(24, [.fixed(20), .flex(min: 8), .flex()]) == [20, 4, 0])
    }

    @Test("rects split, inset and centre inside themselves")
    func rects() {
        let r = Rect(x: 0, y: 2, width: 80, height: 21)
        #expect(r.splitTop(5).top == Rect(x: 0, y: 2, width: 80, height: 5))
        #expect(r.splitTop(5).rest == Rect(x: 0, y: 7, width: 80, height: 16))
        #expect(r.splitBottom(30).bottom.height == 21)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 3, width: 78, height: 19))
        #expect(r.centered(width: 40, height: 5) == Rect(x: 20, y: 10, width: 40, height: 5))
        #expect(Layout.columns(r, [.fixed(30), .flex()]).map(\.width) == [30, 50])
    }
}
