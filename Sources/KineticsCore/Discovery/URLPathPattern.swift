/// Checks an endpoint's `url_path` and gives the route it takes behind CloudFront.
///
/// A path starts with `/`; its segments are literal (RFC 3986 path characters, `%XX` escapes), a parameter
/// `{name}`, or, as the last segment only, a catch-all `{*rest}`. CloudFront routes by path pattern, so two
/// endpoints whose paths differ only in parameter names take the same route.
public enum URLPathPattern {
    /// CloudFront's limit on a cache behaviour's path pattern.
    public static let maximumLength = 255

    /// Why `path` is not a valid `url_path`, as a sentence that says what to change; `nil` when it is valid.
    public static func problem(in path: String) -> String? {
        if isValidASCII(path) { return nil }
        guard path.hasPrefix("/") else {
            return "`url_path` must start with `/`, e.g. `\"/\(path)\"`"
        }
        guard path.utf8.count <= maximumLength else {
            return "`url_path` is \(path.utf8.count) bytes long; CloudFront allows \(maximumLength)"
        }
        if path == "/" { return nil }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var parameters: Set<String> = []
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment.isEmpty {
                if isLast { continue }  // a trailing slash
                return "`\(path)` has an empty segment (`//`); remove the extra `/`"
            }
            if segment.hasPrefix("{") || segment.hasSuffix("}") || segment.contains("{") || segment.contains("}") {
                guard segment.hasPrefix("{"), segment.hasSuffix("}"), segment.count >= 3 else {
                    return "`\(segment)` in `\(path)`: a parameter must be a whole segment, like `/{id}` or `/{*rest}`"
                }
                var name = segment.dropFirst().dropLast()
                if name.hasPrefix("*") {
                    guard isLast else { return "`\(segment)` in `\(path)`: a catch-all `{*name}` must be the last segment" }
                    name = name.dropFirst()
                }
                guard isParameterName(name) else {
                    return "`\(segment)` in `\(path)`: a parameter name is letters, digits and `_`, not starting with a digit"
                }
                guard parameters.insert(String(name)).inserted else {
                    return "`\(path)` names the parameter `\(name)` twice; give each parameter its own name"
                }
                continue
            }
            if let problem = literalProblem(segment, path: path) { return problem }
        }
        return nil
    }

    /// The route CloudFront matches for `path`: parameters become `*`, so `/a/{id}` and `/a/{slug}` compare equal.
    public static func route(of path: String) -> String {
        var path = path
        return path.withUTF8 { bytes in
            // Measured first, so a short route is made as a small string, without an allocation.
            var length = 0
            forEachRouteSegment(of: bytes) { isParameter, segment in length += isParameter ? 1 : segment.count }
            length += bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }
            return String(unsafeUninitializedCapacity: length) { output in
                var written = 0
                forEachRouteSegment(of: bytes) { isParameter, segment in
                    if segment.startIndex > 0 {
                        output[written] = UInt8(ascii: "/")
                        written += 1
                    }
                    if isParameter {
                        output[written] = UInt8(ascii: "*")
                        written += 1
                    } else {
                        for byte in segment {
                            output[written] = byte
                            written += 1
                        }
                    }
                }
                return written
            }
        }
    }

    /// Calls `body` with each `/`-separated segment of `bytes` and whether it is a parameter `{…}`.
    private static func forEachRouteSegment(
        of bytes: UnsafeBufferPointer<UInt8>, _ body: (_ isParameter: Bool, _ segment: Slice<UnsafeBufferPointer<UInt8>>) -> Void
    ) {
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            body(end - start >= 2 && bytes[start] == UInt8(ascii: "{") && bytes[end - 1] == UInt8(ascii: "}"), bytes[start..<end])
            start = end + 1
        }
    }

    /// The rules of `problem(in:)` on bytes, without messages: the fast answer for the usual valid path.
    private static func isValidASCII(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { isValidASCII($0) }
    }

    private static func isValidASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= maximumLength else { return false }
        var start = 1
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") { end += 1 }
            let isLast = end == bytes.count
            let segment = bytes[start..<end]
            start = end + 1
            if segment.isEmpty {
                if isLast { break }
                return false
            }
            if segment.first == UInt8(ascii: "{") {
                guard segment.last == UInt8(ascii: "}"), segment.count >= 3 else { return false }
                var name = segment.dropFirst().dropLast()
                if name.first == UInt8(ascii: "*") {
                    guard isLast else { return false }
                    name = name.dropFirst()
                }
                guard let first = name.first, first == UInt8(ascii: "_") || isLetter(first),
                    name.allSatisfy({ $0 == UInt8(ascii: "_") || isLetter($0) || isDigit($0) }),
                    !namesParameter(name, before: segment.startIndex, in: bytes)
                else { return false }
                continue
            }
            var index = segment.startIndex
            while index < segment.endIndex {
                let byte = segment[index]
                if byte == UInt8(ascii: "%") {
                    guard index + 2 < segment.endIndex, isHexDigit(segment[index + 1]), isHexDigit(segment[index + 2]) else { return false }
                    index += 3
                    continue
                }
                guard isLetter(byte) || isDigit(byte) || pathPunctuation.contains(byte) else { return false }
                index += 1
            }
        }
        return true
    }

    /// Whether a segment of `bytes` before `limit` is the parameter `{name}` (or `{*name}`).
    private static func namesParameter(_ name: Slice<UnsafeBufferPointer<UInt8>>, before limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 1
        while start < limit {
            var end = start
            while end < limit, bytes[end] != UInt8(ascii: "/") { end += 1 }
            if end - start >= 3, bytes[start] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") {
                let nameStart = bytes[start + 1] == UInt8(ascii: "*") ? start + 2 : start + 1
                if bytes[nameStart..<(end - 1)].elementsEqual(name) { return true }
            }
            start = end + 1
        }
        return false
    }

    private static let pathPunctuation: [UInt8] = Array("-._~!$&'()+,;=:@".utf8)

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "f"))
    }

    private static func isParameterName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    private static func literalProblem(_ segment: Substring, path: String) -> String? {
        let scalars = Array(segment.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                guard index + 2 < scalars.count, isHex(scalars[index + 1]), isHex(scalars[index + 2]) else {
                    return "`\(path)`: `%` must start an escape of two hex digits, like `%20`"
                }
                index += 3
                continue
            }
            if scalar == "*" {
                return "`\(path)`: `*` is CloudFront's wildcard; name the segment instead, like `{id}` or `{*rest}`"
            }
            if scalar == "?" || scalar == "#" {
                return "`\(path)`: a `url_path` has no query or fragment; remove everything from `\(scalar)` on"
            }
            guard isPathCharacter(scalar) else {
                let shown = scalar.properties.isWhitespace || scalar.value < 0x20 ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : "`\(scalar)`"
                return "`\(path)` contains \(shown); percent-encode it or use letters, digits and `-._~!$&'()+,;=:@`"
            }
            index += 1
        }
        return nil
    }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
        return "-._~!$&'()+,;=:@".unicodeScalars.contains(scalar)
    }
}
