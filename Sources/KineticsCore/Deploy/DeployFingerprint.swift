import Foundation

/// What a deploy put in place: the template's digest (documents, parameters, tags) and each function's artifact.
///
/// Equal fingerprints mean an equal deploy, so when the stack's last successful deploy has the fingerprint of the
/// one about to start, nothing needs to be sent to CloudFormation.
public struct DeployFingerprint: Sendable, Hashable {
    /// `DeployTemplate.fingerprint`.
    public var template: String
    /// Function name → SHA-256 of its zip.
    public var artifacts: [String: String]

    public init(template: String, artifacts: [String: String]) {
        self.template = template
        self.artifacts = artifacts
    }

    /// The stack's last deploy that succeeded (or found nothing to change), and its fingerprint.
    ///
    /// Reads the cache only: the newest sessions of the stack, then one session's plan and functions.
    public static func lastDeployed(
        of stack: StackIdentity, in cache: LocalCache, excluding session: Int64? = nil
    ) throws(CacheError) -> (session: Int64, fingerprint: DeployFingerprint)? {
        let recent = try cache.listSessions(SessionFilter(stackName: stack.name), limit: 50)
        guard let last = recent.first(where: { summary in
            summary.id != session && summary.kind == .deploy && summary.stack == stack
                && (summary.outcome == .succeeded || summary.outcome == .noChanges)
        }), let detail = try cache.session(last.id, eventLimit: 0), let template = detail.plan?.templateSha256 else {
            return nil
        }
        var artifacts: [String: String] = [:]
        for function in detail.functions where function.status == .deployed {
            if let sha = function.artifactSha256 { artifacts[function.name] = sha }
        }
        return (last.id, DeployFingerprint(template: template, artifacts: artifacts))
    }
}
