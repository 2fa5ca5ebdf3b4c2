import Foundation

/// The code, message and request id an AWS error response carries, from whichever protocol it speaks.
public struct AWSErrorBody: Sendable, Hashable {
    public var code: String?
    public var message: String?
    public var requestId: String?

    public init(code: String? = nil, message: String? = nil, requestId: String? = nil) {
        self.code = code
        self.message = message
        self.requestId = requestId
    }

    /// Reads an error response: Query/REST-XML (`<ErrorResponse><Error><Code>…`, `<Error><Code>…`), JSON
    /// (`{"__type": "…#Code", "message": …}` and `x-amzn-ErrorType`), or nothing (a HEAD), in which case the code
    /// comes from the status.
    public static func parse(_ response: HTTPResponse) -> AWSErrorBody {
        var body = AWSErrorBody()
        body.requestId = response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
            ?? response.headers["x-amzn-requestid"]
        let data = response.body
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if first == UInt8(ascii: "<"), let root = try? AWSXML.parse(data) {
            let error = root.name == "Error" ? root : (root.child("Error") ?? root.child("Errors")?.child("Error"))
            body.code = error?.text("Code")
            body.message = error?.text("Message") ?? error?.text("message")
            body.requestId = root.text("RequestId") ?? root.text("RequestID") ?? error?.text("RequestId") ?? body.requestId
        } else if first == UInt8(ascii: "{"),
                  let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] {
            let type = (object["__type"] as? String) ?? (object["code"] as? String) ?? (object["Code"] as? String)
            body.code = type.map(Self.shortCode)
            body.message = (object["message"] as? String) ?? (object["Message"] as? String) ?? (object["errorMessage"] as? String)
        }
        if body.code == nil, let header = response.headers["x-amzn-ErrorType"] {
            body.code = shortCode(header)
        }
        if body.code == nil {
            body.code = switch response.status {
            case 301: "PermanentRedirect"
            case 304: "NotModified"
            case 400: "BadRequest"
            case 403: "Forbidden"
            case 404: "NotFound"
            case 412: "PreconditionFailed"
            case 429: "TooManyRequestsException"
            case 503: "ServiceUnavailable"
            default: nil
            }
            if body.message == nil, !data.isEmpty {
                body.message = String(decoding: data.prefix(200), as: UTF8.self)
            }
        }
        return body
    }

    /// `com.amazonaws.ssm#ParameterNotFound` or `ParameterNotFound:http://…` → `ParameterNotFound`.
    static func shortCode(_ raw: String) -> String {
        var code = Substring(raw)
        if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
        if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
        return String(code)
    }
}
