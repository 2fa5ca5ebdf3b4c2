/// Loads the values of a project's secrets, only when a deploy needs them.
///
/// Discovery records secret *names* only (`Project.secretNames`); the values are read here, kept in memory by the
/// caller for as long as the deploy needs them, and never written to a result, a log or the cache.
public enum SecretsLoader {
    /// The secrets file in the project directory.
    public static let fileName = ".env.secrets"
    /// Without `.env.secrets`, secrets come from environment variables with this prefix (the rest is the name).
    public static let environmentPrefix = "KINETICS_SECRET_"

    /// The secrets of `project`, by name: from `.env.secrets` when the project has one, else from
    /// `KINETICS_SECRET_*` variables of `environment`.
    public static func values(for project: Project, environment: [String: String]) throws(DiscoveryError) -> [String: String] {
        let path = project.root + "/" + fileName
        switch ProjectFileReader.read(path, limit: 1 << 20) {
        case .success(let bytes):
            let file = DotEnvFile(ProjectFileText(displayPath: fileName, bytes: bytes))
            if let problem = file.diagnostics.first {
                throw DiscoveryError(.secretsInvalid, file: fileName, problem.description)
            }
            for entry in file.entries {
                if let problem = secretNameProblem(entry.key) {
                    throw DiscoveryError(.secretsInvalid, file: fileName, "\(entry.location): \(problem)")
                }
            }
            return file.values
        case .failure(.notFound):
            if project.secretSource == .file {
                throw DiscoveryError(
                    .secretsUnreadable, file: fileName,
                    "`\(fileName)` was in \(project.root) when the project was discovered and is gone now; restore it or discover again")
            }
            return fromEnvironment(environment)
        case .failure(let failure):
            throw DiscoveryError(.secretsUnreadable, file: fileName, failure.message(for: fileName, limit: 1 << 20))
        }
    }

    /// The secret names `KINETICS_SECRET_*` variables give, sorted.
    static func namesFromEnvironment(_ environment: [String: String]) -> [String] {
        environment.keys.compactMap { key in
            key.hasPrefix(environmentPrefix) && key.count > environmentPrefix.count ? String(key.dropFirst(environmentPrefix.count)) : nil
        }.sorted()
    }

    private static func fromEnvironment(_ environment: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in environment where key.hasPrefix(environmentPrefix) && key.count > environmentPrefix.count {
            result[String(key.dropFirst(environmentPrefix.count))] = value
        }
        return result
    }

    /// Why SSM Parameter Store would not take `name` as part of a parameter name, or `nil`.
    static func secretNameProblem(_ name: String) -> String? {
        let valid = !name.isEmpty && name.utf8.count <= 1011 && name.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        return valid ? nil : "`\(name)` cannot name a secret: SSM Parameter Store takes letters, digits, `_`, `.` and `-`"
    }
}
