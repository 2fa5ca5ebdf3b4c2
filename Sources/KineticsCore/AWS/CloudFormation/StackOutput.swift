/// One output of a stack (`Outputs.member.N` of `DescribeStacks`), such as a function URL.
public struct StackOutput: Codable, Sendable, Hashable {
    public var key: String
    public var value: String
    public var description: String?
    public var exportName: String?

    public init(key: String, value: String, description: String? = nil, exportName: String? = nil) {
        self.key = key
        self.value = value
        self.description = description
        self.exportName = exportName
    }
}
