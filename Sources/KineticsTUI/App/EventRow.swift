import Foundation
import KineticsCore

/// A stack event as the event table shows it, with how long its resource had been at it.
struct EventRow: Hashable, Sendable {
    var event: StackEvent
    /// For an event that ends a resource's operation (`*_COMPLETE`, `*_FAILED`): the time since that resource's
    /// first `*_IN_PROGRESS` event of the deploy.
    var resourceElapsed: TimeInterval?
}
