import Foundation

/// The binary started without a terminal (standard input empty, output captured in files, so a
/// chatty run never blocks on a full pipe): for headless runs, signals and exit codes.
final class GrokscopeProcess {
    private let child: Spawned
    private let stdoutPath: String
    private let stderrPath: String
    private var status: Int32?

    init(_ arguments: [String], in directory: URL) throws {
        let id = UUID().uuidString.prefix(6)
        stdoutPath = directory.appendingPathComponent(".stdout-\(id)").path
        stderrPath = directory.appendingPathComponent(".stderr-\(id)").path
        child = try Spawned(
            try Binary.required(), arguments, stdout: stdoutPath, stderr: stderrPath, directory: directory.path)
    }

    /// Runs to completion (at most `timeout` seconds) and returns the result.
    static func run(_ arguments: [String], in directory: URL, timeout: Double = 60) throws -> Finished {
        try GrokscopeProcess(arguments, in: directory).wait(timeout: timeout)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    var isRunning: Bool {
        if status == nil { status = child.poll() }
        return status == nil
    }

    struct Finished {
        let status: Int32
        let stdout: String
        let stderr: String
        var transcript: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
    }

    /// Polls standard output until `predicate` holds.
    func waitForOutput(timeout: Double, _ what: String, _ predicate: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(stdout) { return }
            if !isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw E2EError.timeout(what, screen: "stdout:\n\(stdout)\nstderr:\n\(stderr)")
    }

    func signal(_ signal: Int32) { kill(child.pid, signal) }

    /// Waits for the exit; after `timeout` seconds kills the process and fails.
    func wait(timeout: Double) throws -> Finished {
        let deadline = Date().addingTimeInterval(timeout)
        while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if isRunning {
            stop()
            throw E2EError.timeout(
                "grokscope to exit within \(timeout) s", screen: "stdout:\n\(stdout)\nstderr:\n\(stderr)")
        }
        return Finished(status: status!, stdout: stdout, stderr: stderr)
    }

    /// Ends a process the test no longer needs (a background writer).
    func stop() {
        guard isRunning else { return }
        kill(child.pid, SIGKILL)
        status = child.wait()
    }

    deinit { stop() }
}

/// One NDJSON stream per line, parsed: the records of a `--log` file.
enum StreamLog {
    static func records(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let record = object as? [String: Any] else {
                throw E2EError.failed("parse \(url.lastPathComponent)", status: 0, output: String(line))
            }
            return record
        }
    }
}

/// A recorded run that grokked (paper-xor, see `FastRun.grokking`), made once and shared by the
/// replay, watch and report tests; each test copies it into its own scratch directory.
enum GrokkedRecording {
    private static let made: Result<URL, Error> = Result {
        let directory = try Binary.scratch()
        let finished = try GrokscopeProcess.run(
            ["train", "--headless", "--log", "grokked.ndjson", "--name", "e2e-grokked"] + FastRun.grokking,
            in: directory, timeout: 120)
        guard finished.status == 0, finished.stdout.contains("t_gen"), !finished.stdout.contains("t_gen not reached")
        else {
            throw E2EError.failed("recording the grokking run", status: finished.status, output: finished.transcript)
        }
        return directory.appendingPathComponent("grokked.ndjson")
    }

    /// A copy of the recording in `directory`.
    static func copy(into directory: URL, as name: String = "grokked.ndjson") throws -> URL {
        let target = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: try made.get(), to: target)
        return target
    }
}
