import Foundation

/// Everything the console shows, as a plain value: ``AppUpdate`` changes it, views draw it.
struct AppState: Sendable {
    var screen: Screen = .project
    var size: Size
    /// The time views measure against (elapsed times, "2h ago"); the run loop sets it before every update.
    var now: Date
    var header: HeaderInfo
    var project = ProjectState()
    var deploy = DeployState()
    var history = HistoryState()
    var compare: CompareState?
    var modal: Modal?
    /// Whether keys go into the filter of the current screen (after `/`).
    var isEditingFilter = false
    /// A sentence shown in place of the key hints until the next key.
    var notice: Notice?
    var shouldQuit = false

    init(size: Size, now: Date, header: HeaderInfo = HeaderInfo()) {
        self.size = size
        self.now = now
        self.header = header
    }

    /// The smallest terminal the screens are laid out for; below it the console shows ``TooSmallView``.
    static let minimumSize = Size(width: 60, height: 16)

    var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// Whether something on screen moves on its own (a spinner, an elapsed time), so the run loop ticks.
    var isAnimating: Bool { deploy.phase.isRunning }
}
