import Foundation
import TUI
import Testing

@Test func frameIntervalFollowsTheByteBudget() {
    let paced = FrameLoop(maxFramesPerSecond: 10, maxBytesPerSecond: 1000)
    #expect(paced.interval(afterFrameOf: 0) == 0.1)  // small frames: the frame rate limits
    #expect(paced.interval(afterFrameOf: 50) == 0.1)
    #expect(paced.interval(afterFrameOf: 500) == 0.5)  // big frames: the byte budget limits
    let unpaced = FrameLoop(maxFramesPerSecond: 10)  // negative control: no budget, no delay
    #expect(unpaced.interval(afterFrameOf: 500) == 0.1)
}

@Test func terminalByteEstimateCountsOnlyChangedCells() {
    var grid = CellGrid(width: 10, height: 2)
    #expect(grid.estimatedTerminalBytes(since: grid) == 0)
    let before = grid
    grid.set(3, 1, Cell("⣿"))
    #expect(grid.estimatedTerminalBytes(since: before) == 8 + 12 + 3)  // move, style, 3-byte braille
    #expect(grid.estimatedTerminalBytes(since: nil) > 20 * 1)  // no previous frame: a full repaint
    #expect(
        grid.estimatedTerminalBytes(since: nil) == CellGrid(width: 10, height: 2).estimatedTerminalBytes(since: nil) + 2
    )
}

@Test func sessionReportsTheBytesOfEachFrame() {
    let backend = RecordingBackend(width: 40, height: 12)
    let session = DashboardSession(backend: backend, theme: .builtinDefault, glyphs: .ascii)
    let model = DashboardModel(header: HeaderModel(runName: "r", task: "t", step: 0), charts: [])
    let first = session.drawFrame(model)
    let second = session.drawFrame(model)
    #expect(first > 0)
    #expect(second == 0)  // nothing changed, nothing written
    #expect(backend.bytesWritten == first)
}

/// Drives a loop whose first frame "wrote" 100 bytes against a 200 B/s budget (next paced frame
/// after 0.5 s; heartbeat 0.3 s), with one readable byte on `wakeFD`. Returns the events in order.
private func pacedEvents(wakeOnInput: Bool) -> [String] {
    var input: [Int32] = [0, 0]
    var data: [Int32] = [0, 0]
    _ = pipe(&input)
    _ = pipe(&data)
    defer { for fd in input + data { close(fd) } }
    _ = write(wakeOnInput ? input[1] : data[1], "x", 1)
    let loop = FrameLoop(
        inputFD: input[0], dataFD: data[0], maxFramesPerSecond: 10, heartbeat: 0.3, maxBytesPerSecond: 200)
    var events: [String] = []
    loop.run(
        handle: { wake in
            events.append("\(wake)")
            var byte: UInt8 = 0
            switch wake {
            case .input: _ = read(input[0], &byte, 1)
            case .data: _ = read(data[0], &byte, 1)
            default: break
            }
            if events.count > 6 { return .stop }
            return wake == .heartbeat ? (events.contains("render") ? .stop : .idle) : .redraw
        },
        renderCountingBytes: {
            events.append("render")
            return 100
        })
    return events
}

@Test func dataRedrawsWaitForTheByteBudgetButKeysDoNot() {
    // A key: its frame comes after the 0.1 s frame interval, before any 0.3 s heartbeat.
    #expect(Array(pacedEvents(wakeOnInput: true).prefix(3)) == ["render", "input", "render"])
    // Data: the paced frame is 0.5 s away, so the heartbeat wakes first (frames were held back).
    #expect(Array(pacedEvents(wakeOnInput: false).prefix(3)) == ["render", "data", "heartbeat"])
}
