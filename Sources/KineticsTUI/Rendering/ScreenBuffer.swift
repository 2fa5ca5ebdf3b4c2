import KineticsCore

/// An off-screen grid of cells that views draw into; ``NcursesTerminal`` paints it, tests read it as text.
///
/// Every string that enters the buffer goes through ``TextSanitizer`` first and is placed by display width:
/// wide graphemes take two cells, combining marks join the cell before them, control and invisible
/// characters are never stored, and nothing is ever written outside the clip rectangle.
struct ScreenBuffer: Hashable, Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]

    /// Graphemes longer than this many scalars (stacked combining marks) keep only their first scalars.
    static let maxScalarsPerCell = 5

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    init(size: Size) {
        self.init(width: size.width, height: size.height)
    }

    var size: Size { Size(width: width, height: height) }
    var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    // MARK: - Writing

    /// Writes `text` from column `x` of row `y`, clipped to `clip` (the whole buffer by default).
    ///
    /// A wide grapheme that would straddle the clip's right edge is replaced by a space.
    /// - Returns: the column after the text, or the clip's right edge when the text was cut there.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        if DisplayWidth.isPrintableASCII(text) {
            return putASCII(text, x: x, y: y, style: style, area: area)
        }
        let clean = TextSanitizer.sanitize(text)
        guard y >= area.y, y < area.maxY, x < area.maxX else { return min(x + DisplayWidth.of(clean), max(x, area.maxX)) }
        var column = x
        var lastWritten: Int? = nil
        for character in clean {
            switch DisplayWidth.kind(of: character) {
            case .ignorable:
                continue
            case .combining:
                join(character, at: lastWritten ?? column - 1, y: y, area: area)
            case .spacing(let w):
                defer { column += w }
                if column + w <= area.x || column >= area.maxX { continue }
                if column < area.x || column + w > area.maxX {
                    // A wide grapheme cut by the clip edge: show the visible half as a space.
                    let visible = max(column, area.x)
                    if visible < area.maxX { setCell(Cell(" ", style: style), x: visible, y: y) }
                    continue
                }
                setCell(Cell(limited(character), style: style, width: UInt8(w)), x: column, y: y)
                lastWritten = column
            }
            if column >= area.maxX { break }
        }
        return min(column, max(x, area.maxX))
    }

    /// The common case, one byte per cell: no sanitising or grapheme breaking needed.
    private mutating func putASCII(_ text: String, x: Int, y: Int, style: Style, area: Rect) -> Int {
        let end = min(x + text.utf8.count, max(x, area.maxX))
        guard y >= area.y, y < area.maxY else { return end }
        var column = x
        for byte in text.utf8 {
            defer { column += 1 }
            if column < area.x { continue }
            if column >= area.maxX { break }
            setCell(Cell(String(UnicodeScalar(byte)), style: style), x: column, y: y)
        }
        return end
    }

    /// Writes styled spans one after another from column `x`; returns the column after the last one.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans {
            column = put(span.text, x: column, y: y, style: span.style, clip: clip)
        }
        return column
    }

    /// Fills `rect` with `character` (a single-column grapheme) in `style`.
    mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(String(character), style: style)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { setCell(cell, x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect`, keeping its text.
    mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * width + x].style = transform(cells[y * width + x].style)
            }
        }
    }

    // MARK: - Cells

    /// Stores one cell, blanking the other half of any wide grapheme it overwrites.
    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        let row = y * width
        clearWideNeighbours(x: x, row: row)
        cells[row + x] = cell
        if cell.width == 2, x + 1 < width {
            clearWideNeighbours(x: x + 1, row: row)
            cells[row + x + 1] = .continuation(style: cell.style)
        }
    }

    private mutating func clearWideNeighbours(x: Int, row: Int) {
        let current = cells[row + x]
        if current.isContinuation, x > 0 {
            cells[row + x - 1] = Cell(" ", style: cells[row + x - 1].style)
        } else if current.width == 2, x + 1 < width {
            cells[row + x + 1] = Cell(" ", style: current.style)
        }
    }

    /// Adds combining marks to the grapheme at column `x` (the lead cell when `x` is a continuation).
    private mutating func join(_ marks: Character, at x: Int, y: Int, area: Rect) {
        var target = x
        if target >= 0, target < width, cells[y * width + target].isContinuation { target -= 1 }
        guard target >= area.x, target < area.maxX else { return }
        let index = y * width + target
        let joined = cells[index].grapheme + String(marks)
        cells[index].grapheme = limited(Character(joined))
    }

    private func limited(_ character: Character) -> String {
        let scalars = character.unicodeScalars
        guard scalars.count > Self.maxScalarsPerCell else { return String(character) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix(Self.maxScalarsPerCell))
        return String(view)
    }
}
