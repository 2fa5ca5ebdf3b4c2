import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench package FILE`: packages FILE as a bootstrap (libdeflate + CRC-32 + SHA-256 of the zip), the way
/// the package stage does, and prints the time of each run and their median.
struct PackageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "package",
        abstract: "Time deterministic packaging (zip + SHA-256) of one bootstrap file."
    )

    @Argument(help: "The file to package as `bootstrap`.")
    var input: String

    @Option(help: "Where to write the zip.")
    var output: String = "/tmp/kinetics-bench-package.zip"

    @Option(help: "zlib compression level.")
    var level: Int32 = 6

    @Option(help: "How many runs.")
    var runs: Int = 1

    func run() throws {
        let zip = DeterministicZip(level: level)
        var times: [Double] = []
        var last: DeterministicZip.Result?
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            last = try zip.write([ZipEntry(name: "bootstrap", source: input, permissions: 0o755)], to: output)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? NSNumber)?.doubleValue ?? 0
        let median = times.sorted()[times.count / 2]
        print(String(format: "package level=%d runs=%d median=%.3fs throughput=%.1f MB/s zip=%lld bytes sha256=%@",
            level, times.count, median, size / median / 1e6, last?.size ?? 0, last?.sha256 ?? ""))
        print("runs: " + times.map { String(format: "%.3f", $0) }.joined(separator: " "))
    }
}
