/// Where a column of a table ended up: its index among the columns, its left edge and its width.
struct ResolvedColumn: Hashable, Sendable {
    var index: Int
    var x: Int
    var width: Int
}
