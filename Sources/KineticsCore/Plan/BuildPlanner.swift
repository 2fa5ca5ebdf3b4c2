#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
