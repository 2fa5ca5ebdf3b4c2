import Foundation

/// The INI dialect of `~/.aws/config` and `~/.aws/credentials`.
///
/// Sections are `[name]`; entries `key = value`; lines starting with `#` or `;` are comments; an entry with an
/// empty value followed by indented `sub = value` lines is a nested section (e.g. `s3 =` then
/// `  addressing_style = path`), stored as `s3.addressing_style`.
public struct INIFile: Sendable, Hashable {
    public private(set) var sections: [String: [String: String]] = [:]

    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    public init(parsing text: String) {
        var current: String?
        var nestedKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current = name
                nestedKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if let comment = value.range(of: " #") ?? value.range(of: " ;") {
                value = String(value[..<comment.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            if indented, let parent = nestedKey {
                sections[section]?["\(parent).\(key)"] = value
            } else {
                sections[section]?[key] = value
                nestedKey = value.isEmpty ? key : nil
            }
        }
    }

    public subscript(section: String) -> [String: String]? { sections[section] }
}
