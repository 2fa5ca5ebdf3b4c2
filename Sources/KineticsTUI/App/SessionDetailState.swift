/// A session opened from History: loading, then its detail, and the scroll of its event table.
struct SessionDetailState: Sendable {
    var id: String
    /// `nil` while it loads.
    var detail: SessionDetailModel?
    /// The session's events with per-resource elapsed times.
    var events = EventLog()
    var eventScroll = ListScroll()

    init(id: String, detail: SessionDetailModel? = nil) {
        self.id = id
        self.detail = detail
        if let detail { events = EventLog(detail.events) }
    }
}
