import Foundation

/// Keeps a copy of a crate in sync with the original, writing only files whose content differs.
///
/// cargo decides what to recompile from mtimes, so a file rewritten with the same content would make it
/// rebuild; here an unchanged file is never touched, a changed one is rewritten, a vanished one removed.
/// `target/` of the copy is cargo's and is left alone, and so is its `Cargo.lock` (cargo records the added
/// runtime crates there) unless the original's lock file is newer.
public struct BuildCopy: Sendable {
    public var source: String
    public var destination: String

    public init(source: String, destination: String) {
        self.source = CrateSources.standardize(source)
        self.destination = CrateSources.standardize(destination)
    }

    /// What a sync did, by paths relative to the crate.
    public struct Report: Sendable, Hashable {
        public var written: [String] = []
        public var removed: [String] = []
        public var unchanged = 0
    }

    /// Copies the crate, with `generated` (relative path → content) in place of or beside its files.
    @discardableResult
    public func sync(generated: [String: String]) throws -> Report {
        let fm = FileManager.default
        var report = Report()
        let skip: Set<String> = ["target", ".git"]
        let files = SourceTree.files(under: source, skipping: skip, skipHidden: false).filter { relative in
            // The copy must not contain itself when it lives inside the crate (under target/, which is skipped).
            !"\(source)/\(relative)".hasPrefix(destination + "/")
        }
        var keep = Set(generated.keys)
        keep.insert("Cargo.lock")

        for relative in files where generated[relative] == nil && relative != "Cargo.lock" {
            keep.insert(relative)
            let from = "\(source)/\(relative)"
            let to = "\(destination)/\(relative)"
            guard let content = fm.contents(atPath: from) else { continue }
            if try write(content, to: to, relative: relative, mode: permissions(of: from)) {
                report.written.append(relative)
            } else {
                report.unchanged += 1
            }
        }
        for (relative, text) in generated.sorted(by: { $0.key < $1.key }) {
            if try write(Data(text.utf8), to: "\(destination)/\(relative)", relative: relative, mode: 0o644) {
                report.written.append(relative)
            } else {
                report.unchanged += 1
            }
        }
        let lock = "\(source)/Cargo.lock"
        let copiedLock = "\(destination)/Cargo.lock"
        if let content = fm.contents(atPath: lock), !fm.fileExists(atPath: copiedLock) || isNewer(lock, than: copiedLock) {
            if try write(content, to: copiedLock, relative: "Cargo.lock", mode: 0o644) { report.written.append("Cargo.lock") }
        }

        for relative in SourceTree.files(under: destination, skipping: ["target"], skipHidden: false) where !keep.contains(relative) {
            do {
                try fm.removeItem(atPath: "\(destination)/\(relative)")
                report.removed.append(relative)
            } catch {
                throw BuildError(.fileSystem, "Cannot remove \(destination)/\(relative) from the build copy: \(error.localizedDescription).")
            }
        }
        removeEmptyDirectories(destination, isRoot: true)
        report.written.sort()
        report.removed.sort()
        return report
    }

    /// Writes `content` unless the file already holds exactly that; returns whether it wrote.
    private func write(_ content: Data, to path: String, relative: String, mode: Int) throws -> Bool {
        let fm = FileManager.default
        if let existing = fm.contents(atPath: path), existing == content { return false }
        do {
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(to: URL(fileURLWithPath: path))
            try fm.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        } catch {
            throw BuildError(.fileSystem, "Cannot write \(relative) into the build copy at \(destination): \(error.localizedDescription).")
        }
        return true
    }

    private func permissions(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int) ?? 0o644
    }

    private func isNewer(_ path: String, than other: String) -> Bool {
        let fm = FileManager.default
        guard let a = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
            let b = (try? fm.attributesOfItem(atPath: other))?[.modificationDate] as? Date
        else { return true }
        return a > b
    }

    /// Removes directories left empty by removed files; returns whether `directory` itself is now empty.
    @discardableResult
    private func removeEmptyDirectories(_ directory: String, isRoot: Bool) -> Bool {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return false }
        var empty = true
        for name in names {
            let path = "\(directory)/\(name)"
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue && !(isRoot && name == "target") && removeEmptyDirectories(path, isRoot: false) {
                try? fm.removeItem(atPath: path)
            } else {
                empty = false
            }
        }
        return empty
    }
}
