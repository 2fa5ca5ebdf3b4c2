import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench local-aws`: starts the embedded local AWS, prints how long that took, its endpoint and the
/// server's pid, and keeps it until stdin closes (or the process is killed: the server then goes too).
struct LocalAWSBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-aws", abstract: "Start the embedded local AWS and time it; stop when stdin closes.")

    func run() async throws {
        let started = ContinuousClock.now
        let server = try await LocalAWSServer.start()
        let elapsed = ContinuousClock.now - started
        FileHandle.standardOutput.write(
            Data("local-aws endpoint=\(server.endpointURL) pid=\(server.processIdentifier) startup=\(elapsed)\n".utf8))
        while let _ = readLine() {}
        await server.stop()
    }
}
