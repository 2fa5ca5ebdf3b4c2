/// One column of a ``Table``: its header, how wide it wants to be, and how soon it goes when space is short.
struct TableColumn: Hashable, Sendable {
    var title: String
    /// The width the column gets before extra space is shared.
    var width: Int
    /// Whether the column takes a share of space left over (the widest text columns: reasons, paths).
    var flexible: Bool
    /// A width a flexible column never grows past.
    var maxWidth: Int?
    var alignment: TextFit.Alignment
    /// 0 for columns that always show; narrower terminals drop the highest priority numbers first.
    var priority: Int

    init(
        _ title: String,
        width: Int,
        flexible: Bool = false,
        maxWidth: Int? = nil,
        alignment: TextFit.Alignment = .left,
        priority: Int = 0
    ) {
        self.title = title
        self.width = width
        self.flexible = flexible
        self.maxWidth = maxWidth
        self.alignment = alignment
        self.priority = priority
    }
}
