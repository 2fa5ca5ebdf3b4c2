import Foundation

/// The bucket a region's artifacts go to, owned by the bootstrap stack ``BootstrapStack``.
public struct ArtifactBucket: Codable, Sendable, Hashable {
    public var name: String
    public var region: String
    public var stackName: String
    /// The endpoint URL for non-AWS targets (a local moto server); empty for AWS itself.
    public var endpoint: String

    public init(name: String, region: String, stackName: String, endpoint: String = "") {
        self.name = name
        self.region = region
        self.stackName = stackName
        self.endpoint = endpoint
    }

    /// How the bucket was found.
    public enum Origin: String, Codable, Sendable, Hashable {
        /// The cache named it and HeadBucket found it.
        case cached
        /// The bootstrap stack existed and named it.
        case existingStack
        /// The bootstrap stack was created in this call.
        case created
        /// The bootstrap stack was brought up to the current template in this call.
        case updated
    }

    /// Progress of ``ensure(cloudFormation:region:s3:cache:policy:onProgress:)``.
    public enum Progress: Sendable, Hashable {
        /// `CreateStack` was called.
        case creatingStack(String)
        /// `UpdateStack` was called: the stack was made by an older template (its version).
        case updatingStack(String, fromVersion: String?)
        /// Another process's operation on the bootstrap stack is still running (its status).
        case waitingForStack(String, status: String)
        /// A resource of the stack changed status.
        case resource(logicalId: String, status: String)
    }

    /// The bootstrap stack's bucket: from the cache (checked with HeadBucket), from the stack's `BucketName`
    /// output or its resources, or from a stack created now through CloudFormation and waited for by polling its
    /// status (with the first failure's reason when it fails). A stack made by an older template (its
    /// `TemplateVersion` output) is updated first; an update that rolled back is not tried again.
    ///
    /// - Parameters:
    ///   - region: the bootstrap stack's region; the client's when `nil` (another region is asked with the same
    ///     credentials and endpoint).
    ///   - s3: for HeadBucket of a cached name; one on the same AWS client when `nil`.
    ///   - cache: remembers the bucket so later runs skip CloudFormation.
    /// - Throws: ``UploadError`` — `.bootstrapFailed` with what to do when the stack failed or is stuck in
    ///   `ROLLBACK_COMPLETE`, `.endpointUnreachable` when nothing answers.
    public static func ensure(
        cloudFormation: CloudFormationClient,
        region: String? = nil,
        s3: S3Client? = nil,
        cache: LocalCache? = nil,
        policy: PollPolicy = .default,
        onProgress: (@Sendable (Progress) -> Void)? = nil
    ) async throws -> (bucket: ArtifactBucket, origin: Origin) {
        var configuration = cloudFormation.client.configuration
        let region = region ?? configuration.region
        var cloudFormation = cloudFormation
        if region != configuration.region {
            configuration.region = region
            let client = cloudFormation.client
            cloudFormation = CloudFormationClient(client: AWSClient(
                configuration: configuration, transport: client.transport, clock: client.clock, retry: client.retry,
                transferOptions: client.transferOptions))
        }
        let stackName = BootstrapStack.stackName(region: region)
        let cfEndpoint = configuration.endpoint(for: .cloudFormation)
        let endpoint = cfEndpoint.isCustom ? cfEndpoint.url : ""
        let identity = StackIdentity(name: stackName, region: region, endpoint: endpoint)
        let s3 = s3 ?? S3Client(client: cloudFormation.client)
        do {
            if let cache, let known = try? cache.lastKnownStatus(of: identity),
               let name = known.outputs.first(where: { $0.key == BootstrapStack.bucketOutput })?.value,
               Self.templateVersion(of: known) == BootstrapStack.templateVersion
            {
                if try await s3.bucketExists(name) {
                    return (ArtifactBucket(name: name, region: region, stackName: stackName, endpoint: endpoint), .cached)
                }
                try? cache.forgetStackStatus(of: identity)
            }
            var origin = Origin.existingStack
            var summary = try await waitWhileBusy(cloudFormation, stackName: stackName, onProgress: onProgress)
            if summary == nil {
                summary = try await create(cloudFormation, stackName: stackName, policy: policy, onProgress: onProgress)
                origin = .created
            } else if let existing = summary, existing.status.hasSuffix("_COMPLETE"), !existing.status.hasPrefix("ROLLBACK"),
                      !existing.status.hasPrefix("DELETE"), existing.status != "UPDATE_ROLLBACK_COMPLETE",
                      templateVersion(of: existing) != BootstrapStack.templateVersion
            {
                summary = try await update(cloudFormation, from: existing, policy: policy, onProgress: onProgress)
                origin = .updated
            }
            guard let summary else {
                throw UploadError(
                    .bootstrapFailed, "The bootstrap stack \(stackName) disappeared while it was being created; run again.",
                    context: stackName)
            }
            try check(summary, region: region)
            let name = try await bucketName(of: summary, cloudFormation: cloudFormation)
            try? cache?.recordStackStatus(summary, of: identity)
            return (ArtifactBucket(name: name, region: region, stackName: stackName, endpoint: endpoint), origin)
        } catch let error as AWSError {
            throw UploadError.from(error, endpoint: cfEndpoint.url, context: stackName)
        }
    }

    // MARK: - Steps

    /// The stack as it is once no operation runs on it, or `nil` when there is none.
    private static func waitWhileBusy(
        _ cloudFormation: CloudFormationClient, stackName: String, onProgress: (@Sendable (Progress) -> Void)?
    ) async throws -> StackSummary? {
        var delay = Duration.seconds(1)
        while true {
            guard let stack = try await cloudFormation.describeStack(name: stackName) else { return nil }
            guard stack.status.hasSuffix("_IN_PROGRESS"), stack.status != "REVIEW_IN_PROGRESS" else { return summary(stack) }
            onProgress?(.waitingForStack(stackName, status: stack.status))
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(10))
        }
    }

    /// Creates the stack and polls its status until the creation is over.
    private static func create(
        _ cloudFormation: CloudFormationClient, stackName: String, policy: PollPolicy, onProgress: (@Sendable (Progress) -> Void)?
    ) async throws -> StackSummary? {
        onProgress?(.creatingStack(stackName))
        do {
            _ = try await cloudFormation.createStack(CloudFormationClient.StackInput(
                stackName: stackName, template: .body(BootstrapStack.template),
                tags: [StackTag(key: "kinetics-tui:purpose", value: "bootstrap")]))
        } catch let error as AWSError where error.serviceCode == "AlreadyExistsException" {
            // Another deploy in the same account and region created it a moment ago: use theirs once it is done.
            return try await waitWhileBusy(cloudFormation, stackName: stackName, onProgress: onProgress)
        }
        return try await settle(cloudFormation, stackName: stackName, expecting: "CREATE_COMPLETE", policy: policy, onProgress: onProgress)
    }

    /// Updates a stack made by an older template to the current one. A failed update rolls back to the old
    /// template, whose bucket still works: that is not an error, the next run tries again.
    private static func update(
        _ cloudFormation: CloudFormationClient, from existing: StackSummary, policy: PollPolicy,
        onProgress: (@Sendable (Progress) -> Void)?
    ) async throws -> StackSummary? {
        onProgress?(.updatingStack(existing.stackName, fromVersion: templateVersion(of: existing)))
        do {
            _ = try await cloudFormation.updateStack(CloudFormationClient.StackInput(
                stackName: existing.stackName, template: .body(BootstrapStack.template),
                parameters: [StackParameter(key: "ArtifactRetentionDays", usePreviousValue: true)],
                tags: [StackTag(key: "kinetics-tui:purpose", value: "bootstrap")]))
        } catch where CloudFormationClient.isNoUpdates(error) {
            return existing
        } catch let error as AWSError where error.serviceCode == "ValidationError" {
            // An older template without the parameter cannot keep its "previous value": send the default.
            _ = try await cloudFormation.updateStack(CloudFormationClient.StackInput(
                stackName: existing.stackName, template: .body(BootstrapStack.template),
                tags: [StackTag(key: "kinetics-tui:purpose", value: "bootstrap")]))
        }
        do {
            return try await settle(cloudFormation, stackName: existing.stackName, expecting: "UPDATE_COMPLETE", policy: policy, onProgress: onProgress)
        } catch let error as UploadError where error.code == .bootstrapFailed {
            guard let stack = try await cloudFormation.describeStack(name: existing.stackName) else { throw error }
            return summary(stack)
        }
    }

    /// Polls the stack's status (and its resources, for progress) until no operation runs on it; throws unless it
    /// ends in `expected`.
    private static func settle(
        _ cloudFormation: CloudFormationClient, stackName: String, expecting expected: String, policy: PollPolicy,
        onProgress: (@Sendable (Progress) -> Void)?
    ) async throws -> StackSummary? {
        var delay = Duration.seconds(policy.activeInterval)
        var seen: [String: String] = [:]
        let deadline = ContinuousClock.now + .seconds(30 * 60)
        while true {
            guard let stack = try await cloudFormation.describeStack(name: stackName) else { return nil }
            if let resources = try? await cloudFormation.describeStackResources(stackName: stackName) {
                for resource in resources where !resource.logicalResourceId.isEmpty && seen[resource.logicalResourceId] != resource.status {
                    seen[resource.logicalResourceId] = resource.status
                    onProgress?(.resource(logicalId: resource.logicalResourceId, status: resource.status))
                }
            }
            if !stack.status.hasSuffix("_IN_PROGRESS") {
                if stack.status != expected {
                    let cause = try? await firstFailure(cloudFormation, stackName: stackName)
                    let doing = expected == "CREATE_COMPLETE" ? "Creating" : "Updating"
                    throw UploadError(
                        .bootstrapFailed,
                        "\(doing) the bootstrap stack \(stackName) failed with \(stack.status)\(cause.map { ": \($0)" } ?? ""). "
                            + deleteAdvice(stackName, region: cloudFormation.client.configuration.region),
                        context: stackName)
                }
                return summary(stack)
            }
            guard ContinuousClock.now < deadline else {
                throw UploadError(
                    .bootstrapFailed,
                    "The bootstrap stack \(stackName) is still \(stack.status) after 30 minutes; check it in the CloudFormation console, then run again.",
                    context: stackName)
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, .seconds(policy.quietMaxInterval))
        }
    }

    /// The oldest `*_FAILED` event of the stack, as "Resource (Type) STATUS: reason".
    private static func firstFailure(_ cloudFormation: CloudFormationClient, stackName: String) async throws -> String? {
        let page = try await cloudFormation.describeStackEvents(stackName: stackName, nextToken: nil)
        guard let failed = page.events.last(where: { $0.resourceStatus.hasSuffix("_FAILED") }) else { return nil }
        return "\(failed.logicalResourceId) (\(failed.resourceType)) \(failed.resourceStatus): \(TextSanitizer.sanitize(failed.resourceStatusReason ?? "no reason given"))"
    }

    /// Throws unless the stack is in a state that has its bucket.
    private static func check(_ summary: StackSummary, region: String) throws {
        switch summary.status {
        case "CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE":
            return
        case "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED":
            let reason = summary.statusReason.map { " (\(TextSanitizer.sanitize($0)))" } ?? ""
            throw UploadError(
                .bootstrapFailed,
                "The bootstrap stack \(summary.stackName) is in \(summary.status)\(reason): its first creation failed, so it has no bucket and "
                    + "cannot be updated. " + deleteAdvice(summary.stackName, region: region),
                context: summary.stackName)
        case "REVIEW_IN_PROGRESS":
            throw UploadError(
                .bootstrapFailed,
                "The bootstrap stack \(summary.stackName) is in REVIEW_IN_PROGRESS: a change set created it but was never executed. "
                    + deleteAdvice(summary.stackName, region: region),
                context: summary.stackName)
        default:
            throw UploadError(
                .bootstrapFailed,
                "The bootstrap stack \(summary.stackName) is in \(summary.status) and has no usable bucket. Fix or delete it in the CloudFormation console, then run again.",
                context: summary.stackName)
        }
    }

    private static func deleteAdvice(_ stackName: String, region: String) -> String {
        "Delete it (aws cloudformation delete-stack --stack-name \(stackName) --region \(region)) and run again; kinetics-tui then creates it anew."
    }

    /// The `BucketName` output, else the physical id of the stack's `AWS::S3::Bucket`.
    private static func bucketName(of summary: StackSummary, cloudFormation: CloudFormationClient) async throws -> String {
        if let name = summary.outputs.first(where: { $0.key == BootstrapStack.bucketOutput })?.value, !name.isEmpty { return name }
        let resources = try await cloudFormation.describeStackResources(stackName: summary.stackName)
        guard let name = resources.first(where: { $0.resourceType == "AWS::S3::Bucket" })?.physicalResourceId, !name.isEmpty else {
            throw UploadError(
                .bucketNotFound,
                "The bootstrap stack \(summary.stackName) names no bucket (no BucketName output, no AWS::S3::Bucket resource). "
                    + "Delete it and run again.",
                context: summary.stackName)
        }
        return name
    }

    private static func templateVersion(of summary: StackSummary) -> String? {
        summary.outputs.first { $0.key == "TemplateVersion" }?.value
    }

    private static func summary(_ stack: Stack) -> StackSummary {
        StackSummary(
            stackId: stack.stackId, stackName: stack.stackName, status: stack.status, statusReason: stack.statusReason,
            detailedStatus: stack.detailedStatus, outputs: stack.outputs, lastUpdatedAt: stack.lastUpdatedTime)
    }
}
