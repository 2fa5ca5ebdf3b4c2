import Foundation

// MARK: - Text and JSON

extension ChangeSetDiff {
    /// The diff as lines for a terminal or a CI log: a summary, then one line per resource (nested ones indented),
    /// every outside string stripped of control and escape sequences.
    ///
    /// ```
    /// Change set for shop-dev (UPDATE): 1 to add, 2 to modify (1 replaced), 0 to remove
    ///   + OrdersQueue                AWS::SQS::Queue
    ///   ~ ProductsGetFunction        AWS::Lambda::Function  [Code]
    ///   ~ OrdersTable                AWS::DynamoDB::Table   replacement: yes [KeySchema]
    /// ```
    public func textLines() -> [String] {
        let stack = TextSanitizer.sanitize(stackName)
        guard !isEmpty else { return ["Change set for \(stack) (\(changeSetType)): no changes"] }
        let c = counts
        var lines = [
            "Change set for \(stack) (\(changeSetType)): \(c.add) to add, \(c.modify) to modify"
                + (c.replace > 0 ? " (\(c.replace) replaced)" : "") + ", \(c.remove) to remove",
        ]
        appendEntries(to: &lines, depth: 1)
        return lines
    }

    private func appendEntries(to lines: inout [String], depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        let width = entries.map { TextSanitizer.sanitize($0.logicalResourceId).count }.max() ?? 0
        let typeWidth = entries.map { TextSanitizer.sanitize($0.resourceType).count }.max() ?? 0
        for entry in entries {
            let name = TextSanitizer.sanitize(entry.logicalResourceId)
            let type = TextSanitizer.sanitize(entry.resourceType)
            var line = "\(indent)\(entry.action.symbol) \(name.padding(toLength: width, withPad: " ", startingAt: 0))  "
                + type.padding(toLength: typeWidth, withPad: " ", startingAt: 0)
            switch entry.replacement {
            case .always: line += "  replacement: yes"
            case .conditional: line += "  replacement: conditional"
            case .never, nil: break
            }
            if !entry.changedProperties.isEmpty {
                line += "  [" + entry.changedProperties.map { TextSanitizer.sanitize($0) }.joined(separator: ", ") + "]"
            }
            lines.append(line.trimmingTrailingSpaces())
            for nested in entry.nested { nested.appendEntries(to: &lines, depth: depth + 1) }
        }
    }

    /// The diff as one JSON object (sorted keys, ISO 8601 dates), with `counts` included.
    public func jsonData() -> Data {
        struct Document: Encodable {
            var diff: ChangeSetDiff
            var counts: Counts
            enum CodingKeys: String, CodingKey { case stackName, changeSetId, changeSetName, changeSetType, entries, creationTime, statusReason, counts, isEmpty }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(diff.stackName, forKey: .stackName)
                try c.encode(diff.changeSetId, forKey: .changeSetId)
                try c.encode(diff.changeSetName, forKey: .changeSetName)
                try c.encode(diff.changeSetType, forKey: .changeSetType)
                try c.encode(diff.entries, forKey: .entries)
                try c.encodeIfPresent(diff.creationTime, forKey: .creationTime)
                try c.encodeIfPresent(diff.statusReason, forKey: .statusReason)
                try c.encode(counts, forKey: .counts)
                try c.encode(diff.isEmpty, forKey: .isEmpty)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(Document(diff: self, counts: counts))) ?? Data("{}".utf8)
    }

    /// The lines of the plan recorded in the cache for this diff (root and nested entries alike).
    public var planChanges: [SessionPlan.Change] {
        entries.flatMap { entry in
            [SessionPlan.Change(
                action: entry.action.rawValue.capitalized, logicalResourceId: entry.logicalResourceId,
                resourceType: entry.resourceType, replacement: entry.replacement.map(\.cloudFormationValue))]
                + entry.nested.flatMap(\.planChanges)
        }
    }
}

extension ChangeSetDiff.Replacement {
    /// `True`, `Conditional` or `False`, as CloudFormation writes it.
    public var cloudFormationValue: String {
        switch self {
        case .always: "True"
        case .conditional: "Conditional"
        case .never: "False"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
