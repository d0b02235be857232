import Foundation
import LiveView
import Publishing
import Snapshots
import TUI
import Testing

/// Opened from the runs table, Esc leaves the dashboard; otherwise Esc only closes help/cursor.
@Test(arguments: [true, false]) func escapeLeavesOnlyWhenAsked(_ leaves: Bool) throws {
    let keyboard = FakeKeyboard()
    let channel = RecordChannel()
    for record in grokkingRun() { channel.send(record) }
    let backend = RecordingBackend(width: 100, height: 30)
    let session = DashboardSession(
        backend: backend, theme: .builtinDefault, glyphs: .ascii,
        inputFD: keyboard.fds[0], dataFD: channel.readinessDescriptor, heartbeat: 0.05)
    var options = LiveMonitor.Options()
    options.escapeLeaves = leaves
    let monitor = LiveMonitor(source: channel, session: session, options: options)
    var wakes = 0
    var stoppedByTest = false
    let outcome = monitor.run(shouldStop: {
        wakes += 1
        if wakes == 3 { backend.enqueue([.escape]); keyboard.poke() }
        if wakes > 40 { stoppedByTest = true }
        return stoppedByTest
    })
    #expect(outcome == (leaves ? .quit : .interrupted))
    #expect(stoppedByTest == !leaves)
}
