import Foundation
import Monitor
import Phases
import Snapshots
import TextFormat
import TUI

extension LiveMonitor {
    /// One key's effect. Returns whether to redraw or stop.
    func handle(_ action: UIAction) -> FrameLoop.Directive {
        // The cursor stride depends on the chart width: set it here, not while building a frame.
        state.apply(.setChartColumns(MonitorDashboard.columns(forWidth: session.backend.size.width)))
        switch action {
        case .quit: return .stop
        case .togglePause:
            if let replay {
                replay.togglePlaying()
                pump()  // records already due belong before the pause: the paused frame shows them
            } else {
                state.apply(.togglePause)
            }
        case .zoomIn: state.apply(.zoomIn)
        case .zoomOut: state.apply(.zoomOut)
        case .panLeft: state.apply(cursorMode ? .cursorLeft : .panLeft)
        case .panRight: state.apply(cursorMode ? .cursorRight : .panRight)
        case .followTail: if !state.isFollowing { state.apply(.toggleFollow) }
        case .resetView: state.apply(.resetView)
        case .toggleCursorMode: toggleCursor()
        case .toggleLogY: state.apply(.toggleLogY)
        case .toggleLogX: state.apply(.toggleLogX)
        case .focusNextChart: state.apply(.focusNextChart)
        case .focusPreviousChart: state.apply(.focusPreviousChart)
        case .cycleChartSeries: state.apply(.cycleFocusedChart)
        case .cycleSmoothing:
            state.apply(.cycleSmoothing)
            setStatus("smoothing \(state.smoothingWeight == 0 ? "off" : "EMA \(state.smoothingWeight)")")
        case .cycleTheme: cycleTheme()
        case .toggleLayerNorms: state.apply(.toggleLayerNorms)
        case .toggleScatter: state.apply(.toggleScatter)
        case .toggleHelp: state.apply(.toggleHelp)
        case .saveScreen: saveScreen()
        case .repaint: break  // the session redraws every cell
        case .toggleLogPane: toggleLogPane()
        case .dismiss:
            if state.isHelpVisible {
                state.apply(.toggleHelp)
            } else if cursorMode {
                toggleCursor()
            } else if options.escapeLeaves {
                return .stop
            }
        case .replaySlower: changeSpeed(by: 0.5)
        case .replayFaster: changeSpeed(by: 2)
        case .replayStepForward: replayStep(forward: true)
        case .replayStepBackward: replayStep(forward: false)
        case .replayNextPhase: jumpToNextPhase()
        case .replayRestart: restart()
        case .jumpToTenths(let n): jump(toFraction: Double(n) / 10)
        }
        return .redraw
    }

    func toggleCursor() {
        if cursorMode {
            state.apply(.clearCursor)
        } else if let visible = state.visibleRange {
            state.apply(.setCursor(step: visible.upperBound))
        }
    }

    func cycleTheme() {
        guard !options.themeCycle.isEmpty else { return }
        themeIndex = (themeIndex + 1) % options.themeCycle.count
        let name = options.themeCycle[themeIndex]
        let (theme, error) = Theme.loadOrDefault(name)
        session.theme = theme
        // ThemeError's description already names the theme and says the default is used.
        setStatus(error.map { "\($0)" } ?? "theme \(name)")
    }

    func saveScreen() {
        guard let grid = session.lastFrame else { return }
        let stem = "grokscope-screen-\(FileStamp.now())"
        do {
            let palette = session.theme.palette(for: .trueColor)
            let paths = try grid.save(toDirectory: options.saveDirectory, stem: stem, palette: palette)
            setStatus("saved \(paths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", "))")
        } catch {
            setStatus(error.description)
        }
    }

    // MARK: Replay

    func changeSpeed(by factor: Double) {
        guard let replay else { return setStatus("speed keys work in replay") }
        replay.setSpeed(replay.speed * factor)
        setStatus("replay speed \(Self.speedText(replay.speed))×")
    }

    func replayStep(forward: Bool) {
        guard let replay else { return setStatus("step keys work in replay") }
        if forward {
            replay.stepForward()
            pump()
        } else {
            rebuild(from: replay.stepBackward())
        }
    }

    /// Back to the first record, playing, with the view kept.
    func restart() {
        guard let replay else { return setStatus("restart works in replay") }
        rebuild(from: replay.seek(toRecord: 0, keepPlaying: false))
        if !replay.isPlaying { replay.togglePlaying() }
        setStatus("replay restarted")
    }

    func jump(toFraction fraction: Double) {
        guard let replay else { return }
        let lastStep =
            replay.records.reversed().lazy.compactMap { r -> Int? in
                if case .evaluation(let e) = r { return e.step } else { return nil }
            }.first ?? 0
        let target = replay.recordIndex(afterStep: Int(Double(lastStep) * fraction))
        rebuild(from: replay.seek(toRecord: target, keepPlaying: true))
        setStatus("jumped to \(Int(fraction * 100))% of the run")
    }

    /// The next phase boundary after the current position, found by the same detector the monitor runs.
    func jumpToNextPhase() {
        guard let replay else { return setStatus("phase jumps work in replay") }
        var detector = PhaseDetector(rules: rules)
        for record in replay.records { detector.ingest(record) }
        let report = detector.report
        let current = state.lastStep ?? Int.min
        // Stop where the boundary is confirmed (its window held W evaluations), so the badge, the band and
        // the marker show it; the status names the boundary's own step (the window's first).
        let boundaries = [report.memorization, report.compressionStart, report.generalization].compactMap { $0 }
            .filter(\.isConfirmed)
            .map { (step: $0.step, confirmed: $0.confirmedAtStep ?? $0.step) }.sorted { $0.confirmed < $1.confirmed }
        guard let next = boundaries.first(where: { $0.confirmed > current }) else {
            return setStatus("no further phase boundary")
        }
        rebuild(from: replay.seek(toRecord: replay.recordIndex(afterStep: next.confirmed), keepPlaying: false))
        setStatus("phase boundary at step \(next.step), confirmed at \(next.confirmed) (paused; space resumes)")
    }

    /// New data, same view: zoom, log scales, smoothing, focus and cursor survive scrubbing.
    func rebuild(from records: ArraySlice<Record>) {
        state.replaceData(with: records)
    }
}
