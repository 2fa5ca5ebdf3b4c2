import Foundation

/// What a change set will do to a stack, per logical id: the structured diff the user confirms before a deploy.
///
/// Built from every page of `DescribeChangeSet`; a nested stack's change carries the diff of its own change set
/// (`nested`), so the whole tree is visible. An empty change set ("didn't contain changes", "No updates are to
/// be performed") is a diff with no entries and `isEmpty` true, not an error.
public struct ChangeSetDiff: Codable, Sendable, Hashable {
    /// What happens to one resource.
    public enum Action: String, Codable, Sendable, Hashable, CaseIterable {
        case add, modify, remove
        case `import`
        case dynamic

        init(_ raw: String) {
            switch raw {
            case "Add": self = .add
            case "Remove": self = .remove
            case "Import": self = .import
            case "Dynamic": self = .dynamic
            default: self = .modify
            }
        }

        /// The sign shown in front of the entry: `+`, `~`, `-`, `>`, `?`.
        public var symbol: String {
            switch self {
            case .add: "+"
            case .modify: "~"
            case .remove: "-"
            case .import: ">"
            case .dynamic: "?"
            }
        }
    }

    /// Whether a modification replaces the resource (a new physical resource, the old one deleted).
    public enum Replacement: String, Codable, Sendable, Hashable {
        /// `True`: it will be replaced.
        case always
        /// `Conditional`: it may be, depending on values known only during the update.
        case conditional
        /// `False`: updated in place.
        case never

        init?(_ raw: String?) {
            switch raw {
            case "True": self = .always
            case "Conditional": self = .conditional
            case "False": self = .never
            default: return nil
            }
        }
    }

    /// One resource's change.
    public struct Entry: Codable, Sendable, Hashable, Identifiable {
        public var action: Action
        public var logicalResourceId: String
        public var physicalResourceId: String?
        public var resourceType: String
        /// For modifications; `nil` for additions and removals.
        public var replacement: Replacement?
        /// What part of the resource changes: `Properties`, `Tags`, `Metadata`…
        public var scope: [String]
        /// Names of the properties that change, sorted, without repeats.
        public var changedProperties: [String]
        /// For a nested stack: the diff of its own change set (zero or one element).
        public var nested: [ChangeSetDiff]

        public init(
            action: Action, logicalResourceId: String, physicalResourceId: String? = nil, resourceType: String,
            replacement: Replacement? = nil, scope: [String] = [], changedProperties: [String] = [], nested: [ChangeSetDiff] = []
        ) {
            self.action = action
            self.logicalResourceId = logicalResourceId
            self.physicalResourceId = physicalResourceId
            self.resourceType = resourceType
            self.replacement = replacement
            self.scope = scope
            self.changedProperties = changedProperties
            self.nested = nested
        }

        public var id: String { logicalResourceId }

        /// Whether the resource will (or may) be replaced.
        public var replaces: Bool { replacement == .always || replacement == .conditional }
    }

    /// How many of each.
    public struct Counts: Codable, Sendable, Hashable {
        public var add = 0
        public var modify = 0
        public var remove = 0
        /// Modifications that replace (or may replace) the resource.
        public var replace = 0
        /// Every entry, nested ones included.
        public var total = 0

        public init(add: Int = 0, modify: Int = 0, remove: Int = 0, replace: Int = 0, total: Int = 0) {
            self.add = add
            self.modify = modify
            self.remove = remove
            self.replace = replace
            self.total = total
        }
    }

    public var stackName: String
    public var changeSetId: String
    public var changeSetName: String
    /// `CREATE` for a new stack, `UPDATE` for an existing one.
    public var changeSetType: String
    /// Entries in the order CloudFormation lists them.
    public var entries: [Entry]
    /// Server time at which the change set was created (scopes the tail of its execution).
    public var creationTime: Date?
    /// CloudFormation's reason for an empty change set, raw.
    public var statusReason: String?

    public init(
        stackName: String, changeSetId: String, changeSetName: String, changeSetType: String, entries: [Entry],
        creationTime: Date? = nil, statusReason: String? = nil
    ) {
        self.stackName = stackName
        self.changeSetId = changeSetId
        self.changeSetName = changeSetName
        self.changeSetType = changeSetType
        self.entries = entries
        self.creationTime = creationTime
        self.statusReason = statusReason
    }

    /// The diff of a described change set (all pages), with the diffs of nested change sets by their id.
    public init(changeSet: ChangeSet, stackName: String, changeSetType: String, nested: [String: ChangeSetDiff] = [:]) {
        self.init(
            stackName: stackName, changeSetId: changeSet.changeSetId, changeSetName: changeSet.changeSetName,
            changeSetType: changeSetType,
            entries: changeSet.changes.map { change in
                Entry(
                    action: Action(change.action), logicalResourceId: change.logicalResourceId,
                    physicalResourceId: change.physicalResourceId, resourceType: change.resourceType,
                    replacement: change.action == "Modify" ? Replacement(change.replacement) : nil, scope: change.scope,
                    changedProperties: Array(Set(change.details.compactMap(\.targetName))).sorted(),
                    nested: change.changeSetId.flatMap { nested[$0] }.map { [$0] } ?? [])
            },
            creationTime: changeSet.creationTime, statusReason: changeSet.isEmpty ? changeSet.statusReason : nil)
    }

    /// Nothing to do: CloudFormation found no change.
    public var isEmpty: Bool { entries.isEmpty }

    /// Counts over the whole tree, nested change sets included.
    public var counts: Counts {
        var counts = Counts()
        for entry in entries {
            counts.total += 1
            switch entry.action {
            case .add, .import: counts.add += 1
            case .modify, .dynamic: counts.modify += 1
            case .remove: counts.remove += 1
            }
            if entry.replaces { counts.replace += 1 }
            for nested in entry.nested {
                let inner = nested.counts
                counts.add += inner.add
                counts.modify += inner.modify
                counts.remove += inner.remove
                counts.replace += inner.replace
                counts.total += inner.total
            }
        }
        return counts
    }

    /// The number of root-stack changes: the `m` of the tail's progress `n/m`.
    public var rootChangeCount: Int { entries.count }
}
