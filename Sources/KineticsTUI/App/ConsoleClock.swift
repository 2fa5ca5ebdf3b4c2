import Foundation

/// The time source of the run loop: what ``AppState/now`` is set to, and how ticks wait.
protocol ConsoleClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

/// The wall clock.
struct SystemConsoleClock: ConsoleClock {
    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
