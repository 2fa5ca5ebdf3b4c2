import Foundation
import Testing
@testable import KineticsCore

/// The real binary's deploy-side commands: exit statuses and what they print.
@Suite("kinetics-tui deploy, events and plan as processes", .serialized)
struct DeployCommandTests {
    static func run(_ arguments: [String], moto: AuthenticatedMoto, cache: String) async throws -> (status: Int32, output: String) {
        let variables = [
            "AWS_ACCESS_KEY_ID=\(moto.credentials.accessKeyId)", "AWS_SECRET_ACCESS_KEY=\(moto.credentials.secretAccessKey)",
            "AWS_REGION=\(moto.server.region)", "AWS_ENDPOINT_URL=\(moto.server.endpointURL)", "KINETICS_TUI_CACHE=\(cache)",
            "AWS_PROFILE=", "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
        ]
        let command = (variables + [BuiltProducts.path("kinetics-tui")] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try await BuildFixtures.shell("env \(command) </dev/null")
    }

    @Test("bad usage and a missing project exit 2 with a message")
    func usage() async throws {
        let moto = try await AuthenticatedMoto.get()
        let directory = try TemporaryDirectory("deploy-cli")
        let both = try await Self.run(["deploy", "--plain", "--json"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(both.status == 2)
        #expect(both.output.contains("Choose one of --plain and --json"))
        let none = try await Self.run(["deploy", "--project", directory.path, "--yes"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(none.status == 2)
        #expect(none.output.contains("Cargo.toml"))
    }

    @Test("a --project that does not exist is said first, before credentials are looked for", arguments: [
        ["deploy", "--yes"], ["plan"], ["attach"], ["destroy", "--yes"],
    ])
    func missingProjectFirst(_ command: [String]) async throws {
        let directory = try TemporaryDirectory("deploy-cli")
        let missing = directory.file("no-such-project")
        let file = directory.file("a-file")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        // No credentials anywhere: the command must not get as far as needing them.
        let environment = "env -i PATH=\"$PATH\" HOME='\(directory.path)' KINETICS_TUI_CACHE='\(directory.file("c.sqlite"))' "
            + "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null '\(BuiltProducts.path("kinetics-tui"))'"
        let args = command.map { "'\($0)'" }.joined(separator: " ")
        let gone = try await BuildFixtures.shell("\(environment) \(args) --project '\(missing)' </dev/null")
        #expect(gone.status == 2, "\(gone.output)")
        #expect(gone.output.contains("`\(missing)` does not exist"), "\(gone.output)")
        #expect(!gone.output.contains("credentials"))
        let notDirectory = try await BuildFixtures.shell("\(environment) \(args) --project '\(file)' </dev/null")
        #expect(notDirectory.status == 2, "\(notDirectory.output)")
        #expect(notDirectory.output.contains(file) && !notDirectory.output.contains("credentials"), "\(notDirectory.output)")
    }

    @Test("without --yes and without a terminal, deploy stops at the change set and exits 2 without executing")
    func needsYes() async throws {
        let moto = try await AuthenticatedMoto.get()
        let project = try BuildFixtures.copy(BuildFixtures.shopSource, named: "shop", label: "deploy-cli")
        let directory = try TemporaryDirectory("deploy-cli")
        let env = "n\(UUID().uuidString.prefix(6).lowercased())"
        let result = try await Self.run(["deploy", "--project", project, "--env", env, "--builder", "cargo"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(result.status == 2, "\(result.output.suffix(800))")
        #expect(result.output.contains("--yes"))
        #expect(result.output.contains("[change] Change set for shop-\(env) (CREATE)"))
        #expect(!result.output.contains("[deploy] executing"))
        // The declined deploy ran to its end before the process exited: its session is recorded, not left running.
        let session = try #require(try LocalCache.open(path: directory.file("c.sqlite")).cache.listSessions().first)
        #expect(session.outcome == .cancelled, "\(session.outcome) \(session.message ?? "")")
        let plan = try await Self.run(["plan", "--project", project, "--env", env, "--builder", "cargo", "--json"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(plan.status == 0)
        let preview = try JSONDecoder().decode(DeployPreview.self, from: Data(plan.output.utf8))
        #expect(preview.functions.count == 5)
        #expect(preview.functions.allSatisfy { $0.action == "none" })
        #expect(preview.stackChange == "new")
        #expect(preview.templatePath.map { FileManager.default.fileExists(atPath: $0) } == true)
    }

    @Test("events shows the latest operation of a stack someone else created")
    func eventsOfAnyStack() async throws {
        let moto = try await AuthenticatedMoto.get()
        let directory = try TemporaryDirectory("deploy-cli")
        let name = "someone-else-\(UUID().uuidString.prefix(6).lowercased())"
        let cloudFormation = CloudFormationClient(client: moto.client())
        _ = try await cloudFormation.createStack(.init(
            stackName: name, template: .body(#"{"Resources":{"Jobs":{"Type":"AWS::SQS::Queue"}}}"#)))
        let result = try await Self.run(["events", name], moto: moto, cache: directory.file("c.sqlite"))
        #expect(result.status == 0, "\(result.output)")
        // (moto reports the stack's own events only.)
        #expect(result.output.contains("CREATE_IN_PROGRESS  \(name)  AWS::CloudFormation::Stack  User Initiated"))
        #expect(result.output.contains("[stack] \(name) CREATE_COMPLETE"))
        let json = try await Self.run(["events", name, "--json"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(json.output.split(separator: "\n").allSatisfy { $0.hasPrefix(#"{"event":""#) })
        let missing = try await Self.run(["events", "no-such-stack-\(UUID().uuidString.prefix(6))"], moto: moto, cache: directory.file("c.sqlite"))
        #expect(missing.status == 1)
        #expect(missing.output.contains("does not exist") || missing.output.contains("not"), "\(missing.output)")
        try await cloudFormation.deleteStack(name: name)
    }
}
