import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element as AWS responses use them: a name, text, and child elements. Parsed with FoundationXML's
/// `XMLParser`; namespaces are ignored (AWS uses one default namespace per document).
public struct AWSXML: Sendable, Hashable {
    public var name: String
    public var text: String
    public var children: [AWSXML]

    public init(name: String, text: String = "", children: [AWSXML] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    public static func parse(_ data: Data) throws -> AWSXML {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        guard parser.parse(), let root = builder.root else {
            throw AWSError(
                code: .invalidResponse,
                summary: "The response was not well-formed XML (\(parser.parserError.map { "\($0)" } ?? "empty document"))")
        }
        return root
    }

    /// The first child named `name`.
    public func child(_ name: String) -> AWSXML? { children.first { $0.name == name } }

    /// All children named `name`.
    public func children(_ name: String) -> [AWSXML] { children.filter { $0.name == name } }

    /// The element at a path of child names.
    public func path(_ names: String...) -> AWSXML? {
        var node: AWSXML? = self
        for name in names { node = node?.child(name) }
        return node
    }

    /// The text of the first child named `name`, `nil` when there is no such child.
    public func text(_ name: String) -> String? { child(name)?.text }

    /// The `<member>` (or given) items of the child list named `list`.
    public func members(_ list: String, item: String = "member") -> [AWSXML] {
        child(list)?.children(item) ?? []
    }

    // MARK: - Writing

    /// Escapes `&`, `<`, `>`, `"` and `'` for element text and attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.append(character)
            }
        }
        return out
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [AWSXML] = []
    var root: AWSXML?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let name = elementName.split(separator: ":").last.map(String.init) ?? elementName
        stack.append(AWSXML(name: name))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var node = stack.popLast() else { return }
        if !node.children.isEmpty, node.text.allSatisfy(\.isWhitespace) { node.text = "" }
        if stack.isEmpty {
            root = node
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }
}
