/// A JSON value of a CloudFormation template, written deterministically.
///
/// Objects are written with their keys sorted by their UTF-8 bytes and no whitespace, so equal values give
/// byte-identical documents on every platform and run.
public indirect enum TemplateJSON: Sendable, Hashable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([TemplateJSON])
    case object([String: TemplateJSON])

    // MARK: - Intrinsic functions

    static func ref(_ logicalId: String) -> TemplateJSON { .object(["Ref": .string(logicalId)]) }

    static func getAtt(_ logicalId: String, _ attribute: String) -> TemplateJSON {
        .object(["Fn::GetAtt": .array([.string(logicalId), .string(attribute)])])
    }

    static func sub(_ text: String) -> TemplateJSON { .object(["Fn::Sub": .string(text)]) }

    static func sub(_ text: String, _ variables: [String: TemplateJSON]) -> TemplateJSON {
        .object(["Fn::Sub": .array([.string(text), .object(variables)])])
    }

    static func `if`(_ condition: String, _ then: TemplateJSON, _ otherwise: TemplateJSON) -> TemplateJSON {
        .object(["Fn::If": .array([.string(condition), then, otherwise])])
    }

    static func strings(_ values: [String]) -> TemplateJSON { .array(values.map(TemplateJSON.string)) }

    // MARK: - Writing

    /// The compact JSON text of this value, keys sorted.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .string(let text):
            Self.writeString(text, into: &out)
        case .int(let value):
            out.append(contentsOf: String(value).utf8)
        case .bool(let value):
            out.append(contentsOf: (value ? "true" : "false").utf8)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
