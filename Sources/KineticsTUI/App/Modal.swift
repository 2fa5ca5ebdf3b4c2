/// A box over the current screen that takes the keys until it closes.
enum Modal: Hashable, Sendable {
    /// The keys of the current screen.
    case help
    /// Ctrl-C (or `q`) while a deploy runs: what to do with it.
    case interrupt(selected: Int)
    /// `D`: really delete the stack?
    case confirmDestroy(selected: Int)
}
