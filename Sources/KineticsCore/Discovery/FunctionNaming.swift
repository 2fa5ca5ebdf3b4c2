/// Kinetics function names and Rust module paths, computed from a function's file as upstream Kinetics does.
public enum FunctionNaming {
    /// The longest function name Kinetics accepts.
    public static let maximumLength = 64

    /// The default name of the function `rustName` in the file at `relativePath` (relative to the crate, `src/…`).
    ///
    /// Upstream's rule: take `<path>/<fn>`, split at `/` and `.`, drop every segment that is exactly `rs`,
    /// upper-case the first letter of each segment, join them, and remove the first `Src`.
    /// `src/basic/cron.rs` + `cron` → `BasicCronCron`; `src/lib.rs` + `ping` → `LibPing`;
    /// `src/api/mod.rs` + `get` → `ApiModGet`; `src/init_once.rs` + `init_once` → `Init_onceInit_once`.
    public static func defaultName(relativePath: String, rustName: String) -> String {
        if let fast = asciiDefaultName(relativePath: relativePath, rustName: rustName) { return fast }
        let full = relativePath + "/" + rustName
        var joined = ""
        for segment in full.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "." })
        where segment != "rs" {
            guard let first = segment.unicodeScalars.first else { continue }
            joined += String(first).uppercased()
            joined.unicodeScalars.append(contentsOf: segment.unicodeScalars.dropFirst())
        }
        if let range = joined.firstRange(of: "Src") { joined.removeSubrange(range) }
        return joined
    }

    /// `defaultName` for the functions of one file: the part that comes from the path is worked out once.
    struct DefaultNames {
        let relativePath: String
        /// The path's segments, joined as `defaultName` joins them, with the first `Src` removed; `nil` when the
        /// path is not all ASCII. A string, so the usual short prefix is stored inline rather than in an array.
        private let prefix: String?
        /// Whether the path had an `Src` (then the name's part is kept whole).
        private let prefixHadSrc: Bool

        init(relativePath: String) {
            self.relativePath = relativePath
            var path = relativePath
            var hadSrc = false
            prefix = path.withUTF8 { bytes in
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                // The joined segments are never longer than the path.
                return String(unsafeUninitializedCapacity: bytes.count) { output in
                    var length = 0
                    /// Appends one segment unless it is exactly `rs` (or empty), with its first letter upper-cased.
                    func append(_ segment: Slice<UnsafeBufferPointer<UInt8>>) {
                        guard let first = segment.first else { return }
                        if segment.count == 2, first == UInt8(ascii: "r"), segment.last == UInt8(ascii: "s") { return }
                        output[length] = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") ? first - 32 : first
                        length += 1
                        for byte in segment.dropFirst() {
                            output[length] = byte
                            length += 1
                        }
                    }
                    // Every segment before the last `/` or `.`… the name continues the last one: `path` + "/" + name.
                    var start = 0
                    for index in bytes.indices where bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: ".") {
                        append(bytes[start..<index])
                        start = index + 1
                    }
                    append(bytes[start...])
                    // Remove the first `Src`.
                    guard length >= 3 else { return length }
                    for index in 0...(length - 3)
                    where output[index] == UInt8(ascii: "S") && output[index + 1] == UInt8(ascii: "r") && output[index + 2] == UInt8(ascii: "c") {
                        for move in index..<(length - 3) { output[move] = output[move + 3] }
                        hadSrc = true
                        return length - 3
                    }
                    return length
                }
            }
            prefixHadSrc = hadSrc
        }

        /// `defaultName(relativePath:rustName:)` of `rustName` in this file.
        func name(for rustName: String) -> String {
            guard let prefix else { return FunctionNaming.defaultName(relativePath: relativePath, rustName: rustName) }
            let prefixLength = prefix.utf8.count
            var name = rustName
            let made: String? = name.withUTF8 { bytes in
                guard !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") }) else { return nil }
                // A name has no `/` or `.`: it is one segment, dropped when it is exactly `rs`. Its first letter is
                // upper-cased, so an `Src` cannot start in the path's part and end in the name's; when the path had
                // none, the name's own first `Src` goes.
                let isDropped = bytes.count == 2 && bytes[0] == UInt8(ascii: "r") && bytes[1] == UInt8(ascii: "s")
                let tail = isDropped ? 0 : bytes.count
                return String(unsafeUninitializedCapacity: prefixLength + tail) { output in
                    var written = 0
                    for byte in prefix.utf8 {
                        output[written] = byte
                        written += 1
                    }
                    guard tail > 0 else { return written }
                    let first = bytes[0]
                    output[written] = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") ? first - 32 : first
                    written += 1
                    for byte in bytes.dropFirst() {
                        output[written] = byte
                        written += 1
                    }
                    guard !prefixHadSrc, tail >= 3 else { return written }
                    let start = prefixLength
                    for index in start...(written - 3)
                    where output[index] == UInt8(ascii: "S") && output[index + 1] == UInt8(ascii: "r") && output[index + 2] == UInt8(ascii: "c") {
                        for move in index..<(written - 3) { output[move] = output[move + 3] }
                        return written - 3
                    }
                    return written
                }
            }
            return made ?? FunctionNaming.defaultName(relativePath: relativePath, rustName: rustName)
        }
    }

    /// `defaultName` on bytes, for the usual all-ASCII path and name; `nil` otherwise.
    private static func asciiDefaultName(relativePath: String, rustName: String) -> String? {
        var relativePath = relativePath
        var rustName = rustName
        return relativePath.withUTF8 { path in
            rustName.withUTF8 { name in asciiDefaultName(path: path, name: name) }
        }
    }

    /// The default name of `path` + `/` + `name`, built in a temporary buffer (on the stack when it is short).
    private static func asciiDefaultName(path: UnsafeBufferPointer<UInt8>, name: UnsafeBufferPointer<UInt8>) -> String? {
        guard !path.contains(where: { $0 >= 0x80 }), !name.contains(where: { $0 >= 0x80 }) else { return nil }
        let total = path.count + 1 + name.count
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: total) { output in
            var length = 0
            /// Appends one segment of the full path unless it is exactly `rs`, with its first letter upper-cased.
            func append(_ segment: Slice<UnsafeBufferPointer<UInt8>>) {
                guard let first = segment.first else { return }
                if segment.count == 2, first == UInt8(ascii: "r"), segment.last == UInt8(ascii: "s") { return }
                output[length] = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") ? first - 32 : first
                length += 1
                for byte in segment.dropFirst() {
                    output[length] = byte
                    length += 1
                }
            }
            /// Splits `bytes` at `/` and `.`; the last segment is left for the caller (it continues in `name`).
            func appendSegments(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
                var start = 0
                for index in bytes.indices where bytes[index] == UInt8(ascii: "/") || bytes[index] == UInt8(ascii: ".") {
                    append(bytes[start..<index])
                    start = index + 1
                }
                return start
            }
            // `path` + "/" + `name`: the `/` ends the path's last segment.
            let pathTail = appendSegments(path)
            append(path[pathTail...])
            let nameTail = appendSegments(name)
            append(name[nameTail...])
            // Remove the first `Src`.
            if length >= 3 {
                for index in 0...(length - 3)
                where output[index] == UInt8(ascii: "S") && output[index + 1] == UInt8(ascii: "r") && output[index + 2] == UInt8(ascii: "c") {
                    for move in index..<(length - 3) { output[move] = output[move + 3] }
                    length -= 3
                    break
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: output[..<length]), as: UTF8.self)
        }
    }

    /// The module path of the file at `relativePath` from its crate root, as a generated entry point imports it:
    /// `src/lib.rs` and `src/main.rs` → `[]`, `src/a/mod.rs` → `["a"]`, `src/a/b.rs` → `["a", "b"]`,
    /// `src/bin/tool.rs` → `["bin", "tool"]` (as upstream computes it).
    public static func modulePath(relativePath: String) -> [String] {
        var relativePath = relativePath
        return relativePath.withUTF8 { bytes in
            // The segments between `/`s, as byte ranges, taken one at a time: strings are made only for the ones kept.
            var index = 0
            func nextSegment() -> Range<Int>? {
                while index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
                guard index < bytes.count else { return nil }
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "/") { index += 1 }
                return start..<index
            }
            func isSegment(_ range: Range<Int>, _ literal: StaticString) -> Bool {
                range.count == literal.utf8CodeUnitCount
                    && zip(range, 0..<range.count).allSatisfy { bytes[$0] == literal.utf8Start[$1] }
            }
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            guard var segment = nextSegment() else { return [] }
            if isSegment(segment, "src") {
                guard let second = nextSegment() else { return [] }
                segment = second
            }
            var next = nextSegment()
            if next == nil, isSegment(segment, "lib.rs") || isSegment(segment, "main.rs") { return [] }
            var components: [String] = []
            // At most `segment`, `next` and one more for each `/` after them.
            components.reserveCapacity(bytes[index...].reduce(2) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) })
            while let following = next {
                components.append(text(segment))
                segment = following
                next = nextSegment()
            }
            // `segment` is the last one.
            if !isSegment(segment, "mod.rs") {
                let hasRustSuffix = segment.count >= 3 && bytes[segment.upperBound - 3] == UInt8(ascii: ".")
                    && bytes[segment.upperBound - 2] == UInt8(ascii: "r") && bytes[segment.upperBound - 1] == UInt8(ascii: "s")
                components.append(text(hasRustSuffix ? segment.lowerBound..<(segment.upperBound - 3) : segment))
            }
            return components
        }
    }

    /// Why `name` cannot name a Lambda function (letters, digits, `-` and `_`, at most 64 characters), or `nil`.
    static func problems(with name: String) -> [(code: DiagnosticCode, message: String)] {
        var copy = name
        let isValid = copy.withUTF8 { bytes in
            !bytes.isEmpty && bytes.count <= maximumLength && bytes.allSatisfy { byte in
                let lower = byte | 0x20
                return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        }
        if isValid { return [] }
        var problems: [(DiagnosticCode, String)] = []
        if name.isEmpty {
            return [(.invalidFunctionName, "a function name cannot be empty; remove `name = \"\"` or give a name")]
        }
        let invalid = name.unicodeScalars.filter { scalar in
            !(scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"))
        }
        if let first = invalid.first {
            let shown = first.properties.isWhitespace || first.value < 0x20 ? "U+\(String(first.value, radix: 16, uppercase: true))" : "`\(first)`"
            problems.append((
                .invalidFunctionName,
                "`\(name)` cannot name a Lambda function: it contains \(shown); use letters, digits, `-` and `_` (set `name = \"…\"` in the attribute)"
            ))
        }
        let length = name.utf8.count
        if length > maximumLength {
            problems.append((
                .functionNameTooLong,
                "the function name `\(name)` is \(length) characters long; Kinetics allows \(maximumLength) — set a shorter `name = \"…\"` in the attribute"
            ))
        }
        return problems
    }
}
