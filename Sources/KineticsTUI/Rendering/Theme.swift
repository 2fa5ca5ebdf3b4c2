/// The console's styles by meaning, in a colour variant and a monochrome one (`NO_COLOR`, terminals without
/// colour) that says the same with bold, dim, underline and reverse only.
///
/// Body text keeps the terminal's default colours so it reads on dark and light backgrounds alike; colour marks
/// meaning (status, badges, accents) and every coloured status also has a symbol.
struct Theme: Hashable, Sendable {
    var text: Style
    var dim: Style
    var bold: Style
    var accent: Style
    var title: Style
    var border: Style
    var focusedBorder: Style
    var selection: Style
    var header: Style
    var headerDim: Style
    var localBadge: Style
    var remoteBadge: Style
    var tabActive: Style
    var tabInactive: Style
    var success: Style
    var failure: Style
    var warning: Style
    var progress: Style
    var rollback: Style
    var key: Style
    var keyLabel: Style
    var columnHeader: Style
    var barFilled: Style
    var barEmpty: Style
    var notice: Style
    var errorNotice: Style

    static let color = Theme(
        text: .plain,
        dim: Style(.dim),
        bold: Style(.bold),
        accent: Style(fg: .cyan),
        title: Style(.bold),
        border: Style(fg: .gray),
        focusedBorder: Style(fg: .cyan),
        selection: Style(.reverse),
        header: Style(fg: .brightWhite, bg: .indexed(24)),
        headerDim: Style(fg: .indexed(152), bg: .indexed(24)),
        localBadge: Style(fg: .black, bg: .yellow, .bold),
        remoteBadge: Style(fg: .black, bg: .cyan, .bold),
        tabActive: Style(fg: .cyan, .bold),
        tabInactive: Style(.dim),
        success: Style(fg: .green),
        failure: Style(fg: .red, .bold),
        warning: Style(fg: .yellow),
        progress: Style(fg: .yellow),
        rollback: Style(fg: .magenta),
        key: Style(fg: .cyan, .bold),
        keyLabel: Style(.dim),
        columnHeader: Style([.bold, .dim]),
        barFilled: Style(fg: .green),
        barEmpty: Style(fg: .gray),
        notice: Style(fg: .cyan),
        errorNotice: Style(fg: .red, .bold)
    )

    static let monochrome = Theme(
        text: .plain,
        dim: Style(.dim),
        bold: Style(.bold),
        accent: .plain,
        title: Style(.bold),
        border: .plain,
        focusedBorder: Style(.bold),
        selection: Style(.reverse),
        header: Style(.reverse),
        headerDim: Style(.reverse),
        localBadge: Style([.bold, .underline]),
        remoteBadge: Style(.bold),
        tabActive: Style([.bold, .underline]),
        tabInactive: Style(.dim),
        success: .plain,
        failure: Style(.bold),
        warning: Style(.bold),
        progress: .plain,
        rollback: Style(.underline),
        key: Style(.bold),
        keyLabel: .plain,
        columnHeader: Style(.bold),
        barFilled: .plain,
        barEmpty: Style(.dim),
        notice: Style(.bold),
        errorNotice: Style(.bold)
    )
}
