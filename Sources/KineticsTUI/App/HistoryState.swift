/// The History screen: sessions and stacks from the cache, the list selection, the sessions marked for a
/// comparison, and the session opened with Enter.
struct HistoryState: Sendable {
    var isLoaded = false
    var isLoading = false
    var sessions: [SessionRow] = []
    var stacks: [StackRow] = []
    var filter = ""
    var list = ListScroll()
    /// Session ids marked for Compare, in marking order, at most two.
    var marked: [String] = []
    /// The session opened with Enter, if any.
    var detail: SessionDetailState?
}

/// A session opened from History: loading, then its detail, and the scroll of its event table.
struct SessionDetailState: Sendable {
    var id: String
    /// `nil` while it loads.
    var detail: SessionDetail?
    /// The session's events with per-resource elapsed times.
    var events = EventLog()
    var eventScroll = ListScroll()

    init(id: String, detail: SessionDetail? = nil) {
        self.id = id
        self.detail = detail
        if let detail { events = EventLog(detail.events) }
    }
}
