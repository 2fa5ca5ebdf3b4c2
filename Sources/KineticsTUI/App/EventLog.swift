import Foundation
import KineticsCore

/// Stack events in arrival order, without duplicates, with each resource's elapsed time worked out as they come.
///
/// Appending is O(new events), so a deploy of 100,000 events costs nothing extra per tick.
struct EventLog: Sendable {
    private(set) var rows: [EventRow] = []
    private var seenEventIds: Set<String> = []
    private var resourceStarts: [String: Date] = [:]
    /// The newest status per logical id, the stack itself excluded.
    private(set) var latestStatus: [String: String] = [:]
    /// The newest status of the stack itself (the root stack or a nested one), e.g. `UPDATE_ROLLBACK_IN_PROGRESS`.
    private(set) var stackStatus: String?

    init(_ events: [StackEvent] = []) {
        append(events)
    }

    var count: Int { rows.count }
    var isEmpty: Bool { rows.isEmpty }

    subscript(index: Int) -> EventRow { rows[index] }

    /// Adds events oldest first, skipping any already seen.
    mutating func append(_ events: [StackEvent]) {
        rows.reserveCapacity(rows.count + events.count)
        for event in events where seenEventIds.insert(event.eventId).inserted {
            let key = event.stackName + "/" + event.logicalResourceId
            var elapsed: TimeInterval? = nil
            if ResourceStatusKind(status: event.resourceStatus) == .inProgress {
                if resourceStarts[key] == nil { resourceStarts[key] = event.timestamp }
            } else if let start = resourceStarts.removeValue(forKey: key) {
                elapsed = event.timestamp.timeIntervalSince(start)
            }
            if event.isStackEvent {
                stackStatus = event.resourceStatus
            } else {
                latestStatus[event.logicalResourceId] = event.resourceStatus
            }
            rows.append(EventRow(event: event, resourceElapsed: elapsed))
        }
    }
}
