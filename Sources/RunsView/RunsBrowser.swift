import Runs
import TUI

#if canImport(Glibc)
    import Glibc
#endif

/// The runs screen's loop: folder → `RunsTable` → `RunsTableRenderer` → terminal, keys back through
/// `RunsKeys`. Sleeps in the `FrameLoop`'s poll on the keyboard and the folder's inotify descriptor,
/// with a heartbeat for new data on file systems without inotify and for live → stale. Returns to the
/// caller to open a run (the caller runs the single-run dashboard, then calls `run` again: the table
/// and its state are kept).
public final class RunsBrowser {
    public enum Exit: Equatable, Sendable {
        case quit
        case open(String)
        case interrupted
    }

    public var table: RunsTable
    public let source: RunsDirectorySource
    public let title: String
    var editingFilter = false
    /// The runs shown overlaid (`o`), nil while the table shows.
    public internal(set) var overlay: [String]?
    /// The phase diagram shows (`p`) instead of the table.
    public internal(set) var showsDiagram = false
    /// The phase diagram's cell cursor (kept while the table shows).
    public internal(set) var diagramCursor = PhaseDiagramKeys.Cursor()
    var note: (text: String, until: Double)?
    /// Some file had more to read when the last `pump` stopped: read on the next heartbeat.
    var hasBacklog = false
    var lastPoll = -Double.infinity
    /// When the table was last drawn (its rows were built at that time).
    var lastFrame = -Double.infinity
    /// The status line drawn with the last table frame.
    var lastStatus: String?
    /// Seconds between looks at the folder when nothing wakes the loop (no inotify, stale marks).
    public var idlePollInterval = 0.5

    /// Seconds spent reading per wake at most while a backlog remains (keeps keys responsive).
    public var readBudgetSeconds = 0.09
    /// A status line drawn in the footer (`grokscope sweep`: running/queued/done counts), read on every
    /// look at the folder; nil for `watch DIR`. Untrusted text (sanitized when drawn).
    public var statusLine: (() -> String)?

    public init(source: RunsDirectorySource, table: RunsTable, title: String) {
        self.source = source
        self.table = table
        self.title = title
    }

    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Reads what is new, within the time budget; true when something changed.
    @discardableResult
    public func pump() -> Bool {
        let start = Self.now()
        var changed = false
        lastPoll = start
        while true {
            let result = source.poll(into: &table, now: Self.now())
            changed = changed || result.changed
            hasBacklog = result.more
            if !result.more || Self.now() - start > readBudgetSeconds { return changed }
        }
    }

    /// Whether a run may have turned stale, or the note expired, since the last frame.
    func statusesMayHaveChanged(now: Double) -> Bool {
        if let n = note, n.until <= now { return true }
        if let statusLine, statusLine() != lastStatus { return true }
        guard let next = table.nextStatusChange(after: lastFrame) else { return false }
        return next <= now
    }

    public func model(now: Double) -> RunsScreenModel {
        if let n = note, n.until < now { note = nil }
        var model = RunsScreenModel(
            table: table, title: title, now: now, isEditingFilter: editingFilter, message: note?.text)
        model.status = statusLine?()
        return model
    }

    public func run(
        backend: TerminalBackend, inputFD: Int32, theme: Theme, glyphs: GlyphSet, shouldStop: () -> Bool
    ) -> Exit {
        var exit = Exit.quit
        pump()
        let loop = FrameLoop(
            inputFD: inputFD, dataFD: source.readinessDescriptor, maxFramesPerSecond: 10,
            heartbeat: 0.1)  // short, so a backlog keeps flowing; idle heartbeats do nothing
        let palette = theme.palette(for: backend.colorDepth)
        var lastModel: RunsScreenModel?
        loop.run(
            handle: { wake in
                if shouldStop() {
                    exit = .interrupted
                    return .stop
                }
                switch wake {
                case .input, .signal:
                    var directive = FrameLoop.Directive.idle
                    while let key = backend.readKey(timeoutMilliseconds: 0) {
                        if showsDiagram {
                            let diagram = PhaseDiagram.build(
                                table: table, settings: SweepSettings.read(directory: source.directory),
                                now: Self.now())
                            switch PhaseDiagramKeys.handle(
                                key, diagram: diagram, cursor: &diagramCursor, table: &table, now: Self.now())
                            {
                            case .none: break
                            case .redraw: directive = .redraw
                            case .leave:
                                showsDiagram = false
                                directive = .redraw
                            }
                            continue
                        }
                        if overlay != nil {
                            // The overlay has one key: leave it (q, Esc or o again); a resize redraws.
                            if [.escape, .character("q"), .character("o"), .resize].contains(key) {
                                if key != .resize { overlay = nil }
                                directive = .redraw
                            }
                            continue
                        }
                        switch RunsKeys.handle(key, table: &table, editingFilter: &editingFilter, now: Self.now()) {
                        case .none: break
                        case .redraw: directive = .redraw
                        case .quit:
                            exit = .quit
                            return .stop
                        case .open(let id):
                            exit = .open(id)
                            return .stop
                        case .phaseDiagram:
                            showsDiagram = true
                            directive = .redraw
                        case .overlay(let ids):
                            if (2...RunsOverlay.maxRuns).contains(ids.count) {
                                overlay = ids
                            } else {
                                note = ("mark 2-\(RunsOverlay.maxRuns) runs with space to overlay them", Self.now() + 4)
                            }
                            directive = .redraw
                        }
                    }
                    return directive
                case .data, .heartbeat:
                    if wake == .heartbeat && !hasBacklog && Self.now() - lastPoll < idlePollInterval { return .idle }
                    let changed = pump()
                    // Something was read: the next frame (at most 10 per second) rebuilds the rows. Building
                    // and comparing them here, on every wake, cost most of a core with 100 live writers.
                    if changed || overlay != nil || showsDiagram { return changed ? .redraw : .idle }
                    // Nothing read and no status can have aged since the last frame: the screen is the
                    // same, so skip rebuilding and comparing every row (the idle cost with 1000 runs).
                    let now = Self.now()
                    if !changed, lastModel != nil, !statusesMayHaveChanged(now: now) { return .idle }
                    // Redraw only when the screen would change (statuses age without new data).
                    return model(now: now) == lastModel ? .idle : .redraw
                }
            },
            render: {
                let size = backend.size
                if showsDiagram {
                    lastModel = nil
                    let now = Self.now()
                    let diagram = PhaseDiagram.build(
                        table: table, settings: SweepSettings.read(directory: source.directory), now: now)
                    backend.draw(
                        PhaseDiagramRenderer.render(
                            diagram, title: title, palette: palette, width: size.width, height: size.height,
                            glyphs: glyphs, cursor: diagramCursor))
                    return
                }
                if let overlay {
                    lastModel = nil
                    let m = RunsOverlay.model(table: table, ids: overlay, now: Self.now(), columns: max(10, size.width))
                    backend.draw(
                        DashboardRenderer.render(
                            m, palette: palette, width: size.width, height: size.height, glyphs: glyphs))
                    return
                }
                let m = model(now: Self.now())
                lastModel = m
                lastStatus = m.status
                lastFrame = Self.now()
                backend.draw(
                    RunsTableRenderer.render(
                        m, palette: palette, width: size.width, height: size.height, glyphs: glyphs))
            })
        return exit
    }
}
