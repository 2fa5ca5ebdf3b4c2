import Foundation
import KineticsCore
import Synchronization

/// A small CloudFormation with state, for the deployer's paths moto cannot reach (a stack left in
/// `ROLLBACK_COMPLETE`, an operation that is still running when the user cancels or detaches).
///
/// It answers the query API as an `HTTPTransport` (DescribeStacks, ValidateTemplate, Create/Describe/Execute/
/// DeleteChangeSet, DeleteStack, CancelUpdateStack) and is the tail's event and status source. Each write starts an
/// operation whose events carry the request's ClientRequestToken and become visible one per `DescribeStackEvents`
/// call, the way a real operation unfolds between polls. With `holding`, a create or update stops before its last
/// resource completes (it stays `*_IN_PROGRESS`) until `release()`, a `DeleteStack` or a `CancelUpdateStack`.
final class ScriptedCloudFormation: HTTPTransport, StackEventSource, StackStatusSource {
    struct Step {
        var logicalId: String
        var type: String
        var status: String
        var reason: String?
    }

    private struct State {
        var stackId: String?
        var status: String?
        /// Ids of stacks deleted earlier; `DescribeStacks` by id still finds them, as `DELETE_COMPLETE`.
        var deleted: Set<String> = []
        var visible: [StackEvent] = []
        var pending: [(step: Step, token: String?)] = []
        var held: [(step: Step, token: String?)] = []
        var updateToken: String?
        var changeSetType = "CREATE"
        var actions: [String] = []
        var generation = 0
        var eventNumber = 0
    }

    let stackName: String
    let clock: VirtualClock
    let holding: Bool
    private let state = Mutex(State())
    static let account = "123456789012"

    /// A CloudFormation where `stackName` does not exist yet, or exists with `status` and the events of the
    /// operation that left it there (`history`, oldest first, already visible).
    init(stackName: String, status: String? = nil, history: [Step] = [], holding: Bool = false, clock: VirtualClock) {
        self.stackName = stackName
        self.clock = clock
        self.holding = holding
        if let status {
            state.withLock { state in
                let id = Self.newStackId(stackName, &state)
                state.stackId = id
                state.status = status
                let start = clock.now().addingTimeInterval(-600)
                for (index, step) in history.enumerated() {
                    state.visible.append(Self.event(step, token: "earlier-operation", stackId: id, stackName: stackName,
                                                    at: start.addingTimeInterval(Double(index) * 5), &state))
                }
            }
        }
    }

    /// The Actions of the requests received, in order.
    var actions: [String] { state.withLock { $0.actions } }
    var status: String? { state.withLock { $0.status } }
    var stackId: String? { state.withLock { $0.stackId } }

    /// Lets a held create or update run to its end.
    func release() {
        state.withLock { state in
            state.pending += state.held
            state.held = []
        }
    }

    // MARK: - HTTPTransport

    func send(
        _ request: HTTPRequest, options: HTTPTransferOptions, progress: (@Sendable (HTTPTransferProgress) -> Void)?
    ) async throws -> HTTPResponse {
        let body: Data = if case .data(let data) = request.body { data } else { Data() }
        let form = Self.form(String(decoding: body, as: UTF8.self))
        let action = form["Action"] ?? ""
        return state.withLock { state in
            state.actions.append(action)
            return answer(action, form, &state)
        }
    }

    private func answer(_ action: String, _ form: [String: String], _ state: inout State) -> HTTPResponse {
        let asked = form["StackName"] ?? stackName
        switch action {
        case "DescribeStacks":
            guard let summary = summary(asked, state) else { return Self.error("ValidationError", "Stack with id \(asked) does not exist") }
            return Self.xml(action, "<Stacks><member><StackId>\(summary.stackId)</StackId><StackName>\(stackName)</StackName><StackStatus>\(summary.status)</StackStatus></member></Stacks>")
        case "ValidateTemplate":
            return Self.xml(action, "")
        case "CreateChangeSet":
            let type = form["ChangeSetType"] ?? "UPDATE"
            if type == "CREATE" {
                if let status = state.status, status != "REVIEW_IN_PROGRESS" {
                    return Self.error("AlreadyExistsException", "Stack [\(stackName)] already exists and cannot be created again with the changeSet [c1].")
                }
                if state.status == nil {
                    state.stackId = Self.newStackId(stackName, &state)
                    state.status = "REVIEW_IN_PROGRESS"
                }
            } else if state.status == nil {
                return Self.error("ValidationError", "Stack [\(stackName)] does not exist")
            }
            state.changeSetType = type
            return Self.xml(action, "<Id>arn:aws:cloudformation:us-east-1:\(Self.account):changeSet/c1/\(state.generation)</Id><StackId>\(state.stackId ?? "")</StackId>")
        case "DescribeChangeSet":
            let add = state.changeSetType == "CREATE"
            let changes = [("ApiFunction", "AWS::Lambda::Function"), ("ApiFunctionRole", "AWS::IAM::Role")].map { id, type in
                "<member><Type>Resource</Type><ResourceChange><Action>\(add ? "Add" : "Modify")</Action><LogicalResourceId>\(id)</LogicalResourceId><ResourceType>\(type)</ResourceType>\(add ? "" : "<Replacement>False</Replacement>")</ResourceChange></member>"
            }.joined()
            return Self.xml(action, "<ChangeSetId>arn:aws:cloudformation:us-east-1:\(Self.account):changeSet/c1/\(state.generation)</ChangeSetId><ChangeSetName>c1</ChangeSetName><StackId>\(state.stackId ?? "")</StackId><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>\(changes)</Changes>")
        case "DeleteChangeSet":
            return Self.xml(action, "")
        case "ExecuteChangeSet":
            let token = form["ClientRequestToken"]
            let verb = state.changeSetType == "CREATE" ? "CREATE" : "UPDATE"
            state.status = "\(verb)_IN_PROGRESS"
            if verb == "UPDATE" { state.updateToken = token }
            let steps = [
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "\(verb)_IN_PROGRESS", reason: verb == "CREATE" ? "User Initiated" : nil),
                Step(logicalId: "ApiFunctionRole", type: "AWS::IAM::Role", status: "\(verb)_IN_PROGRESS"),
                Step(logicalId: "ApiFunctionRole", type: "AWS::IAM::Role", status: "\(verb)_COMPLETE"),
                Step(logicalId: "ApiFunction", type: "AWS::Lambda::Function", status: "\(verb)_IN_PROGRESS"),
            ]
            let rest = [
                Step(logicalId: "ApiFunction", type: "AWS::Lambda::Function", status: "\(verb)_COMPLETE"),
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "\(verb)_COMPLETE"),
            ]
            state.pending += steps.map { ($0, token) }
            if holding { state.held = rest.map { ($0, token) } } else { state.pending += rest.map { ($0, token) } }
            return Self.xml(action, "")
        case "DeleteStack":
            guard state.status != nil else { return Self.xml(action, "") }
            let token = form["ClientRequestToken"]
            state.held = []
            state.pending = []
            state.status = "DELETE_IN_PROGRESS"
            state.pending = [
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "DELETE_IN_PROGRESS", reason: "User Initiated"),
                Step(logicalId: "ApiFunction", type: "AWS::Lambda::Function", status: "DELETE_COMPLETE"),
                Step(logicalId: "ApiFunctionRole", type: "AWS::IAM::Role", status: "DELETE_COMPLETE"),
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "DELETE_COMPLETE"),
            ].map { ($0, token) }
            return Self.xml(action, "")
        case "CancelUpdateStack":
            guard state.status == "UPDATE_IN_PROGRESS" else {
                return Self.error("ValidationError", "CancelUpdateStack cannot be called from current stack status")
            }
            let token = state.updateToken
            state.held = []
            state.pending = [
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "UPDATE_ROLLBACK_IN_PROGRESS", reason: "Stack update cancelled"),
                Step(logicalId: "ApiFunction", type: "AWS::Lambda::Function", status: "UPDATE_FAILED", reason: "Resource update cancelled"),
                Step(logicalId: "ApiFunction", type: "AWS::Lambda::Function", status: "UPDATE_COMPLETE"),
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS"),
                Step(logicalId: stackName, type: "AWS::CloudFormation::Stack", status: "UPDATE_ROLLBACK_COMPLETE"),
            ].map { ($0, token) }
            return Self.xml(action, "")
        default:
            return Self.error("InvalidAction", "The scripted CloudFormation does not know \(action)")
        }
    }

    // MARK: - Event and status source

    func describeStackEvents(stackName asked: String, nextToken: String?) async throws -> StackEventsPage {
        try state.withLock { state in
            guard summary(asked, state) != nil else {
                return Result<StackEventsPage, StackEventSourceError>.failure(StackEventSourceError(.stackNotFound, message: "Stack [\(asked)] does not exist"))
            }
            if !state.pending.isEmpty, let id = state.stackId {
                let (step, token) = state.pending.removeFirst()
                clock.advance(by: 2)
                state.visible.append(Self.event(step, token: token, stackId: id, stackName: stackName, at: clock.now(), &state))
                if step.type == "AWS::CloudFormation::Stack" {
                    state.status = step.status
                    if step.status == "DELETE_COMPLETE" {
                        state.deleted.insert(id)
                        state.stackId = nil
                        state.status = nil
                    }
                }
            }
            let id = asked.hasPrefix("arn:") ? asked : (state.stackId ?? asked)
            return .success(StackEventsPage(events: state.visible.filter { $0.stackId == id }.reversed(), nextToken: nil))
        }.get()
    }

    func describeStack(stackName asked: String) async throws -> StackSummary? {
        state.withLock { state in summary(asked, state) }
    }

    private func summary(_ asked: String, _ state: State) -> StackSummary? {
        if state.deleted.contains(asked) { return StackSummary(stackId: asked, stackName: stackName, status: "DELETE_COMPLETE") }
        guard let id = state.stackId, let status = state.status, asked == id || asked == stackName else { return nil }
        return StackSummary(stackId: id, stackName: stackName, status: status)
    }

    // MARK: - Helpers

    private static func newStackId(_ name: String, _ state: inout State) -> String {
        state.generation += 1
        return "arn:aws:cloudformation:us-east-1:\(account):stack/\(name)/0000000\(state.generation)-aaaa-bbbb-cccc-dddddddddddd"
    }

    private static func event(_ step: Step, token: String?, stackId: String, stackName: String, at time: Date, _ state: inout State) -> StackEvent {
        state.eventNumber += 1
        return StackEvent(
            eventId: "\(step.logicalId)-\(step.status)-\(state.eventNumber)", stackId: stackId, stackName: stackName,
            logicalResourceId: step.logicalId, physicalResourceId: step.type == "AWS::CloudFormation::Stack" ? stackId : "\(step.logicalId)-physical",
            resourceType: step.type, timestamp: time, resourceStatus: step.status, resourceStatusReason: step.reason, clientRequestToken: token)
    }

    static func form(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if parts.count == 2 { fields[parts[0]] = parts[1] } else if parts.count == 1 { fields[parts[0]] = "" }
        }
        return fields
    }

    static func xml(_ action: String, _ result: String) -> HTTPResponse {
        HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "text/xml")]),
            body: Data("<\(action)Response><\(action)Result>\(result)</\(action)Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></\(action)Response>".utf8))
    }

    static func error(_ code: String, _ message: String) -> HTTPResponse {
        HTTPResponse(
            status: 400, headers: HTTPHeaders([("Content-Type", "text/xml")]),
            body: Data("<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error><RequestId>r-1</RequestId></ErrorResponse>".utf8))
    }
}
