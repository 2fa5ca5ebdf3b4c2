import Foundation

/// From a discovered project to a deterministic zip per function, skipping every function whose inputs did not
/// change, as a stream of ``ArtifactEvent``s.
///
/// Plan: hash each function's inputs (``InputHasher``) and compare with the ``BuildState``; when every selected
/// function is unchanged and its zip is still there the stream ends without starting cargo. Prepare (projects
/// that depend on `kinetics`): sync the build copy with generated entry points. Build: one cargo invocation for
/// the functions that need it. Package: zip each bootstrap, record it in the state right away, so an
/// interrupted run keeps everything finished before the interruption.
///
/// Compile errors and missing bin targets end as ``ArtifactEvent/functionFailed(_:diagnostics:)`` and a
/// ``ArtifactSummary`` with `failed` set; the stream throws only when the stage cannot run (``BuildError``,
/// ``PackageError``, `CancellationError`). Cancelling the consuming task stops cargo.
public struct ArtifactPipeline: Sendable {
    public var runner: any ProcessRunner
    /// `nil` for a ``JSONBuildStateStore`` in the work directory.
    public var stateStore: (any BuildStateStore)?
    public var environment: [String: String]
    public var zip: DeterministicZip

    public init(
        runner: any ProcessRunner = LiveProcessRunner(),
        stateStore: (any BuildStateStore)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        zip: DeterministicZip = DeterministicZip()
    ) {
        self.runner = runner
        self.stateStore = stateStore
        self.environment = environment
        self.zip = zip
    }

    public func run(_ request: ArtifactRequest) -> AsyncThrowingStream<ArtifactEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await execute(request) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Runs the stages, calling `emit` for every event; returns the summary (also the last event).
    @discardableResult
    public func execute(_ request: ArtifactRequest, emit: @escaping @Sendable (ArtifactEvent) -> Void) async throws -> ArtifactSummary {
        let clock = ContinuousClock()
        let started = clock.now
        let project = request.project
        let root = CrateSources.standardize(project.root)
        let work = request.resolvedWorkDirectory
        let store = stateStore ?? JSONBuildStateStore(path: "\(work)/state.json")

        // MARK: - Plan
        emit(.stageStarted(.plan))
        let planStarted = clock.now
        let selected = try select(request)
        let toolchain = try await ToolchainProbe(runner: runner, environment: environment, cachePath: "\(work)/toolchain.json")
            .probe(toolchainFiles: ["\(root)/rust-toolchain", "\(root)/rust-toolchain.toml"])
        let configuration = BuildConfiguration(
            builder: try builderKind(request.builder, toolchain: toolchain),
            profile: request.profile,
            features: request.features,
            noDefaultFeatures: request.noDefaultFeatures,
            buildEnvironment: BuildConfiguration.buildEnvironment(from: environment),
            toolchain: toolchain
        )
        let digests = FileDigestCache(path: "\(work)/file-digests.json")
        let hasher = InputHasher(digests: digests)
        let sources = try CrateSources.collect(crateDirectory: root, bins: selected.map(\.name))
        let generator = project.dependsOnKinetics ? EntryPointGenerator(project: project) : nil
        var failed: [String: [Diagnostic]] = [:]
        var inputs: [InputHasher.FunctionInputs] = []
        for function in selected {
            let assets = (request.assets[function.name] ?? []).map(\.source)
            if let generator {
                inputs.append(.init(name: function.name, generated: [generator.entryPoint(for: function)], assets: assets))
            } else if let files = sources.binFiles[function.name] {
                inputs.append(.init(name: function.name, ownFiles: files, assets: assets))
            } else {
                let diagnostic = Diagnostic.error(
                    "missing-bin-target",
                    "\(function.name) has no bin target: expected src/bin/\(function.name).rs (or a [[bin]] named \(function.name) in Cargo.toml) holding its Lambda entry point.",
                    at: function.location
                )
                failed[function.name] = [diagnostic]
                emit(.functionFailed(function.name, diagnostics: [diagnostic]))
            }
        }
        let extraShared = generator.map { ["entry points \($0.sharedFingerprint)"] } ?? []
        let hashes = try hasher.hashes(sources: sources, configuration: configuration, extraShared: extraShared, functions: inputs)
        var state = (try? store.load(for: project)) ?? BuildState()
        var unchanged: [PackagedArtifact] = []
        var toBuild: [String] = []
        for input in inputs {
            let hash = hashes.functions[input.name]!
            switch BuildPlanner.decide(inputHash: hash, record: state.functions[input.name], force: request.force) {
            case .unchanged(let artifact):
                unchanged.append(artifact)
                emit(.functionUnchanged(artifact, inputHash: hash))
            case .build(let reason):
                toBuild.append(input.name)
                emit(.functionQueued(input.name, reason: reason, inputHash: hash))
            }
        }
        try digests.save()
        emit(.stageFinished(.plan, seconds: Self.seconds(clock.now - planStarted)))

        guard !toBuild.isEmpty && !request.planOnly else {
            let summary = ArtifactSummary(
                artifacts: unchanged.sorted { $0.functionName < $1.functionName },
                unchanged: unchanged.map(\.functionName).sorted(),
                failed: failed,
                seconds: Self.seconds(clock.now - started)
            )
            emit(.finished(summary))
            return summary
        }

        // MARK: - Prepare
        var crateDirectory = root
        var workspaceRoot = sources.workspaceRoot
        if let generator {
            emit(.stageStarted(.prepare))
            let prepareStarted = clock.now
            crateDirectory = "\(work)/crate"
            workspaceRoot = crateDirectory
            try BuildCopy(source: root, destination: crateDirectory).sync(generated: try generator.generatedFiles(sources: sources))
            emit(.stageFinished(.prepare, seconds: Self.seconds(clock.now - prepareStarted)))
        }

        // MARK: - Build
        emit(.stageStarted(.build))
        let buildStarted = clock.now
        let invocation = CargoInvocation(configuration: configuration, bins: toBuild, workingDirectory: crateDirectory)
        let dependencyKey = try dependencyKey(configuration: configuration, sources: sources, digests: digests, extra: extraShared)
        var planned = state.dependencyUnits[dependencyKey].map { $0 + toBuild.count }
        if planned == nil {
            planned = await estimateUnits(crateDirectory: crateDirectory, host: toolchain.host, bins: toBuild.count)
        }
        // cargo may write Cargo.lock; any other change during the build means the binaries may be older than the
        // sources, and then the state is not updated (the next run builds again).
        let lockFiles = Set(sources.sharedFiles.filter { $0.hasSuffix("/Cargo.lock") })
        let beforeBuild = try hasher.hashes(
            sources: sources, configuration: configuration, extraShared: extraShared, functions: inputs, ignoring: lockFiles)
        emit(.cargoStarted(command: invocation.spec.commandLine, functions: invocation.bins, plannedUnits: planned))
        let relativeRoot = project.relativeRoot
        let cargoDirectory = crateDirectory
        let outcome = try await CargoBuilder(runner: runner).build(
            invocation,
            plannedUnits: planned,
            workspaceRoot: workspaceRoot,
            locate: { Self.displayPath($0, crateDirectory: cargoDirectory, projectRoot: root, relativeRoot: relativeRoot) },
            emit: emit
        )
        if outcome.termination.succeeded {
            let key = try self.dependencyKey(configuration: configuration, sources: sources, digests: digests, extra: extraShared)
            state.dependencyUnits = [key: outcome.dependencyUnits]
        }
        var bootstrapSizes: [String: Int64] = [:]
        for name in toBuild {
            guard let executable = outcome.executables[name] else { continue }
            var info = stat()
            guard stat(executable, &info) == 0 else { continue }
            bootstrapSizes[name] = Int64(info.st_size)
            emit(.functionBuilt(name, bootstrap: executable, bytes: Int64(info.st_size)))
        }
        emit(.stageFinished(.build, seconds: Self.seconds(clock.now - buildStarted)))

        // MARK: - Package
        emit(.stageStarted(.package))
        let packageStarted = clock.now
        let after = try hasher.hashes(sources: sources, configuration: configuration, extraShared: extraShared, functions: inputs)
        let afterBuild = try hasher.hashes(
            sources: sources, configuration: configuration, extraShared: extraShared, functions: inputs, ignoring: lockFiles)
        let packager = ArtifactPackager(directory: "\(work)/artifacts", zip: zip)
        var built: [PackagedArtifact] = []
        var ready: [(name: String, executable: String)] = []
        for name in toBuild {
            guard let executable = outcome.executables[name], bootstrapSizes[name] != nil else {
                let diagnostics = outcome.errors(for: name)
                failed[name] = diagnostics
                emit(.functionFailed(name, diagnostics: diagnostics))
                continue
            }
            ready.append((name, executable))
        }
        // Each zip is compressed on one core; several functions are packaged at once, one per core.
        let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
        try await withThrowingTaskGroup(of: (PackagedArtifact, Double).self) { group in
            var pending = ready[...]
            func startNext() {
                guard let (name, executable) = pending.popFirst() else { return }
                let assets = request.assets[name] ?? []
                group.addTask {
                    let zipStarted = ContinuousClock.now
                    let artifact = try await Self.background { try packager.package(function: name, bootstrap: executable, assets: assets) }
                    return (artifact, Self.seconds(ContinuousClock.now - zipStarted))
                }
            }
            for _ in 0..<width { startNext() }
            while let (artifact, seconds) = try await group.next() {
                startNext()
                let name = artifact.functionName
                emit(.packaged(artifact, seconds: seconds))
                built.append(artifact)
                if afterBuild.functions[name] == beforeBuild.functions[name], let inputHash = after.functions[name],
                    let modified = BuildPlanner.modificationTime(artifact.zipPath, size: artifact.size)
                {
                    state.functions[name] = BuildState.FunctionRecord(inputHash: inputHash, artifact: artifact, zipModified: modified)
                }
                try store.save(state, for: project)
            }
        }
        if built.isEmpty { try store.save(state, for: project) }
        try digests.save()
        emit(.stageFinished(.package, seconds: Self.seconds(clock.now - packageStarted)))

        let summary = ArtifactSummary(
            artifacts: (unchanged + built).sorted { $0.functionName < $1.functionName },
            built: built.map(\.functionName).sorted(),
            unchanged: unchanged.map(\.functionName).sorted(),
            failed: failed,
            ranCargo: true,
            seconds: Self.seconds(clock.now - started)
        )
        emit(.finished(summary))
        return summary
    }

    // MARK: - Steps

    private func select(_ request: ArtifactRequest) throws -> [KineticsFunction] {
        guard !request.functions.isEmpty else { return request.project.functions }
        var seen = Set<String>()
        return try request.functions.compactMap { name in
            guard seen.insert(name).inserted else { return nil }
            guard let function = request.project.function(named: name) else {
                let known = request.project.functions.map(\.name).joined(separator: ", ")
                throw BuildError(
                    .unknownFunction,
                    "\(request.project.name) has no function named \(name); its functions are: \(known.isEmpty ? "none" : known).",
                    context: name
                )
            }
            return function
        }
    }

    private func builderKind(_ preference: BuilderPreference, toolchain: Toolchain) throws -> BuilderKind {
        switch preference {
        case .cargo:
            return .cargo
        case .automatic:
            return toolchain.cargoLambdaVersion == nil ? .cargo : .cargoLambda
        case .cargoLambda:
            guard toolchain.cargoLambdaVersion != nil else {
                throw BuildError(
                    .toolMissing,
                    "cargo-lambda is not installed (or `cargo lambda --version` fails); install it with `pip install cargo-lambda ziglang`, or build with plain cargo.",
                    context: "cargo-lambda"
                )
            }
            return .cargoLambda
        }
    }

    /// Names what the dependency graph depends on: manifests, lock file and configuration, not the sources.
    private func dependencyKey(
        configuration: BuildConfiguration,
        sources: CrateSources,
        digests: FileDigestCache,
        extra: [String]
    ) throws -> String {
        var lines = configuration.hashLines + extra
        for file in sources.sharedFiles where file.hasSuffix("/Cargo.toml") || file.hasSuffix("/Cargo.lock") {
            lines.append("\(sources.relative(file)) \(try digests.digest(ofFile: file) ?? "absent")")
        }
        return StreamingSHA256.hex(of: lines.joined(separator: "\n"))
    }

    private func estimateUnits(crateDirectory: String, host: String, bins: Int) async -> Int? {
        let spec = ProcessSpec(
            "cargo",
            ["metadata", "--format-version", "1", "--offline", "--filter-platform", host],
            workingDirectory: crateDirectory
        )
        guard let result = try? await runner.collect(spec), result.termination.succeeded else { return nil }
        return UnitEstimate.fromMetadata(
            Data(result.stdout.joined(separator: "\n").utf8),
            manifestPath: "\(crateDirectory)/Cargo.toml",
            bins: bins
        )
    }

    /// An absolute path as a ``SourceLocation`` file: relative to the discovery root when it is under it (files
    /// of the crate or the build copy map to the crate), else absolute (registry sources).
    static func displayPath(_ path: String, crateDirectory: String, projectRoot: String, relativeRoot: String) -> String {
        let file = CrateSources.standardize(path)
        let prefix = relativeRoot == "." || relativeRoot.isEmpty ? "" : "\(relativeRoot)/"
        if file.hasPrefix(crateDirectory + "/") {
            return prefix + file.dropFirst(crateDirectory.count + 1)
        }
        var discoveryRoot = CrateSources.standardize(projectRoot)
        if !prefix.isEmpty {
            discoveryRoot = CrateSources.standardize("\(discoveryRoot)/" + relativeRoot.split(separator: "/").map { _ in ".." }.joined(separator: "/"))
        }
        if file.hasPrefix(discoveryRoot + "/") {
            return String(file.dropFirst(discoveryRoot == "/" ? 1 : discoveryRoot.count + 1))
        }
        return file
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Runs blocking, CPU-bound work on a Dispatch thread instead of the cooperative pool.
    static func background<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
