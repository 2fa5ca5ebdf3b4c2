import Foundation

/// Runs a profile's `credential_process` and reads the JSON it prints (`Version` 1, `AccessKeyId`,
/// `SecretAccessKey`, optional `SessionToken` and `Expiration`).
enum CredentialProcess {
    static func run(_ command: String, environment: [String: String], profile: String) throws -> AWSCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        func failure(_ what: String) -> AWSError {
            AWSError(code: .credentialProcessFailed,
                     summary: "The credential_process of profile \"\(profile)\" \(what)",
                     advice: "Run the command yourself to see what it does, and fix it in ~/.aws/config.")
        }
        do {
            try process.run()
        } catch {
            throw failure("could not be started (\(error.localizedDescription))")
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = TextSanitizer.sanitize(String(decoding: stderr.prefix(300), as: UTF8.self))
            throw failure("exited with status \(process.terminationStatus)\(said.isEmpty ? "" : ": \(said)")")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: stdout)) as? [String: Any] else {
            throw failure("did not print a JSON object")
        }
        guard (object["Version"] as? Int) == 1 else { throw failure("printed a Version other than 1") }
        guard let id = object["AccessKeyId"] as? String, let secret = object["SecretAccessKey"] as? String else {
            throw failure("printed no AccessKeyId or SecretAccessKey")
        }
        let expiration = (object["Expiration"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }
        return AWSCredentials(
            accessKeyId: id, secretAccessKey: secret, sessionToken: object["SessionToken"] as? String,
            expiration: expiration, source: "credential_process of profile \"\(profile)\"")
    }
}
