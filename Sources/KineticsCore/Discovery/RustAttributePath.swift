/// The path of an attribute, `endpoint` or `kinetics::macros::endpoint`, as the byte ranges of its segments.
///
/// Up to three segments are kept inline: every path discovery looks at is that short, and an attribute on every
/// item then costs no array. Segments are compared as bytes; their text is made only for a message.
struct RustAttributePath: Equatable {
    private var first = 0..<0
    private var second = 0..<0
    private var third = 0..<0
    /// The segments after the third.
    private var rest: [Range<Int>] = []
    private(set) var count = 0

    mutating func append(_ segment: Range<Int>) {
        switch count {
        case 0: first = segment
        case 1: second = segment
        case 2: third = segment
        default: rest.append(segment)
        }
        count += 1
    }

    /// The byte range of segment `index` in the file.
    subscript(index: Int) -> Range<Int> {
        precondition(index >= 0 && index < count, "path segment \(index) of \(count)")
        switch index {
        case 0: return first
        case 1: return second
        case 2: return third
        default: return rest[index - 3]
        }
    }

    var last: Range<Int>? { count == 0 ? nil : self[count - 1] }

    /// Whether segment `index` is exactly `literal`.
    func segment(_ index: Int, is literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.range(self[index], is: literal, in: bytes)
    }

    static func range(_ range: Range<Int>, is literal: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard range.count == length, range.upperBound <= bytes.count else { return false }
        let expected = literal.utf8Start
        for offset in 0..<length where bytes[range.lowerBound + offset] != expected[offset] { return false }
        return true
    }

    /// The text of segment `index`.
    func text(_ index: Int, in source: ProjectFileText) -> String { source.text(self[index]) }

    /// `a::b::c`.
    func text(in source: ProjectFileText) -> String { (0..<count).map { text($0, in: source) }.joined(separator: "::") }
}
