import Foundation

/// What `kinetics-tui plan` reports: what a deploy would build, upload and change, without building, uploading
/// or writing anything to AWS (one `DescribeStacks` for the stack's status).
public struct DeployPreview: Codable, Sendable, Hashable {
    public struct Function: Codable, Sendable, Hashable {
        public var name: String
        public var role: String
        /// `build` (inputs changed or never built), `upload` (built, not known to be in the bucket) or `none`.
        public var action: String
        public var reason: String
        public var inputHash: String?
        public var artifactSha256: String?
    }

    public var projectName: String
    public var stackName: String
    public var env: String
    public var region: String
    public var endpoint: String
    /// The stack's status now; `nil` when it does not exist.
    public var stackStatus: String?
    public var functions: [Function]
    /// The artifact bucket, when the cache knows it.
    public var bucket: String?
    /// Where the template was written; `nil` until every function has an artifact (build first).
    public var templatePath: String?
    /// `unchanged` (equal to the last successful deploy: the deploy would be skipped), `changed`, `new` (no
    /// successful deploy recorded) or `unknown` (a function must be built first).
    public var stackChange: String
    /// The session of the last successful deploy compared with.
    public var lastSession: Int64?

    /// Plain lines for the terminal.
    public func textLines() -> [String] {
        var lines = ["Plan for \(TextSanitizer.sanitize(stackName)) (\(region)\(endpoint.isEmpty ? "" : " at \(endpoint)")): stack \(stackStatus ?? "does not exist yet")"]
        for f in functions {
            lines.append("  \(f.action.padding(toLength: 6, withPad: " ", startingAt: 0)) \(TextSanitizer.sanitize(f.name)) (\(f.role)): \(TextSanitizer.sanitize(f.reason))")
        }
        lines.append("Template: \(templatePath ?? "written after the build (a function must be built first)")")
        switch stackChange {
        case "unchanged": lines.append("Stack: unchanged since session \(lastSession.map(String.init) ?? "?"); a deploy would be skipped.")
        case "changed": lines.append("Stack: the template or an artifact differs from the last deploy; a deploy creates a change set.")
        case "new": lines.append("Stack: no successful deploy recorded; a deploy creates a change set.")
        default: lines.append("Stack: known after the build.")
        }
        return lines
    }
}

extension DeployPipeline {
    /// What a deploy of `request` would do (see `DeployPreview`).
    public func preview(_ request: Request) async throws -> DeployPreview {
        let project = try Self.project(in: request.projectDirectory, environment: request.environment)
        let stackName: StackName
        do {
            stackName = try StackName(project: project.name, environment: request.environmentName)
        } catch {
            throw DeployError(.invalidConfiguration, "Cannot deploy \(project.name) to `\(request.environmentName)`: \(error)")
        }
        let stack = identity(of: stackName.value)
        let region = client.configuration.region
        let bootstrap = StackIdentity(name: BootstrapStack.stackName(region: region), region: region, endpoint: stack.endpoint)
        let bucket = try cache.lastKnownStatus(of: bootstrap)?.outputs.first { $0.key == BootstrapStack.bucketOutput }?.value

        var build = ArtifactRequest(project: project, functions: request.functions, builder: request.builder, force: request.force)
        build.planOnly = true
        var functions: [String: DeployPreview.Function] = [:]
        var artifacts: [PackagedArtifact] = []
        for try await event in self.artifacts.run(build) {
            switch event {
            case .functionUnchanged(let artifact, let hash):
                artifacts.append(artifact)
                let inBucket = try bucket.flatMap { try cache.artifact(sha256: artifact.sha256, bucket: $0, endpoint: stack.endpoint) } != nil
                functions[artifact.functionName] = DeployPreview.Function(
                    name: artifact.functionName, role: project.function(named: artifact.functionName)?.role.rawValue ?? "",
                    action: inBucket ? "none" : "upload", reason: inBucket ? "built and uploaded" : "built, not known to be in the bucket",
                    inputHash: hash, artifactSha256: artifact.sha256)
            case .functionQueued(let name, let reason, let hash):
                functions[name] = DeployPreview.Function(
                    name: name, role: project.function(named: name)?.role.rawValue ?? "", action: "build", reason: reason.rawValue, inputHash: hash)
            case .functionFailed(let name, let diagnostics):
                functions[name] = DeployPreview.Function(
                    name: name, role: project.function(named: name)?.role.rawValue ?? "", action: "build",
                    reason: diagnostics.map(\.message).joined(separator: "; "))
            default:
                break
            }
        }
        let status = try await CloudFormationClient(client: client).describeStack(name: stack.name)?.status
        var preview = DeployPreview(
            projectName: project.name, stackName: stack.name, env: request.environmentName, region: region, endpoint: stack.endpoint,
            stackStatus: status, functions: functions.values.sorted { $0.name < $1.name }, bucket: bucket, templatePath: nil,
            stackChange: "unknown", lastSession: nil)
        guard let bucket, functions.values.allSatisfy({ $0.action != "build" }), request.functions.isEmpty else { return preview }
        var locations: [String: ArtifactLocation] = [:]
        for artifact in artifacts { locations[artifact.functionName] = ArtifactLocation(bucket: bucket, key: artifact.s3Key, sha256: artifact.sha256) }
        let generated: GeneratedTemplate
        do {
            generated = try TemplateGenerator.generate(
                project: project, environment: request.environmentName, artifacts: locations,
                settings: TemplateSettings(logRetentionDays: request.logRetentionDays, publicEndpoints: request.publicEndpoints, templateBucket: bucket))
        } catch {
            throw DeployError(.invalidConfiguration, "The template of \(stack.name) cannot be generated: \(error)")
        }
        let template = DeployTemplate(generated, region: region)
        let path = Self.templatePath(project: project, env: request.environmentName)
        Self.write(template.root.body, to: path)
        preview.templatePath = path
        let fingerprint = DeployFingerprint(template: template.fingerprint, artifacts: Dictionary(artifacts.map { ($0.functionName, $0.sha256) }, uniquingKeysWith: { a, _ in a }))
        if let last = try DeployFingerprint.lastDeployed(of: stack, in: cache) {
            preview.lastSession = last.session
            preview.stackChange = last.fingerprint == fingerprint && status.map(Deployer.isSettled) == true ? "unchanged" : "changed"
        } else {
            preview.stackChange = "new"
        }
        return preview
    }
}
