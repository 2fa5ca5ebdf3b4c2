import ArgumentParser
import Foundation

extension KineticsTUICommand {
    /// Runs the command line like ArgumentParser does, except that usage errors (an unknown option, a value
    /// that does not parse, a failed validation) exit with status 2, the convention of Unix tools, rather than
    /// ArgumentParser's 64; scripts can tell "you called it wrong" (2) from "not found" (1).
    static func main() async {
        // `render-bench` is measured under valgrind, which cannot follow Swift's task pool threads here: run it
        // before anything async starts them.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == RenderBenchCommand.configuration.commandName {
            do {
                let bench = try RenderBenchCommand.parse(Array(arguments.dropFirst()))
                bench.run()
                Foundation.exit(0)
            } catch {
                if RenderBenchCommand.exitCode(for: error) == .validationFailure {
                    FileHandle.standardError.write(Data((RenderBenchCommand.fullMessage(for: error) + "\n").utf8))
                    Foundation.exit(2)
                }
                RenderBenchCommand.exit(withError: error)
            }
        }
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
