import ArgumentParser
import Foundation

extension KineticsTUICommand {
    /// Runs the command line like ArgumentParser does, except that usage errors (an unknown option, a value
    /// that does not parse, a failed validation) exit with status 2, the convention of Unix tools, rather than
    /// ArgumentParser's 64; scripts can tell "you called it wrong" (2) from "not found" (1).
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
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
