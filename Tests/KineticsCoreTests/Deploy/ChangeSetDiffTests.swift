import Foundation
import Testing
@testable import KineticsCore

@Suite("Change set diffs")
struct ChangeSetDiffTests {
    static func change(
        _ action: String, _ id: String, _ type: String, replacement: String? = nil, properties: [String] = [], nested: String? = nil
    ) -> ResourceChange {
        ResourceChange(
            action: action, logicalResourceId: id, physicalResourceId: nil, resourceType: type, replacement: replacement,
            scope: properties.isEmpty ? [] : ["Properties"],
            details: properties.map { ResourceChangeDetail(evaluation: "Static", changeSource: "DirectModification", targetAttribute: "Properties", targetName: $0, requiresRecreation: "Never") }
                + properties.map { ResourceChangeDetail(targetAttribute: "Properties", targetName: $0) },
            changeSetId: nested)
    }

    static func changeSet(_ changes: [ResourceChange], status: String = "CREATE_COMPLETE", reason: String? = nil) -> ChangeSet {
        ChangeSet(
            changeSetId: "arn:cs/1", changeSetName: "kinetics-1", stackId: "arn:stack/shop-dev", stackName: "shop-dev", status: status,
            statusReason: reason, executionStatus: "AVAILABLE", description: nil, creationTime: Date(timeIntervalSince1970: 1_700_000_000),
            parameters: [], capabilities: [], changes: changes, nextToken: nil)
    }

    @Test("adds, modifications with each kind of replacement, removals and a nested change set are counted and rendered")
    func structured() throws {
        let child = ChangeSetDiff(
            changeSet: Self.changeSet([Self.change("Add", "WorkerQueue", "AWS::SQS::Queue")]), stackName: "shop-dev-Functions", changeSetType: "UPDATE")
        let diff = ChangeSetDiff(
            changeSet: Self.changeSet([
                Self.change("Add", "OrdersQueue", "AWS::SQS::Queue"),
                Self.change("Modify", "ApiFunction", "AWS::Lambda::Function", replacement: "False", properties: ["Code", "Code", "Environment"]),
                Self.change("Modify", "OrdersTable", "AWS::DynamoDB::Table", replacement: "True", properties: ["KeySchema"]),
                Self.change("Modify", "Role", "AWS::IAM::Role", replacement: "Conditional"),
                Self.change("Remove", "OldRule", "AWS::Events::Rule"),
                Self.change("Modify", "Functions", "AWS::CloudFormation::Stack", replacement: "False", nested: "arn:cs/child"),
            ]),
            stackName: "shop-dev", changeSetType: "UPDATE", nested: ["arn:cs/child": child])
        #expect(diff.counts == ChangeSetDiff.Counts(add: 2, modify: 4, remove: 1, replace: 2, total: 7))
        #expect(diff.rootChangeCount == 6)
        #expect(diff.entries[1].changedProperties == ["Code", "Environment"])
        #expect(diff.entries[2].replacement == .always)
        #expect(diff.entries[3].replacement == .conditional)
        #expect(diff.entries[4].replacement == nil)
        #expect(diff.entries[5].nested.first?.entries.map(\.logicalResourceId) == ["WorkerQueue"])
        let lines = diff.textLines()
        #expect(lines[0] == "Change set for shop-dev (UPDATE): 2 to add, 4 to modify (2 replaced), 1 to remove")
        #expect(lines.contains { $0.contains("~ OrdersTable") && $0.contains("replacement: yes") && $0.contains("[KeySchema]") })
        #expect(lines.contains { $0.contains("~ Role") && $0.contains("replacement: conditional") })
        #expect(lines.contains { $0.hasPrefix("  - OldRule") })
        #expect(lines.contains { $0.hasPrefix("    + WorkerQueue") })
        let json = try #require(try JSONSerialization.jsonObject(with: diff.jsonData()) as? [String: Any])
        #expect((json["counts"] as? [String: Any])?["replace"] as? Int == 2)
        #expect((json["entries"] as? [Any])?.count == 6)
        #expect(diff.planChanges.count == 7)
        #expect(diff.planChanges[2].replacement == "True")
    }

    @Test("an empty change set is no changes, with CloudFormation's reason kept", arguments: [
        "The submitted information didn't contain changes. Submit different information to create a change set.",
        "No updates are to be performed.",
    ])
    func empty(reason: String) {
        let changeSet = Self.changeSet([], status: "FAILED", reason: reason)
        #expect(changeSet.isEmpty)
        let diff = ChangeSetDiff(changeSet: changeSet, stackName: "shop-dev", changeSetType: "UPDATE")
        #expect(diff.isEmpty)
        #expect(diff.statusReason == reason)
        #expect(diff.textLines() == ["Change set for shop-dev (UPDATE): no changes"])
    }

    @Test("a refused change set is not mistaken for an empty one")
    func refused() {
        #expect(!Self.changeSet([], status: "FAILED", reason: "Template format error: Unresolved resource dependencies [Missing]").isEmpty)
    }

    @Test("escape sequences in names are stripped from the text")
    func sanitized() {
        let diff = ChangeSetDiff(
            changeSet: Self.changeSet([Self.change("Add", "Evil\u{1B}[2J", "AWS::SQS::Queue\u{7}")]), stackName: "shop\u{1B}]0;x\u{7}-dev",
            changeSetType: "CREATE")
        for line in diff.textLines() { #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }) }
    }
}
