import Foundation

/// Writes a file so a reader sees either the old content or the new one, never half of it.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `path`, then renames it over `path`; creates missing parents.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw BuildError(
                .stateUnwritable,
                "Cannot write \(path) (\(error.localizedDescription)); check the directory's permissions and free space.",
                context: path
            )
        }
    }
}
