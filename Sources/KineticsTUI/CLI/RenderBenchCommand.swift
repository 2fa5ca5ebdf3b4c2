import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui render-bench`: the cost of redrawing the Deploy screen with a long event table, for
/// `valgrind --tool=callgrind` (instruction counts are stable on a busy machine) or plain timing.
///
/// It fills the event log through the console's own update, then scrolls the table one row per frame and renders
/// every frame into an off-screen buffer, as the run loop does. Under callgrind, collect only the frames with
/// `--toggle-collect='*RootView*render*'`; the result divided by `--frames` is the cost of one frame, which must not
/// grow with `--events` (only visible rows are drawn). See README "Performance".
struct RenderBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-bench",
        abstract: "Measure redrawing the Deploy screen with many stack events (for callgrind).",
        shouldDisplay: false
    )

    @Option(help: "Stack events in the table.")
    var events = 100_000

    @Option(help: "Frames to render.")
    var frames = 100

    @Option(help: "Terminal width.")
    var width = 160

    @Option(help: "Terminal height.")
    var height = 48

    func validate() throws {
        guard events >= 0, frames > 0, width >= 20, height >= 10 else {
            throw ValidationError("--events must be 0 or more, --frames above 0, and the size at least 20x10.")
        }
    }

    func run() {
        let start = Date(timeIntervalSince1970: 1_764_600_000)
        var state = AppState(size: Size(width: width, height: height), now: start, header: HeaderInfo(projectName: "shop", region: "us-east-1"))
        _ = AppUpdate.update(&state, .deploy(.started(stackName: "shop-dev", kind: .deploy, functions: ["OrdersCreate"], at: start)))
        _ = AppUpdate.update(&state, .deploy(.executing))
        let statuses = ["CREATE_IN_PROGRESS", "CREATE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]
        var batch: [StackEvent] = []
        batch.reserveCapacity(1_000)
        for i in 0..<events {
            batch.append(StackEvent(
                eventId: "event-\(i)", stackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/shop-dev/1", stackName: "shop-dev",
                logicalResourceId: "Resource\(i % 500)", physicalResourceId: nil, resourceType: "AWS::Lambda::Function",
                timestamp: start.addingTimeInterval(Double(i) / 10), resourceStatus: statuses[i % statuses.count],
                resourceStatusReason: i % 7 == 0 ? "Resource creation Initiated" : nil, clientRequestToken: "token"))
            if batch.count == 1_000 {
                _ = AppUpdate.update(&state, .deploy(.events(batch)))
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { _ = AppUpdate.update(&state, .deploy(.events(batch))) }
        state.now = start.addingTimeInterval(Double(events) / 10 + 5)
        // Leave follow mode in the middle of the table, then scroll one row per frame.
        _ = AppUpdate.update(&state, .key(.char("f")))
        for _ in 0..<min(events / 2, 1_000) { _ = AppUpdate.update(&state, .key(.pageUp)) }

        let context = RenderContext()
        var checksum = 0
        let clock = ContinuousClock()
        let began = clock.now
        for frame in 0..<frames {
            _ = AppUpdate.update(&state, .key(frame % 2 == 0 ? .up : .char("k")))
            checksum &+= Self.frame(state, context: context)
        }
        let elapsed = clock.now - began
        let perFrame = elapsed / frames
        print("render-bench: \(events) events, \(frames) frames at \(width)x\(height): \(perFrame) per frame (checksum \(checksum))")
    }

    /// One frame, drawn as the run loop draws it; returns something of it so the work cannot be skipped.
    @inline(never)
    static func frame(_ state: AppState, context: RenderContext) -> Int {
        let buffer = RootView.render(state, context: context)
        return buffer.cells.count &+ buffer[2, state.size.height / 2].hashValue
    }
}
