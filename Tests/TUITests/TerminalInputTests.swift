import Foundation
import Snapshots
import TUI
import Testing

/// Keys and wake-ups: Ctrl-L repaints every cell, a hung-up keyboard ends the loop, a signal's wake-up
/// byte wakes it whichever thread took the signal.
@Suite struct TerminalInputTests {
    final class Pipe {
        var fds: [Int32] = [0, 0]
        init() { _ = pipe(&fds) }
        deinit {
            close(fds[0])
            close(fds[1])
        }
        func poke() { _ = write(fds[1], "k", 1) }
    }

    @Test func ctrlLRepaintsEveryCellWithoutReachingTheApplication() {
        let keyboard = Pipe()
        keyboard.poke()
        let backend = RecordingBackend(width: 80, height: 24, keys: [.character("\u{0C}")])
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: keyboard.fds[0], heartbeat: 0.05)
        var actions: [UIAction] = []
        session.run(
            model: { DashboardFixtures.paperRun() },
            onAction: {
                actions.append($0); return .redraw
            },
            shouldStop: { backend.framesDrawn >= 2 })
        #expect(actions.isEmpty, "Ctrl-L is the session's, not the application's")
        #expect(backend.invalidations == 1)
        // The same model drawn again: only a full repaint rewrites cells.
        #expect(backend.cellsWritten == 2 * 80 * 24, "\(backend.cellsWritten)")
    }

    @Test func sameModelWithoutCtrlLWritesNothingNew() {
        let keyboard = Pipe()
        keyboard.poke()
        let backend = RecordingBackend(width: 80, height: 24, keys: [.character("y")])
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: keyboard.fds[0], heartbeat: 0.05)
        session.run(
            model: { DashboardFixtures.paperRun() }, onAction: { _ in .redraw },
            shouldStop: { backend.framesDrawn >= 2 })
        #expect(backend.invalidations == 0)
        #expect(backend.cellsWritten == 80 * 24)
    }

    @Test func hungUpKeyboardEndsTheLoop() {
        let keyboard = Pipe()
        keyboard.poke()
        let backend = RecordingBackend(width: 80, height: 24)
        backend.inputClosed = true
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: keyboard.fds[0], heartbeat: 0.05)
        var wakes = 0
        session.run(
            model: { DashboardFixtures.paperRun() }, onAction: { _ in .redraw },
            shouldStop: {
                wakes += 1
                return wakes > 1000  // a safety net: the test fails instead of hanging
            })
        #expect(wakes <= 2, "the loop ran on after the keyboard hung up: \(wakes) wakes")
        #expect(backend.restored)
    }

    @Test func openKeyboardKeepsTheLoopRunning() {
        let keyboard = Pipe()
        // Nothing typed: the loop sleeps to its heartbeats.
        let backend = RecordingBackend(width: 80, height: 24)
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: keyboard.fds[0], heartbeat: 0.01)
        var heartbeats = 0
        session.run(
            model: { DashboardFixtures.paperRun() }, onAction: { _ in .redraw },
            onHeartbeat: {
                heartbeats += 1
                return heartbeats >= 3 ? .stop : .idle
            })
        #expect(heartbeats == 3)
    }

    @Test func wakeDescriptorWakesAsSignalAndIsDrained() {
        let input = Pipe()
        let wake = Pipe()
        wake.poke()
        wake.poke()
        let loop = FrameLoop(inputFD: input.fds[0], heartbeat: 10, wakeFD: wake.fds[0])
        #expect(loop.wait(timeoutSeconds: 5) == [.signal])
        // Drained: the next wait times out instead of waking again.
        #expect(loop.wait(timeoutSeconds: 0.01) == [])
    }

    @Test func dashboardNeverDrawsBidiOrZeroWidthScalars() {
        var model = DashboardFixtures.paperRun()
        model.header.runName = UntrustedText("run\u{2066}x\u{2069}\u{202E}\u{200B}\u{2028}")
        model.statusMessage = "status \u{2067}\u{FEFF}\u{9B}"
        model.logPane = LogPaneModel(title: "stderr \u{2068}", lines: ["\u{1B}]52;c;eA==\u{7}", "ok \u{2029}"])
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 100, height: 30, glyphs: .braille)
        let unsafe = grid.plainText.unicodeScalars.filter { UntrustedText.isUnsafe($0) && $0 != "\n" }
        #expect(unsafe.isEmpty, "\(unsafe.map(\.value))")
        #expect(grid.plainText.contains("ok \u{FFFD}"), "the pane shows the child's lines")
        #expect(DisplayWidth.cellScalars("a\u{2066}b") == ["a", DisplayWidth.replacement, "b"])
        #expect(DisplayWidth.isCellSafe("a") && !DisplayWidth.isCellSafe("\u{2069}"))
    }
}
