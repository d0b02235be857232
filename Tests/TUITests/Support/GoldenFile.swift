import Foundation
import Testing

/// Compares text with Tests/TUITests/Golden/<name>.txt. With RECORD_SNAPSHOTS=1 in the environment it
/// (re)writes the file and then FAILS the test, so a recording run is never mistaken for a green one:
/// record, inspect the diff, run again without the switch. On a mismatch the failure shows the first
/// differing lines. Names must be string literals in the tests (the orphan check reads the sources).
enum GoldenFile {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Golden")
    }

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" }

    static func check(
        _ actual: String, named name: String, recording: Bool = isRecording, in folder: URL = directory,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = folder.appendingPathComponent(name + ".txt")
        if recording {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded golden \(name).txt (RECORD_SNAPSHOTS=1 always fails; inspect the diff, run again without it)",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record golden \(url.path): \(error)", sourceLocation: sourceLocation)
            }
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

    /// Golden files no test names: a file whose name does not occur as a string literal (`"name"`)
    /// in any of `sources`.
    static func orphans(files: [String], sources: [String]) -> [String] {
        files.filter { file in
            let name = file.hasSuffix(".txt") ? String(file.dropLast(4)) : file
            return !sources.contains { $0.contains("\"" + name + "\"") }
        }.sorted()
    }

    /// The golden files on disk (README excluded) and the Swift sources of this test target.
    static func filesAndSources() throws -> (files: [String], sources: [String]) {
        let fm = FileManager.default
        let files = try fm.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".txt") && $0 != "README.txt"
        }
        let root = directory.deletingLastPathComponent()
        var sources: [String] = []
        if let walker = fm.enumerator(atPath: root.path) {
            for case let path as String in walker where path.hasSuffix(".swift") {
                sources.append(try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
            }
        }
        return (files, sources)
    }
}
