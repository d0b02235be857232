import Foundation
import Testing

/// Compares text with Tests/TUITests/Golden/<name>.txt; with RECORD_SNAPSHOTS=1 in the environment,
/// (re)writes the file instead. On a mismatch the failure shows the first differing lines.
enum GoldenFile {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden")
    }

    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.path); run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        Issue.record(
            Comment(rawValue: diff(expected: expected, actual: actual, name: name)), sourceLocation: sourceLocation)
    }

    static func diff(expected: String, actual: String, name: String) -> String {
        let e = expected.components(separatedBy: "\n")
        let a = actual.components(separatedBy: "\n")
        var out = ["golden \(name).txt differs (re-record with RECORD_SNAPSHOTS=1 if intended):"]
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<none>"
            let al = i < a.count ? a[i] : "<none>"
            if el != al {
                out.append("line \(i + 1):")
                out.append("- \(el)")
                out.append("+ \(al)")
                if out.count > 30 { break }
            }
        }
        return out.joined(separator: "\n")
    }
}
