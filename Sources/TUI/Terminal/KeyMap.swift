/// A key as the backend reports it, independent of curses key codes.
public enum KeyPress: Hashable, Sendable {
    case character(Unicode.Scalar)
    case left, right, up, down, home, end, pageUp, pageDown
    case escape, enter, backspace
    case resize
    case function(Int)

    public static let ctrlC = KeyPress.character("\u{03}")
}

/// What the user asked for. The monitor interprets actions (zoom windows, cursor position, replay
/// speed); the TUI only maps keys to them and lists them in the help overlay.
public enum UIAction: Hashable, Sendable {
    case quit
    case togglePause
    case zoomIn, zoomOut
    /// Pan the window; in cursor mode, move the cursor instead.
    case panLeft, panRight
    case followTail
    case resetView
    case toggleCursorMode
    /// Log-y on the focused chart.
    case toggleLogY
    /// Log step axis on every chart.
    case toggleLogX
    /// Move the focus (what `y` acts on) to the next / previous chart.
    case focusNextChart, focusPreviousChart
    /// The focused chart shows the next series of the stream (built-in panels first).
    case cycleChartSeries
    case cycleSmoothing
    case cycleTheme
    case toggleLayerNorms
    /// Show / hide the compression-window scatter (test loss against LMN and L2).
    case toggleScatter
    case toggleHelp
    case saveScreen
    /// `watch -- cmd`: show or hide the pane with the trainer's last stderr lines.
    case toggleLogPane
    /// Ctrl-L: redraw every cell (another program wrote over the screen). Handled by the session.
    case repaint
    /// Closes the help overlay or leaves cursor mode.
    case dismiss
    // Replay (reserved keys; ignored when live).
    case replaySlower, replayFaster, replayStepForward, replayStepBackward, replayNextPhase
    /// Replay: back to the start, playing.
    case replayRestart
    /// Digits 1–9: jump to 10 %·n of the run (replay) .
    case jumpToTenths(Int)
}

/// One row of the key table: the keys, how the help shows them, the action, a description.
public struct KeyBinding: Equatable, Sendable {
    public let keys: [KeyPress]
    public let label: String
    public let action: UIAction
    public let description: String
    /// Shown in the footer when there is room (short text), nil = help only.
    public let footer: String?
}

/// A footer hint: "q quit".
public struct KeyHint: Equatable, Sendable {
    public var key: String
    public var text: String
    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}

/// The key table. The footer and the help overlay are both generated from it, so they cannot
/// disagree with what the keys do.
public struct KeyMap: Sendable {
    public let bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) { self.bindings = bindings }

    public func action(for key: KeyPress) -> UIAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    public var footerHints: [KeyHint] {
        // The footer names a row's first key ("? Esc" → "?"); the help lists them all.
        bindings.compactMap { b in b.footer.map { KeyHint(key: String(b.label.split(separator: " ").first ?? ""), text: $0) } }
    }

    private static func c(_ s: Unicode.Scalar) -> KeyPress { .character(s) }

    public static let standard = KeyMap(
        bindings: [
            KeyBinding(
                keys: [c("q"), .ctrlC], label: "q", action: .quit, description: "quit (also Ctrl-C)", footer: "quit"),
            KeyBinding(
                keys: [c(" "), c("p")], label: "space/p", action: .togglePause,
                description: "pause / resume the display", footer: "pause"),
            KeyBinding(
                keys: [c("+"), c("=")], label: "+ -", action: .zoomIn,
                description: "zoom in / out (fewer / more steps)",
                footer: nil),
            KeyBinding(keys: [c("-"), c("_")], label: "", action: .zoomOut, description: "", footer: nil),
            KeyBinding(
                keys: [.left, c("h")], label: "←→ h l", action: .panLeft,
                description: "pan (cursor mode: move the cursor)", footer: nil),
            KeyBinding(keys: [.right, c("l")], label: "", action: .panRight, description: "", footer: nil),
            KeyBinding(
                keys: [c("f"), .end], label: "f/End", action: .followTail, description: "follow the newest steps",
                footer: "follow"),
            KeyBinding(
                keys: [c("0"), .home], label: "0", action: .resetView, description: "reset zoom and pan", footer: nil),
            KeyBinding(
                keys: [c("c")], label: "c", action: .toggleCursorMode,
                description: "cursor mode: read values at a step", footer: "cursor"),
            KeyBinding(
                keys: [c("\t")], label: "Tab g", action: .focusNextChart,
                description: "focus the next chart / g: next series in it", footer: nil),
            // Shares the Tab row, so the help keeps fitting 80×30.
            KeyBinding(keys: [c("g")], label: "", action: .cycleChartSeries, description: "", footer: nil),
            KeyBinding(
                keys: [c("y")], label: "y", action: .toggleLogY, description: "log / linear y on the focused chart",
                footer: "log-y"),
            KeyBinding(
                keys: [c("x")], label: "x", action: .toggleLogX, description: "log / linear step axis (all charts)",
                footer: nil),
            KeyBinding(
                keys: [c("S"), c("m")], label: "S/m", action: .cycleSmoothing,
                description: "cycle smoothing (off, light, strong)", footer: nil),
            KeyBinding(
                keys: [c("t")], label: "t", action: .cycleTheme, description: "cycle colour theme", footer: "theme"),
            KeyBinding(
                keys: [c("n")], label: "n", action: .toggleLayerNorms, description: "show per-layer norms", footer: nil),
            KeyBinding(
                keys: [c("v")], label: "v", action: .toggleScatter,
                description: "scatter: test loss vs LMN and vs L2", footer: nil),
            KeyBinding(
                keys: [c("s")], label: "s", action: .saveScreen, description: "save the screen as text and SVG",
                footer: nil),
            KeyBinding(
                keys: [c("e")], label: "e", action: .toggleLogPane,
                description: "show / hide the trainer's stderr (watch -- cmd)", footer: nil),
            KeyBinding(
                keys: [c("\u{0C}")], label: "Ctrl-L", action: .repaint, description: "redraw the whole screen",
                footer: nil),
            KeyBinding(
                keys: [c("?")], label: "? Esc", action: .toggleHelp,
                description: "this help on / off; Esc closes it, leaves cursor mode", footer: "help"),
            KeyBinding(
                keys: [.escape], label: "", action: .dismiss, description: "", footer: nil),
            KeyBinding(
                keys: [c("[")], label: "[ ] . ,", action: .replaySlower,
                description: "replay: slower / faster; step fwd / back (paused)", footer: nil),
            KeyBinding(keys: [c("]")], label: "", action: .replayFaster, description: "", footer: nil),
            KeyBinding(
                keys: [c(".")], label: "", action: .replayStepForward, description: "", footer: nil),
            KeyBinding(keys: [c(",")], label: "", action: .replayStepBackward, description: "", footer: nil),
            KeyBinding(
                keys: [c("R")], label: "R", action: .replayRestart, description: "replay: restart from the beginning",
                footer: nil),
            KeyBinding(
                keys: [c("j")], label: "j 1-9", action: .replayNextPhase,
                description: "replay: next phase boundary; jump to 10%…90%", footer: nil),
        ]
            + (1...9).map { n in
                KeyBinding(
                    keys: [c(Unicode.Scalar(UInt8(48 + n)))], label: "", action: .jumpToTenths(n),
                    description: "", footer: nil)
            })
}
