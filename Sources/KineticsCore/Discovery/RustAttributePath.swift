/// The path of an attribute, `endpoint` or `kinetics::macros::endpoint`, as its segments.
///
/// Up to three segments are kept inline: every path discovery looks at is that short, and an attribute on every
/// item then costs no array.
struct RustAttributePath: Equatable {
    private var first = ""
    private var second = ""
    private var third = ""
    /// The segments after the third.
    private var rest: [String] = []
    private(set) var count = 0

    mutating func append(_ segment: String) {
        switch count {
        case 0: first = segment
        case 1: second = segment
        case 2: third = segment
        default: rest.append(segment)
        }
        count += 1
    }

    subscript(index: Int) -> String {
        precondition(index >= 0 && index < count, "path segment \(index) of \(count)")
        switch index {
        case 0: return first
        case 1: return second
        case 2: return third
        default: return rest[index - 3]
        }
    }

    var last: String? { count == 0 ? nil : self[count - 1] }

    /// `a::b::c`.
    var text: String { (0..<count).map { self[$0] }.joined(separator: "::") }
}
