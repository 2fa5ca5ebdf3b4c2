import Foundation
import KineticsCore

/// Where a command talks to: the user's AWS account (the standard credential chain) or, with `--local`, the local
/// AWS (`kinetics-tui local start`'s shared server, else an embedded moto this command starts and stops).
struct AWSTarget {
    let client: AWSClient
    let local: LocalAWSSession?

    var isLocal: Bool { local != nil }

    /// Throws `CLIError` with exit status 2 when no configuration can be resolved.
    static func open(local: Bool, transport: (any HTTPTransport)? = nil) async throws -> AWSTarget {
        if local {
            do {
                let session = try await LocalAWSSession.open()
                return AWSTarget(client: AWSClient(configuration: session.configuration, transport: transport), local: session)
            } catch {
                throw CLIError(status: 2, "The local AWS could not be started: \(error)")
            }
        }
        do {
            return AWSTarget(client: AWSClient(configuration: try AWSConfiguration.resolve(), transport: transport), local: nil)
        } catch {
            throw CLIError(status: 2, "\(error)")
        }
    }

    func close() async {
        await local?.close()
    }

    /// Opens the target, runs `body` with it, and closes it (stopping an embedded local AWS) before returning or
    /// throwing — awaited, so the process never exits with the close still pending.
    static func using<T>(local: Bool, _ body: (AWSTarget) async throws -> T) async throws -> T {
        let target = try await open(local: local)
        do {
            let result = try await body(target)
            await target.close()
            return result
        } catch {
            await target.close()
            throw error
        }
    }
}

/// A message for standard error and the exit status that goes with it.
struct CLIError: Error, CustomStringConvertible {
    var status: Int32
    var description: String

    init(status: Int32, _ description: String) {
        self.status = status
        self.description = description
    }
}

/// Writes lines to standard output or error, unbuffered.
enum Console {
    static func out(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func err(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// Opens the cache and says what opening it found (a damaged file set aside).
    static func openCache() throws -> LocalCache.Opening {
        do {
            let opening = try LocalCache.open()
            for warning in opening.warnings { err("kinetics-tui: \(warning)") }
            return opening
        } catch {
            throw CLIError(status: 1, "\(error)")
        }
    }
}
