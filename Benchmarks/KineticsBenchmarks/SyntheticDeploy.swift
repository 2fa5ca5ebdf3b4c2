import Foundation
import KineticsCore

/// Realistic deploy sessions and their stack events, generated from a seed, for filling caches.
struct SyntheticDeploy {
    static let resourceTypes = [
        ("ApiFunction", "AWS::Lambda::Function"), ("ApiFunctionRole", "AWS::IAM::Role"), ("ApiFunctionUrl", "AWS::Lambda::Url"),
        ("ApiFunctionUrlPermission", "AWS::Lambda::Permission"), ("OrdersTable", "AWS::DynamoDB::Table"),
        ("JobsQueue", "AWS::SQS::Queue"), ("WorkerFunction", "AWS::Lambda::Function"),
        ("WorkerEventSourceMapping", "AWS::Lambda::EventSourceMapping"), ("NightlyRule", "AWS::Events::Rule"),
        ("NightlyPermission", "AWS::Lambda::Permission"), ("ApiDistribution", "AWS::CloudFront::Distribution"),
    ]

    var random: SplitMix

    init(seed: UInt64) { random = SplitMix(seed: seed) }

    /// `count` events of one update of `stack`, starting at `start`, oldest first; one in ten fails and rolls back.
    mutating func events(stack: String, arn: String, token: String, start: Date, count: Int) -> (events: [TrackedStackEvent], failed: Bool) {
        let fails = random.next() % 10 == 0
        var out: [TrackedStackEvent] = []
        var t = start
        func add(_ logical: String, _ type: String, _ status: String, _ reason: String?, physical: String?) {
            t = t.addingTimeInterval(Double(random.next() % 4000) / 1000 + 0.05)
            let isRoot = logical == stack
            let id = isRoot ? UUID().uuidString.lowercased()
                : "\(logical)-\(status)-\(HistoryClock.iso(t))"
            let event = StackEvent(
                eventId: id, stackId: arn, stackName: stack, logicalResourceId: logical,
                physicalResourceId: physical, resourceType: type, timestamp: t, resourceStatus: status,
                resourceStatusReason: reason, clientRequestToken: token
            )
            out.append(TrackedStackEvent(event: event, stackPath: [], isRootStackEvent: isRoot))
        }
        add(stack, "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated", physical: arn)
        var index = 0
        while out.count < count - 1 {
            let (logical, type) = Self.resourceTypes[index % Self.resourceTypes.count]
            let name = index < Self.resourceTypes.count ? logical : "\(logical)\(index / Self.resourceTypes.count)"
            index += 1
            let physical = "\(stack)-\(name)-\(random.next() % 1_000_000)"
            add(name, type, "UPDATE_IN_PROGRESS", nil, physical: physical)
            if fails && out.count == count / 2 {
                add(name, type, "UPDATE_FAILED",
                    "Resource handler returned message: \"Invalid request provided: \(type) property is not valid\" "
                        + "(RequestToken: \(UUID().uuidString.lowercased()), HandlerErrorCode: InvalidRequest)",
                    physical: physical)
                add(stack, "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
                    "The following resource(s) failed to update: [\(name)]. ", physical: arn)
            } else {
                add(name, type, "UPDATE_COMPLETE", nil, physical: physical)
            }
        }
        add(stack, "AWS::CloudFormation::Stack", fails ? "UPDATE_ROLLBACK_COMPLETE" : "UPDATE_COMPLETE", nil, physical: arn)
        return (out, fails)
    }
}

/// A small, fast, seedable generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum HistoryClock {
    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func seconds(_ block: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try block()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}
