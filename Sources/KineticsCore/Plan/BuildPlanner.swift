#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a function has to be built.
public enum BuildReason: String, Codable, Sendable, Hashable {
    /// No successful build of it is recorded.
    case neverBuilt = "never-built"
    /// Its input hash differs from the one its artifact was built from.
    case inputsChanged = "inputs-changed"
    /// The recorded zip is gone or was replaced.
    case artifactMissing = "artifact-missing"
    /// The user asked to rebuild.
    case forced
}

/// What the plan decided for one function.
public enum PlanDecision: Sendable, Hashable {
    /// Inputs unchanged and the zip is still there: nothing to do.
    case unchanged(PackagedArtifact)
    case build(BuildReason)
}

/// Decides, from input hashes and the recorded state, which functions need a build.
public enum BuildPlanner {
    public static func decide(inputHash: String, record: BuildState.FunctionRecord?, force: Bool) -> PlanDecision {
        if force { return .build(.forced) }
        guard let record else { return .build(.neverBuilt) }
        guard record.inputHash == inputHash else { return .build(.inputsChanged) }
        guard let modified = modificationTime(record.artifact.zipPath, size: record.artifact.size),
            modified == record.zipModified
        else { return .build(.artifactMissing) }
        return .unchanged(record.artifact)
    }

    /// The mtime (nanoseconds) of the file at `path` if it is a regular file of `size` bytes.
    static func modificationTime(_ path: String, size: Int64) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int64(info.st_size) == size else {
            return nil
        }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
