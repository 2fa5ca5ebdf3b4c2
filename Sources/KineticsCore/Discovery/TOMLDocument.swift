import TOMLKit

/// A parsed TOML file as plain Swift values, with the lines its keys are on.
///
/// TOMLKit (toml++) parses and reports syntax errors with a line and column; it does not keep positions of
/// values, so `TOMLKeyLocator` finds the line of a key or table header by reading the text once.
struct TOMLDocument {
    indirect enum Node: Equatable {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)
        /// A date, time or date-time, as text.
        case date(String)
        case array([Node])
        case table([String: Node])

        var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .float: "a float"
            case .bool: "a boolean"
            case .date: "a date"
            case .array: "an array"
            case .table: "a table"
            }
        }

        var string: String? { if case .string(let value) = self { value } else { nil } }
        var table: [String: Node]? { if case .table(let value) = self { value } else { nil } }
        var array: [Node]? { if case .array(let value) = self { value } else { nil } }
    }

    /// A document, or the diagnostic that says why the file is not one.
    enum Parsed {
        case document(TOMLDocument)
        case failure(Diagnostic)
    }

    let root: [String: Node]
    let text: ProjectFileText
    private let locator: TOMLKeyLocator

    /// How deep tables and arrays may nest; deeper values are dropped (no real manifest comes close).
    static let maximumDepth = 64

    /// Parses `text`; on a syntax error returns the diagnostic (with toml++'s line and column).
    static func parse(_ text: ProjectFileText) -> Parsed {
        if let invalid = UTF8Validation.firstInvalidOffset(in: text.bytes) {
            return .failure(.error(
                .invalidUTF8, "`\(text.displayPath)` is not valid UTF-8 here; TOML files must be UTF-8 — re-save it as UTF-8",
                at: text.location(at: invalid)))
        }
        if let nul = text.bytes.firstIndex(of: 0) {
            return .failure(.error(
                .invalidTOML, "`\(text.displayPath)` contains a NUL byte, which TOML does not allow; remove it",
                at: text.location(at: nul)))
        }
        let string = String(decoding: text.bytes, as: UTF8.self)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: string)
        } catch let error as TOMLParseError {
            let location = SourceLocation(
                file: text.displayPath, line: max(1, error.source.begin.line), column: max(1, error.source.begin.column))
            return .failure(.error(.invalidTOML, "`\(text.displayPath)` is not valid TOML: \(error.description); fix the syntax here", at: location))
        } catch {
            return .failure(.error(.invalidTOML, "`\(text.displayPath)` is not valid TOML; fix its syntax", at: SourceLocation(file: text.displayPath)))
        }
        return .document(TOMLDocument(root: convert(table, depth: 0), text: text, locator: TOMLKeyLocator(text)))
    }

    /// Where the key at `path` is written (e.g. `["package", "metadata", "kinetics", "kvdb", "users"]`; array-of-tables
    /// entries as `"#0"`, `"#1"`), or the nearest enclosing table header, or the top of the file.
    func location(of path: [String]) -> SourceLocation {
        locator.location(of: path, in: text)
    }

    private static func convert(_ table: TOMLTable, depth: Int) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in table {
            if let node = convert(value, depth: depth + 1) { result[key] = node }
        }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible, depth: Int) -> Node? {
        guard depth < maximumDepth else { return nil }
        switch value.type {
        case .string: return value.string.map(Node.string)
        case .int: return value.int.map(Node.integer)
        case .double: return value.double.map(Node.float)
        case .bool: return value.bool.map(Node.bool)
        case .date, .time, .dateTime: return .date(value.debugDescription)
        case .table: return value.table.map { .table(convert($0, depth: depth)) }
        case .array:
            guard let array = value.array else { return nil }
            return .array(array.compactMap { convert($0, depth: depth + 1) })
        }
    }
}
