/// What discovery reads from a crate's `Cargo.toml`: the package name, the workspace, whether it depends on the
/// `kinetics` crate, its default features, and the older `[package.metadata.kinetics]` tables.
struct ManifestSummary {
    struct Workspace {
        var members: [String]
        var exclude: [String]
        var location: SourceLocation
        var memberLocations: [SourceLocation]
    }

    var packageName: String?
    var workspace: Workspace?
    var dependsOnKinetics = false
    /// The features `default` turns on, transitively (for `cfg(feature = "…")`).
    var defaultFeatures: Set<String> = []
    /// `[package.metadata.kinetics.kvdb.<key>]`, in key order.
    var legacyTables: [KVTable] = []
    /// `[package.metadata.kinetics.queue.<name>]`, in name order.
    var legacyQueues: [QueueDeclaration] = []
    var diagnostics: [Diagnostic] = []

    static let legacyKeys = ["kvdb", "queue"]

    init(_ document: TOMLDocument) {
        let root = document.root
        let file = document.text.displayPath

        if let package = root["package"] {
            if let table = package.table {
                switch table["name"] {
                case .string(let name)?:
                    packageName = name
                case let other?:
                    diagnostics.append(.error(
                        .invalidValue, "`[package] name` must be a string; found \(other.typeName)",
                        at: document.location(of: ["package", "name"])))
                case nil:
                    diagnostics.append(.error(
                        .missingPackageName, "`[package]` in \(file) has no `name`; add `name = \"my-crate\"`",
                        at: document.location(of: ["package"])))
                }
                if let metadata = table["metadata"]?.table?["kinetics"] {
                    readLegacyMetadata(metadata, document: document)
                }
            } else {
                diagnostics.append(.error(.invalidValue, "`package` must be a table", at: document.location(of: ["package"])))
            }
        }

        if let workspace = root["workspace"]?.table {
            let members = Self.strings(workspace["members"], key: ["workspace", "members"], document: document, diagnostics: &diagnostics)
            let exclude = Self.strings(workspace["exclude"], key: ["workspace", "exclude"], document: document, diagnostics: &diagnostics)
            self.workspace = Workspace(
                members: members, exclude: exclude, location: document.location(of: ["workspace"]),
                memberLocations: members.map { _ in document.location(of: ["workspace", "members"]) })
        }

        if packageName == nil, workspace == nil, root["package"] == nil {
            diagnostics.append(.error(
                .missingPackageName, "\(file) has neither `[package]` nor `[workspace]`; add `[package]` with a `name`",
                at: SourceLocation(file: file)))
        }

        dependsOnKinetics = Self.dependsOnKinetics(root)
        defaultFeatures = Self.defaultFeatures(root["features"]?.table ?? [:])
    }

    // MARK: - Dependencies and features

    private static func dependsOnKinetics(_ root: [String: TOMLDocument.Node]) -> Bool {
        var tables: [[String: TOMLDocument.Node]] = []
        if let dependencies = root["dependencies"]?.table { tables.append(dependencies) }
        for (_, target) in root["target"]?.table ?? [:] {
            if let dependencies = target.table?["dependencies"]?.table { tables.append(dependencies) }
        }
        return tables.contains { dependencies in
            dependencies["kinetics"] != nil
                || dependencies.values.contains { $0.table?["package"]?.string == "kinetics" }
        }
    }

    private static func defaultFeatures(_ features: [String: TOMLDocument.Node]) -> Set<String> {
        var enabled: Set<String> = []
        var queue = ["default"]
        while let feature = queue.popLast() {
            guard let items = features[feature]?.array else { continue }
            for case .string(let item) in items where !item.hasPrefix("dep:") && !item.contains("/") {
                if enabled.insert(item).inserted { queue.append(item) }
            }
        }
        return enabled
    }

    private static func strings(
        _ node: TOMLDocument.Node?, key: [String], document: TOMLDocument, diagnostics: inout [Diagnostic]
    ) -> [String] {
        guard let node else { return [] }
        guard let array = node.array else {
            diagnostics.append(.error(
                .invalidValue, "`\(key.joined(separator: "."))` must be an array of paths; found \(node.typeName)",
                at: document.location(of: key)))
            return []
        }
        var result: [String] = []
        for item in array {
            guard let string = item.string else {
                diagnostics.append(.error(
                    .invalidValue, "`\(key.joined(separator: "."))` must hold strings; found \(item.typeName)",
                    at: document.location(of: key)))
                continue
            }
            result.append(string)
        }
        return result
    }

    // MARK: - [package.metadata.kinetics]

    private mutating func readLegacyMetadata(_ node: TOMLDocument.Node, document: TOMLDocument) {
        let base = ["package", "metadata", "kinetics"]
        guard let table = node.table else {
            diagnostics.append(.error(.invalidValue, "`package.metadata.kinetics` must be a table", at: document.location(of: base)))
            return
        }
        for key in table.keys.sorted() where !Self.legacyKeys.contains(key) {
            diagnostics.append(.warning(
                .unknownKey, "`package.metadata.kinetics.\(key)` is not a Kinetics setting and is ignored." + KeySuggestion.didYouMean(key, in: Self.legacyKeys),
                at: document.location(of: base + [key])))
        }
        if let kvdb = table["kvdb"] {
            if let entries = kvdb.table {
                for key in entries.keys.sorted() {
                    let path = base + ["kvdb", key]
                    guard let entry = entries[key]?.table else {
                        diagnostics.append(.error(
                            .invalidValue, "`package.metadata.kinetics.kvdb.\(key)` must be a table, like `[package.metadata.kinetics.kvdb.\(key)]`",
                            at: document.location(of: path)))
                        continue
                    }
                    warnUnknown(entry, known: ["name"], path: path, document: document)
                    switch entry["name"] {
                    case nil:
                        legacyTables.append(KVTable(name: key, location: document.location(of: path)))
                    case .string(let name)?:
                        legacyTables.append(KVTable(name: name, location: document.location(of: path + ["name"])))
                    case let other?:
                        diagnostics.append(.error(
                            .invalidValue, "`name` of a kvdb table must be a string; found \(other.typeName)",
                            at: document.location(of: path + ["name"])))
                    }
                }
            } else {
                diagnostics.append(.error(.invalidValue, "`package.metadata.kinetics.kvdb` must be a table", at: document.location(of: base + ["kvdb"])))
            }
        }
        if let queue = table["queue"] {
            if let entries = queue.table {
                for name in entries.keys.sorted() {
                    let path = base + ["queue", name]
                    guard let entry = entries[name]?.table else {
                        diagnostics.append(.error(
                            .invalidValue, "`package.metadata.kinetics.queue.\(name)` must be a table", at: document.location(of: path)))
                        continue
                    }
                    warnUnknown(entry, known: ["alias", "concurrency"], path: path, document: document)
                    var declaration = QueueDeclaration(name: name, location: document.location(of: path))
                    switch entry["alias"] {
                    case .string(let alias)?: declaration.alias = alias
                    case nil: break
                    case let other?:
                        diagnostics.append(.error(
                            .invalidValue, "`alias` of a queue must be a string; found \(other.typeName)",
                            at: document.location(of: path + ["alias"])))
                    }
                    switch entry["concurrency"] {
                    case .integer(let value)? where value >= 1 && value <= Int(UInt32.max):
                        declaration.concurrency = UInt32(value)
                    case nil: break
                    case let other?:
                        diagnostics.append(.error(
                            .invalidValue, "`concurrency` of a queue must be a whole number of at least 1; found \(other.typeName)",
                            at: document.location(of: path + ["concurrency"])))
                    }
                    legacyQueues.append(declaration)
                }
            } else {
                diagnostics.append(.error(.invalidValue, "`package.metadata.kinetics.queue` must be a table", at: document.location(of: base + ["queue"])))
            }
        }
    }

    private mutating func warnUnknown(_ table: [String: TOMLDocument.Node], known: [String], path: [String], document: TOMLDocument) {
        for key in table.keys.sorted() where !known.contains(key) {
            diagnostics.append(.warning(
                .unknownKey, "`\((path + [key]).joined(separator: "."))` is not a Kinetics setting and is ignored." + KeySuggestion.didYouMean(key, in: known),
                at: document.location(of: path + [key])))
        }
    }
}
