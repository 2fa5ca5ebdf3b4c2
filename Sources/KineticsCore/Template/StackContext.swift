/// What every function of one stack shares: names derived from the stack, the project's tables and secrets.
struct StackContext: Sendable {
    struct Table: Sendable {
        /// The kvdb name from kinetics.toml.
        var name: String
        var logicalId: String
        /// `<stack>-<name>`, shortened to DynamoDB's limit.
        var physicalName: String
    }

    let stackName: StackName
    let project: String
    let environment: String
    let settings: TemplateSettings
    /// Sorted by kvdb name.
    let tables: [Table]
    /// SSM parameter names of the project's secrets, sorted.
    let secretParameters: [String]
    /// `.env` of the project.
    let projectEnvironment: [String: String]

    init(project: Project, environment: String, stackName: StackName, settings: TemplateSettings) throws(TemplateError) {
        self.stackName = stackName
        self.project = project.name
        self.environment = environment
        self.settings = settings
        self.projectEnvironment = project.environment

        var tables: [Table] = []
        var seen: Set<String> = []
        for table in project.tables.sorted(by: { $0.name < $1.name }) where seen.insert(table.name).inserted {
            guard !table.name.isEmpty, table.name.utf8.allSatisfy(Self.isTableCharacter) else { throw .invalidTableName(table.name) }
            tables.append(Table(
                name: table.name, logicalId: PhysicalName.logicalId(table.name) + "Table",
                physicalName: PhysicalName.fit("\(stackName.value)-\(table.name)", limit: PhysicalName.tableLimit)))
        }
        self.tables = tables

        var secrets: [String] = []
        for secret in project.secretNames.sorted() {
            guard !secret.isEmpty, secret.utf8.allSatisfy(Self.isSecretCharacter) else { throw .invalidSecretName(secret) }
            secrets.append(SecretParameterName.name(project: project.name, environment: environment, secret: secret))
        }
        self.secretParameters = secrets
    }

    /// `<stack>-<suffix>` within `limit`.
    func physicalName(_ suffix: String, limit: Int, ending: String = "") -> String {
        PhysicalName.fit("\(stackName.value)-\(suffix)", limit: limit, suffix: ending)
    }

    func hasEndpoints(_ units: [FunctionUnit]) -> Bool { units.contains(where: \.isEndpoint) }

    // MARK: - Shared resources

    /// The tables, and the HTTP API with its default stage when there are endpoints.
    func sharedResources(withAPI: Bool) -> [String: TemplateJSON] {
        var resources: [String: TemplateJSON] = [:]
        for table in tables {
            resources[table.logicalId] = FunctionUnit.resource("AWS::DynamoDB::Table", [
                "TableName": .string(table.physicalName),
                "BillingMode": .string("PAY_PER_REQUEST"),
                "AttributeDefinitions": .array([.object(["AttributeName": .string("id"), "AttributeType": .string("S")])]),
                "KeySchema": .array([.object(["AttributeName": .string("id"), "KeyType": .string("HASH")])]),
            ])
        }
        if withAPI {
            let api = TemplateGenerator.apiLogicalId
            resources[api] = FunctionUnit.resource("AWS::ApiGatewayV2::Api", [
                "Name": .string(PhysicalName.fit(stackName.value, limit: PhysicalName.apiLimit)),
                "ProtocolType": .string("HTTP"),
            ], condition: TemplateGenerator.publicCondition)
            resources[api + "Stage"] = FunctionUnit.resource("AWS::ApiGatewayV2::Stage", [
                "ApiId": .ref(api),
                "StageName": .string("$default"),
                "AutoDeploy": .bool(true),
            ], condition: TemplateGenerator.publicCondition)
        }
        return resources
    }

    /// Table names, and the base URL when there are endpoints.
    func sharedOutputs(withAPI: Bool) -> [String: TemplateJSON] {
        var outputs: [String: TemplateJSON] = [:]
        for table in tables {
            outputs[table.logicalId + "Name"] = .object([
                "Description": .string("DynamoDB table of kvdb \(table.name)"),
                "Value": .ref(table.logicalId),
            ])
        }
        if withAPI {
            outputs["BaseURL"] = .object([
                "Condition": .string(TemplateGenerator.publicCondition),
                "Description": .string("The project's base URL; it routes every endpoint's url_path"),
                "Value": .getAtt(TemplateGenerator.apiLogicalId, "ApiEndpoint"),
            ])
        }
        return outputs
    }

    private static func isTableCharacter(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private static func isSecretCharacter(_ b: UInt8) -> Bool { isTableCharacter(b) }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        ((b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}
