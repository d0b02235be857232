import Foundation
import LiveView
import Publishing
import Snapshots
import TUI
import Testing

/// Issue 11 §4: a followed file that is truncated, or deleted and recreated, by a new run (same run
/// id) shows the new run alone — not "step 1500/1000" and "out-of-order evaluations ignored".
@Test func aRewrittenFileReplacesTheRunOnScreen() throws {
    let directory = NSTemporaryDirectory() + "grokscope-rewrite-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/run.ndjson"
    func write(until last: Int) throws {
        let text = grokkingRun(until: last).map(RecordEncoder.line).joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))  // in place: same inode, truncated
    }
    try write(until: 1000)
    let source = FileTailSource(path: path, pollInterval: 0.01)
    let keyboard = FakeKeyboard()
    let backend = RecordingBackend(width: 100, height: 30)
    let session = DashboardSession(
        backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: keyboard.fds[0],
        dataFD: source.readinessDescriptor, heartbeat: 0.02)
    let monitor = LiveMonitor(source: source, session: session)
    func run(until step: Int) {
        var frames = 0
        _ = monitor.run(shouldStop: {
            frames += 1
            return monitor.state.lastStep == step || frames > 2_000
        })
    }
    run(until: 1000)
    #expect(monitor.state.evaluationCount == 21)

    try write(until: 300)  // truncated and rewritten by a new run with the same run id
    run(until: 300)
    #expect(monitor.state.lastStep == 300)
    #expect(monitor.state.evaluationCount == 7, "only the new run's evaluations")
    #expect(monitor.state.outOfOrderEvaluations == 0)

    try FileManager.default.removeItem(atPath: path)  // deleted and recreated, longer this time
    let text = grokkingRun(until: 400).map(RecordEncoder.line).joined()
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    run(until: 400)
    #expect(monitor.state.evaluationCount == 9)
    #expect(monitor.state.outOfOrderEvaluations == 0)
}
