import Foundation

/// AWS CloudFormation over the Query protocol: stacks, change sets, events, resources and templates.
///
/// Every mutating call carries a client request token (generated when not given), so a retry after a lost
/// response cannot start a second operation; that is what makes them safe to retry.
public struct CloudFormationClient: Sendable {
    public let client: AWSClient
    static let version = "2010-05-15"

    public init(client: AWSClient) { self.client = client }

    // MARK: - Stacks

    public struct StackInput: Sendable {
        public var stackName: String
        public var template: TemplateSource?
        public var parameters: [StackParameter]
        public var capabilities: [String]
        public var tags: [StackTag]
        public var roleARN: String?
        /// For CreateStack: `ROLLBACK`, `DELETE` or `DO_NOTHING`.
        public var onFailure: String?
        public var disableRollback: Bool?
        public var timeoutInMinutes: Int?
        public var clientRequestToken: String

        public init(
            stackName: String, template: TemplateSource?, parameters: [StackParameter] = [], capabilities: [String] = [],
            tags: [StackTag] = [], roleARN: String? = nil, onFailure: String? = nil, disableRollback: Bool? = nil,
            timeoutInMinutes: Int? = nil, clientRequestToken: String = CloudFormationClient.newToken()
        ) {
            self.stackName = stackName
            self.template = template
            self.parameters = parameters
            self.capabilities = capabilities
            self.tags = tags
            self.roleARN = roleARN
            self.onFailure = onFailure
            self.disableRollback = disableRollback
            self.timeoutInMinutes = timeoutInMinutes
            self.clientRequestToken = clientRequestToken
        }
    }

    /// `CreateStack`; returns the stack id.
    public func createStack(_ input: StackInput) async throws -> String {
        var p = stackParameters(input)
        if let onFailure = input.onFailure { p.append(("OnFailure", onFailure)) }
        if let minutes = input.timeoutInMinutes { p.append(("TimeoutInMinutes", String(minutes))) }
        let result = try await call("CreateStack", p, slowAnswer: true)
        return result.text("StackId") ?? ""
    }

    /// `UpdateStack`; returns the stack id. "No updates are to be performed" arrives as an `AWSError` with
    /// `serviceCode` `ValidationError`; `isNoUpdates(_:)` recognises it.
    public func updateStack(_ input: StackInput, usePreviousTemplate: Bool = false) async throws -> String {
        var p = stackParameters(input)
        if usePreviousTemplate { p.append(("UsePreviousTemplate", "true")) }
        let result = try await call("UpdateStack", p, slowAnswer: true)
        return result.text("StackId") ?? ""
    }

    /// `DeleteStack`.
    public func deleteStack(name: String, retainResources: [String] = [], roleARN: String? = nil, clientRequestToken: String = newToken()) async throws {
        var p: [(String, String)] = [("StackName", name), ("ClientRequestToken", clientRequestToken)]
        p += list("RetainResources", retainResources)
        if let roleARN { p.append(("RoleARN", roleARN)) }
        _ = try await call("DeleteStack", p)
    }

    /// `CancelUpdateStack`.
    public func cancelUpdateStack(name: String, clientRequestToken: String = newToken()) async throws {
        _ = try await call("CancelUpdateStack", [("StackName", name), ("ClientRequestToken", clientRequestToken)])
    }

    /// `DescribeStacks`: one page, of one stack when `name` is given.
    public func describeStacks(name: String? = nil, nextToken: String? = nil) async throws -> StacksPage {
        var p: [(String, String)] = []
        if let name { p.append(("StackName", name)) }
        if let nextToken { p.append(("NextToken", nextToken)) }
        let result = try await call("DescribeStacks", p)
        return StacksPage(stacks: result.members("Stacks").map(Self.stack), nextToken: result.text("NextToken"))
    }

    /// The stack named `name`, or `nil` when it does not exist.
    public func describeStack(name: String) async throws -> Stack? {
        do {
            return try await describeStacks(name: name).stacks.first
        } catch let error as AWSError where error.serviceCode == "ValidationError" && (error.serviceMessage ?? "").contains("does not exist") {
            return nil
        }
    }

    /// `DescribeStackResources` of a stack.
    public func describeStackResources(stackName: String) async throws -> [StackResource] {
        let result = try await call("DescribeStackResources", [("StackName", stackName)])
        return result.members("StackResources").map { r in
            StackResource(
                stackId: r.text("StackId"), stackName: r.text("StackName"), logicalResourceId: r.text("LogicalResourceId") ?? "",
                physicalResourceId: r.text("PhysicalResourceId"), resourceType: r.text("ResourceType") ?? "",
                status: r.text("ResourceStatus") ?? "", statusReason: r.text("ResourceStatusReason"),
                timestamp: r.text("Timestamp").flatMap(AWSDate.parse), description: r.text("Description"))
        }
    }

    /// `GetTemplate`: the template body of a stack (or of one of its change sets), as stored.
    public func getTemplate(stackName: String, changeSetName: String? = nil, stage: String? = nil) async throws -> String {
        var p: [(String, String)] = [("StackName", stackName)]
        if let changeSetName { p.append(("ChangeSetName", changeSetName)) }
        if let stage { p.append(("TemplateStage", stage)) }
        return try await call("GetTemplate", p).text("TemplateBody") ?? ""
    }

    /// `ValidateTemplate`.
    public func validateTemplate(_ template: TemplateSource) async throws -> TemplateValidation {
        let result = try await call("ValidateTemplate", templateParameters(template), slowAnswer: true)
        return TemplateValidation(
            parameters: result.members("Parameters").map { p in
                TemplateValidation.Parameter(
                    key: p.text("ParameterKey") ?? "", defaultValue: p.text("DefaultValue"), noEcho: p.text("NoEcho") == "true",
                    description: p.text("Description"))
            },
            description: result.text("Description"),
            capabilities: result.members("Capabilities").map(\.text),
            capabilitiesReason: result.text("CapabilitiesReason"))
    }

    // MARK: - Events

    /// `DescribeStackEvents`: one page, newest first.
    public func describeStackEvents(stackName: String, nextToken: String?) async throws -> StackEventsPage {
        var p: [(String, String)] = [("StackName", stackName)]
        if let nextToken { p.append(("NextToken", nextToken)) }
        let result = try await call("DescribeStackEvents", p)
        return StackEventsPage(events: result.members("StackEvents").map(Self.event), nextToken: result.text("NextToken"))
    }

    // MARK: - Change sets

    public struct ChangeSetInput: Sendable {
        public var stackName: String
        public var changeSetName: String
        /// `CREATE` for a new stack, `UPDATE` for an existing one.
        public var changeSetType: String
        public var template: TemplateSource?
        public var usePreviousTemplate: Bool
        public var parameters: [StackParameter]
        public var capabilities: [String]
        public var tags: [StackTag]
        public var roleARN: String?
        public var description: String?
        public var includeNestedStacks: Bool
        public var clientToken: String

        public init(
            stackName: String, changeSetName: String, changeSetType: String, template: TemplateSource?,
            usePreviousTemplate: Bool = false, parameters: [StackParameter] = [], capabilities: [String] = [],
            tags: [StackTag] = [], roleARN: String? = nil, description: String? = nil, includeNestedStacks: Bool = false,
            clientToken: String = CloudFormationClient.newToken()
        ) {
            self.stackName = stackName
            self.changeSetName = changeSetName
            self.changeSetType = changeSetType
            self.template = template
            self.usePreviousTemplate = usePreviousTemplate
            self.parameters = parameters
            self.capabilities = capabilities
            self.tags = tags
            self.roleARN = roleARN
            self.description = description
            self.includeNestedStacks = includeNestedStacks
            self.clientToken = clientToken
        }
    }

    /// `CreateChangeSet`; returns the change set id and the stack id.
    public func createChangeSet(_ input: ChangeSetInput) async throws -> (changeSetId: String, stackId: String) {
        var p: [(String, String)] = [
            ("StackName", input.stackName), ("ChangeSetName", input.changeSetName), ("ChangeSetType", input.changeSetType),
            ("ClientToken", input.clientToken),
        ]
        if let template = input.template { p += templateParameters(template) }
        if input.usePreviousTemplate { p.append(("UsePreviousTemplate", "true")) }
        p += parameterList(input.parameters)
        p += list("Capabilities", input.capabilities)
        p += tagList(input.tags)
        if let roleARN = input.roleARN { p.append(("RoleARN", roleARN)) }
        if let description = input.description { p.append(("Description", description)) }
        if input.includeNestedStacks { p.append(("IncludeNestedStacks", "true")) }
        let result = try await call("CreateChangeSet", p, slowAnswer: true)
        return (result.text("Id") ?? "", result.text("StackId") ?? "")
    }

    /// `DescribeChangeSet`: one page of changes.
    public func describeChangeSet(name: String, stackName: String? = nil, nextToken: String? = nil) async throws -> ChangeSet {
        var p: [(String, String)] = [("ChangeSetName", name)]
        if let stackName { p.append(("StackName", stackName)) }
        if let nextToken { p.append(("NextToken", nextToken)) }
        let r = try await call("DescribeChangeSet", p)
        return ChangeSet(
            changeSetId: r.text("ChangeSetId") ?? "", changeSetName: r.text("ChangeSetName") ?? name,
            stackId: r.text("StackId"), stackName: r.text("StackName"), status: r.text("Status") ?? "",
            statusReason: r.text("StatusReason"), executionStatus: r.text("ExecutionStatus"), description: r.text("Description"),
            creationTime: r.text("CreationTime").flatMap(AWSDate.parse), parameters: r.members("Parameters").map(Self.parameter),
            capabilities: r.members("Capabilities").map(\.text), changes: r.members("Changes").compactMap(Self.change),
            nextToken: r.text("NextToken"))
    }

    /// `DescribeChangeSet`, following `NextToken` until every change is in.
    public func describeChangeSetAllPages(name: String, stackName: String? = nil) async throws -> ChangeSet {
        var changeSet = try await describeChangeSet(name: name, stackName: stackName)
        while let token = changeSet.nextToken {
            let next = try await describeChangeSet(name: name, stackName: stackName, nextToken: token)
            changeSet.changes += next.changes
            changeSet.nextToken = next.nextToken
        }
        return changeSet
    }

    /// `ExecuteChangeSet`.
    public func executeChangeSet(
        name: String, stackName: String? = nil, disableRollback: Bool? = nil, clientRequestToken: String = newToken()
    ) async throws {
        var p: [(String, String)] = [("ChangeSetName", name), ("ClientRequestToken", clientRequestToken)]
        if let stackName { p.append(("StackName", stackName)) }
        if let disableRollback { p.append(("DisableRollback", disableRollback ? "true" : "false")) }
        _ = try await call("ExecuteChangeSet", p)
    }

    /// `DeleteChangeSet`.
    public func deleteChangeSet(name: String, stackName: String? = nil) async throws {
        var p: [(String, String)] = [("ChangeSetName", name)]
        if let stackName { p.append(("StackName", stackName)) }
        _ = try await call("DeleteChangeSet", p)
    }

    // MARK: - Helpers

    /// A fresh client request token.
    public static func newToken() -> String { "kinetics-\(UUID().uuidString.lowercased())" }

    /// Whether `error` is UpdateStack's "No updates are to be performed".
    public static func isNoUpdates(_ error: any Error) -> Bool {
        guard let error = error as? AWSError else { return false }
        return error.serviceCode == "ValidationError" && (error.serviceMessage ?? "").contains("No updates are to be performed")
    }

    /// `slowAnswer`: the calls that check a whole template before they answer may take long to start answering
    /// (an embedded local AWS lints the template first, for tens of seconds on a busy machine), so they wait up to
    /// two minutes for the first byte instead of giving up, and trying again, after the usual stall timeout.
    private func call(_ action: String, _ parameters: [(String, String)], slowAnswer: Bool = false) async throws -> AWSXML {
        var options: HTTPTransferOptions?
        if slowAnswer {
            options = client.transferOptions
            options?.stallTimeout = max(client.transferOptions.stallTimeout, Self.templateAnswerTimeout)
        }
        return try await client.query(.cloudFormation, version: Self.version, action: action, parameters: parameters, idempotent: true,
                                      options: options)
    }

    /// How long the template-checking calls wait for an answer to start.
    static let templateAnswerTimeout: Duration = .seconds(120)

    private func stackParameters(_ input: StackInput) -> [(String, String)] {
        var p: [(String, String)] = [("StackName", input.stackName), ("ClientRequestToken", input.clientRequestToken)]
        if let template = input.template { p += templateParameters(template) }
        p += parameterList(input.parameters)
        p += list("Capabilities", input.capabilities)
        p += tagList(input.tags)
        if let roleARN = input.roleARN { p.append(("RoleARN", roleARN)) }
        if let disableRollback = input.disableRollback { p.append(("DisableRollback", disableRollback ? "true" : "false")) }
        return p
    }

    private func templateParameters(_ template: TemplateSource) -> [(String, String)] {
        switch template {
        case .body(let body): [("TemplateBody", body)]
        case .url(let url): [("TemplateURL", url)]
        }
    }

    private func list(_ name: String, _ values: [String]) -> [(String, String)] {
        values.enumerated().map { ("\(name).member.\($0.offset + 1)", $0.element) }
    }

    private func parameterList(_ parameters: [StackParameter]) -> [(String, String)] {
        var p: [(String, String)] = []
        for (index, parameter) in parameters.enumerated() {
            let prefix = "Parameters.member.\(index + 1)"
            p.append(("\(prefix).ParameterKey", parameter.key))
            if parameter.usePreviousValue {
                p.append(("\(prefix).UsePreviousValue", "true"))
            } else {
                p.append(("\(prefix).ParameterValue", parameter.value ?? ""))
            }
        }
        return p
    }

    private func tagList(_ tags: [StackTag]) -> [(String, String)] {
        var p: [(String, String)] = []
        for (index, tag) in tags.enumerated() {
            p.append(("Tags.member.\(index + 1).Key", tag.key))
            p.append(("Tags.member.\(index + 1).Value", tag.value))
        }
        return p
    }

    // MARK: - Parsing

    static func stack(_ s: AWSXML) -> Stack {
        Stack(
            stackId: s.text("StackId") ?? "", stackName: s.text("StackName") ?? "", status: s.text("StackStatus") ?? "",
            statusReason: s.text("StackStatusReason"), detailedStatus: s.text("DetailedStatus"), description: s.text("Description"),
            creationTime: s.text("CreationTime").flatMap(AWSDate.parse), lastUpdatedTime: s.text("LastUpdatedTime").flatMap(AWSDate.parse),
            outputs: s.members("Outputs").map { o in
                StackOutput(key: o.text("OutputKey") ?? "", value: o.text("OutputValue") ?? "", description: o.text("Description"),
                            exportName: o.text("ExportName"))
            },
            parameters: s.members("Parameters").map(parameter),
            tags: s.members("Tags").map { StackTag(key: $0.text("Key") ?? "", value: $0.text("Value") ?? "") },
            capabilities: s.members("Capabilities").map(\.text), roleARN: s.text("RoleARN"), parentId: s.text("ParentId"),
            rootId: s.text("RootId"), changeSetId: s.text("ChangeSetId"),
            terminationProtection: s.text("EnableTerminationProtection") == "true")
    }

    static func parameter(_ p: AWSXML) -> StackParameter {
        StackParameter(
            key: p.text("ParameterKey") ?? "", value: p.text("ParameterValue"), usePreviousValue: p.text("UsePreviousValue") == "true",
            resolvedValue: p.text("ResolvedValue"))
    }

    static func event(_ e: AWSXML) -> StackEvent {
        StackEvent(
            eventId: e.text("EventId") ?? "", stackId: e.text("StackId") ?? "", stackName: e.text("StackName") ?? "",
            logicalResourceId: e.text("LogicalResourceId") ?? "", physicalResourceId: e.text("PhysicalResourceId"),
            resourceType: e.text("ResourceType") ?? "", timestamp: e.text("Timestamp").flatMap(AWSDate.parse) ?? .distantPast,
            resourceStatus: e.text("ResourceStatus") ?? "", resourceStatusReason: e.text("ResourceStatusReason"),
            clientRequestToken: e.text("ClientRequestToken"), detailedStatus: e.text("DetailedStatus"),
            hookType: e.text("HookType"), hookStatus: e.text("HookStatus"), hookStatusReason: e.text("HookStatusReason"),
            hookFailureMode: e.text("HookFailureMode"))
    }

    static func change(_ c: AWSXML) -> ResourceChange? {
        guard let r = c.child("ResourceChange") else { return nil }
        return ResourceChange(
            action: r.text("Action") ?? "", logicalResourceId: r.text("LogicalResourceId") ?? "",
            physicalResourceId: r.text("PhysicalResourceId"), resourceType: r.text("ResourceType") ?? "",
            replacement: r.text("Replacement"), scope: r.members("Scope").map(\.text),
            details: r.members("Details").map { d in
                ResourceChangeDetail(
                    evaluation: d.text("Evaluation"), changeSource: d.text("ChangeSource"), causingEntity: d.text("CausingEntity"),
                    targetAttribute: d.child("Target")?.text("Attribute"), targetName: d.child("Target")?.text("Name"),
                    requiresRecreation: d.child("Target")?.text("RequiresRecreation"))
            },
            changeSetId: r.text("ChangeSetId"))
    }
}
