import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`. Foundation's `Process`
/// is not used: under the test runner its exit monitoring can miss a child's exit (seen with the tmux
/// client, whose server daemonizes), and `waitUntilExit` then never returns.
struct Spawned {
    let pid: pid_t

    /// Starts `executable` with `arguments`, standard input from /dev/null, standard output and error
    /// appended to the given files (nil: /dev/null), in `directory`, with `environment` added.
    init(
        _ executable: String, _ arguments: [String], stdout: String?, stderr: String?,
        directory: String? = nil, environment: [String: String] = [:]
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        // posix_spawn has no portable chdir action; run through `cd DIR && exec` when a directory is asked.
        var argv = [executable] + arguments
        var path = executable
        if let directory {
            argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory] + argv
            path = "/bin/sh"
        }
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        // A clean signal state, as a shell gives: the test runner's threads block most signals and a
        // child inherits that mask (a tmux server started so never handled kill-server and leaked).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, Int32(signal)) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, &attributes, cArgs, cEnv)
        guard result == 0 else {
            throw E2EError.failed("posix_spawn \(path)", status: result, output: String(cString: strerror(result)))
        }
        pid = child
    }

    /// The exit status if the child has ended (128 + N if it died of signal N), else nil.
    func poll() -> Int32? {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        guard r == pid else { return nil }
        return Self.decode(status)
    }

    /// Blocks until the child ends and returns its exit status.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Self.decode(status)
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
