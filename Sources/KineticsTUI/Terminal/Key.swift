/// A key the user pressed, decoded from the terminal's input.
enum Key: Hashable, Sendable {
    /// A printable character (any script, from UTF-8 input).
    case char(Character)
    /// Control plus a letter, as a lowercase letter: `.ctrl("c")` is Ctrl-C.
    case ctrl(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    /// F1...F12.
    case function(Int)
}
