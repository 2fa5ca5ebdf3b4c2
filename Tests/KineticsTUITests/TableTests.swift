import Testing

@testable import KineticsTUI

@Suite("Tables fit their columns to the width and draw only what is visible")
struct TableTests {
    let columns = [
        TableColumn("TIME", width: 8),
        TableColumn("ID", width: 10, flexible: true, maxWidth: 20),
        TableColumn("TYPE", width: 12, priority: 2),
        TableColumn("ELAPSED", width: 7, alignment: .right, priority: 1),
        TableColumn("REASON", width: 10, flexible: true),
    ]

    @Test("every column shows when there is room, flexible ones share the rest up to their maximum")
    func wide() {
        let resolved = Table.resolve(columns, width: 100)
        #expect(resolved.map(\.index) == [0, 1, 2, 3, 4])
        #expect(resolved[1].width == 20)
        #expect(resolved.last.map { $0.x + $0.width } == 100)
    }

    @Test("narrow widths drop the highest priority numbers first")
    func narrow() {
        #expect(Table.resolve(columns, width: 45).map(\.index) == [0, 1, 3, 4])
        #expect(Table.resolve(columns, width: 37).map(\.index) == [0, 1, 4])
    }

    @Test("columns that always show are shrunk rather than dropped")
    func tooNarrow() {
        let resolved = Table.resolve(columns, width: 20)
        #expect(resolved.map(\.index) == [0, 1, 4])
        #expect(resolved.last.map { $0.x + $0.width } == 20)
    }

    @Test("a table of 100,000 rows asks only for the rows on screen")
    func onlyVisibleRows() {
        var buffer = ScreenBuffer(width: 80, height: 24)
        var asked: [Int] = []
        Table.draw(columns: columns, rowCount: 100_000, top: 99_990, selected: nil,
                   in: Rect(x: 0, y: 0, width: 80, height: 24), on: &buffer, context: RenderContext()) { i in
            asked.append(i)
            return .cells([[Span("12:00:00")], [Span("row \(i)")]])
        }
        #expect(asked == Array(99_977..<100_000))
        #expect(buffer.rowText(23).contains("row 99999"))
    }

    @Test("right-aligned cells end at their column's edge and the selected row is reversed")
    func alignmentAndSelection() {
        var buffer = ScreenBuffer(width: 60, height: 3)
        Table.draw(columns: columns, rowCount: 2, top: 0, selected: 1, in: Rect(x: 0, y: 0, width: 60, height: 3),
                   on: &buffer, context: RenderContext()) { i in
            .cells([[Span("t")], [Span("id")], [Span("type")], [Span("\(i + 1)s")], [Span("why")]])
        }
        let elapsed = Table.resolve(columns, width: 60).first { $0.index == 3 }!
        #expect(buffer[elapsed.x + elapsed.width - 1, 1].grapheme == "s")
        #expect(buffer[0, 2].style.attributes.contains(.reverse))
        #expect(!buffer[0, 1].style.attributes.contains(.reverse))
    }
}
