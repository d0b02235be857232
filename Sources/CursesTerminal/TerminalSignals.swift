import CNcurses
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

// State shared with signal handlers. The flags are lock-free atomics (loads, stores and exchanges are
// async-signal-safe and never cached by the optimizer); the rest are plain globals, all touched by
// `install()` before any handler can run (so no lazy initialisation happens in handler context);
// handlers only store flags, write(2) a
// wake-up byte or precomputed reset bytes, call tcsetattr(3), signal(2) and raise(3) — all
// async-signal-safe. Everything else (endwin, stopping for Ctrl-Z) runs in the UI loop.
private let pendingTerminationSignal = Atomic<Int32>(0)
private let repaintRequested = Atomic<Bool>(false)
private let stopRequested = Atomic<Bool>(false)
private let cursesIsActive = Atomic<Bool>(false)
private var handlersInstalled = false
private var wakeReadFD: Int32 = -1
private var wakeWriteFD: Int32 = -1
/// Where the emergency reset goes, and the bytes: leave the alternate screen, show the cursor, reset
/// attributes (from terminfo when `CursesBackend` opened the terminal).
private var resetFD: Int32 = -1
private var resetBytes: UnsafeMutablePointer<UInt8>?
private var resetLength = 0
private var savedModes = termios()
private var savedModesFD: Int32 = -1

/// Restores the terminal on every exit path, doing in signal handlers only what is async-signal-safe:
/// - SIGINT / SIGTERM / SIGHUP: the first one records the signal and wakes the UI loop (self-pipe), which
///   sees `pendingTermination`, quits normally and calls `restore`; a second one writes the precomputed
///   reset sequence, puts back the saved terminal modes and re-raises with the default action.
/// - SIGTSTP (Ctrl-Z): the handler only asks; the loop (`CursesBackend.readKey`) leaves curses mode and
///   stops. SIGCONT (after `fg` or a plain SIGSTOP) asks for a full repaint, which the loop draws at once.
/// - Crash signals: reset bytes and saved modes, then the default action (a core dump keeps its cause).
/// - `atexit`: restores if still in curses mode.
/// SIGWINCH is left to ncurses, which turns it into KEY_RESIZE. See docs/terminal.md.
public enum TerminalSignals {
    /// The termination signal received (SIGINT, SIGTERM, SIGHUP), or nil.
    public static var pendingTermination: Int32? {
        let sig = pendingTerminationSignal.load(ordering: .sequentiallyConsistent)
        return sig == 0 ? nil : sig
    }

    /// Takes the pending termination signal (a caller that handles it, e.g. by forwarding it to a child,
    /// clears it so the next one is handled again instead of forcing an exit).
    public static func takeTermination() -> Int32? {
        let sig = pendingTerminationSignal.exchange(0, ordering: .sequentiallyConsistent)
        return sig == 0 ? nil : sig
    }

    /// Readable after any handled signal: poll it with the keyboard so a signal delivered to another
    /// thread (the trainer's) still wakes the UI. `drainWakeups()` empties it.
    public static var wakeDescriptor: Int32? { wakeReadFD >= 0 ? wakeReadFD : nil }

    /// Whether curses mode is on (set by `CursesBackend`, cleared by `restoreTerminal`).
    static var cursesActive: Bool {
        get { cursesIsActive.load(ordering: .sequentiallyConsistent) }
        set { cursesIsActive.store(newValue, ordering: .sequentiallyConsistent) }
    }

    /// True once after SIGCONT or a resume from Ctrl-Z (the screen must be repainted from scratch).
    public static func takeRepaintRequest() -> Bool {
        repaintRequested.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Asks for a full repaint as SIGCONT does (tests of the loop; Ctrl-L goes through `invalidate`).
    static func requestRepaint() { repaintRequested.store(true, ordering: .sequentiallyConsistent) }

    /// True once after Ctrl-Z: the loop must call `suspend()`.
    static func takeStopRequest() -> Bool {
        stopRequested.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Leaves curses mode if it is on. Safe to call any number of times, from any non-handler path.
    public static func restoreTerminal() {
        guard cursesIsActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
        curs_set(1)
        endwin()
    }

    /// Ctrl-Z, in the loop's context: restore the terminal, stop with the default action, and on resume
    /// re-arm the handler and ask for a full repaint.
    static func suspend() {
        restoreTerminal()
        signal(SIGTSTP, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(SIGTSTP)  // stops here until SIGCONT
        setHandler(SIGTSTP, onStop)
        repaintRequested.store(true, ordering: .sequentiallyConsistent)
    }

    /// Remembers how to put the terminal back from a handler: the modes of `fd` now (before curses
    /// changes them) and the bytes that undo curses' screen state.
    static func prepareEmergencyReset(modesOf fd: Int32, output: Int32, bytes: [UInt8]) {
        if tcgetattr(fd, &savedModes) == 0 { savedModesFD = fd }
        resetFD = output
        resetBytes?.deallocate()
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        buffer.initialize(from: bytes, count: bytes.count)
        resetBytes = buffer
        resetLength = bytes.count
    }

    static func install() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        // Touch every global the handlers use, here, outside handler context.
        pendingTerminationSignal.store(0, ordering: .sequentiallyConsistent)
        repaintRequested.store(false, ordering: .sequentiallyConsistent)
        stopRequested.store(false, ordering: .sequentiallyConsistent)
        _ = cursesIsActive.load(ordering: .relaxed)  // initialised here, never first in a handler
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            }
            wakeReadFD = fds[0]
            wakeWriteFD = fds[1]
        }
        for sig in [SIGINT, SIGTERM, SIGHUP] { setHandler(sig, onTermination) }
        setHandler(SIGTSTP, onStop)
        setHandler(SIGCONT, onContinue)
        // A crash anywhere (the training thread included) must not leave the terminal in raw mode.
        for sig in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] { setHandler(sig, onCrash) }
        atexit { TerminalSignals.restoreTerminal() }
    }

    /// Empties the wake-up pipe (the loop does this when it wakes on it).
    public static func drainWakeups() {
        guard wakeReadFD >= 0 else { return }
        var sink = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &sink, sink.count) > 0 {}
    }

    /// sigaction without SA_RESTART, so a blocking poll(2) on this thread returns EINTR too.
    private static func setHandler(_ sig: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }

    // MARK: Handler context: async-signal-safe calls only.

    private static func wake() {
        guard wakeWriteFD >= 0 else { return }
        var byte: UInt8 = 1
        let saved = errno
        _ = write(wakeWriteFD, &byte, 1)  // a full pipe is already readable
        errno = saved
    }

    private static func emergencyRestore() {
        guard cursesIsActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
        if let resetBytes, resetFD >= 0 { _ = write(resetFD, resetBytes, resetLength) }
        if savedModesFD >= 0 { tcsetattr(savedModesFD, TCSANOW, &savedModes) }
    }

    private static let onTermination: @convention(c) (Int32) -> Void = { sig in
        if pendingTerminationSignal.load(ordering: .sequentiallyConsistent) != 0 {
            emergencyRestore()
            signal(sig, SIG_DFL)
            raise(sig)
            return
        }
        pendingTerminationSignal.store(sig, ordering: .sequentiallyConsistent)
        wake()
    }

    private static let onCrash: @convention(c) (Int32) -> Void = { sig in
        emergencyRestore()
        signal(sig, SIG_DFL)
        raise(sig)
    }

    private static let onStop: @convention(c) (Int32) -> Void = { _ in
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake()
    }

    private static let onContinue: @convention(c) (Int32) -> Void = { _ in
        repaintRequested.store(true, ordering: .sequentiallyConsistent)
        wake()
    }
}
