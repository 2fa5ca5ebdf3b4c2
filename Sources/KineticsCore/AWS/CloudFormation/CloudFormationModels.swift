import Foundation

/// A stack, as `DescribeStacks` returns it.
public struct Stack: Sendable, Hashable {
    public var stackId: String
    public var stackName: String
    /// e.g. `CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, `REVIEW_IN_PROGRESS`.
    public var status: String
    public var statusReason: String?
    public var detailedStatus: String?
    public var description: String?
    public var creationTime: Date?
    public var lastUpdatedTime: Date?
    public var outputs: [StackOutput]
    public var parameters: [StackParameter]
    public var tags: [StackTag]
    public var capabilities: [String]
    public var roleARN: String?
    public var parentId: String?
    public var rootId: String?
    public var changeSetId: String?
    public var terminationProtection: Bool

    public init(
        stackId: String, stackName: String, status: String, statusReason: String? = nil, detailedStatus: String? = nil,
        description: String? = nil, creationTime: Date? = nil, lastUpdatedTime: Date? = nil, outputs: [StackOutput] = [],
        parameters: [StackParameter] = [], tags: [StackTag] = [], capabilities: [String] = [], roleARN: String? = nil,
        parentId: String? = nil, rootId: String? = nil, changeSetId: String? = nil, terminationProtection: Bool = false
    ) {
        self.stackId = stackId
        self.stackName = stackName
        self.status = status
        self.statusReason = statusReason
        self.detailedStatus = detailedStatus
        self.description = description
        self.creationTime = creationTime
        self.lastUpdatedTime = lastUpdatedTime
        self.outputs = outputs
        self.parameters = parameters
        self.tags = tags
        self.capabilities = capabilities
        self.roleARN = roleARN
        self.parentId = parentId
        self.rootId = rootId
        self.changeSetId = changeSetId
        self.terminationProtection = terminationProtection
    }

    /// The value of output `key`.
    public func output(_ key: String) -> String? { outputs.first { $0.key == key }?.value }
}

/// A template parameter value, for input (`usePreviousValue`) and output (`resolvedValue` of SSM-typed ones).
public struct StackParameter: Sendable, Hashable {
    public var key: String
    public var value: String?
    public var usePreviousValue: Bool
    public var resolvedValue: String?

    public init(key: String, value: String? = nil, usePreviousValue: Bool = false, resolvedValue: String? = nil) {
        self.key = key
        self.value = value
        self.usePreviousValue = usePreviousValue
        self.resolvedValue = resolvedValue
    }
}

public struct StackTag: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One page of `DescribeStacks`.
public struct StacksPage: Sendable, Hashable {
    public var stacks: [Stack]
    public var nextToken: String?
}

/// A resource of a stack, as `DescribeStackResources` returns it.
public struct StackResource: Sendable, Hashable {
    public var stackId: String?
    public var stackName: String?
    public var logicalResourceId: String
    public var physicalResourceId: String?
    public var resourceType: String
    public var status: String
    public var statusReason: String?
    public var timestamp: Date?
    public var description: String?
}

/// A change set, as `DescribeChangeSet` returns it; `changes` holds one page, `nextToken` leads to the next.
public struct ChangeSet: Sendable, Hashable {
    public var changeSetId: String
    public var changeSetName: String
    public var stackId: String?
    public var stackName: String?
    /// `CREATE_PENDING`, `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `DELETE_*`, `FAILED`.
    public var status: String
    public var statusReason: String?
    /// `UNAVAILABLE`, `AVAILABLE`, `EXECUTE_IN_PROGRESS`, `EXECUTE_COMPLETE`, `EXECUTE_FAILED`, `OBSOLETE`.
    public var executionStatus: String?
    public var description: String?
    public var creationTime: Date?
    public var parameters: [StackParameter]
    public var capabilities: [String]
    public var changes: [ResourceChange]
    public var nextToken: String?

    /// A change set CloudFormation refused because the template changes nothing: "no changes", not an error.
    public var isEmpty: Bool {
        guard status == "FAILED", let reason = statusReason else { return false }
        return reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
            || reason.contains("submitted information didn't contain changes")
    }
}

/// One resource change of a change set.
public struct ResourceChange: Sendable, Hashable {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    public var action: String
    public var logicalResourceId: String
    public var physicalResourceId: String?
    public var resourceType: String
    /// `True`, `False` or `Conditional`.
    public var replacement: String?
    /// `Properties`, `Metadata`, `CreationPolicy`, `UpdatePolicy`, `DeletionPolicy`, `UpdateReplacePolicy`, `Tags`.
    public var scope: [String]
    public var details: [ResourceChangeDetail]
    /// For a nested stack (with `IncludeNestedStacks`): the id of the nested stack's own change set.
    public var changeSetId: String? = nil
}

public struct ResourceChangeDetail: Sendable, Hashable {
    /// `Static` or `Dynamic`.
    public var evaluation: String?
    /// `ResourceReference`, `ParameterReference`, `ResourceAttribute`, `DirectModification`, `Automatic`.
    public var changeSource: String?
    public var causingEntity: String?
    /// The attribute changed: `Properties`, `Tags`…
    public var targetAttribute: String?
    /// The property name, for property changes.
    public var targetName: String?
    /// `Never`, `Conditionally` or `Always`.
    public var requiresRecreation: String?
}

/// What `ValidateTemplate` says of a template.
public struct TemplateValidation: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var key: String
        public var defaultValue: String?
        public var noEcho: Bool
        public var description: String?
    }

    public var parameters: [Parameter]
    public var description: String?
    public var capabilities: [String]
    public var capabilitiesReason: String?
}

/// Where a template comes from: inline (up to 51,200 bytes) or an S3 URL (up to 1 MB).
public enum TemplateSource: Sendable, Hashable {
    case body(String)
    case url(String)
}
