/// The symbols the console draws with: box lines, status marks, bars and spinners, in a Unicode set and an
/// ASCII set for terminals whose locale is not UTF-8.
struct Glyphs: Hashable, Sendable {
    var horizontal: String
    var vertical: String
    var topLeft: String
    var topRight: String
    var bottomLeft: String
    var bottomRight: String

    var ellipsis: String
    var complete: String
    var failed: String
    var rollback: String
    var inProgress: String
    var pending: String
    var skipped: String
    var warning: String
    var note: String
    var selection: String
    var marked: String
    var separator: String
    var dash: String
    var arrow: String
    var bothWays: String
    var dot: String
    var barFull: String
    var barEmpty: String
    var barPartial: [String]
    var spinner: [String]
    var enter: String
    var arrowsUpDown: String
    var add: String
    var modify: String
    var remove: String

    static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
        ellipsis: "…", complete: "✓", failed: "✗", rollback: "↻", inProgress: "…", pending: "○", skipped: "=",
        warning: "⚠", note: "ℹ", selection: "›", marked: "◆", separator: "·", dash: "—", arrow: "→", bothWays: "↔", dot: "●",
        barFull: "█", barEmpty: "░", barPartial: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        enter: "⏎", arrowsUpDown: "↑/↓", add: "+", modify: "~", remove: "-"
    )

    static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        ellipsis: "~", complete: "+", failed: "x", rollback: "<", inProgress: ".", pending: "o", skipped: "=",
        warning: "!", note: "i", selection: ">", marked: "*", separator: "|", dash: "-", arrow: "->", bothWays: "<>", dot: "*",
        barFull: "#", barEmpty: "-", barPartial: [],
        spinner: ["-", "\\", "|", "/"],
        enter: "Enter", arrowsUpDown: "Up/Dn", add: "+", modify: "~", remove: "-"
    )
}
