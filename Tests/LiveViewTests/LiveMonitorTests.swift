import Foundation
import LiveView
import Monitor
import Publishing
import Snapshots
import TUI
import Testing

/// A keyboard stand-in: a pipe whose readability wakes the frame loop; the keys themselves are
/// scripted on the recording backend.
final class FakeKeyboard {
    var fds: [Int32] = [0, 0]
    init() { _ = pipe(&fds) }
    deinit { close(fds[0]); close(fds[1]) }
    func poke() { _ = write(fds[1], "k", 1) }
}

func header(total: Int = 1000) -> Record {
    .header(
        RunHeader(
            runID: "t", name: "test run", task: "add mod 31", probeSize: 64, totalSteps: total,
            startTime: 0, producer: "tests"))
}

/// A run that memorizes at step 100 and generalizes at step 500 (evaluations every 50 steps).
func grokkingRun(until last: Int = 1000) -> [Record] {
    var records = [header()]
    for step in stride(from: 0, through: last, by: 50) {
        let train = step >= 100 ? 1.0 : Double(step) / 100
        let test = step >= 500 ? 1.0 : 0.1
        records.append(
            .evaluation(
                Evaluation(
                    step: step, wallTime: Double(step) / 100,
                    metrics: [
                        "train_loss": 1 / Double(step + 1), "test_loss": test == 1 ? 0.01 : 3, "train_acc": train,
                        "test_acc": test, "l2": 40 - Double(step) / 100,
                        "lmn": step % 200 == 0 ? 5 - Double(step) / 500 : .nan,
                    ])))
    }
    return records
}

/// A monitor on a channel holding the grokking run (and its end record when `ended`), drawn on a
/// recording backend, with `exitWhenEnded` set.
struct ChannelRig {
    let keyboard = FakeKeyboard()
    let channel = RecordChannel()
    let backend = RecordingBackend(width: 80, height: 24)
    let monitor: LiveMonitor

    init(ended: Bool, heartbeat: Double) {
        for record in grokkingRun() { channel.send(record) }
        if ended {
            channel.send(.end(RunEnd(step: 1000, status: .completed)))
            channel.close()
        }
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii,
            inputFD: keyboard.fds[0], dataFD: channel.readinessDescriptor, heartbeat: heartbeat)
        monitor = LiveMonitor(source: channel, session: session, options: .init(exitWhenEnded: true))
    }
}

@Test func liveRunShowsPhasesAndQuitsOnKey() throws {
    let keyboard = FakeKeyboard()
    let channel = RecordChannel()
    for record in grokkingRun() { channel.send(record) }
    channel.send(.end(RunEnd(step: 1000, status: .completed)))
    let backend = RecordingBackend(width: 100, height: 30)
    let session = DashboardSession(
        backend: backend, theme: .builtinDefault, glyphs: .ascii,
        inputFD: keyboard.fds[0], dataFD: channel.readinessDescriptor, heartbeat: 0.05)
    let monitor = LiveMonitor(source: channel, session: session)
    var frames = 0
    let outcome = monitor.run(shouldStop: {
        frames += 1
        if frames == 3 { backend.enqueue([.character("q")]); keyboard.poke() }
        return frames > 200
    })
    #expect(outcome == .quit)
    let screen = try #require(backend.lastGrid).plainText
    #expect(screen.contains("GENERALIZED"))
    #expect(screen.contains("test run"))
    #expect(monitor.state.detector.report.generalization?.step == 500)
    #expect(backend.restored)
}

@Test func exitWhenEndedStopsByItself() throws {
    let rig = ChannelRig(ended: true, heartbeat: 0.05)
    var calls = 0
    let outcome = rig.monitor.run(shouldStop: {
        calls += 1; return calls > 400
    })
    #expect(outcome == .streamEnded)
}

@Test func replayKeysStepScrubAndJumpToPhases() throws {
    let replay = ReplaySource(records: grokkingRun(), speed: 1, now: { 0 })
    let backend = RecordingBackend(width: 100, height: 30)
    let session = DashboardSession(backend: backend, theme: .builtinDefault, glyphs: .ascii)
    let monitor = LiveMonitor(source: replay, session: session)
    monitor.refresh()
    #expect(monitor.state.lastStep == 0)
    monitor.perform(.togglePause)
    #expect(!replay.isPlaying)
    monitor.perform(.replayStepForward)
    #expect(monitor.state.lastStep == 50)
    monitor.perform(.replayStepForward)
    #expect(monitor.state.lastStep == 100)
    monitor.perform(.replayStepBackward)
    #expect(monitor.state.lastStep == 50)
    // Each jump stops where the boundary's window of 3 evaluations confirms it.
    monitor.perform(.replayNextPhase)
    #expect(monitor.state.lastStep == 200)  // t_mem = 100, confirmed at 200
    #expect(monitor.state.detector.report.memorization?.isConfirmed == true)
    #expect(monitor.state.detector.report.verdict == .memorized)  // compression not shown by this run's LMN
    monitor.perform(.replayNextPhase)
    #expect(monitor.state.lastStep == 600)  // t_gen = 500, confirmed at 600
    #expect(monitor.state.detector.report.generalization?.step == 500)
    #expect(monitor.state.detector.report.verdict == .generalized)
    monitor.perform(.replayFaster)
    #expect(replay.speed == 2)
    monitor.perform(.jumpToTenths(3))
    #expect(monitor.state.lastStep == 300)
    monitor.perform(.jumpToTenths(9))
    #expect(monitor.state.detector.report.generalization?.step == 500)
}

@Test func replayPlaysOnTheRunClock() {
    var clock = 100.0
    let replay = ReplaySource(records: grokkingRun(), speed: 10, now: { clock })
    #expect(replay.poll().count == 2)  // header + the step-0 evaluation (due at t = 0)
    clock += 0.12  // 1.2 s of run time at 10× → evaluations at steps 50 and 100
    let records = replay.poll()
    #expect(records.count == 2)
    replay.setSpeed(5000)
    #expect(replay.speed == 1000)
    clock += 10
    _ = replay.poll()
    #expect(replay.status == .endOfInput)
}

/// `exitWhenEnded` stops on the data wake that delivers the end record, not on a later heartbeat
/// (the heartbeat here is long: reaching it means the end went unnoticed, and counts as a failure).
@Test func exitWhenEndedStopsOnTheDataWake() {
    let rig = ChannelRig(ended: false, heartbeat: 2)
    let (channel, backend, monitor) = (rig.channel, rig.backend, rig.monitor)
    let producer = Thread {
        usleep(50_000)
        channel.send(.end(RunEnd(step: 1000, status: .completed)))
        channel.close()
    }
    producer.start()
    var wakes = 0
    let outcome = monitor.run(shouldStop: {
        wakes += 1; return wakes > 1
    })  // the 2nd wake = a heartbeat
    #expect(outcome == .streamEnded)
    #expect(backend.restored)
}

/// An already-ended stream with `exitWhenEnded` returns at once, without waiting for any wake.
@Test func exitWhenEndedReturnsAtOnceForAnEndedStream() {
    let rig = ChannelRig(ended: true, heartbeat: 2)
    let (backend, monitor) = (rig.backend, rig.monitor)
    let outcome = monitor.run(shouldStop: { true })  // any wake at all would report .interrupted
    #expect(outcome == .streamEnded)
    #expect(backend.restored)
}

/// `v` opens the scatter; it stays open when a replay jump rebuilds the state, and fills as the run
/// compresses (t_mem 100, confirmed at 200; LMN every 200 steps, L2 every 50).
@Test func scatterKeyOpensThePanelAndSurvivesReplayJumps() throws {
    let replay = ReplaySource(records: grokkingRun(), speed: 1, now: { 0 })
    let backend = RecordingBackend(width: 120, height: 40)
    let session = DashboardSession(backend: backend, theme: .builtinDefault, glyphs: .ascii)
    let monitor = LiveMonitor(source: replay, session: session)
    monitor.refresh()
    #expect(!monitor.state.showsScatter)
    monitor.perform(.toggleScatter)
    #expect(monitor.state.showsScatter)
    #expect(monitor.state.scatter() == nil)  // step 0: no t_mem yet
    monitor.perform(.jumpToTenths(3))
    #expect(monitor.state.showsScatter)
    let early = try #require(monitor.state.scatter())
    monitor.perform(.jumpToTenths(9))
    let late = try #require(monitor.state.scatter())
    #expect(early.startStep == 100 && late.startStep == 100)
    #expect(late.l2.points.count > early.l2.points.count)
    #expect(late.l2.points.map(\.step) == [100, 150, 200, 250, 300, 350, 400, 450])  // [t_mem, t_gen)
    monitor.perform(.toggleScatter)
    #expect(!monitor.state.showsScatter)
}

/// A source that is not a `ReplaySource` but offers playback controls: the replay keys reach it through
/// `RecordSource.playback`, the interface, not through a check of the source's type.
final class ForwardingPlayback: RecordSource, PlaybackControls {
    let inner: ReplaySource
    init(_ inner: ReplaySource) { self.inner = inner }
    var playback: PlaybackControls? { self }
    func poll() -> [Record] { inner.poll() }
    var status: SourceStatus { inner.status }
    var diagnostics: StreamDiagnostics { inner.diagnostics }
    var droppedCount: Int { 0 }
    var readinessDescriptor: Int32? { nil }
    func wait(timeout: Double) -> Bool { inner.wait(timeout: timeout) }
    var records: [Record] { inner.records }
    var position: Int { inner.position }
    var speed: Double { inner.speed }
    var isPlaying: Bool { inner.isPlaying }
    var playbackSecondsLeft: Double { inner.playbackSecondsLeft }
    func setSpeed(_ newSpeed: Double) { inner.setSpeed(newSpeed) }
    func togglePlaying() { inner.togglePlaying() }
    func stepForward() { inner.stepForward() }
    func seek(toRecord index: Int, keepPlaying: Bool) -> ArraySlice<Record> {
        inner.seek(toRecord: index, keepPlaying: keepPlaying)
    }
    func recordIndex(afterStep step: Int) -> Int { inner.recordIndex(afterStep: step) }
    func stepBackward() -> ArraySlice<Record> { inner.stepBackward() }
}

@Test func replayKeysDriveAnyPlaybackSourceThroughTheInterface() {
    let inner = ReplaySource(records: grokkingRun(), speed: 1, now: { 0 })
    let session = DashboardSession(backend: RecordingBackend(width: 100, height: 30), theme: .builtinDefault, glyphs: .ascii)
    let monitor = LiveMonitor(source: ForwardingPlayback(inner), session: session)
    monitor.refresh()
    monitor.perform(.togglePause)
    monitor.perform(.replayStepForward)
    #expect(monitor.state.lastStep == 50)
    monitor.perform(.replayFaster)
    #expect(inner.speed == 2)
    // Negative control: a live source has no playback, so the same key only explains itself.
    let live = LiveMonitor(
        source: DescriptorSource(descriptor: -1),
        session: DashboardSession(backend: RecordingBackend(width: 100, height: 30), theme: .builtinDefault, glyphs: .ascii))
    live.perform(.replayFaster)
    #expect(inner.speed == 2)
}
