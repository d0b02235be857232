import Foundation
import TUI
import Testing

@Suite struct KeyMapAndBackendTests {
    let keys = KeyMap.standard

    @Test(arguments: [
        (KeyPress.character("q"), UIAction.quit), (.ctrlC, .quit), (.character(" "), .togglePause),
        (.character("p"), .togglePause), (.character("+"), .zoomIn), (.character("-"), .zoomOut),
        (.left, .panLeft), (.character("h"), .panLeft), (.right, .panRight), (.character("l"), .panRight),
        (.character("f"), .followTail), (.end, .followTail), (.character("0"), .resetView),
        (.character("c"), .toggleCursorMode), (.character("y"), .toggleLogY), (.character("S"), .cycleSmoothing),
        (.character("m"), .cycleSmoothing), (.character("t"), .cycleTheme), (.character("n"), .toggleLayerNorms),
        (.character("v"), .toggleScatter),
        (.character("?"), .toggleHelp), (.character("s"), .saveScreen), (.character("["), .replaySlower),
        (.character("]"), .replayFaster), (.character("."), .replayStepForward), (.character(","), .replayStepBackward),
        (.character("3"), .jumpToTenths(3)), (.escape, .dismiss),
    ])
    func keyMapsToAction(key: KeyPress, action: UIAction) {
        #expect(keys.action(for: key) == action)
    }

    @Test func unboundKeyHasNoAction() {
        #expect(keys.action(for: .character("Z")) == nil)
        #expect(keys.action(for: .resize) == nil)
    }

    @Test func noKeyIsBoundTwice() {
        let all = keys.bindings.flatMap(\.keys)
        #expect(Set(all).count == all.count)
    }

    @Test func helpOverlayListsEveryLabelledBinding() {
        var model = DashboardFixtures.paperRun()
        model.isHelpVisible = true
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 100, height: 40, glyphs: .braille)
        for binding in keys.bindings where !binding.label.isEmpty {
            #expect(grid.plainText.contains(binding.description), "help lacks \(binding.label)")
        }
    }

    @Test func recordingBackendCountsOnlyChangedCells() {
        let backend = RecordingBackend(width: 80, height: 24, keys: [.character("q")])
        let palette = Theme.builtinDefault.palette(for: .ansi256)
        let first = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 11_000), palette: palette, width: 80, height: 24, glyphs: .braille)
        backend.draw(first)
        #expect(backend.cellsWritten == 80 * 24)
        backend.draw(first)
        #expect(backend.cellsWritten == 80 * 24, "an identical frame writes nothing")
        let second = DashboardRenderer.render(
            DashboardFixtures.paperRun(step: 11_100), palette: palette, width: 80, height: 24, glyphs: .braille)
        backend.draw(second)
        let delta = backend.cellsWritten - 80 * 24
        #expect(delta > 0 && delta < 80 * 24 / 2)
        #expect(backend.framesDrawn == 3)
        #expect(backend.bytesWritten > backend.cellsWritten, "braille glyphs are 3 UTF-8 bytes; moves and SGR add more")
        #expect(backend.readKey(timeoutMilliseconds: 0) == .character("q"))
        #expect(backend.readKey(timeoutMilliseconds: 0) == nil)
        backend.resize(width: 100, height: 30)
        #expect(backend.readKey(timeoutMilliseconds: 0) == .resize)
        #expect(backend.size == TerminalSize(width: 100, height: 30))
    }

    @Test func frameLoopWakesOnDataAndStops() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        var input: [Int32] = [0, 0]
        #expect(pipe(&input) == 0)
        defer {
            close(input[0])
            close(input[1])
        }
        _ = write(fds[1], "x", 1)
        let loop = FrameLoop(inputFD: input[0], dataFD: fds[0], maxFramesPerSecond: 10, heartbeat: 0.05)
        var wakes: [FrameLoop.Wake] = []
        var renders = 0
        loop.run(
            handle: { wake in
                wakes.append(wake)
                if wake == .data {
                    var byte: UInt8 = 0
                    _ = read(fds[0], &byte, 1)
                    return .redraw
                }
                return wakes.count >= 3 ? .stop : .idle
            },
            render: { renders += 1 })
        #expect(wakes.first == .data)
        #expect(wakes.contains(.heartbeat))
        #expect(renders >= 1)
    }
}

@Suite struct DashboardSessionTests {
    @Test func sessionDrawsAppliesActionsAndRestores() throws {
        var input: [Int32] = [0, 0]
        #expect(pipe(&input) == 0)
        defer {
            close(input[0])
            close(input[1])
        }
        _ = write(input[1], "k", 1)  // makes poll report input; the keys themselves are scripted
        let backend = RecordingBackend(width: 80, height: 24, keys: [.character("?"), .character("Z")])
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .ascii, inputFD: input[0], heartbeat: 0.05)
        var actions: [UIAction] = []
        var model = DashboardFixtures.paperRun()
        session.run(
            model: { model },
            onAction: { action in
                actions.append(action)
                if action == .toggleHelp { model.isHelpVisible.toggle() }
                return .redraw
            },
            shouldStop: { session.lastFrame?.plainText.contains("keys") == true })
        #expect(actions == [.toggleHelp], "unbound keys produce no action")
        #expect(backend.framesDrawn >= 2)
        #expect(backend.restored)
    }
}
