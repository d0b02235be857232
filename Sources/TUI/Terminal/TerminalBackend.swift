/// A terminal size in cells.
public struct TerminalSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What the UI needs from a terminal. `CursesBackend` (CursesTerminal module) is the real one;
/// `RecordingBackend` is the test double. The UI renders a whole `CellGrid` per frame; the backend
/// writes only the cells that changed since the previous `draw`.
public protocol TerminalBackend: AnyObject {
    /// Current size; re-read after a `.resize` key.
    var size: TerminalSize { get }
    /// What colours the terminal can show (after any user override).
    var colorDepth: ColorDepth { get }
    /// Writes the grid, blitting only what changed since the last draw (all of it after a resize).
    func draw(_ grid: CellGrid)
    /// The next key, waiting at most `timeoutMilliseconds` (0 = do not wait); nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> KeyPress?
    /// Puts the terminal back as it was (idempotent; safe to call more than once).
    func restore()
    /// Forgets what is on the screen: the next `draw` rewrites every cell (Ctrl-L).
    func invalidate()
    /// True when the keyboard is gone (terminal hung up): the loop quits.
    var inputClosed: Bool { get }
    /// A descriptor that becomes readable when a signal was handled (poll it with the keyboard), or nil.
    var wakeDescriptor: Int32? { get }
}

extension TerminalBackend {
    public var inputClosed: Bool { false }
    public var wakeDescriptor: Int32? { nil }
}

/// A backend that draws into memory: keeps the last grid and counts what a real terminal would
/// have been sent. Keys are scripted.
public final class RecordingBackend: TerminalBackend {
    public private(set) var size: TerminalSize
    public let colorDepth: ColorDepth
    public private(set) var lastGrid: CellGrid?
    public private(set) var framesDrawn = 0
    /// Cells rewritten across all frames (changed cells only).
    public private(set) var cellsWritten = 0
    /// Estimated bytes a terminal would receive: per run a cursor move, per cell its UTF-8 bytes,
    /// per style change an SGR sequence.
    public private(set) var bytesWritten = 0
    public private(set) var restored = false
    private var pendingKeys: [KeyPress]

    public init(width: Int, height: Int, colorDepth: ColorDepth = .ansi256, keys: [KeyPress] = []) {
        size = TerminalSize(width: width, height: height)
        self.colorDepth = colorDepth
        pendingKeys = keys
    }

    public func draw(_ grid: CellGrid) {
        bytesWritten += grid.estimatedTerminalBytes(since: lastGrid)
        cellsWritten += grid.changedRuns(since: lastGrid).reduce(0) { $0 + $1.cells.count }
        lastGrid = grid
        framesDrawn += 1
    }

    public func readKey(timeoutMilliseconds: Int) -> KeyPress? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func restore() { restored = true }

    /// Times `invalidate()` was called; the next frame is counted as a full repaint.
    public private(set) var invalidations = 0
    public func invalidate() {
        invalidations += 1
        lastGrid = nil
    }

    /// Set by a test to simulate a hung-up keyboard.
    public var inputClosed = false

    /// Simulates a window resize: the next key read is `.resize`.
    public func resize(width: Int, height: Int) {
        size = TerminalSize(width: width, height: height)
        pendingKeys.insert(.resize, at: 0)
    }

    public func enqueue(_ keys: [KeyPress]) { pendingKeys += keys }
}
