import Foundation

/// Where a service's requests go.
public struct AWSEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// A path prefix of a custom endpoint, without a trailing slash (usually empty).
    public var basePath: String
    /// Whether this came from configuration (`--endpoint-url`, `AWS_ENDPOINT_URL…`) rather than AWS's defaults;
    /// S3 uses path-style addressing on custom endpoints.
    public var isCustom: Bool

    public init(scheme: String, host: String, port: Int? = nil, basePath: String = "", isCustom: Bool) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.basePath = basePath
        self.isCustom = isCustom
    }

    /// Parses `https://host[:port][/path]`; `nil` unless it is an absolute http(s) URL with a host.
    public init?(url string: String, isCustom: Bool = true) {
        guard let components = URLComponents(string: string.trimmingCharacters(in: .whitespaces)),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.init(scheme: scheme, host: host, port: components.port, basePath: path, isCustom: isCustom)
    }

    /// The default AWS endpoint of `service` in `region`.
    public static func standard(_ service: AWSService, region: String) -> AWSEndpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return AWSEndpoint(scheme: "https", host: "\(service.endpointPrefix).\(region).\(suffix)", isCustom: false)
    }

    public var url: String {
        let defaultPort = (scheme == "https" && port == 443) || (scheme == "http" && port == 80)
        let hostPart = port.map { defaultPort ? host : "\(host):\($0)" } ?? host
        return "\(scheme)://\(hostPart)\(basePath)"
    }

    public var description: String { url }
}
