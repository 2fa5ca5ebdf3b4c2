import Foundation
import Testing

/// Compares text with a golden file in `Goldens/` beside the calling test; `KT_UPDATE_GOLDENS=1` rewrites them.
enum Golden {
    static var isUpdating: Bool { ProcessInfo.processInfo.environment["KT_UPDATE_GOLDENS"] == "1" }

    static func check(
        _ name: String,
        _ text: String,
        filePath: String = #filePath,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        if isUpdating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("No golden \(name).txt; run the tests with KT_UPDATE_GOLDENS=1 to write it.", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).actual.txt")
        try? actual.write(to: dump, atomically: true, encoding: .utf8)
        Issue.record(
            "\(name) differs from its golden at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(whole output in \(dump.path))",
            sourceLocation: sourceLocation)
    }
}
