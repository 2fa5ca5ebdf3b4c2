import Foundation

/// The commit a project directory is checked out at, read from `.git` directly (no `git` process, so it costs
/// a few file reads): loose refs, packed refs, detached heads and worktrees' `.git` files.
public enum GitCommit {
    /// The commit hash of `HEAD` of the repository holding `directory`, or `nil` when there is none.
    public static func read(at directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let dotGit = current.appendingPathComponent(".git").path
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isFolder) {
                guard let gitDirectory = isFolder.boolValue ? dotGit : linkedGitDirectory(dotGit, base: current.path) else { return nil }
                return head(gitDirectory)
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The directory a `.git` file (`gitdir: …`) points to.
    private static func linkedGitDirectory(_ file: String, base: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
        let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }

    private static func head(_ gitDirectory: String) -> String? {
        guard let head = try? String(contentsOfFile: gitDirectory + "/HEAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        else { return nil }
        guard head.hasPrefix("ref:") else { return isHash(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        // A worktree's refs live in the common directory.
        var directories = [gitDirectory]
        if let common = try? String(contentsOfFile: gitDirectory + "/commondir", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) {
            directories.append(common.hasPrefix("/") ? common : (gitDirectory as NSString).appendingPathComponent(common))
        }
        for directory in directories {
            if let loose = try? String(contentsOfFile: "\(directory)/\(ref)", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines),
               isHash(loose) {
                return loose
            }
            if let packed = try? String(contentsOfFile: "\(directory)/packed-refs", encoding: .utf8) {
                for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                    let hash = String(line.prefix { $0 != " " })
                    if isHash(hash) { return hash }
                }
            }
        }
        return nil
    }

    private static func isHash(_ text: String) -> Bool {
        (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
    }
}
