import Foundation
import Testing
@testable import KineticsCore

/// CloudFormation responses as AWS writes them (fields moto leaves out: hooks, detailed status, change details,
/// paging) are read into the models.
@Suite("CloudFormation responses are parsed into the models")
struct CloudFormationParsingTests {
    static func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/AWS/CloudFormation/\(name)", withExtension: "xml"))
        return try Data(contentsOf: url)
    }

    static func client(_ bodies: [Data]) -> (CloudFormationClient, FakeHTTPTransport) {
        let transport = FakeHTTPTransport(bodies.map { .response(HTTPResponse(status: 200, body: $0)) })
        let client = AWSClient(
            configuration: AWSConfiguration(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s"), region: "eu-west-1"),
            transport: transport, clock: RecordingClock())
        return (CloudFormationClient(client: client), transport)
    }

    @Test("stack events, with hooks, detailed status and the next page's token")
    func events() async throws {
        let (cfn, transport) = Self.client([try Self.fixture("describe-stack-events-page1")])
        let page = try await cfn.describeStackEvents(stackName: "demo-dev", nextToken: "page-1")
        #expect(page.nextToken == "page-2-token")
        #expect(page.events.count == 2)
        let failed = page.events[0]
        #expect(failed.resourceStatus == "UPDATE_FAILED")
        #expect(failed.resourceStatusReason == "Resource handler returned message: \"Code storage limit exceeded. (Service: Lambda, Status Code: 400)\" & more")
        #expect(failed.hookStatus == "HOOK_COMPLETE_FAILED")
        #expect(failed.hookType == "Private::Guard::Hook")
        #expect(failed.hookFailureMode == "FAIL")
        #expect(failed.clientRequestToken == "kinetics-abc")
        #expect(failed.timestamp == Date(timeIntervalSince1970: 1_714_564_805.123))
        #expect(page.events[1].isStackEvent)
        #expect(page.events[1].detailedStatus == "CONFIGURATION_COMPLETE")
        let sent = try #require(transport.requests.first)
        guard case .data(let body) = sent.body else { Issue.record("no body"); return }
        let form = String(decoding: body, as: UTF8.self)
        #expect(form == "Action=DescribeStackEvents&Version=2010-05-15&StackName=demo-dev&NextToken=page-1")
        #expect(sent.headers["Content-Type"] == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(sent.host == "cloudformation.eu-west-1.amazonaws.com")
    }

    @Test("a change set with its changes, details and paging; all pages are followed")
    func changeSet() async throws {
        let second = try Self.fixture("describe-change-set-empty")
        let (cfn, transport) = Self.client([try Self.fixture("describe-change-set"), second])
        let changeSet = try await cfn.describeChangeSetAllPages(name: "kinetics-20240501", stackName: "demo-dev")
        #expect(transport.requests.count == 2)
        #expect(changeSet.status == "CREATE_COMPLETE")
        #expect(changeSet.executionStatus == "AVAILABLE")
        #expect(changeSet.capabilities == ["CAPABILITY_IAM"])
        #expect(changeSet.parameters == [StackParameter(key: "Env", value: "dev")])
        #expect(changeSet.nextToken == nil)
        let modify = try #require(changeSet.changes.first)
        #expect(modify.action == "Modify")
        #expect(modify.replacement == "False")
        #expect(modify.scope == ["Properties"])
        #expect(modify.details.first?.targetName == "Code")
        #expect(modify.details.first?.requiresRecreation == "Never")
        #expect(modify.details.first?.changeSource == "DirectModification")
        #expect(changeSet.changes[1].action == "Add")
        #expect(changeSet.changes[1].physicalResourceId == nil)
    }

    @Test("a change set that changes nothing is recognised as empty")
    func emptyChangeSet() async throws {
        let (cfn, _) = Self.client([try Self.fixture("describe-change-set-empty")])
        let changeSet = try await cfn.describeChangeSet(name: "kinetics-2")
        #expect(changeSet.isEmpty)
        #expect(changeSet.changes.isEmpty)
    }

    @Test("stack inputs are encoded as Query members, with a client request token")
    func createStackEncoding() async throws {
        let (cfn, transport) = Self.client([Data("<CreateStackResponse><CreateStackResult><StackId>arn:s</StackId></CreateStackResult></CreateStackResponse>".utf8)])
        let id = try await cfn.createStack(.init(
            stackName: "demo-dev", template: .url("https://b.s3.amazonaws.com/t.json"),
            parameters: [StackParameter(key: "A", value: "x y"), StackParameter(key: "B", usePreviousValue: true)],
            capabilities: ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"], tags: [StackTag(key: "k", value: "v+w")],
            clientRequestToken: "tok-1"))
        #expect(id == "arn:s")
        guard case .data(let body) = try #require(transport.requests.first).body else { Issue.record("no body"); return }
        let form = String(decoding: body, as: UTF8.self)
        #expect(form == "Action=CreateStack&Version=2010-05-15&StackName=demo-dev&ClientRequestToken=tok-1"
            + "&TemplateURL=https%3A%2F%2Fb.s3.amazonaws.com%2Ft.json"
            + "&Parameters.member.1.ParameterKey=A&Parameters.member.1.ParameterValue=x+y"
            + "&Parameters.member.2.ParameterKey=B&Parameters.member.2.UsePreviousValue=true"
            + "&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_AUTO_EXPAND"
            + "&Tags.member.1.Key=k&Tags.member.1.Value=v%2Bw")
    }

    @Test("'No updates are to be performed' is recognised")
    func noUpdates() {
        let error = AWSError.serviceError(
            service: .cloudFormation, operation: "UpdateStack", status: 400,
            info: AWSErrorBody(code: "ValidationError", message: "No updates are to be performed."), attempts: 1, credentials: nil)
        #expect(CloudFormationClient.isNoUpdates(error))
    }
}
