import Foundation
import Snapshots

#if canImport(Glibc)
    import Glibc
#endif

/// A trainer started by `grokscope watch -- cmd …`: its standard output is a pipe the dashboard reads as
/// the stream (`DescriptorSource(descriptor: stdoutDescriptor)`), its standard error goes to a
/// `ChildLog` (a file and the last lines for the pane), standard input is /dev/null (keys are ours).
/// It runs in its own process group so the terminal's Ctrl-C and Ctrl-Z reach only grokscope, which
/// forwards what it means (`signal(_:)`); a waiter thread reaps it and keeps the exit status.
/// `@unchecked Sendable`: the status is guarded by a lock.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    public let command: [String]
    /// Read end of the child's standard output (nil when `stdoutToLog`: the stream is a file).
    public let stdoutDescriptor: Int32?
    public let log: ChildLog
    private let condition = NSCondition()
    private var status: Int32?

    /// Starts `command` (looked up in PATH). With `stdoutToLog`, the child's standard output joins its
    /// standard error in the log (the trainer writes the stream to a file).
    public init(command: [String], logPath: String, stdoutToLog: Bool = false) throws {
        guard let program = command.first else { throw ChildProcessError("no command after --") }
        let log = try ChildLog(path: logPath)
        var errPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        guard pipe(&errPipe) == 0, stdoutToLog || pipe(&outPipe) == 0 else {
            throw ChildProcessError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        // Close-on-exec: no other child (a second trainer, a test's) may hold our pipes open; dup2 in the
        // spawn clears the flag on the child's 1 and 2.
        for fd in errPipe + outPipe where fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutToLog ? errPipe[1] : outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A clean signal state (we ignore SIGPIPE and handle SIGINT…; the child must not inherit that).
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in 1..<32 where sig != SIGKILL && sig != SIGSTOP { sigaddset(&defaults, Int32(sig)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let cArgs = command.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawnp(&child, program, &actions, &attributes, cArgs, environ)
        close(errPipe[1])
        if !stdoutToLog { close(outPipe[1]) }
        guard result == 0 else {
            close(errPipe[0])
            if !stdoutToLog { close(outPipe[0]) }
            throw ChildProcessError(
                "cannot start '\(UntrustedText(program))': \(String(cString: strerror(result)))")
        }
        pid = child
        self.command = command
        self.log = log
        stdoutDescriptor = stdoutToLog ? nil : outPipe[0]
        log.start(reading: errPipe[0])
        let spawned = child
        let waiter = Thread { [self] in
            var raw: Int32 = 0
            while waitpid(spawned, &raw, 0) < 0 && errno == EINTR {}
            condition.lock()
            status = Self.decode(raw)
            condition.broadcast()
            condition.unlock()
        }
        waiter.name = "grokscope-child-wait"
        waiter.start()
    }

    /// The exit status once the child has ended (128 + N when signal N killed it), else nil.
    public var exitStatus: Int32? {
        condition.lock()
        defer { condition.unlock() }
        return status
    }

    /// Waits up to `timeout` seconds for the child to end; its status, or nil if still running.
    @discardableResult
    public func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while status == nil && condition.wait(until: deadline) {}
        return status
    }

    /// Sends `sig` to the child's process group (the trainer and whatever it started), while it runs.
    public func signal(_ sig: Int32) {
        guard exitStatus == nil else { return }
        _ = kill(-pid, sig)
    }

    /// Ends the child as a user leaving expects: SIGINT (a trainer writes its end record), then SIGTERM,
    /// then SIGKILL, each after `grace` seconds. Returns the exit status.
    public func stop(grace: Double = 5) -> Int32 {
        for sig in [SIGINT, SIGTERM, SIGKILL] {
            if let status = exitStatus { return status }
            signal(sig)
            if let status = waitForExit(timeout: grace) { return status }
        }
        return waitForExit(timeout: .infinity) ?? 1
    }

    /// "exited with status 3", "killed by signal 9 (status 137)".
    public static func describe(_ status: Int32) -> String {
        status > 128 && status < 160
            ? "killed by signal \(status - 128) (status \(status))" : "exited with status \(status)"
    }

    static func decode(_ raw: Int32) -> Int32 {
        let sig = raw & 0x7f
        return sig == 0 ? (raw >> 8) & 0xff : 128 + sig
    }
}

/// Why the child could not be started.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
