import Foundation

/// Runs blocking work (waiting for a child process, a long read) on a thread of its own and awaits it, so a
/// test never holds one of the few threads every other test's tasks run on (two on a 2-core machine: two tests
/// blocked there for a minute stall every other test for that minute).
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
