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
    #expect(grid.estimatedTerminalBytes(since: nil) == CellGrid(width: 10, height: 2).estimatedTerminalBytes(since: nil) + 2)
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
