import Foundation

extension DeployPipeline {
    /// Which session `attach` follows: one by id, or the newest one of a project's environment that can be
    /// re-attached to.
    public enum AttachTarget: Sendable, Hashable {
        case session(Int64)
        /// The newest detached or interrupted session of the project at this path (canonical, as the cache records
        /// it) on this environment whose stack operation was started.
        case newest(projectPath: String, env: String)
    }

    /// Re-attaches to the stack operation of a detached or interrupted session and follows it to its end, as one
    /// stream: `interruptedSessionFound` → `stackEvent`… → `outputs` → `finished`.
    ///
    /// The session is taken back (its stack's deploy lock held, the session `running` again) and finished with the
    /// outcome before the stream ends. An operation already over is read back to its final status, which is
    /// recorded. Throws `DeployError`: `sessionNotFound`, `sessionFinished` (over, never started, or followed by a
    /// live process), `invalidConfiguration` (this run talks to another region or endpoint than the session's
    /// stack), `unreachable` (the endpoint does not answer; the session is left as it was) or `locked`; and the
    /// errors of a tail (`AWSError`, `CacheError`, `EventEngineError`), after which the session is left as it was.
    public func attach(_ target: AttachTarget, control: DeployControl) -> AsyncThrowingStream<DeployEvent, any Error> {
        .emitting { emit in try await attach(target, control: control, emit: emit) }
    }

    /// Runs `attach(_:control:)`, handing every event to `emit`; returns the outcome (also the last event).
    @discardableResult
    public func attach(
        _ target: AttachTarget, control: DeployControl, emit: @escaping @Sendable (DeployEvent) -> Void
    ) async throws -> DeployOutcome {
        let session = try reattachable(target)
        let here = identity(of: session.stack.name)
        guard here.region == session.stack.region, here.endpoint == session.stack.endpoint else {
            func place(_ stack: StackIdentity) -> String {
                stack.endpoint.isEmpty ? "\(stack.region) (AWS)" : "\(stack.region) at \(stack.endpoint)"
            }
            throw DeployError(
                .invalidConfiguration,
                "Session \(session.id) is of \(session.stack.name) in \(place(session.stack)), but this run talks to \(place(here)). "
                    + "Run attach with the AWS settings that deploy had (--local, AWS_REGION, AWS_ENDPOINT_URL, AWS_PROFILE).",
                stackName: session.stack.name)
        }
        do {
            _ = try await deployer.isRunning(session)
        } catch let error as AWSError where error.code == .transport || error.code == .localServerUnavailable {
            let endpoint = client.configuration.endpoint(for: .cloudFormation).url
            throw DeployError(
                .unreachable,
                "CloudFormation at \(endpoint) does not answer (\(error.summary)); session \(session.id) stays \(session.outcome.rawValue). "
                    + "Run attach again once the endpoint is reachable.",
                stackName: session.stack.name)
        }
        let resumed: DeploySession
        do {
            resumed = try DeploySession.resume(session, cache: cache)
        } catch {
            if error.code == .stackLocked { throw DeployError(.locked, error.description, stackName: session.stack.name) }
            throw error
        }
        do {
            let outcome = try await deployer.attach(session, control: control, emit: emit)
            try resumed.finish(outcome)
            emit(.finished(outcome))
            return outcome
        } catch {
            // The operation may go on: the session is left as it was, to be attached again.
            try? resumed.restore(
                session.outcome,
                message: "Following the operation stopped (\(Deployer.message(error))); run `kinetics-tui attach \(session.id)` again.")
            throw error
        }
    }

    /// The session `target` names, when it can be re-attached to; else a `DeployError` saying why not.
    public func reattachable(_ target: AttachTarget) throws -> InterruptedSession {
        switch target {
        case .newest(let projectPath, let env):
            guard let session = try cache.newestReattachableSession(projectPath: projectPath, env: env) else {
                throw DeployError(
                    .sessionNotFound,
                    "No deploy of the project in \(projectPath) on `\(env)` was left detached or interrupted while its stack operation ran. "
                        + "`kinetics-tui history --project \(projectPath)` lists its sessions; attach one by its number.")
            }
            return session
        case .session(let id):
            if let session = try cache.reattachableSession(id) {
                guard session.clientRequestToken != nil else {
                    throw DeployError(
                        .sessionFinished,
                        "Session \(id) (\(session.stack.name)) stopped before its stack operation started: there is nothing to attach to. Deploy again.",
                        stackName: session.stack.name)
                }
                return session
            }
            guard let detail = try cache.session(id, eventLimit: 0) else {
                throw DeployError(.sessionNotFound, "No deploy session \(id) in the cache at \(cache.path). `kinetics-tui history` lists the sessions.")
            }
            let summary = detail.summary
            if summary.outcome == .running {
                throw DeployError(
                    .sessionFinished,
                    "Session \(id) (\(summary.stack.name)) is still followed by kinetics-tui (pid \(summary.pid)\(summary.host.map { " on \($0)" } ?? "")); "
                        + "watch it with `kinetics-tui events \(summary.stack.name)`.",
                    stackName: summary.stack.name)
            }
            let status = summary.finalStatus.map { ", \($0)" } ?? ""
            throw DeployError(
                .sessionFinished,
                "Session \(id) (\(summary.stack.name)) already ended: \(summary.outcome.rawValue.replacingOccurrences(of: "_", with: " "))\(status). "
                    + "There is nothing to attach to; `kinetics-tui history \(id)` shows it.",
                stackName: summary.stack.name)
        }
    }
}
