import Foundation
import Monitor
import Phases
import Publishing
import Snapshots
import TUI

/// The interactive loop: records from a source → monitor state → dashboard → terminal, and keys
/// back into monitor actions. The terminal is injected, so the whole loop runs in tests on a
/// recording backend; only the executable hands it curses.
public final class LiveMonitor {
    public struct Options {
        /// Themes `t` cycles through (names or paths), starting with the active one.
        public var themeCycle: [String]
        /// Where `s` writes the screen (text + SVG).
        public var saveDirectory: String
        /// Quit by itself once the stream has ended (scripts, `--exit-on-finish`).
        public var exitWhenEnded: Bool
        /// Seconds without a record before the header says "stale".
        public var staleAfter: Double
        /// Esc (with no help or cursor to close) leaves the dashboard, as q does: opened from the runs table.
        public var escapeLeaves = false
        /// The trainer `watch -- cmd` started: its exit status in the header, its stderr in the `e` pane.
        public var child: ChildProcess?
        /// What fills the chart slots (`--charts`).
        public var chartSlots = ChartSlot.standard

        public init(
            themeCycle: [String] = Theme.shippedNames, saveDirectory: String = ".", exitWhenEnded: Bool = false,
            staleAfter: Double = 10
        ) {
            self.themeCycle = themeCycle
            self.saveDirectory = saveDirectory
            self.exitWhenEnded = exitWhenEnded
            self.staleAfter = staleAfter
        }
    }

    /// Why the loop returned.
    public enum Outcome: Equatable {
        case quit
        case streamEnded
        case interrupted
    }

    public internal(set) var state: MonitorState
    public let source: RecordSource
    public let session: DashboardSession
    let replay: PlaybackControls?
    let options: Options
    let rules: PhaseRules
    var themeIndex = 0
    /// Cursor mode is on exactly while the monitor has a cursor.
    var cursorMode: Bool { state.cursorStep != nil }
    var status: (text: String, until: Double)?
    var lastDrawn: DashboardModel?
    var speedMeter = SpeedMeter()
    var seenDropped = 0
    var seenRestarts = 0
    var showLogPane = false

    public init(
        source: RecordSource, session: DashboardSession, rules: PhaseRules = .paper, options: Options = Options(),
        initialStatus: String? = nil
    ) {
        self.source = source
        self.session = session
        self.replay = source.playback
        self.options = options
        self.rules = rules
        self.state = MonitorState(rules: rules, staleAfter: options.staleAfter)
        state.apply(.setChartSlots(options.chartSlots))
        if let initialStatus { status = (initialStatus, Self.now() + 8) }
    }

    /// Runs until the user quits, `shouldStop` says so (a signal), or the stream ends with
    /// `exitWhenEnded`. Restores the terminal before returning.
    public func run(shouldStop: @escaping () -> Bool) -> Outcome {
        var outcome = Outcome.quit
        pump()
        session.loop.dataFD = source.readinessDescriptor
        // With `exitWhenEnded`, stop as soon as the end is seen — on the data wake that brought it,
        // not a heartbeat later (that wait alone cost up to a second per scripted run).
        func endedAndShouldExit() -> Bool {
            guard options.exitWhenEnded, hasEnded else { return false }
            outcome = .streamEnded
            return true
        }
        if endedAndShouldExit() {
            session.backend.restore()
            return outcome
        }
        session.run(
            model: {
                let model = self.currentModel()
                self.lastDrawn = model
                return model
            },
            onAction: { action in self.handle(action) },
            onData: {
                let changed = self.pump()
                // A source that has ended has no descriptor left to wait on (a closed pipe is always readable).
                self.session.loop.dataFD = self.source.readinessDescriptor
                if endedAndShouldExit() { return .stop }
                return changed ? .redraw : .idle
            },
            onHeartbeat: {
                let changed = self.pump()
                self.session.loop.dataFD = self.source.readinessDescriptor
                if endedAndShouldExit() { return .stop }
                return changed || self.currentModel() != self.lastDrawn ? .redraw : .idle
            },
            shouldStop: {
                if shouldStop() {
                    outcome = .interrupted
                    return true
                }
                return false
            })
        return outcome
    }

    /// Applies one user action as if its key was pressed (scripts and tests use this too).
    public func perform(_ action: UIAction) { _ = handle(action) }

    /// Pulls whatever the source has now into the state.
    public func refresh() { pump() }

    var hasEnded: Bool {
        switch source.status {
        case .ended, .endOfInput: return replay == nil || replay!.position >= replay!.records.count
        default: return false
        }
    }

    /// Moves new records into the state; true if anything arrived.
    @discardableResult
    func pump() -> Bool {
        var any = false
        // Sources hand big files over in slices; take them all now (a 10^6-record log in ~1 s).
        for _ in 0..<10_000 {
            guard pumpOnce() else { break }
            any = true
        }
        return any
    }

    private func pumpOnce() -> Bool {
        let records = source.poll()
        let dropped = source.droppedCount
        if dropped > seenDropped {
            state.noteDropped(dropped - seenDropped)
            seenDropped = dropped
        }
        let restarts = source.diagnostics.restarts
        if restarts > seenRestarts {  // each poll's records come from one file: drop the old run first
            seenRestarts = restarts
            state.startOver()
            speedMeter = SpeedMeter()
        }
        guard !records.isEmpty else { return false }
        for record in records {
            if case .header = record, replay == nil { speedMeter = SpeedMeter() }
            if case .evaluation(let e) = record { speedMeter.add(step: e.step, time: e.wallTime) }
            state.ingest(record)
        }
        return true
    }

    /// The frame for the current state. No side effects: building a model never changes the view.
    public func currentModel() -> DashboardModel {
        let width = session.backend.size.width
        var extras = MonitorDashboard.Extras(stepsPerSecond: speedMeter.stepsPerSecond)
        if let status, status.until > Self.now() { extras.statusMessage = status.text }
        if let replay {
            let mode = replay.isPlaying ? "replay" : "replay paused"
            extras.livenessOverride = "\(mode) \(Self.speedText(replay.speed))×"
            extras.etaOverride = replay.playbackSecondsLeft  // the playback's, not the training's
            extras.stepsPerSecond = nil
        }
        if let problem = sourceProblem { extras.statusMessage = extras.statusMessage ?? problem }
        if let writer = writerLiveness {
            extras.livenessOverride = writer
            extras.stepsPerSecond = nil  // no ETA for a run that can no longer advance
        }
        var model = MonitorDashboard.model(state, width: width, extras: extras)
        model.logPane = logPaneModel
        return model
    }

    /// What the source itself reports (waiting for a file, bad lines, an incompatible format).
    var sourceProblem: String? {
        let d = source.diagnostics
        if let incompatible = d.incompatibility { return "\(incompatible)" }
        if case .waitingForFile = source.status { return source.status.description }
        if case .failed(let message) = source.status { return "error: \(message)" }
        if d.skippedLines > 0, let first = d.firstError {
            return "\(d.skippedLines) bad lines skipped (first: \(first))"
        }
        return nil
    }

    static func now() -> Double { ReplaySource.monotonicNow() }

    static func speedText(_ speed: Double) -> String {
        if speed >= 10 || speed == speed.rounded() { return String(Int(speed.rounded())) }
        return String(format: speed < 0.1 ? "%.3f" : "%.1f", speed)
    }

    func setStatus(_ text: String) { status = (text, Self.now() + 5) }
}

/// Training speed from the stream itself (steps per second of the producer's clock), over the last
/// few evaluations so it follows changes.
struct SpeedMeter {
    private var samples: [(step: Int, time: Double)] = []

    mutating func add(step: Int, time: Double) {
        samples.append((step, time))
        if samples.count > 20 { samples.removeFirst(samples.count - 20) }
    }

    var stepsPerSecond: Double? {
        guard let first = samples.first, let last = samples.last, last.time > first.time else { return nil }
        return Double(last.step - first.step) / (last.time - first.time)
    }
}
