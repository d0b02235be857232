import Foundation

/// Where the release binary under test lives: `$GROKSCOPE_BIN` (set by `make test`), else the
/// package's own `.build/release/grokscope`.
enum Binary {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        if let env = ProcessInfo.processInfo.environment["GROKSCOPE_BIN"], !env.isEmpty { return env }
        return packageRoot.appendingPathComponent(".build/release/grokscope").path
    }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A fresh scratch directory for one test.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("grokscope-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
