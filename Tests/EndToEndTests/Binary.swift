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

    /// The binary's path, or an error telling how to build it (a missing binary fails the test, it
    /// does not skip it: a suite that silently tests nothing is worse than a red one).
    static func required() throws -> String {
        guard isAvailable else { throw E2EError.missingBinary(path) }
        return path
    }

    /// The binary's path quoted for a shell command line.
    static func shellPath() throws -> String { shellQuote(try required()) }

    /// A fresh scratch directory for one test.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("grokscope-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Small, fast training settings: the demo recipe, few evaluations, a small LMN probe set.
enum FastRun {
    /// The demo preset (5-bit XOR in float64: memorizes by step ~130, generalizes at ~1 900–3 200) cut short.
    static func demo(steps: Int) -> [String] {
        ["--preset", "demo", "--steps", "\(steps)", "--eval-every", "20", "--lmn-every", "100", "--lmn-probes", "32"]
    }

    /// 5-bit XOR with the paper recipe: t_mem 200, t_gen 2 000 at these settings (seed 0), about 6 s
    /// on a loaded 2-core machine. Evaluating every 100 steps keeps MEMORIZING on screen ~1 s.
    static let grokking = [
        "--preset", "paper-xor", "--steps", "2800", "--eval-every", "100", "--lmn-every", "200", "--lmn-probes", "32",
    ]
}
