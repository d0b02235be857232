#if canImport(Glibc)
    import Glibc
#endif

/// A sweep's child stops cleanly when its sweep is gone. Children run in their own process groups (so
/// a Ctrl-C reaches only the sweep, which forwards it once), which also means nothing reaches them
/// when the sweep itself dies without forwarding — killed, or a second signal while it was still
/// handling the first. Left running they would finish unseen, and re-running the sweep would start a
/// second writer on the same files. So the sweep names itself in each child's environment, and a
/// headless `train` that finds itself re-parented stops at its next evaluation (end record
/// `interrupted`, checkpoint), ready to be resumed. See docs/sweeps.md.
public enum SweepParent {
    public static let environmentKey = "GROKSCOPE_SWEEP_PARENT"

    /// The sweep's process id when this process was started by one, else nil (also for a value that
    /// is not a positive process id).
    public static func expected(in environment: [String: String]) -> pid_t? {
        guard let text = environment[environmentKey], let pid = pid_t(text), pid > 1 else { return nil }
        return pid
    }

    /// True when `parent` is no longer this process's parent: it exited and the process was re-parented.
    public static func isGone(_ parent: pid_t) -> Bool { getppid() != parent }

    /// `environ` as `KEY=VALUE` lines with this process named as the sweep parent (replacing any
    /// inherited value: a sweep started by a sweep's child names itself).
    static func childEnvironment(from inherited: [String]) -> [String] {
        inherited.filter { !$0.hasPrefix(environmentKey + "=") } + ["\(environmentKey)=\(getpid())"]
    }
}
