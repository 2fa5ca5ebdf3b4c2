/// A selected row and the first row shown, for a list taller than its panel.
///
/// The offset moves only as much as needed to keep the selection visible, as in every terminal list.
struct ListScroll: Hashable, Sendable {
    var selection: Int
    var offset: Int

    init(selection: Int = 0, offset: Int = 0) {
        self.selection = selection
        self.offset = offset
    }

    /// Selects `index` (clamped to the rows there are) and scrolls it into a window of `visible` rows.
    mutating func select(_ index: Int, count: Int, visible: Int) {
        selection = count == 0 ? 0 : min(max(0, index), count - 1)
        clamp(count: count, visible: visible)
    }

    /// Keeps the selection and offset valid after the rows or the window changed.
    mutating func clamp(count: Int, visible: Int) {
        selection = count == 0 ? 0 : min(max(0, selection), count - 1)
        let window = max(1, visible)
        if selection < offset { offset = selection }
        if selection >= offset + window { offset = selection - window + 1 }
        offset = max(0, min(offset, count - window))
    }

    /// The offset to draw with when the window may have changed since the last update.
    func visibleOffset(count: Int, visible: Int) -> Int {
        var copy = self
        copy.clamp(count: count, visible: visible)
        return copy.offset
    }
}
