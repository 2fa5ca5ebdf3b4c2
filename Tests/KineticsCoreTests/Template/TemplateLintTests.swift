import Foundation
import Testing
@testable import KineticsCore

/// The generated templates checked by the real `cfn-lint`: no errors and no warnings (informational notes are
/// allowed; cfn-lint's exit status has bit 2 for errors and bit 4 for warnings).
@Suite("Templates pass cfn-lint", .serialized)
struct TemplateLintTests {
    typealias F = TemplateFixtures

    /// Writes `documents` into a folder and lints them all in one cfn-lint run; returns the exit status and output.
    static func lint(_ documents: [TemplateDocument]) async throws -> (status: Int32, output: String) {
        let directory = try TemporaryDirectory("template-lint")
        var paths: [String] = []
        for (index, document) in documents.enumerated() {
            let path = directory.file("\(index)-\(document.logicalId ?? "root").json")
            try document.body.write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let arguments = ["cfn-lint", "--format", "parseable", "--"] + paths
        return try await Blocking.run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
    }

    static func expectClean(_ documents: [TemplateDocument], sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let (status, output) = try await lint(documents)
        #expect(status & 0b110 == 0 && status & 1 == 0, "cfn-lint exit status \(status):\n\(output)", sourceLocation: sourceLocation)
    }

    @Test("the template of examples/shop")
    func shop() async throws {
        let project = try F.shop()
        for architecture in LambdaArchitecture.allCases {
            let template = try TemplateGenerator.generate(
                project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings(architecture: architecture))
            try await Self.expectClean(template.documents)
        }
    }

    @Test("examples/shop with a secret, FIFO and single-concurrency workers, and long names")
    func variants() async throws {
        var project = try F.shop()
        project.secretNames = ["PAYMENT_API_KEY"]
        project.functions.append(F.function(String(repeating: "Q", count: 64), .worker(WorkerSettings(concurrency: 1, fifo: true, batchSize: 10))))
        project.functions.append(F.function("Files", .endpoint(EndpointSettings(urlPath: "/files/{*rest}"))))
        let template = try TemplateGenerator.generate(
            project: project, environment: "a-long-environment-name", artifacts: F.artifacts(for: project), settings: TemplateSettings(logRetentionDays: 365))
        try await Self.expectClean(template.documents)
    }

    @Test("a synthetic project of 2,000 functions split into nested stacks")
    func large() async throws {
        let project = F.synthetic(functions: 2000)
        let template = try TemplateGenerator.generate(
            project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings(templateBucket: "kinetics-templates"))
        #expect(template.children.count > 1)
        // The root and a sample of the children, as each nested template takes cfn-lint seconds; all of them
        // with KT_LINT_ALL_CHILDREN=1.
        let all = ProcessInfo.processInfo.environment["KT_LINT_ALL_CHILDREN"] == "1"
        try await Self.expectClean([template.root] + (all ? template.children : Array(template.children.prefix(2))))
    }

    @Test("a project of only workers and crons, with no tables, secrets or endpoints")
    func noEndpoints() async throws {
        let project = Project(name: "jobs", crateName: "jobs", root: "/jobs", functions: [
            F.function("Tick", .cron(CronSettings(schedule: "cron(0 12 * * ? *)"))),
            F.function("Work", .worker(WorkerSettings(concurrency: 5))),
        ])
        let template = try TemplateGenerator.generate(project: project, environment: "dev", artifacts: F.artifacts(for: project), settings: TemplateSettings())
        try await Self.expectClean(template.documents)
    }

    @Test("the lint check itself fails on a template with an error")
    func catchesErrors() async throws {
        let broken = TemplateDocument(
            logicalId: nil, bytes: Array(#"{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Properties":{"VisibilityTimeout":"soon"}}}}"#.utf8),
            stackName: try StackName("x-dev"))
        #expect(try await Self.lint([broken]).status & 2 != 0)
    }
}
