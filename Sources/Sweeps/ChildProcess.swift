import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `grokscope train` child of a sweep, started with `posix_spawn` in its own process group, so a
/// Ctrl-C at the terminal reaches only the sweep, which then asks each child once to stop (a second
/// signal would make a child exit without its checkpoint).
struct ChildProcess {
    let pid: pid_t

    /// Starts `executable` with standard input from /dev/null and standard output and error appended to
    /// `output`.
    init(executable: String, arguments: [String], output: String) throws(SweepError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group; default dispositions and an empty mask for the signals a child must see
        // (the sweep itself ignores them to receive them through dispatch sources).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let inherited = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let envp = SweepParent.childEnvironment(from: inherited).map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        var status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: another thread's fork still holds the executable open for writing (it was just
        // written, e.g. a rebuilt binary); that fd closes at the fork's exec or exit, so retry briefly.
        for _ in 0..<40 where status == ETXTBSY {
            usleep(50_000)
            status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        }
        guard status == 0 else {
            throw SweepError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// The exit status if the child has ended (reaped), else nil. Never blocks.
    func poll() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }  // exited
        return 128 + (status & 0x7F)  // killed by a signal
    }
}
