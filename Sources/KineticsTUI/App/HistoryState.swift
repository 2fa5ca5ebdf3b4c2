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
