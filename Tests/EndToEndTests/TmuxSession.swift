import Foundation

/// Drives the real `grokscope` binary inside a detached tmux session, the way a person would:
/// type with `send-keys`, read the screen with `capture-pane`. Each session gets its own tmux socket,
/// so tests never touch the user's tmux server and can run in parallel.
final class TmuxSession {
    let name: String
    private let socket: String

    /// Starts `command` (run by `sh -c`) in a `width`×`height` pane with `environment` added.
    init(
        command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:],
        directory: URL? = nil
    ) throws {
        name = "gs\(UInt32.random(in: 0...UInt32.max))"
        socket = NSTemporaryDirectory() + "/grokscope-e2e-\(name).sock"
        let env = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(shellQuote($0.value))" }
            .joined(separator: " ")
        var arguments = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)"]
        if let directory { arguments += ["-c", directory.path] }
        // `sleep` keeps the pane after the program ends, so its last screen can be read.
        try tmux(arguments + ["env \(env) sh -c \(shellQuote(command)); echo \"[exit $?]\"; sleep 600"])
    }

    /// An interactive shell (prompt `$ `) in `directory`: type commands with `runLine`, and check that
    /// the terminal still works after a program has exited.
    static func shell(
        in directory: URL, width: Int = 120, height: Int = 40, environment: [String: String] = [:]
    ) throws -> TmuxSession {
        var env = ["LANG": "C.UTF-8", "PS1": "$ "]
        env.merge(environment) { $1 }
        let session = try TmuxSession(
            command: "exec sh -i", width: width, height: height, environment: env, directory: directory)
        try session.waitFor("$", timeout: 10)
        return session
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// The visible screen as text, one line per row.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// The scrollback and the screen (for output that scrolled off).
    func captureHistory() throws -> String { try tmux(["capture-pane", "-p", "-S", "-", "-t", name]) }

    /// Sends tmux key names (e.g. `"q"`, `"C-c"`, `"Space"`, `"?"`).
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Sends text literally (no key-name lookup).
    func type(_ text: String) throws { try tmux(["send-keys", "-l", "-t", name, text]) }

    private var lineNumber = 0

    /// Types a command line into the shell, followed by `echo "[exit-K $?]"` (K counts the lines, so
    /// an earlier command's status is never mistaken for this one's), and presses Enter.
    func runLine(_ commandLine: String) throws {
        lineNumber += 1
        try type(commandLine + "; echo \"[exit-\(lineNumber) $?]\"")
        try send("Enter")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    func waitFor(
        timeout: Double, _ what: String, interval: Double = 0.2, history: Bool = false, _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try history ? captureHistory() : capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: interval)
        }
        throw E2EError.timeout(what, screen: screen)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) throws -> String {
        try waitFor(timeout: timeout, "screen to show \"\(text)\"") { $0.contains(text) }
    }

    /// Waits until the shell has printed the exit status of the last `runLine` (or, for a session
    /// started with a command, `[exit N]`) and returns it.
    func waitForExitStatus(timeout: Double = 30) throws -> Int {
        let marker = lineNumber == 0 ? "[exit " : "[exit-\(lineNumber) "
        let pattern = try Regex(NSRegularExpression.escapedPattern(for: marker) + #"(\d+)\]"#)
        let screen = try waitFor(timeout: timeout, "the command to exit (\"\(marker)N]\")", history: true) {
            $0.firstMatch(of: pattern) != nil
        }
        let match = screen.firstMatch(of: pattern)!
        return Int(match.output[1].substring!)!
    }

    /// Checks the terminal works after a program exited: the line discipline is back in cooked mode
    /// with echo, and a typed command runs and prints.
    func assertShellUsable() throws {
        try type("clear; stty -a | tr ' ;' '\\n\\n' | grep -x -e -icanon -e -echo -e icanon -e echo; echo ok-$((1+1))")
        try send("Enter")
        let screen = try waitFor(timeout: 10, "the shell to print ok-2") { $0.contains("ok-2") }
        let modes = Set(screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        guard modes.contains("icanon"), modes.contains("echo"), !modes.contains("-icanon"), !modes.contains("-echo")
        else { throw E2EError.terminalNotRestored(screen: screen) }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["tmux", "-S", socket] + arguments)
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(String, screen: String)
    case failed(String, status: Int32, output: String)
    case missingBinary(String)
    case terminalNotRestored(screen: String)

    var description: String {
        switch self {
        case .timeout(let what, let screen): return "timed out waiting for \(what); screen:\n\(screen)"
        case .failed(let cmd, let status, let output): return "\(cmd) exited \(status):\n\(output)"
        case .missingBinary(let path):
            return "the grokscope binary is missing at \(path): run `make build` (or set GROKSCOPE_BIN)"
        case .terminalNotRestored(let screen):
            return "the terminal is not back in cooked mode with echo after the program exited; screen:\n\(screen)"
        }
    }
}

/// Runs a program to completion and returns its standard output (standard error is folded in).
/// Output goes through a temporary file, not a pipe: `tmux new-session` forks a server that could
/// inherit a pipe and keep it open.
@discardableResult
func run(_ executable: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory
        .appendingPathComponent("grokscope-e2e-out-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: outputPath) }
    let status = try Spawned(executable, arguments, stdout: outputPath, stderr: outputPath).wait()
    let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    if status != 0 && !allowFailure {
        throw E2EError.failed(([executable] + arguments).joined(separator: " "), status: status, output: text)
    }
    return text
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
