import Foundation

/// The generated parts of the build copy of a project that depends on the `kinetics` crate: a Lambda entry point
/// `src/bin/<Name>.rs` per function, a `src/lib.rs` whose modules holding functions are public, and a
/// `Cargo.toml` with the Lambda runtime crates added.
///
/// The entry points call the user's function with the signatures Kinetics defines: endpoints get an
/// `http::Request`, the secrets and the `kinetics::tools::config::Config`; workers the queue records; crons only
/// secrets and config. Secrets are read at start from SSM Parameter Store: `KINETICS_SECRETS_NAMES` lists the
/// parameter names, and a parameter's `original_name` tag (else its name) is the key the function sees.
public struct EntryPointGenerator: Sendable {
    /// Bumped whenever the generated text changes, so every function's input hash changes with it.
    public static let version = 2
    public var project: Project

    public init(project: Project) {
        self.project = project
    }

    /// The crates the entry points use, added to `[dependencies]` when the project does not declare them.
    static let runtimeDependencies: [(name: String, spec: String, roles: Set<FunctionRole>)] = [
        ("aws-config", #""1""#, [.endpoint, .worker, .cron]),
        ("aws-sdk-ssm", #""1""#, [.endpoint, .worker, .cron]),
        ("aws_lambda_events", #"{ version = "0.18", default-features = false, features = ["eventbridge"] }"#, [.cron]),
        ("http", #""1""#, [.endpoint]),
        ("lambda_http", #""1""#, [.endpoint]),
        ("lambda_runtime", #""1""#, [.worker, .cron]),
        ("serde_json", #""1""#, [.cron]),
        ("tokio", #"{ version = "1", features = ["macros", "rt-multi-thread"] }"#, [.endpoint, .worker, .cron]),
    ]

    /// What every function's entry point depends on besides its own: the generator and the set of functions
    /// (which decides the library's public modules and the added dependencies).
    public var sharedFingerprint: String {
        let functions = project.functions.map { "\($0.name) \($0.role.rawValue) \($0.modulePath.joined(separator: "::"))::\($0.rustName)" }
        return "generator v\(Self.version); " + functions.sorted().joined(separator: "; ")
    }

    /// Every generated file of the build copy, by path relative to the crate: `Cargo.toml`, `src/lib.rs` and one
    /// `src/bin/<Name>.rs` per function.
    public func generatedFiles(sources: CrateSources) throws -> [String: String] {
        let crate = sources.crateDirectory
        guard let manifestData = FileManager.default.contents(atPath: "\(crate)/Cargo.toml"),
            let manifest = String(data: manifestData, encoding: .utf8)
        else {
            throw BuildError(.manifestUnreadable, "Cannot read \(crate)/Cargo.toml; check that it exists and is readable.")
        }
        let lib = FileManager.default.contents(atPath: "\(crate)/src/lib.rs").flatMap { String(data: $0, encoding: .utf8) }
        var files: [String: String] = [
            "Cargo.toml": cargoToml(original: manifest, declared: sources.manifest.dependencyNames, crateDirectory: crate),
            "src/lib.rs": libRS(original: lib),
        ]
        for function in project.functions {
            files["src/bin/\(function.name).rs"] = entryPoint(for: function)
        }
        return files
    }

    // MARK: - Cargo.toml

    /// The manifest with the runtime crates added to `[dependencies]`, relative path dependencies that point
    /// outside the crate made absolute (the copy lives elsewhere), and an empty `[workspace]` so the copy is its
    /// own workspace. The rest of the text is kept as the user wrote it.
    public func cargoToml(original: String, declared: Set<String>, crateDirectory: String) -> String {
        let roles = Set(project.functions.map(\.role))
        let added = Self.runtimeDependencies.filter { !declared.contains($0.name) && !$0.roles.isDisjoint(with: roles) }
            .map { "\($0.name) = \($0.spec)" }
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        lines = lines.map { absolutizePaths(in: $0, crateDirectory: crateDirectory) }
        var isWorkspace = false
        var insertAt: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "[dependencies]" { insertAt = index + 1 }
            if trimmed == "[workspace]" || trimmed.hasPrefix("[workspace.") { isWorkspace = true }
        }
        let header = "# Added by kinetics-tui for the generated Lambda entry points."
        if !added.isEmpty {
            if let insertAt {
                lines.insert(contentsOf: [header] + added, at: insertAt)
            } else {
                lines += ["", "[dependencies]", header] + added
            }
        }
        if !isWorkspace {
            lines += ["", "# The build copy is a workspace of its own.", "[workspace]"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Rewrites `path = "..."` values that resolve outside the crate directory to absolute paths.
    private func absolutizePaths(in line: String, crateDirectory: String) -> String {
        guard let keyRange = line.range(of: #"path\s*=\s*""#, options: .regularExpression) else { return line }
        guard keyRange.lowerBound == line.startIndex || !(line[line.index(before: keyRange.lowerBound)].isLetter
            || line[line.index(before: keyRange.lowerBound)] == "-" || line[line.index(before: keyRange.lowerBound)] == "_")
        else { return line }
        guard let end = line[keyRange.upperBound...].firstIndex(of: "\"") else { return line }
        let value = String(line[keyRange.upperBound..<end])
        guard !value.hasPrefix("/") else { return line }
        let resolved = CrateSources.standardize("\(crateDirectory)/\(value)")
        guard resolved != crateDirectory, !resolved.hasPrefix(crateDirectory + "/") else { return line }
        return String(line[..<keyRange.upperBound]) + resolved + String(line[end...])
    }

    // MARK: - lib.rs

    /// The library root with every top-level module that holds a function declared `pub` (a `mod x;` becomes
    /// `pub mod x;` where it stands; a missing one is added at the end). Deeper modules must already be public,
    /// as upstream Kinetics requires.
    public func libRS(original: String?) -> String {
        let modules = Set(project.functions.compactMap(\.modulePath.first)).sorted()
        guard let original else {
            return modules.map { "pub mod \($0);\n" }.joined()
        }
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for module in modules {
            var found = false
            for (index, line) in lines.enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                let indent = String(line.prefix { $0 == " " || $0 == "\t" })
                if trimmed == "pub mod \(module);" {
                    found = true
                } else if trimmed == "mod \(module);" || trimmed.hasPrefix("pub(") && trimmed.hasSuffix(" mod \(module);") {
                    lines[index] = "\(indent)pub mod \(module);"
                    found = true
                }
            }
            if !found { lines.append("pub mod \(module);") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Entry points

    /// `src/bin/<Name>.rs` for `function`.
    public func entryPoint(for function: KineticsFunction) -> String {
        let crate = project.crateName.replacingOccurrences(of: "-", with: "_")
        let path = ([crate] + function.modulePath + [function.rustName]).joined(separator: "::")
        var out = ""
        switch function.trigger {
        case .endpoint(let settings):
            out += """
                //! Lambda entry point of `\(function.name)`: the endpoint `\(path)` \
                (\(settings.methods.map(\.rawValue).joined(separator: ", ")) \(settings.urlPath)).
                //! Generated by kinetics-tui; edits are overwritten on the next build.
                #![allow(non_snake_case)]

                use \(path) as user_function;

                use kinetics::tools::config::{Config as KineticsConfig, EndpointConfig};

                type Error = Box<dyn std::error::Error + Send + Sync>;

                #[tokio::main]
                async fn main() -> Result<(), Error> {
                    let aws = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
                    let secrets = load_secrets(&aws).await?;
                    let config = KineticsConfig::new(&aws, Some(EndpointConfig::new(\(rustString(settings.urlPath))))).await?;
                    lambda_http::run(lambda_http::service_fn(|request: lambda_http::Request| {
                        let (secrets, config) = (&secrets, &config);
                        async move {
                            let (head, body) = request.into_parts();
                            let body = kinetics::tools::http::Body::from(body).try_into()?;
                            user_function(http::Request::from_parts(head, body), secrets, config).await
                        }
                    }))
                    .await
                }

                """
        case .worker:
            out += """
                //! Lambda entry point of `\(function.name)`: the queue worker `\(path)`.
                //! Generated by kinetics-tui; edits are overwritten on the next build.
                #![allow(non_snake_case)]

                use \(path) as user_function;

                use kinetics::tools::{config::Config as KineticsConfig, queue::Record};

                type Error = Box<dyn std::error::Error + Send + Sync>;

                #[tokio::main]
                async fn main() -> Result<(), Error> {
                    let aws = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
                    let secrets = load_secrets(&aws).await?;
                    let config = KineticsConfig::new(&aws, None).await?;
                    lambda_runtime::run(lambda_runtime::service_fn(|event| {
                        let (secrets, config) = (&secrets, &config);
                        async move {
                            match user_function(Record::from_sqsevent(event)?, secrets, config).await {
                                Ok(retries) => Ok(retries.collect()),
                                Err(error) => Err(error),
                            }
                        }
                    }))
                    .await
                }

                """
        case .cron(let settings):
            out += """
                //! Lambda entry point of `\(function.name)`: the scheduled job `\(path)` (\(settings.schedule)).
                //! Generated by kinetics-tui; edits are overwritten on the next build.
                #![allow(non_snake_case)]

                use \(path) as user_function;

                use aws_lambda_events::eventbridge::EventBridgeEvent;
                use kinetics::tools::config::Config as KineticsConfig;
                use lambda_runtime::LambdaEvent;

                type Error = Box<dyn std::error::Error + Send + Sync>;

                #[tokio::main]
                async fn main() -> Result<(), Error> {
                    let aws = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
                    let secrets = load_secrets(&aws).await?;
                    let config = KineticsConfig::new(&aws, None).await?;
                    lambda_runtime::run(lambda_runtime::service_fn(
                        |_event: LambdaEvent<EventBridgeEvent<serde_json::Value>>| {
                            let (secrets, config) = (&secrets, &config);
                            async move { user_function(secrets, config).await }
                        },
                    ))
                    .await
                }

                """
        }
        return out + "\n" + Self.secretsLoader
    }

    private func rustString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static let secretsLoader = """
        /// The secrets named in `KINETICS_SECRETS_NAMES`, read from SSM Parameter Store, by their original names.
        async fn load_secrets(
            aws: &aws_config::SdkConfig,
        ) -> Result<std::collections::HashMap<String, String>, Error> {
            let client = aws_sdk_ssm::Client::new(aws);
            let mut secrets = std::collections::HashMap::new();
            let names = std::env::var("KINETICS_SECRETS_NAMES").unwrap_or_default();
            for name in names
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
            {
                let parameter = client
                    .get_parameter()
                    .name(name)
                    .with_decryption(true)
                    .send()
                    .await?;
                let value = parameter
                    .parameter
                    .and_then(|p| p.value)
                    .unwrap_or_default();
                let tags = client
                    .list_tags_for_resource()
                    .resource_type(aws_sdk_ssm::types::ResourceTypeForTagging::Parameter)
                    .resource_id(name)
                    .send()
                    .await?
                    .tag_list
                    .unwrap_or_default();
                let key = tags
                    .iter()
                    .find(|tag| tag.key() == "original_name")
                    .map(|tag| tag.value().to_string())
                    .unwrap_or_else(|| name.to_string());
                secrets.insert(key, value);
            }
            Ok(secrets)
        }

        """
}
