import CNcurses

#if canImport(Glibc)
    import Glibc
#endif

// Flags written by signal handlers. Plain globals with constant initialisers (statically
// initialised, no lazy-init in the handler); handlers only store to them.
private var pendingTerminationSignal: sig_atomic_t = 0
private var repaintRequested: sig_atomic_t = 0
private var cursesIsActive: sig_atomic_t = 0
private var handlersInstalled = false

/// Restores the terminal on every exit path:
/// - SIGINT / SIGTERM / SIGHUP: the first one only records the signal (poll wakes with EINTR, the
///   main loop sees `pendingTermination`, quits normally and calls `restore`); a second one restores
///   the terminal at once and re-raises with the default action, so a stuck program still dies.
/// - SIGTSTP (Ctrl-Z): leaves curses mode, stops with the default action; on resume re-arms
///   itself and asks for a full repaint. SIGCONT (after a plain SIGSTOP) also asks for a repaint.
/// - `atexit`: restores if still in curses mode.
/// SIGWINCH is left to ncurses, which turns it into KEY_RESIZE.
public enum TerminalSignals {
    /// The termination signal received (SIGINT, SIGTERM, SIGHUP), or nil.
    public static var pendingTermination: Int32? {
        pendingTerminationSignal == 0 ? nil : pendingTerminationSignal
    }

    /// Whether curses mode is on (set by `CursesBackend`, cleared by `restoreTerminal`).
    static var cursesActive: Bool {
        get { cursesIsActive != 0 }
        set { cursesIsActive = newValue ? 1 : 0 }
    }

    /// True once after a resume from Ctrl-Z (the screen must be repainted from scratch).
    public static func takeRepaintRequest() -> Bool {
        guard repaintRequested != 0 else { return false }
        repaintRequested = 0
        return true
    }

    /// Leaves curses mode if it is on. Safe to call any number of times, from any exit path.
    public static func restoreTerminal() {
        guard cursesIsActive != 0 else { return }
        cursesIsActive = 0
        curs_set(1)
        endwin()
    }

    static func install() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for sig in [SIGINT, SIGTERM, SIGHUP] { setHandler(sig, onTermination) }
        setHandler(SIGTSTP, onStop)
        setHandler(SIGCONT, { _ in repaintRequested = 1 })
        // A crash anywhere (the training thread included) must not leave the terminal in raw mode.
        for sig in [SIGABRT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE] { setHandler(sig, onCrash) }
        atexit { TerminalSignals.restoreTerminal() }
    }

    /// sigaction without SA_RESTART, so a blocking poll(2) returns EINTR and the loop wakes up.
    private static func setHandler(_ sig: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(sig, &action, nil)
    }

    private static let onTermination: @convention(c) (Int32) -> Void = { sig in
        if pendingTerminationSignal != 0 {
            TerminalSignals.restoreTerminal()
            signal(sig, SIG_DFL)
            raise(sig)
            return
        }
        pendingTerminationSignal = sig
    }

    private static let onCrash: @convention(c) (Int32) -> Void = { sig in
        TerminalSignals.restoreTerminal()
        signal(sig, SIG_DFL)
        raise(sig)
    }

    private static let onStop: @convention(c) (Int32) -> Void = { _ in
        TerminalSignals.restoreTerminal()
        signal(SIGTSTP, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTSTP)
        sigprocmask(SIG_UNBLOCK, &set, nil)
        raise(SIGTSTP)  // stops here until SIGCONT
        TerminalSignals.setHandler(SIGTSTP, TerminalSignals.onStop)
        repaintRequested = 1
    }
}
