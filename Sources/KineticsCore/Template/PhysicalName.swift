/// Names of AWS resources and logical ids, kept within their services' limits.
///
/// A name that is too long keeps its first characters and ends in `-` plus the first 8 hex digits of the SHA-256
/// of the full name, so shortening is deterministic and two long names that share a prefix still differ.
enum PhysicalName {
    static let functionLimit = 64
    static let roleLimit = 64
    static let queueLimit = 80
    static let tableLimit = 255
    static let ruleLimit = 64
    static let apiLimit = 128
    static let logicalIdLimit = 255

    /// `full`, or its shortened form when longer than `limit` characters (`suffix` is kept whole, e.g. `.fifo`).
    static func fit(_ full: String, limit: Int, suffix: String = "") -> String {
        let whole = full + suffix
        guard whole.utf8.count > limit else { return whole }
        let hash = String(StreamingSHA256.hex(of: whole).prefix(8))
        let keep = limit - suffix.utf8.count - hash.count - 1
        var head = String(decoding: full.utf8.prefix(keep), as: UTF8.self)
        while head.hasSuffix("-") || head.hasSuffix("_") || head.hasSuffix(".") { head.removeLast() }
        return head + "-" + hash + suffix
    }

    /// A CloudFormation logical id (letters and digits only) for `name`: the name without its other characters,
    /// plus a hash when anything was dropped, so `a_b` and `ab` do not collide.
    static func logicalId(_ name: String) -> String {
        let kept = name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        var id = String(String.UnicodeScalarView(kept))
        if id.unicodeScalars.count != name.unicodeScalars.count || id.isEmpty || id.first!.isNumber {
            id = (id.first?.isNumber ?? true ? "N" : "") + id + String(StreamingSHA256.hex(of: name).prefix(8))
        }
        if id.utf8.count > 200 { id = String(id.prefix(190)) + String(StreamingSHA256.hex(of: name).prefix(8)) }
        return id
    }
}
