/// `kinetics.toml`: the project name, observability settings and DynamoDB tables.
///
/// ```toml
/// [project]
/// name = "shop"               # required when [project] is present
/// [observability]
/// dd_api_key_env = "DD_API_KEY"
/// [[kvdb]]
/// name = "orders"
/// ```
/// Upstream Kinetics ignores unknown keys; discovery does too, with a warning (and a "did you mean").
struct KineticsConfigFile {
    var projectName: String?
    var datadogAPIKeyEnv: String?
    var tables: [KVTable] = []
    /// Whether the file has a `kvdb` key at all (then Cargo.toml's older tables are ignored).
    var declaresTables = false
    var diagnostics: [Diagnostic] = []

    static let topLevelKeys = ["project", "observability", "kvdb"]

    init(_ document: TOMLDocument) {
        let root = document.root
        for key in root.keys.sorted() where !Self.topLevelKeys.contains(key) {
            diagnostics.append(.warning(
                .unknownKey, "`\(key)` is not a kinetics.toml setting and is ignored." + KeySuggestion.didYouMean(key, in: Self.topLevelKeys),
                at: document.location(of: [key])))
        }

        if let project = root["project"] {
            if let table = project.table {
                warnUnknown(table, known: ["name"], path: ["project"], document: document)
                switch table["name"] {
                case .string(let name)?:
                    if name.isEmpty {
                        diagnostics.append(.warning(
                            .missingProjectName, "`[project] name` is empty, so the crate name is used; set a name or remove the key",
                            at: document.location(of: ["project", "name"])))
                    } else {
                        projectName = name
                    }
                case nil:
                    diagnostics.append(.error(
                        .missingProjectName, "`[project]` needs a `name`, e.g. `name = \"shop\"` (or remove `[project]` to use the crate name)",
                        at: document.location(of: ["project"])))
                case let other?:
                    diagnostics.append(.error(
                        .invalidValue, "`[project] name` must be a string; found \(other.typeName)",
                        at: document.location(of: ["project", "name"])))
                }
            } else {
                diagnostics.append(.error(.invalidValue, "`project` must be a table: write `[project]`", at: document.location(of: ["project"])))
            }
        }

        if let observability = root["observability"] {
            if let table = observability.table {
                warnUnknown(table, known: ["dd_api_key_env"], path: ["observability"], document: document)
                switch table["dd_api_key_env"] {
                case .string(let name)? where !name.isEmpty:
                    datadogAPIKeyEnv = name
                case .string?, nil:
                    diagnostics.append(.error(
                        .missingDatadogKeyEnv,
                        "`[observability]` needs `dd_api_key_env`: the name of the variable that holds the Datadog API key, e.g. `dd_api_key_env = \"DD_API_KEY\"`",
                        at: document.location(of: ["observability"])))
                case let other?:
                    diagnostics.append(.error(
                        .invalidValue, "`dd_api_key_env` must be a string; found \(other.typeName)",
                        at: document.location(of: ["observability", "dd_api_key_env"])))
                }
            } else {
                diagnostics.append(.error(.invalidValue, "`observability` must be a table: write `[observability]`", at: document.location(of: ["observability"])))
            }
        }

        if let kvdb = root["kvdb"] {
            declaresTables = true
            if let entries = kvdb.array {
                for (index, entry) in entries.enumerated() {
                    let path = ["kvdb", "#\(index)"]
                    guard let table = entry.table else {
                        diagnostics.append(.error(
                            .invalidValue, "each `kvdb` entry must be a table: write `[[kvdb]]` with `name = \"…\"`",
                            at: document.location(of: ["kvdb"])))
                        continue
                    }
                    warnUnknown(table, known: ["name"], path: path, document: document)
                    switch table["name"] {
                    case .string(let name)?:
                        tables.append(KVTable(name: name, location: document.location(of: path + ["name"])))
                    case nil:
                        diagnostics.append(.error(
                            .missingTableName, "this `[[kvdb]]` has no `name`; add `name = \"orders\"`", at: document.location(of: path)))
                    case let other?:
                        diagnostics.append(.error(
                            .invalidValue, "`name` of a kvdb table must be a string; found \(other.typeName)",
                            at: document.location(of: path + ["name"])))
                    }
                }
            } else {
                diagnostics.append(.error(
                    .invalidValue, "`kvdb` must be an array of tables: write each table as `[[kvdb]]` with `name = \"…\"`",
                    at: document.location(of: ["kvdb"])))
            }
        }
    }

    private mutating func warnUnknown(_ table: [String: TOMLDocument.Node], known: [String], path: [String], document: TOMLDocument) {
        let shown = path.filter { !$0.hasPrefix("#") }.joined(separator: ".")
        for key in table.keys.sorted() where !known.contains(key) {
            diagnostics.append(.warning(
                .unknownKey, "`\(shown).\(key)` is not a kinetics.toml setting and is ignored." + KeySuggestion.didYouMean(key, in: known),
                at: document.location(of: path + [key])))
        }
    }
}
