/// A run of text in one style; a line of mixed styles is a `[Span]`.
struct Span: Hashable, Sendable {
    var text: String
    var style: Style

    init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }

    var width: Int { DisplayWidth.of(text) }

    func with(style: Style) -> Span { Span(text, style) }
}

extension Array where Element == Span {
    var width: Int { reduce(0) { $0 + $1.width } }
}
