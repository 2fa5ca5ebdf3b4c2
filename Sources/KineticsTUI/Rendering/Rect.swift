/// A rectangle of cells; `x`/`y` are the top-left corner, 0-based.
struct Rect: Hashable, Sendable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    var maxX: Int { x + width }
    var maxY: Int { y + height }
    var isEmpty: Bool { width <= 0 || height <= 0 }

    func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        return Rect(x: nx, y: ny, width: min(maxX, other.maxX) - nx, height: min(maxY, other.maxY) - ny)
    }

    /// The rectangle shrunk by the given margins.
    func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }

    /// The rectangle cut in two rows: the top `height` lines and the rest.
    func splitTop(_ top: Int) -> (top: Rect, rest: Rect) {
        let t = min(max(0, top), height)
        return (Rect(x: x, y: y, width: width, height: t), Rect(x: x, y: y + t, width: width, height: height - t))
    }

    /// The rectangle cut in two rows: the rest and the bottom `height` lines.
    func splitBottom(_ bottom: Int) -> (rest: Rect, bottom: Rect) {
        let b = min(max(0, bottom), height)
        return (
            Rect(x: x, y: y, width: width, height: height - b),
            Rect(x: x, y: maxY - b, width: width, height: b)
        )
    }

    /// The rectangle cut in two columns: the left `width` columns and the rest.
    func splitLeft(_ left: Int) -> (left: Rect, rest: Rect) {
        let l = min(max(0, left), width)
        return (Rect(x: x, y: y, width: l, height: height), Rect(x: x + l, y: y, width: width - l, height: height))
    }

    /// One line of the rectangle; an empty rect when `index` is outside it.
    func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + index, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rectangle of the given size centred in this one (clipped to it).
    func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

/// A terminal size in cells.
struct Size: Hashable, Sendable {
    var width: Int
    var height: Int

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    var rect: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}
