/// The stable codes of the diagnostics discovery reports (`Diagnostic.code`), documented in `docs/discover-json.md`.
///
/// Codes never change meaning; new ones may be added.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // MARK: Files and directories
    case projectNotFound = "project-not-found"
    case missingManifest = "missing-manifest"
    case unreadableFile = "unreadable-file"
    case invalidUTF8 = "invalid-utf8"
    case fileTooLarge = "file-too-large"
    case symlinkLoop = "symlink-loop"
    case brokenSymlink = "broken-symlink"
    case notARegularFile = "not-a-regular-file"
    case directoryTooDeep = "directory-too-deep"
    case tooManyDiagnostics = "too-many-diagnostics"

    // MARK: Cargo.toml, kinetics.toml and workspaces
    case invalidTOML = "invalid-toml"
    case missingPackageName = "missing-package-name"
    case missingProjectName = "missing-project-name"
    case invalidValue = "invalid-value"
    case unknownKey = "unknown-key"
    case missingDatadogKeyEnv = "missing-datadog-key-env"
    case missingTableName = "missing-table-name"
    case invalidTableName = "invalid-table-name"
    case duplicateTableName = "duplicate-table-name"
    case legacyMetadata = "legacy-metadata"
    case legacyMetadataIgnored = "legacy-metadata-ignored"
    case missingMemberManifest = "missing-member-manifest"
    case memberGlobMatchesNothing = "member-glob-matches-nothing"
    case duplicateProjectName = "duplicate-project-name"

    // MARK: .env and secrets
    case invalidEnvLine = "invalid-env-line"
    case invalidEnvName = "invalid-env-name"
    case reservedEnvName = "reserved-env-name"
    case duplicateEnvName = "duplicate-env-name"
    case environmentTooLarge = "environment-too-large"
    case envValueLooksSecret = "env-value-looks-secret"
    case secretsExampleOnly = "secrets-example-only"

    // MARK: Rust source
    case unterminatedComment = "unterminated-comment"
    case unterminatedString = "unterminated-string"
    case unterminatedCharacter = "unterminated-character"
    case unterminatedAttribute = "unterminated-attribute"
    case unclosedDelimiter = "unclosed-delimiter"
    case nestingTooDeep = "nesting-too-deep"

    // MARK: Kinetics attributes
    case malformedAttribute = "malformed-attribute"
    case unknownParameter = "unknown-parameter"
    case removedParameter = "removed-parameter"
    case duplicateParameter = "duplicate-parameter"
    case invalidParameterValue = "invalid-parameter-value"
    case missingParameter = "missing-parameter"
    case invalidURLPath = "invalid-url-path"
    case unsupportedMethod = "unsupported-method"
    case duplicateMethod = "duplicate-method"
    case emptyMethods = "empty-methods"
    case batchSizeOutOfRange = "batch-size-out-of-range"
    case invalidConcurrency = "invalid-concurrency"
    case invalidSchedule = "invalid-schedule"
    case duplicateEnvironmentKey = "duplicate-environment-key"
    case bareAttribute = "bare-attribute"
    case multipleRoles = "multiple-roles"
    case attributeOnMethod = "attribute-on-method"
    case attributeNotOnFunction = "attribute-not-on-function"
    case unknownKineticsAttribute = "unknown-kinetics-attribute"
    case inactiveFunction = "inactive-function"
    case cfgAssumedEnabled = "cfg-assumed-enabled"
    case invalidCfg = "invalid-cfg"

    // MARK: Function names and the project as a whole
    case functionNameTooLong = "function-name-too-long"
    case invalidFunctionName = "invalid-function-name"
    case duplicateFunctionName = "duplicate-function-name"
    case functionNamesDifferInCase = "function-names-differ-in-case"
    case duplicateURLPath = "duplicate-url-path"
    case functionNotPublic = "function-not-public"
    case functionNotAsync = "function-not-async"
    case functionInBinaryCrate = "function-in-binary-crate"
    case noFunctions = "no-functions"
}

extension Diagnostic {
    init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil) {
        self.init(severity, code: code.rawValue, message, at: location)
    }

    static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, code, message, at: location)
    }

    static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.warning, code, message, at: location)
    }

    static func note(_ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.note, code, message, at: location)
    }

    /// The order diagnostics are reported in: by file, line, column; project-wide ones first.
    static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let left = (lhs.location?.file ?? "", lhs.location?.line ?? 0, lhs.location?.column ?? 0)
        let right = (rhs.location?.file ?? "", rhs.location?.line ?? 0, rhs.location?.column ?? 0)
        if left != right { return left < right }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}
