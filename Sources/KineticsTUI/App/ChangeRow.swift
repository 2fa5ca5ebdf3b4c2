/// One resource change of a change set, from `DescribeChangeSet`.
struct ChangeRow: Hashable, Sendable {
    enum Action: String, Hashable, Sendable {
        case add = "Add"
        case modify = "Modify"
        case remove = "Remove"
        case `import` = "Import"
        case dynamic = "Dynamic"
    }

    enum Replacement: String, Hashable, Sendable {
        case yes = "True"
        case no = "False"
        case conditional = "Conditional"
    }

    var action: Action
    var logicalId: String
    var resourceType: String
    /// Only for `Modify`: whether CloudFormation replaces the resource.
    var replacement: Replacement?

    init(action: Action, logicalId: String, resourceType: String, replacement: Replacement? = nil) {
        self.action = action
        self.logicalId = logicalId
        self.resourceType = resourceType
        self.replacement = replacement
    }
}
