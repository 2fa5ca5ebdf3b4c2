/// A CloudFormation stack name, `<project>-<environment>`, checked against CloudFormation's rules: a letter
/// first, then letters, digits and hyphens, at most 128 characters.
public struct StackName: Sendable, Hashable, Codable, CustomStringConvertible {
    public static let maximumLength = 128
    public static let defaultEnvironment = "dev"

    public let value: String

    /// Checks `value` itself.
    public init(_ value: String) throws(TemplateError) {
        if let reason = Self.problem(with: value) { throw .invalidStackName(value, reason: reason) }
        self.value = value
    }

    /// `<project>-<environment>`.
    public init(project: String, environment: String) throws(TemplateError) {
        if environment.isEmpty { throw .invalidStackName(environment, reason: "the environment name is empty") }
        try self.init("\(project)-\(environment)")
    }

    public var description: String { value }

    /// Decodes the name as a single string and checks it like `init(_:)`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Why CloudFormation would refuse `name`, or `nil`.
    public static func problem(with name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { return "the name is empty" }
        if bytes.count > maximumLength { return "it is \(bytes.count) characters long and the limit is \(maximumLength)" }
        if !isLetter(first) { return "it must start with a letter" }
        if let bad = bytes.first(where: { !isLetter($0) && !isDigit($0) && $0 != UInt8(ascii: "-") }) {
            let character = bad < 0x80 ? "`\(Character(Unicode.Scalar(bad)))`" : "a non-ASCII character"
            return "it contains \(character), and only letters, digits and `-` are allowed"
        }
        return nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
