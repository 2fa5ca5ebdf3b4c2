/// The rules Lambda applies to environment variable names, for `.env`, `.env.secrets` and `environment = {…}`.
enum EnvironmentName {
    /// Names the Lambda runtime sets itself; a function configuration that sets one is rejected.
    static let reserved: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ",
    ]

    /// Lambda's limit on the total size of a function's variables, names and values, in bytes.
    static let maximumTotalSize = 4096

    struct Problem: Equatable {
        var severity: Diagnostic.Severity
        var code: DiagnosticCode
        var message: String
    }

    /// Why Lambda would reject `name`, or `nil`. Lambda's pattern is `[a-zA-Z]([a-zA-Z0-9_])+`.
    static func problem(with name: String) -> Problem? {
        let bytes = name.utf8
        let isLetter = { (b: UInt8) in (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        let isValid = bytes.count >= 2 && isLetter(bytes.first!)
            && bytes.dropFirst().allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
        guard isValid else {
            return Problem(
                severity: .error, code: .invalidEnvName,
                message: "`\(name)` is not a name Lambda accepts for a variable: start with a letter, then use at least one more letter, digit or `_`")
        }
        // Every reserved name starts with `_`, `A`, `L` or `T`: the set is looked at only then.
        if let first = bytes.first, first == UInt8(ascii: "A") || first == UInt8(ascii: "L") || first == UInt8(ascii: "T")
            || first == UInt8(ascii: "_"), reserved.contains(name)
        {
            return Problem(
                severity: .error, code: .reservedEnvName,
                message: "`\(name)` is set by the Lambda runtime and cannot be configured; use another name")
        }
        return nil
    }

    /// Whether a variable's name suggests it holds a secret that belongs in `.env.secrets`.
    static func looksSecret(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"]
            .contains { upper.contains($0) }
    }
}
