import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-tui local start|stop|status`: a local AWS (`moto_server`) that stays up between commands, so
/// `--local` runs find what earlier ones uploaded and deployed, and do not pay moto's start-up each time.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Start, stop or check the shared local AWS (moto_server) that --local commands use.",
        discussion: """
            Without a shared local AWS, every --local command starts a private one and stops it at the end. The \
            state file lives beside the cache ($KINETICS_TUI_CACHE's folder, else $XDG_STATE_HOME/kinetics-tui, \
            else ~/.local/state/kinetics-tui).
            """,
        subcommands: [Start.self, Stop.self, Status.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the shared local AWS on a free loopback port.")

        @Option(name: .long, help: "The region the local AWS reports.")
        var region: String = "us-east-1"

        func run() async throws {
            let directory = LocalAWSState.defaultDirectory()
            do {
                switch try await LocalAWSDaemon.start(
                    stateDirectory: directory, options: LocalAWSServer.Options(region: region))
                {
                case .started(let state):
                    print("The local AWS is running on \(state.endpointURL) (pid \(state.processIdentifier), region \(state.region)).")
                    print("Commands with --local use it now; stop it with `kinetics-tui local stop`. Log: \(state.logPath)")
                case .alreadyRunning(let state):
                    print("The local AWS is already running on \(state.endpointURL) (pid \(state.processIdentifier), since \(LocalCommand.time(state.startedAt))).")
                }
            } catch {
                FileHandle.standardError.write(Data("kinetics-tui: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the shared local AWS; what it stored is gone.")

        func run() async throws {
            do {
                switch try await LocalAWSDaemon.stop(stateDirectory: LocalAWSState.defaultDirectory()) {
                case .stopped(let state):
                    print("Stopped the local AWS on \(state.endpointURL) (pid \(state.processIdentifier)).")
                case .notRunning:
                    print("The local AWS is not running; nothing to stop.")
                }
            } catch {
                FileHandle.standardError.write(Data("kinetics-tui: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say whether the shared local AWS is running (exit 0) or not (exit 1).")

        func run() async throws {
            switch await LocalAWSDaemon.status(stateDirectory: LocalAWSState.defaultDirectory()) {
            case .running(let state):
                print("The local AWS is running on \(state.endpointURL) (pid \(state.processIdentifier), region \(state.region), since \(LocalCommand.time(state.startedAt))).")
                print("Log: \(state.logPath)")
            case .notRunning:
                print("The local AWS is not running; start it with `kinetics-tui local start`.")
                throw ExitCode.failure
            case .stale(let state, let reason):
                print("The local AWS is not running: the one started on \(state.endpointURL) (pid \(state.processIdentifier)) is not usable, \(reason).")
                print("Start it again with `kinetics-tui local start`; its log was \(state.logPath).")
                throw ExitCode.failure
            }
        }
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
