/// Wires a backend, the key map and the idle-free loop: the whole interactive loop in one call.
/// The caller supplies the current model, what to do with actions, and how to drain new data.
public final class DashboardSession {
    public let backend: TerminalBackend
    public var theme: Theme
    public var glyphs: GlyphSet
    public let keyMap: KeyMap
    public let loop: FrameLoop
    /// The last frame drawn (for the `s` key: `lastFrame?.plainText`, `lastFrame?.svg()`).
    public private(set) var lastFrame: CellGrid?

    public init(
        backend: TerminalBackend, theme: Theme, glyphs: GlyphSet, keyMap: KeyMap = .standard,
        inputFD: Int32 = 0, dataFD: Int32? = nil, maxFramesPerSecond: Double = 10, heartbeat: Double = 1,
        maxBytesPerSecond: Double? = DashboardSession.defaultMaxBytesPerSecond
    ) {
        self.backend = backend
        self.theme = theme
        self.glyphs = glyphs
        self.keyMap = keyMap
        loop = FrameLoop(
            inputFD: inputFD, dataFD: dataFD, maxFramesPerSecond: maxFramesPerSecond, heartbeat: heartbeat,
            maxBytesPerSecond: maxBytesPerSecond, wakeFD: backend.wakeDescriptor)
    }

    /// Following a live run, whole-run charts change almost everywhere at every frame: at 10 frames/s
    /// that measured ~21 KB/s at 120×40. This estimated budget keeps the real output under 20 KB/s
    /// (the estimate runs a little above curses' real output); small updates keep 10 frames/s.
    public static let defaultMaxBytesPerSecond: Double = 15_000

    /// Runs until an action handler or `shouldStop` says so, then restores the terminal.
    /// - Parameters:
    ///   - model: the model to draw now (called only when a frame is due).
    ///   - onAction: apply a user action; return `.stop` to quit, `.redraw` if something changed.
    ///   - onData: drain the data fd / check for new snapshots; `.redraw` when there are some.
    ///   - onHeartbeat: periodic refresh (elapsed time, stale marks); `.redraw` when visible.
    ///   - shouldStop: checked on every wake, e.g. `{ TerminalSignals.pendingTermination != nil }`.
    public func run(
        model: () -> DashboardModel,
        onAction: (UIAction) -> FrameLoop.Directive,
        onData: () -> FrameLoop.Directive = { .idle },
        onHeartbeat: () -> FrameLoop.Directive = { .idle },
        shouldStop: () -> Bool = { false }
    ) {
        defer { backend.restore() }
        loop.run(
            handle: { wake in
                if shouldStop() { return .stop }
                var directive = FrameLoop.Directive.idle
                func merge(_ d: FrameLoop.Directive) {
                    if d == .stop || directive == .stop {
                        directive = .stop
                    } else if d == .redraw {
                        directive = .redraw
                    }
                }
                switch wake {
                case .input, .signal:
                    while directive != .stop, let key = backend.readKey(timeoutMilliseconds: 0) {
                        if key == .resize {
                            merge(.redraw)
                            continue
                        }
                        if let action = keyMap.action(for: key) {
                            if action == .repaint {  // Ctrl-L: the screen was written over; redraw every cell
                                backend.invalidate()
                                merge(.redraw)
                            } else {
                                merge(onAction(action))
                            }
                        }
                    }
                    // The keyboard hung up (or its end was reached): quit instead of waking forever.
                    if backend.inputClosed { merge(.stop) }
                case .data: merge(onData())
                case .heartbeat: merge(onHeartbeat())
                }
                return directive
            },
            renderCountingBytes: { drawFrame(model()) })
    }

    /// Renders and draws one frame at the backend's current size; returns the estimated bytes written.
    @discardableResult
    public func drawFrame(_ model: DashboardModel) -> Int {
        let size = backend.size
        let grid = DashboardRenderer.render(
            model, palette: theme.palette(for: backend.colorDepth), width: size.width, height: size.height,
            glyphs: glyphs, keyMap: keyMap)
        let bytes = grid.estimatedTerminalBytes(since: lastFrame)
        backend.draw(grid)
        lastFrame = grid
        return bytes
    }
}
