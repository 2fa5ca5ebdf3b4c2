import Foundation

/// The entry point of the discovery stage: everything a directory holds that kinetics-tui deploys.
///
/// ```swift
/// let result = ProjectDiscovery.discover(at: ".", environment: ProcessInfo.processInfo.environment)
/// for project in result.projects { … }        // one per crate with functions
/// if result.hasErrors { … }                    // result.diagnostics says what to fix, where
/// ```
/// A single crate gives one project (even without functions, with a `no-functions` warning). A Cargo workspace
/// gives one project per member crate that declares functions; a root that is both a package and a workspace
/// counts as a member. Discovery never throws and never stops at the first problem: every problem is a
/// diagnostic. Secret values are not read here — see `SecretsLoader`.
public enum ProjectDiscovery {
    /// Discovers the project (or workspace) in the directory `path`.
    ///
    /// - Parameters:
    ///   - path: the crate or workspace directory, absolute or relative to the working directory.
    ///   - environment: the process environment; only the names of `KINETICS_SECRET_*` variables are used.
    public static func discover(
        at path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        options: DiscoveryOptions = DiscoveryOptions()
    ) -> DiscoveryResult {
        let root = absolutePath(path)
        var result = DiscoveryResult(root: root)
        var diagnostics: [Diagnostic] = []

        guard ProjectFileReader.exists(root) else {
            result.diagnostics = [.error(.projectNotFound, "`\(path)` does not exist; pass the directory of a Kinetics crate with --project DIR")]
            return result
        }
        guard ProjectFileReader.isDirectory(root) else {
            result.diagnostics = [.error(.projectNotFound, "`\(path)` is not a directory; pass the directory that holds Cargo.toml")]
            return result
        }
        guard let manifest = loadManifest(crateRoot: root, relativeRoot: ".", options: options, diagnostics: &diagnostics) else {
            if diagnostics.isEmpty {
                diagnostics = [.error(
                    .missingManifest,
                    "there is no Cargo.toml in `\(path)`; run kinetics-tui in the directory of a Kinetics crate or pass --project DIR")]
            }
            result.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
            return result
        }
        diagnostics += manifest.diagnostics

        var projects: [Project] = []
        if let workspace = manifest.workspace {
            var crates: [(relative: String, manifest: ManifestSummary)] = []
            if manifest.packageName != nil { crates.append((".", manifest)) }
            for member in WorkspaceMembers.resolve(workspace, root: root, diagnostics: &diagnostics) {
                let reported = diagnostics.count
                guard let memberManifest = loadManifest(
                    crateRoot: root + "/" + member, relativeRoot: member, options: options, diagnostics: &diagnostics)
                else {
                    if diagnostics.count == reported {
                        diagnostics.append(.error(
                            .missingMemberManifest,
                            "the workspace member `\(member)` has no Cargo.toml; add one or remove it from `[workspace] members`",
                            at: workspace.location))
                    }
                    continue
                }
                diagnostics += memberManifest.diagnostics
                crates.append((member, memberManifest))
            }
            for (relative, crateManifest) in crates {
                var crate = CrateDiscovery(
                    root: relative == "." ? root : root + "/" + relative, relativeRoot: relative,
                    manifest: crateManifest, environment: environment, options: options)
                let project = crate.run()
                diagnostics += crate.diagnostics
                if !project.functions.isEmpty { projects.append(project) }
            }
            if projects.isEmpty {
                diagnostics.append(.warning(
                    .noFunctions,
                    "no member of the workspace declares a function; add `#[endpoint]`, `#[worker]` or `#[cron]` to a `fn` under a member's `src/`"))
            }
            var seenNames: [String: Project] = [:]
            for project in projects {
                if let first = seenNames[project.name] {
                    diagnostics.append(.error(
                        .duplicateProjectName,
                        "the crates `\(first.relativeRoot)` and `\(project.relativeRoot)` are both the project `\(project.name)` and would deploy to the same stacks; set a different `[project] name` in one kinetics.toml",
                        at: SourceLocation(file: project.relativeRoot + "/Cargo.toml")))
                } else {
                    seenNames[project.name] = project
                }
            }
        } else {
            var crate = CrateDiscovery(root: root, relativeRoot: ".", manifest: manifest, environment: environment, options: options)
            let project = crate.run()
            diagnostics += crate.diagnostics
            if project.functions.isEmpty {
                diagnostics.append(.warning(
                    .noFunctions,
                    "no functions found in `src/`; add `#[endpoint(url_path = \"/hello\")]`, `#[worker]` or `#[cron(schedule = \"rate(1 hour)\")]` to a `fn`"))
            }
            projects.append(project)
        }

        result.projects = projects.sorted { $0.relativeRoot < $1.relativeRoot }
        result.diagnostics = diagnostics.sorted(by: Diagnostic.reportOrder)
        return result
    }

    /// Reads and parses `Cargo.toml` of a crate; `nil` when it is missing or not TOML (reported).
    private static func loadManifest(
        crateRoot: String, relativeRoot: String, options: DiscoveryOptions, diagnostics: inout [Diagnostic]
    ) -> ManifestSummary? {
        let shown = relativeRoot == "." ? "Cargo.toml" : relativeRoot + "/Cargo.toml"
        switch ProjectFileReader.read(crateRoot + "/Cargo.toml", limit: options.maximumFileSize) {
        case .success(let bytes):
            switch TOMLDocument.parse(ProjectFileText(displayPath: shown, bytes: bytes)) {
            case .document(let document):
                return ManifestSummary(document)
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                return nil
            }
        case .failure(.notFound):
            return nil
        case .failure(let failure):
            diagnostics.append(Diagnostic(
                .error, CrateDiscovery.code(for: failure), failure.message(for: shown, limit: options.maximumFileSize),
                at: SourceLocation(file: shown)))
            return nil
        }
    }

    /// `path` made absolute against the working directory, with `.`/`..` segments and repeated or trailing `/` removed.
    static func absolutePath(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
