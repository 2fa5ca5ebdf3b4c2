import Foundation

/// A whole deploy as one stream: discover → plan → build → package → upload → deploy → tail → record.
///
/// ```swift
/// let control = DeployControl(autoConfirm: yes)
/// for try await event in DeployPipeline(client: client, cache: cache).run(request, control: control) {
///     if case .awaitingConfirmation(let question) = event { ask(question) ? control.confirm() : control.decline() }
/// }
/// ```
/// The session is recorded in the cache from the start, with the stack's deploy lock held, and finished before
/// the stream ends (`finished` is its last event) or throws. Errors thrown are `DeployError` (configuration,
/// lock, a busy stack), `AWSError`, `CacheError` and `EventEngineError`; a failed build, upload or stack operation
/// is a `finished` outcome, not an error.
public struct DeployPipeline: Sendable {
    public struct Request: Sendable {
        public var projectDirectory: String
        public var environmentName: String
        /// Functions to build and upload; empty for every function (the others keep their deployed artifacts).
        public var functions: [String]
        public var builder: BuilderPreference
        public var force: Bool
        /// `false` for `--no-execute`.
        public var execute: Bool
        /// Whether Function URLs and the HTTP API are created (off against a local endpoint, which cannot).
        public var publicEndpoints: Bool
        public var logRetentionDays: Int
        /// The process environment: secrets from `KINETICS_SECRET_*`, cargo's settings.
        public var environment: [String: String]
        /// Sessions the cache found interrupted when it was opened; one of this stack still running is re-attached.
        public var interruptedSessions: [InterruptedSession]

        public init(
            projectDirectory: String, environmentName: String = StackName.defaultEnvironment, functions: [String] = [],
            builder: BuilderPreference = .automatic, force: Bool = false, execute: Bool = true, publicEndpoints: Bool = true,
            logRetentionDays: Int = 14, environment: [String: String] = ProcessInfo.processInfo.environment,
            interruptedSessions: [InterruptedSession] = []
        ) {
            self.projectDirectory = projectDirectory
            self.environmentName = environmentName
            self.functions = functions
            self.builder = builder
            self.force = force
            self.execute = execute
            self.publicEndpoints = publicEndpoints
            self.logRetentionDays = logRetentionDays
            self.environment = environment
            self.interruptedSessions = interruptedSessions
        }
    }

    public var client: AWSClient
    public var cache: LocalCache
    public var artifacts: ArtifactPipeline
    public var uploader: ArtifactUploader.Configuration
    public var policy: PollPolicy

    public init(
        client: AWSClient, cache: LocalCache, artifacts: ArtifactPipeline = ArtifactPipeline(),
        uploader: ArtifactUploader.Configuration = ArtifactUploader.Configuration(), policy: PollPolicy = .default
    ) {
        self.client = client
        self.cache = cache
        self.artifacts = artifacts
        self.uploader = uploader
        self.policy = policy
    }

    var deployer: Deployer { Deployer(client: client, cache: cache, policy: policy) }

    /// The stack identity a stack name has on this client's region and endpoint.
    public func identity(of stackName: String) -> StackIdentity {
        let endpoint = client.configuration.endpoint(for: .cloudFormation)
        return StackIdentity(name: stackName, region: client.configuration.region, endpoint: endpoint.isCustom ? endpoint.url : "")
    }

    // MARK: - Deploy

    public func run(_ request: Request, control: DeployControl) -> AsyncThrowingStream<DeployEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: DeployEvent.self, throwing: (any Error).self)
        // Whether CloudFormation was asked for anything yet: until then a cancel stops the work at once.
        let reachedCloudFormation = Locked(false)
        let task = Task {
            do {
                try await execute(request, control: control) { event in
                    switch event {
                    case .changeSetCreating, .executing, .skipped, .interruptedSessionFound(_, reattaching: true):
                        reachedCloudFormation.withLock { $0 = true }
                    default:
                        break
                    }
                    continuation.yield(event)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        // A cancel during the build or the upload stops them (the session is recorded `cancelled` before the stream
        // ends, so a caller that reads the stream to its end never exits with the session still running); from the
        // change set on, the deployer answers the cancel itself (deleting the change set, or cancelling the operation).
        let watcher = Task {
            if await control.nextInterruption() == .cancel, !reachedCloudFormation.withLock({ $0 }) { task.cancel() }
        }
        continuation.onTermination = { _ in
            task.cancel()
            watcher.cancel()
        }
        return stream
    }

    /// Runs the deploy, handing every event to `emit`; returns the outcome (also the last event).
    @discardableResult
    public func execute(
        _ request: Request, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let started = ContinuousClock.now
        let project = try Self.project(in: request.projectDirectory, environment: request.environment)
        let stackName: StackName
        do {
            stackName = try StackName(project: project.name, environment: request.environmentName)
        } catch {
            throw DeployError(.invalidConfiguration, "Cannot deploy \(project.name) to `\(request.environmentName)`: \(error)")
        }
        let unknown = request.functions.filter { project.function(named: $0) == nil }
        if !unknown.isEmpty {
            throw DeployError(
                .invalidConfiguration,
                "\(project.name) has no function named \(unknown.joined(separator: ", ")); it has \(project.functions.map(\.name).joined(separator: ", ")).")
        }
        let stack = identity(of: stackName.value)

        try await reattachInterrupted(request.interruptedSessions, stack: stack, control: control, emit: emit)

        let session = try beginSession(SessionStart(
            projectPath: project.root, projectName: project.name, stack: stack, env: request.environmentName,
            gitCommit: GitCommit.read(at: project.root)))
        emit(.sessionStarted(DeploySessionInfo(sessionId: session.id, stack: stack, env: request.environmentName, kind: .deploy)))
        emit(.discovered(projectName: project.name, functions: project.functions.map(\.name)))
        do {
            var outcome = try await deploy(project, stackName: stackName, request: request, session: session, control: control, emit: emit)
            outcome.seconds = Deployer.seconds(since: started)
            try session.finish(outcome)
            emit(.finished(outcome))
            return outcome
        } catch {
            if error is CancellationError {
                try? session.stopped()
            } else {
                try? session.fail((error as? DeployError)?.message ?? String(describing: error))
            }
            throw error
        }
    }

    private func deploy(
        _ project: Project, stackName: StackName, request: Request, session: DeploySession, control: DeployControl,
        emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let stack = session.stack
        let region = client.configuration.region
        func failed(_ message: String) -> DeployOutcome {
            DeployOutcome(status: .failed, stackName: stack.name, sessionId: session.id, message: TextSanitizer.sanitize(message))
        }

        // MARK: Plan and build
        var functions: [String: SessionFunction] = [:]
        var plan = DeployPlan(
            projectName: project.name, projectRoot: project.root, stackName: stack.name, env: request.environmentName,
            region: region, endpoint: stack.endpoint, templatePath: Self.templatePath(project: project, env: request.environmentName))
        let build = ArtifactRequest(project: project, functions: request.functions, builder: request.builder, force: request.force)
        var summary: ArtifactSummary?
        for try await event in artifacts.run(build) {
            emit(.artifact(event))
            switch event {
            case .functionUnchanged(let artifact, let hash):
                functions[artifact.functionName] = SessionFunction(
                    name: artifact.functionName, role: project.function(named: artifact.functionName)?.role.rawValue, status: .built,
                    inputHash: hash, artifactSha256: artifact.sha256, s3Key: artifact.s3Key, buildSkipped: true,
                    skipReason: "inputs unchanged", artifactBytes: artifact.size)
                plan.functions.append(SessionPlan.Function(name: artifact.functionName, role: functions[artifact.functionName]?.role,
                                                           action: "skip", reason: "inputs unchanged", inputHash: hash))
            case .functionQueued(let name, let reason, let hash):
                functions[name] = SessionFunction(name: name, role: project.function(named: name)?.role.rawValue, status: .building, inputHash: hash)
                plan.functions.append(SessionPlan.Function(name: name, role: functions[name]?.role, action: "build", reason: reason.rawValue, inputHash: hash))
            case .stageFinished(.plan, _):
                try cache.recordPlan(plan.sessionPlan, session: session.id)
                emit(.planned(plan))
                for function in functions.values { try cache.recordFunction(function, session: session.id) }
            case .packaged(let artifact, _):
                var function = functions[artifact.functionName] ?? SessionFunction(name: artifact.functionName, status: .built)
                function.status = .built
                function.artifactSha256 = artifact.sha256
                function.s3Key = artifact.s3Key
                function.artifactBytes = artifact.size
                functions[artifact.functionName] = function
                try cache.recordFunction(function, session: session.id)
            case .functionFailed(let name, let diagnostics):
                var function = functions[name] ?? SessionFunction(name: name, status: .failed)
                function.status = .failed
                function.error = diagnostics.map(\.message).joined(separator: "\n")
                functions[name] = function
                try cache.recordFunction(function, session: session.id)
            case .finished(let result):
                summary = result
            default:
                break
            }
        }
        guard let summary else { throw CancellationError() }
        guard summary.succeeded else {
            return failed("The build failed for \(summary.failed.keys.sorted().joined(separator: ", ")); fix the errors above and deploy again.")
        }

        // Functions not selected keep the artifacts of the last deploy.
        var built = Dictionary(summary.artifacts.map { ($0.functionName, $0) }, uniquingKeysWith: { a, _ in a })
        var kept: [String: SessionFunction] = [:]
        if !request.functions.isEmpty {
            let deployed = Dictionary(try cache.lastDeployedFunctions(of: stack).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for function in project.functions where built[function.name] == nil {
                guard let last = deployed[function.name], last.artifactSha256 != nil, last.s3Key != nil else {
                    return failed("\(function.name) has never been deployed to \(stack.name); deploy it too (or deploy every function).")
                }
                var carried = last
                carried.status = .skipped
                carried.buildSkipped = true
                carried.uploadSkipped = true
                carried.skipReason = "not selected; keeps the deployed artifact"
                kept[function.name] = carried
            }
        }
        built = built.filter { project.function(named: $0.key) != nil }

        // MARK: Template, and the "nothing changed" short cut
        let secrets = try Self.secrets(of: project, env: request.environmentName, environment: request.environment)
        func template(bucket: String) throws -> DeployTemplate {
            var locations: [String: ArtifactLocation] = [:]
            for (name, artifact) in built { locations[name] = ArtifactLocation(bucket: bucket, key: artifact.s3Key, sha256: artifact.sha256) }
            for (name, function) in kept {
                locations[name] = ArtifactLocation(bucket: bucket, key: function.s3Key ?? "", sha256: function.artifactSha256 ?? "")
            }
            do {
                let generated = try TemplateGenerator.generate(
                    project: project, environment: request.environmentName, artifacts: locations,
                    settings: TemplateSettings(logRetentionDays: request.logRetentionDays, publicEndpoints: request.publicEndpoints,
                                               templateBucket: bucket))
                return DeployTemplate(generated, region: region)
            } catch {
                throw DeployError(.invalidConfiguration, "The template of \(stack.name) cannot be generated: \(error)", stackName: stack.name)
            }
        }
        func deployRequest(_ template: DeployTemplate) -> Deployer.Request {
            var plan = plan
            plan.templateFingerprint = template.fingerprint
            if let path = plan.templatePath { Self.write(template.root.body, to: path) }
            return Deployer.Request(
                stack: stack, template: template, secrets: secrets,
                functions: Array(functions.values.filter { built[$0.name] != nil }) + Array(kept.values),
                plan: plan.sessionPlan, execute: request.execute)
        }
        let bootstrap = StackIdentity(name: BootstrapStack.stackName(region: region), region: region, endpoint: stack.endpoint)
        if let cachedBucket = try cache.lastKnownStatus(of: bootstrap)?.outputs.first(where: { $0.key == BootstrapStack.bucketOutput })?.value,
           let last = try DeployFingerprint.lastDeployed(of: stack, in: cache, excluding: session.id) {
            let candidate = deployRequest(try template(bucket: cachedBucket))
            if last.fingerprint == candidate.fingerprint {
                emit(.templateReady(sha256: candidate.template.root.sha256, bytes: candidate.template.root.body.utf8.count, s3URL: nil))
                return try await deployer.deploy(candidate, session: session.id, control: control, emit: emit)
            }
        }

        // MARK: Upload
        let s3 = S3Client(client: client)
        let bucket: ArtifactBucket
        do {
            let bucketStarted = ContinuousClock.now
            let found = try await ArtifactBucket.ensure(
                cloudFormation: CloudFormationClient(client: client), s3: s3, cache: cache, policy: policy,
                onProgress: { emit(.upload(.bootstrap($0))) })
            bucket = found.bucket
            emit(.upload(.bucketReady(found.bucket, origin: found.origin, seconds: Deployer.seconds(since: bucketStarted))))
        } catch let error as UploadError {
            return failed(error.message)
        }
        var uploaded: UploadSummary?
        let toUpload = summary.artifacts.filter { project.function(named: $0.functionName) != nil }
        for try await event in ArtifactUploader(s3: s3, bucket: bucket, cache: cache, configuration: uploader).upload(toUpload) {
            emit(.upload(event))
            switch event {
            case .uploadStarted(let artifact, _, _):
                functions[artifact.functionName]?.status = .uploading
                if let f = functions[artifact.functionName] { try cache.recordFunction(f, session: session.id) }
            case .alreadyUploaded(let artifact):
                functions[artifact.functionName]?.status = .uploaded
                functions[artifact.functionName]?.uploadSkipped = true
                if let f = functions[artifact.functionName] { try cache.recordFunction(f, session: session.id) }
            case .uploaded(let artifact, let result):
                functions[artifact.functionName]?.status = .uploaded
                functions[artifact.functionName]?.uploadedBytes = result.bytesSent
                functions[artifact.functionName]?.uploadSeconds = result.seconds
                if let f = functions[artifact.functionName] { try cache.recordFunction(f, session: session.id) }
            case .uploadFailed(let name, let message):
                functions[name]?.status = .failed
                functions[name]?.error = message
                if let f = functions[name] { try cache.recordFunction(f, session: session.id) }
            case .finished(let result):
                uploaded = result
            default:
                break
            }
        }
        guard let uploaded else { throw CancellationError() }
        guard uploaded.succeeded else {
            let reasons = uploaded.failed.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            return failed("Upload failed. " + (uploaded.error.map { [$0] } ?? reasons).joined(separator: " "))
        }

        // MARK: Deploy
        return try await deployer.deploy(deployRequest(try template(bucket: bucket.name)), session: session.id, control: control, emit: emit)
    }

    /// Re-attaches to this stack's operation when a dead process left it running (and finishes that session).
    private func reattachInterrupted(
        _ sessions: [InterruptedSession], stack: StackIdentity, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws {
        for interrupted in sessions where interrupted.stack == stack {
            guard try await deployer.isRunning(interrupted) else {
                emit(.interruptedSessionFound(interrupted, reattaching: false))
                continue
            }
            guard let resumed = try? DeploySession.resume(interrupted, cache: cache) else { continue }
            _ = try await deployer.reattach(interrupted, control: control, emit: emit)
            withExtendedLifetime(resumed) {}
        }
    }

    // MARK: - Destroy

    /// Deletes the project's stack for `env` (after confirmation) and tails it, recorded as a destroy session.
    public func destroy(stackName: String, projectPath: String, projectName: String, env: String, control: DeployControl) -> AsyncThrowingStream<DeployEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: DeployEvent.self, throwing: (any Error).self)
        let task = Task {
            do {
                let stack = identity(of: stackName)
                let session = try beginSession(
                    SessionStart(projectPath: projectPath, projectName: projectName, stack: stack, env: env, kind: .destroy))
                continuation.yield(.sessionStarted(DeploySessionInfo(sessionId: session.id, stack: stack, env: env, kind: .destroy)))
                do {
                    let outcome = try await deployer.destroy(stackName: stackName, session: session.id, control: control) { continuation.yield($0) }
                    try session.finish(outcome)
                    continuation.yield(.finished(outcome))
                } catch {
                    try? session.fail((error as? DeployError)?.message ?? String(describing: error))
                    throw error
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    // MARK: - Helpers

    /// Starts a session holding the stack's lock; a lock held by another process is a `DeployError` naming it.
    func beginSession(_ start: SessionStart) throws -> DeploySession {
        let begun: Result<DeploySession, CacheError> = Result { () throws(CacheError) -> DeploySession in
            try DeploySession.begin(start, cache: cache)
        }
        switch begun {
        case .success(let session):
            return session
        case .failure(let error):
            if error.code == .stackLocked { throw DeployError(.locked, error.description, stackName: start.stack.name) }
            throw error
        }
    }

    /// The one project under `directory`, or a `DeployError` saying why there is none to deploy.
    public static func project(in directory: String, environment: [String: String]) throws -> Project {
        let result = ProjectDiscovery.discover(at: directory, environment: environment)
        if result.hasErrors {
            let errors = result.diagnostics.filter { $0.severity == .error }.prefix(5).map { "\($0)" }
            throw DeployError(.invalidConfiguration, "The project has errors; fix them and run again:\n" + errors.joined(separator: "\n"))
        }
        let root = SessionStart.canonicalProjectPath(directory)
        if let exact = result.projects.first(where: { SessionStart.canonicalProjectPath($0.root) == root }) { return exact }
        guard result.projects.count == 1, let only = result.projects.first else {
            if result.projects.isEmpty {
                throw DeployError(.invalidConfiguration, "No Kinetics function was found under \(directory); run kinetics-tui in the project directory or pass --project DIR.")
            }
            throw DeployError(
                .invalidConfiguration,
                "\(directory) holds several projects (\(result.projects.map(\.name).joined(separator: ", "))); choose one with --project DIR.")
        }
        return only
    }

    /// The project's secrets by SSM parameter name (values in memory only).
    static func secrets(of project: Project, env: String, environment: [String: String]) throws -> [String: String] {
        guard !project.secretNames.isEmpty || project.secretSource != .none else { return [:] }
        let values: [String: String]
        do {
            values = try SecretsLoader.values(for: project, environment: environment)
        } catch {
            throw DeployError(.invalidConfiguration, "The secrets of \(project.name) cannot be read: \(error)")
        }
        var named: [String: String] = [:]
        for (secret, value) in values {
            named[SecretParameterName.name(project: project.name, environment: env, secret: secret)] = value
        }
        return named
    }

    /// `<project>/target/kinetics-tui/template-<env>.json`.
    public static func templatePath(project: Project, env: String) -> String {
        "\(CrateSources.standardize(project.root))/target/kinetics-tui/template-\(env).json"
    }

    static func write(_ text: String, to path: String) {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: path) == data { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: data)
    }
}
