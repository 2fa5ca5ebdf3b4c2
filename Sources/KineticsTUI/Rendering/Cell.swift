/// One terminal cell: a grapheme (a base character with any combining marks) and its style.
///
/// A wide grapheme (East Asian wide, most emoji) occupies its cell and the next one; the next one is then a
/// continuation cell with empty ``grapheme`` and ``width`` 0, which painters skip.
struct Cell: Hashable, Sendable {
    var grapheme: String
    var style: Style
    /// Columns the grapheme takes: 1, 2 for wide graphemes, 0 for the continuation half of a wide one.
    var width: UInt8

    init(_ grapheme: String = " ", style: Style = .plain, width: UInt8 = 1) {
        self.grapheme = grapheme
        self.style = style
        self.width = width
    }

    static let blank = Cell()

    static func continuation(style: Style) -> Cell { Cell("", style: style, width: 0) }

    var isContinuation: Bool { width == 0 }
}
