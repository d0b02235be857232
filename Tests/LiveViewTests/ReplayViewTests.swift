import Foundation
import LiveView
import Monitor
import Publishing
import Snapshots
import TUI
import Testing

/// Replay keys change the data, never the view; `R` restarts; the ETA is the playback's.
@Suite struct ReplayViewTests {
    func rig(duration: Double? = nil, clock: @escaping () -> Double = { 0 }) -> (LiveMonitor, ReplaySource) {
        let replay =
            duration.map { ReplaySource(records: grokkingRun(), duration: $0, now: clock) }
            ?? ReplaySource(records: grokkingRun(), speed: 1, now: clock)
        let backend = RecordingBackend(width: 100, height: 30)
        let session = DashboardSession(backend: backend, theme: .builtinDefault, glyphs: .ascii)
        return (LiveMonitor(source: replay, session: session), replay)
    }

    func setView(_ monitor: LiveMonitor) {
        monitor.perform(.focusNextChart)  // accuracy
        monitor.perform(.toggleLogY)
        monitor.perform(.toggleLogX)
        monitor.perform(.cycleSmoothing)
        monitor.perform(.zoomIn)
    }

    func expectView(_ state: MonitorState, after key: String) {
        #expect(state.isLogY(.accuracy), "log-y lost after \(key)")
        #expect(state.isLogY(.loss), "loss scale lost after \(key)")
        #expect(state.isLogX, "log-x lost after \(key)")
        #expect(state.smoothingWeight == 0.6, "smoothing lost after \(key)")
        #expect(state.span != nil, "zoom lost after \(key)")
        #expect(state.focusedChart == .accuracy, "focus lost after \(key)")
    }

    @Test func scrubbingKeysKeepLogScalesSmoothingAndZoom() {
        let (monitor, replay) = rig()
        replay.seek(toRecord: replay.records.count, keepPlaying: false)
        monitor.refresh()
        monitor.perform(.replayStepBackward)  // rebuild once so there is data to zoom
        setView(monitor)
        let keys: [(String, UIAction)] = [
            (",", .replayStepBackward), ("j", .replayNextPhase), ("3", .jumpToTenths(3)), ("9", .jumpToTenths(9)),
            ("R", .replayRestart),
        ]
        for (name, action) in keys {
            monitor.perform(action)
            monitor.refresh()
            expectView(monitor.state, after: name)
        }
    }

    /// Control: a fresh monitor state has none of these settings, so the checks above can fail.
    @Test func aFreshStateHasTheDefaultView() {
        let state = MonitorState()
        #expect(!state.isLogY(.accuracy) && !state.isLogX && state.smoothingWeight == 0 && state.span == nil)
    }

    @Test func restartGoesBackToTheStartAndPlays() {
        let (monitor, replay) = rig()
        monitor.refresh()
        monitor.perform(.jumpToTenths(8))
        monitor.perform(.togglePause)
        #expect(!replay.isPlaying)
        #expect((monitor.state.lastStep ?? 0) >= 800)
        monitor.perform(.replayRestart)
        monitor.refresh()
        #expect(replay.isPlaying)
        #expect(monitor.state.lastStep == 0)
        #expect(replay.position <= 2)
    }

    @Test func etaDescribesThePlayback() throws {
        var now = 0.0
        let (monitor, replay) = rig(duration: 20, clock: { now })
        monitor.refresh()
        // The run's clock spans 10 s (steps 0–1000 at 100 steps/s); played in 20 s: speed 0.5.
        #expect(abs(replay.speed - 0.5) < 1e-9)
        var model = monitor.currentModel()
        #expect(abs((model.header.etaSeconds ?? -1) - 20) < 0.01)
        now = 5
        monitor.refresh()
        model = monitor.currentModel()
        #expect(abs((model.header.etaSeconds ?? -1) - 15) < 0.01)
        #expect(model.header.stepsPerSecond == nil)  // training speed says nothing about playback
        now = 25
        monitor.refresh()
        #expect(monitor.currentModel().header.etaSeconds == 0)
    }

    /// Building a frame changes nothing: two frames in a row are equal and the view is untouched.
    @Test func currentModelHasNoSideEffects() {
        let (monitor, _) = rig()
        monitor.refresh()
        let before = monitor.state.snapshot()
        let a = monitor.currentModel()
        let b = monitor.currentModel()
        #expect(a == b)
        var after = monitor.state.snapshot()
        after.liveness = before.liveness  // the system clock moved on; nothing else may change
        #expect(after == before)
        #expect(monitor.state.chartColumns == 100)  // the initial value: only keys set it
    }
}
