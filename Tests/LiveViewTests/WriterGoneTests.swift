import Foundation
import Publishing
import Snapshots
import TUI
import Testing

@testable import LiveView

/// A pipe whose writer goes away: the header says so (no "live … ETA" forever), the loop stops waking
/// on the closed pipe, and a `watch -- cmd` child's status and stderr show.
@Suite struct WriterGoneTests {
    /// Writes `records` (and optionally an end record) into a pipe, closes it, and returns a monitor on it.
    // Never poked (the loop wakes on data and heartbeats only), so sharing it across tests is safe.
    nonisolated(unsafe) static let keyboard = FakeKeyboard()

    static func pipeMonitor(withEnd: Bool, child: ChildProcess? = nil) -> (LiveMonitor, RecordingBackend, Int32) {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        var records = Array(grokkingRun(until: 300))
        if withEnd { records.append(.end(RunEnd(step: 300, status: .completed))) }
        let text = records.map { RecordEncoder.line($0) + "\n" }.joined()
        _ = text.withCString { write(fds[1], $0, strlen($0)) }
        close(fds[1])
        let source = DescriptorSource(descriptor: fds[0])
        let backend = RecordingBackend(width: 120, height: 30)
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: Self.keyboard.fds[0],
            dataFD: source.readinessDescriptor, heartbeat: 0.02)
        var options = LiveMonitor.Options()
        options.child = child
        return (LiveMonitor(source: source, session: session, options: options), backend, fds[0])
    }

    static func header(_ backend: RecordingBackend) -> String { backend.lastGrid?.plainTextLines.first ?? "" }

    @Test func pipeEndingWithoutEndRecordSaysTheWriterExited() throws {
        let (monitor, backend, fd) = Self.pipeMonitor(withEnd: false)
        defer { close(fd) }
        var wakes = 0
        _ = monitor.run(shouldStop: {
            wakes += 1
            return backend.framesDrawn >= 1 && Self.header(backend).contains("writer exited") || wakes > 500
        })
        #expect(Self.header(backend).contains("writer exited (no end record)"), "\(Self.header(backend))")
        #expect(!Self.header(backend).contains("ETA"))
        #expect(monitor.session.loop.dataFD == nil, "a closed pipe is no longer polled")
    }

    @Test func pipeEndingWithEndRecordShowsTheRunsStatus() throws {
        let (monitor, backend, fd) = Self.pipeMonitor(withEnd: true)
        defer { close(fd) }
        var wakes = 0
        _ = monitor.run(shouldStop: {
            wakes += 1
            return Self.header(backend).contains("completed") || wakes > 500
        })
        #expect(Self.header(backend).contains("completed"), "\(Self.header(backend))")
        #expect(!Self.header(backend).contains("writer exited"))
    }

    @Test func childStatusAndStderrPane() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gs-child-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let child = try ChildProcess(
            command: ["/bin/sh", "-c", "echo 'epoch 1 \u{1B}]0;x\u{7}' >&2; exit 3"],
            logPath: dir.appendingPathComponent("t.stderr.log").path)
        #expect(child.waitForExit(timeout: 20) == 3)
        let (monitor, backend, fd) = Self.pipeMonitor(withEnd: false, child: child)
        defer { close(fd) }
        monitor.perform(.toggleLogPane)
        var wakes = 0
        _ = monitor.run(shouldStop: {
            wakes += 1
            return backend.lastGrid?.plainText.contains("epoch 1") == true || wakes > 500
        })
        let screen = try #require(backend.lastGrid).plainText
        #expect(
            Self.header(backend).contains("trainer exited with status 3 (no end record)"), "\(Self.header(backend))")
        // ASCII glyphs: the replacement character is drawn as "?".
        #expect(screen.contains("epoch 1 ?]0;x?"), "the pane shows stderr, sanitized:\n\(screen)")
        #expect(!screen.contains("\u{1B}"))
        monitor.perform(.toggleLogPane)
        #expect(monitor.currentModel().logPane == nil, "e hides the pane again")
    }

    @Test func logPaneKeyWithoutAChildSaysWhy() {
        let (monitor, _, fd) = Self.pipeMonitor(withEnd: true)
        defer { close(fd) }
        monitor.perform(.toggleLogPane)
        #expect(monitor.status?.text.contains("watch -- CMD") == true)
        #expect(monitor.currentModel().logPane == nil)
    }
}
