import Foundation

/// Drives the real `grokscope` binary inside a detached tmux session, the way a person would:
/// type with `send-keys`, read the screen with `capture-pane`. Each session gets its own tmux socket,
/// so tests never touch the user's tmux server and can run in parallel.
final class TmuxSession {
    let name: String
    private let socket: String

    /// Starts `command` (run by `sh -c`) in a `width`×`height` pane with `environment` added.
    init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "gs\(UInt32.random(in: 0...UInt32.max))"
        socket = NSTemporaryDirectory() + "/grokscope-e2e-\(name).sock"
        let env = environment.map { "\($0.key)=\(shellQuote($0.value))" }.joined(separator: " ")
        // `remain-on-exit` keeps the pane after the program ends, so its last screen can be read.
        try tmux(["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                  "env \(env) sh -c \(shellQuote(command)); echo \"[exit $?]\"; sleep 600"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// The visible screen as text, one line per row.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    /// Sends tmux key names (e.g. `"q"`, `"C-c"`, `"Space"`, `"?"`).
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    /// Sends text literally (no key-name lookup).
    func type(_ text: String) throws { try tmux(["send-keys", "-l", "-t", name, text]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    func waitFor(timeout: Double, _ what: String, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw E2EError.timeout(what, screen: screen)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) throws -> String {
        try waitFor(timeout: timeout, "screen to show \"\(text)\"") { $0.contains(text) }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try run("/usr/bin/env", ["tmux", "-S", socket] + arguments)
    }
}

enum E2EError: Error, CustomStringConvertible {
    case timeout(String, screen: String)
    case failed(String, status: Int32, output: String)

    var description: String {
        switch self {
        case .timeout(let what, let screen): return "timed out waiting for \(what); screen:\n\(screen)"
        case .failed(let cmd, let status, let output): return "\(cmd) exited \(status):\n\(output)"
        }
    }
}

/// Runs a program to completion and returns its standard output (standard error is folded in).
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
         allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    if process.terminationStatus != 0 && !allowFailure {
        throw E2EError.failed(([executable] + arguments).joined(separator: " "),
                              status: process.terminationStatus, output: output)
    }
    return output
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
