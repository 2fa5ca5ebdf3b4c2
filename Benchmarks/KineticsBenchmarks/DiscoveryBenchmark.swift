import ArgumentParser
import Foundation
import KineticsCore

/// `kinetics-bench discovery`: discovery of a generated project, next to a plain read of the same bytes.
///
/// Generates a crate of `--files` source files holding `--functions` Kinetics functions (with realistic bodies,
/// comments, strings, impls and a `#[cfg(test)]` module per file) in a temporary directory, then alternates,
/// `--runs` times, a raw read of every file discovery reads (open, read, close, in this process) and a full
/// `ProjectDiscovery.discover`. Prints the medians and their ratio.
struct DiscoveryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discovery",
        abstract: "Time discovery of a generated project against a raw read of the same files."
    )

    @Option(help: "Source files to generate.")
    var files = 500

    @Option(help: "Kinetics functions to spread over the files.")
    var functions = 2000

    @Option(help: "Timed runs of each (after one warm-up).")
    var runs = 9

    @Option(help: "Files scanned at once by discovery (default: all cores).")
    var parallelism: Int?

    @Flag(help: "Keep the generated project and print where it is.")
    var keep = false

    func validate() throws {
        guard files > 0, functions >= files, runs > 0 else {
            throw ValidationError("--files must be positive, --functions at least --files, --runs positive")
        }
    }

    func run() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kinetics-bench-discovery-\(UUID().uuidString)").path
        let paths = try GeneratedProject.write(at: root, files: files, functions: functions)
        defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }
        let options = parallelism.map { DiscoveryOptions(parallelism: $0) } ?? DiscoveryOptions()

        // Warm-up: page cache, allocator, lazy globals.
        let bytes = try rawRead(paths)
        let warm = ProjectDiscovery.discover(at: root, environment: [:], options: options)
        let found = warm.projects.first?.functions.count ?? 0
        guard found == functions, !warm.hasErrors else {
            throw ValidationError("discovery found \(found) of \(functions) functions and \(warm.diagnostics.count) diagnostics: \(warm.diagnostics.prefix(3))")
        }

        var readTimes: [(wall: Double, cpu: Double)] = []
        var discoveryTimes: [(wall: Double, cpu: Double)] = []
        for _ in 0..<runs {
            readTimes.append(try time { _ = try rawRead(paths) })
            discoveryTimes.append(time { _ = ProjectDiscovery.discover(at: root, environment: [:], options: options) })
        }
        let read = median(readTimes.map(\.wall))
        let discovery = median(discoveryTimes.map(\.wall))
        let readCPU = median(readTimes.map(\.cpu))
        let discoveryCPU = median(discoveryTimes.map(\.cpu))
        print("discovery benchmark: \(files) files, \(functions) functions, \(String(format: "%.2f", Double(bytes) / 1_048_576)) MiB in \(paths.count) files read, parallelism \(options.parallelism), \(runs) runs")
        print(String(format: "raw read   median %8.3f ms wall (min %.3f), %8.3f ms CPU", read * 1000, readTimes.map(\.wall).min()! * 1000, readCPU * 1000))
        print(String(format: "discovery  median %8.3f ms wall (min %.3f), %8.3f ms CPU (all threads)", discovery * 1000, discoveryTimes.map(\.wall).min()! * 1000, discoveryCPU * 1000))
        print(String(format: "ratio      %.2f× the raw read in wall time (goal: within 3×), %.2f× in CPU time; %.0f MiB/s", discovery / read, discoveryCPU / readCPU, Double(bytes) / 1_048_576 / discovery))
        if keep { print("project kept at \(root)") }
    }

    /// Reads every file with open/read/close, as a baseline; returns the bytes read.
    private func rawRead(_ paths: [String]) throws -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        for path in paths {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ValidationError("cannot open \(path)") }
            var info = stat()
            fstat(descriptor, &info)
            let size = Int(info.st_size)
            if buffer.count < size { buffer = [UInt8](repeating: 0, count: size) }
            var offset = 0
            try buffer.withUnsafeMutableBytes { raw in
                while offset < size {
                    let count = read(descriptor, raw.baseAddress! + offset, size - offset)
                    guard count > 0 else {
                        if count < 0 { throw ValidationError("cannot read \(path)") }
                        break
                    }
                    offset += count
                }
            }
            close(descriptor)
            total += offset
        }
        return total
    }

    /// Wall-clock and CPU time (user and system, all threads of the process) of `body`, in seconds.
    private func time(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpuStart = processCPUTime()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (wall, processCPUTime() - cpuStart)
    }

    private func processCPUTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// The generated crate: `src/lib.rs` declaring modules `m0…` each holding files `f0.rs…`.
enum GeneratedProject {
    /// Writes the project; returns the paths of every file discovery reads.
    static func write(at root: String, files: Int, functions: Int) throws -> [String] {
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/src", withIntermediateDirectories: true)
        var paths: [String] = []
        func put(_ relative: String, _ text: String) throws {
            let path = root + "/" + relative
            try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
        }
        try put("Cargo.toml", "[package]\nname = \"bench\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\nkinetics = \"0.14\"\n")
        try put("kinetics.toml", "[project]\nname = \"bench\"\n\n[[kvdb]]\nname = \"items\"\n")
        try put(".env", "LOG_LEVEL=info\nREGION_NAME=eu\n")

        let modules = max(1, files / 25)
        let perFile = functions / files
        var extra = functions % files
        var lib = "//! Generated for kinetics-bench.\n"
        for module in 0..<modules { lib += "pub mod m\(module);\n" }
        var moduleFiles = [[Int]](repeating: [], count: modules)
        // lib.rs counts as one of the files; the rest spread over the modules.
        for index in 1..<files { moduleFiles[index % modules].append(index) }
        var functionNumber = 0
        lib += functionsSource(count: perFile + (extra > 0 ? 1 : 0), startingAt: &functionNumber)
        if extra > 0 { extra -= 1 }
        try put("src/lib.rs", lib)
        for module in 0..<modules {
            var declarations = ""
            for file in moduleFiles[module] { declarations += "pub mod f\(file);\n" }
            try put("src/m\(module).rs", declarations)
            for file in moduleFiles[module] {
                let count = perFile + (extra > 0 ? 1 : 0)
                if extra > 0 { extra -= 1 }
                try put("src/m\(module)/f\(file).rs", functionsSource(count: count, startingAt: &functionNumber))
            }
        }
        return paths
    }

    /// A file with `count` Kinetics functions and the kind of code around them a real crate has.
    private static func functionsSource(count: Int, startingAt number: inout Int) -> String {
        var text = """
            use kinetics::macros::{cron, endpoint, worker};
            use std::collections::HashMap;

            /// A record the handlers pass around.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Item<'a> {
                pub id: &'a str,
                pub tags: Vec<String>,
            }

            impl<'a> Item<'a> {
                pub fn describe(&self) -> String {
                    format!("{{\\"id\\":\\"{}\\",\\"tags\\":{}}}", self.id, self.tags.len())
                }
            }


            """
        for _ in 0..<count {
            let n = number
            number += 1
            switch n % 4 {
            case 0, 1:
                text += """
                    /// `GET /items/\(n)/{id}`: looks an item up.
                    #[endpoint(
                        url_path = "/items/\(n)/{id}",
                        methods = ["GET", "POST"],
                        environment = {"HANDLER": "h\(n)"},
                    )]
                    pub async fn handler_\(n)(
                        event: http::Request<String>,
                        _secrets: &HashMap<String, String>,
                        _config: &kinetics::tools::config::Config,
                    ) -> Result<http::Response<String>, Box<dyn std::error::Error>> {
                        // Braces in strings and chars must not end the body: "}" '{' r#"}"#
                        let path = event.uri().path().trim_start_matches('/');
                        let parts: Vec<&str> = path.split('/').collect();
                        /* a block comment { with a brace /* nested */ } */
                        let body = match parts.as_slice() {
                            [_, _, id] => format!(r#"{{"id": "{}", "kind": "item"}}"#, id),
                            _ => String::from("{}"),
                        };
                        let total: u64 = (0..10u64).map(|x| x * 2).filter(|x| x % 3 == 0).sum();
                        Ok(http::Response::builder().status(200).header("x-total", total).body(body)?)
                    }


                    """
            case 2:
                text += """
                    /// Drains its queue.
                    #[worker(concurrency = \(n % 7 + 1), batch_size = \(n % 10 + 1), fifo = \(n % 2 == 0))]
                    pub async fn worker_\(n)(
                        records: Vec<kinetics::tools::queue::Record>,
                        _secrets: &HashMap<String, String>,
                        _config: &kinetics::tools::config::Config,
                    ) -> Result<kinetics::tools::queue::Retries, Box<dyn std::error::Error>> {
                        let mut retries = kinetics::tools::queue::Retries::new();
                        for record in &records {
                            if record.body.contains("{\\"retry\\": true}") { retries.add(&record.message_id); }
                        }
                        Ok(retries)
                    }


                    """
            default:
                text += """
                    /// Runs every hour.
                    #[cron(schedule = "rate(\(n % 5 + 2) hours)")]
                    pub async fn cron_\(n)(
                        _secrets: &HashMap<String, String>,
                        _config: &kinetics::tools::config::Config,
                    ) -> Result<(), Box<dyn std::error::Error>> {
                        let label = 'x';
                        println!("tick {} {label}", \(n));
                        Ok(())
                    }


                    """
            }
        }
        text += """
            #[cfg(test)]
            mod tests {
                use super::*;

                #[test]
                fn describes_an_item() {
                    let item = Item { id: "a", tags: vec!["t".into()] };
                    assert!(item.describe().contains("\\"id\\":\\"a\\""));
                }
            }

            """
        return text
    }
}
