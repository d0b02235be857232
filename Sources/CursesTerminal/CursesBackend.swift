import CNcurses
import Foundation
import TUI

/// Why the terminal could not be opened.
public struct CursesError: Error, CustomStringConvertible {
    public let description: String
}

/// The real terminal: ncursesw behind the `TerminalBackend` protocol. Create one per process;
/// `restore()` (or any exit path: signals, `atexit`) puts the terminal back.
public final class CursesBackend: TerminalBackend {
    public struct Options: Sendable {
        /// `--color` override; nil = detect from NO_COLOR / COLORTERM / TERM, capped by terminfo.
        public var colorOverride: ColorDepth?
        /// How long a lone ESC waits for the rest of a sequence (ms). Low, so Esc feels instant.
        public var escapeDelayMilliseconds: Int32
        /// Install SIGINT/SIGTERM/SIGHUP/SIGTSTP/SIGCONT handlers (see `TerminalSignals`).
        public var installSignalHandlers: Bool
        /// Where keys come from: the controlling terminal, never standard input (which may be the stream,
        /// a file or /dev/null: its bytes must never become keystrokes).
        public var keyboardDevice: String

        public init(
            colorOverride: ColorDepth? = nil, escapeDelayMilliseconds: Int32 = 25, installSignalHandlers: Bool = true,
            keyboardDevice: String = "/dev/tty"
        ) {
            self.colorOverride = colorOverride
            self.escapeDelayMilliseconds = escapeDelayMilliseconds
            self.installSignalHandlers = installSignalHandlers
            self.keyboardDevice = keyboardDevice
        }
    }

    public let colorDepth: ColorDepth
    /// One line for the user when something was substituted (unknown TERM → xterm).
    public let notice: String?
    /// Whether the locale is UTF-8; otherwise non-ASCII glyphs are written as "?".
    public let isUTF8: Bool
    /// The terminal type actually used.
    public let terminalName: String
    /// The descriptor keys arrive on (poll it together with the data source).
    public let inputDescriptor: Int32

    var lastGrid: CellGrid?
    var pairCache: [PairKey: Int32] = [:]
    var nextPair: Int32 = 1
    let maxPairs: Int32
    let colorCount: Int32
    /// Diagnostics: cells written by `draw` since start.
    public internal(set) var cellsWritten = 0

    public init(options: Options = Options(), environment: [String: String] = ProcessInfo.processInfo.environment)
        throws
    {
        setlocale(LC_ALL, "")
        isUTF8 =
            String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingOccurrences(of: "-", with: "")
            == "UTF8"

        // setupterm with a status pointer and newterm (unlike initscr) report an unknown TERM
        // instead of exiting, so we can fall back.
        let requested = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
        // "e": close-on-exec, so a child trainer never shares our keyboard.
        guard let input = fopen(options.keyboardDevice, "re") else {
            throw CursesError(
                description:
                    "cannot open \(options.keyboardDevice) to read keys (\(String(cString: strerror(errno)))): run in a terminal, or use --plain"
            )
        }
        inputDescriptor = fileno(input)
        let modesFD = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : inputDescriptor
        var used: String? = nil
        for candidate in [requested, "xterm", "vt100"] {
            var status: Int32 = 0
            guard setupterm(candidate, STDOUT_FILENO, &status) == gs_ok() else { continue }
            if newterm(candidate, stdout, input) != nil {
                used = candidate
                break
            }
        }
        guard let used else {
            throw CursesError(
                description:
                    "cannot open the terminal: TERM '\(requested)' and the xterm/vt100 fallbacks have no terminfo entry (install ncurses-base or set TERM)"
            )
        }
        notice = used == requested ? nil : "TERM '\(requested)' has no terminfo entry; using \(used)"
        terminalName = used
        TerminalSignals.prepareEmergencyReset(modesOf: modesFD, output: STDOUT_FILENO, bytes: Self.resetSequence())

        cbreak()
        noecho()
        nonl()
        keypad(gs_stdscr(), true)
        leaveok(gs_stdscr(), true)
        curs_set(0)
        gs_set_escdelay(options.escapeDelayMilliseconds)

        var depth = ColorDepth.detect(environment: environment, override: options.colorOverride)
        if has_colors() {
            start_color()
            use_default_colors()
            colorCount = gs_colors()
            maxPairs = gs_color_pairs()
            if colorCount < 256 && depth > .ansi16 { depth = .ansi16 }
            if colorCount < 8 { depth = .mono }
        } else {
            colorCount = 0
            maxPairs = 0
            depth = .mono
        }
        colorDepth = depth
        TerminalSignals.cursesActive = true
        if options.installSignalHandlers { TerminalSignals.install() }
    }

    deinit { restore() }

    /// What undoes curses' screen state, written by a signal handler that may not call `endwin`: leave
    /// the alternate screen and keypad mode, show the cursor, reset attributes (terminfo; ANSI if absent).
    static func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for (capability, fallback) in [
            ("rmcup", "\u{1B}[?1049l"), ("rmkx", ""), ("cnorm", "\u{1B}[?25h"), ("sgr0", "\u{1B}[0m"),
        ] {
            if let value = gs_tigetstr(capability) {
                bytes += Array(String(cString: value).utf8)
            } else {
                bytes += Array(fallback.utf8)
            }
        }
        return bytes + Array("\r\n".utf8)
    }

    /// Readable after a signal was handled (see `TerminalSignals`).
    public var wakeDescriptor: Int32? { TerminalSignals.wakeDescriptor }

    /// The next draw rewrites every cell (Ctrl-L; after another program wrote over the screen).
    public func invalidate() { lastGrid = nil }

    /// Whether the keyboard hung up (terminal closed, ssh dropped): the dashboard must quit.
    public var inputClosed: Bool {
        var entry = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) > 0 else { return false }
        return entry.revents & (Int16(POLLHUP) | Int16(POLLERR) | Int16(POLLNVAL)) != 0
    }

    public var size: TerminalSize { TerminalSize(width: Int(gs_cols()), height: Int(gs_lines())) }

    /// Leaves curses mode (idempotent). A later `draw` re-enters it (ncurses does so on refresh).
    public func restore() {
        TerminalSignals.restoreTerminal()
        lastGrid = nil
    }
}
