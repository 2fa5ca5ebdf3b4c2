/// A mouse wheel turn or a click, at a cell.
struct MouseEvent: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case wheelUp
        case wheelDown
        case click
    }

    var kind: Kind
    var x: Int
    var y: Int
}
