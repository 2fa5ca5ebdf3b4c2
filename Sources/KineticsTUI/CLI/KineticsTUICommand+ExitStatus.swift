import ArgumentParser
import Foundation

extension KineticsTUICommand {
    /// Runs the command line like `AsyncParsableCommand.main()`, except that bad usage exits with status 2
    /// (as Unix tools do, and as CI scripts expect) instead of 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
