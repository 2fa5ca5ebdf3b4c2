import Foundation

/// Where a project's ``BuildState`` is kept between runs.
///
/// The JSON file of ``JSONBuildStateStore`` is the default; the local SQLite cache can take its place by
/// conforming to this protocol.
public protocol BuildStateStore: Sendable {
    /// The saved state, or an empty one when there is none (or it cannot be read: a cache never blocks a build).
    func load(for project: Project) throws -> BuildState
    func save(_ state: BuildState, for project: Project) throws
}

/// Keeps the state as one JSON file per project, written atomically.
public struct JSONBuildStateStore: BuildStateStore {
    /// The file for every project, or `nil` for `<project>/target/kinetics-tui/state.json`.
    public var path: String?

    public init(path: String? = nil) {
        self.path = path
    }

    public func file(for project: Project) -> String {
        path ?? "\(project.root)/target/kinetics-tui/state.json"
    }

    public func load(for project: Project) throws -> BuildState {
        guard let data = FileManager.default.contents(atPath: file(for: project)),
            let state = try? JSONDecoder().decode(BuildState.self, from: data),
            state.version == BuildState.formatVersion
        else { return BuildState() }
        return state
    }

    public func save(_ state: BuildState, for project: Project) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFile.write(try encoder.encode(state), to: file(for: project))
    }
}
