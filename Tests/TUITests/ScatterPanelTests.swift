import LiveView
import Foundation
import Monitor
import Snapshots
import TUI
import Testing

/// The compression-window scatter (key `v`): from the monitor's paired samples to cells.
@Suite struct ScatterPanelTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    private func referenceState(scatter: Bool = true, records: Int? = nil) throws -> MonitorState {
        var state = MonitorState(clock: ManualClock(now: 100))
        let all = try referenceRecords()
        state.ingest(contentsOf: records.map { Array(all.prefix($0)) } ?? all)
        if scatter { state.apply(.toggleScatter) }
        return state
    }

    /// The reference run: window [150, 6 050), 12 LMN dots (every 500 steps), 118 L2 dots (every 50).
    @Test func adapterFillsBothPlotsOverTheWindow() throws {
        let model = MonitorDashboard.model(try referenceState(), width: 120)
        #expect(model.showScatter)
        let scatter = try #require(model.scatter)
        #expect(scatter.window == "steps 150–6050")
        #expect(scatter.plots.map(\.xName) == ["LMN", "L2"])
        #expect(scatter.plots[0].points.count == 12)
        #expect(scatter.plots[1].points.count == 118)
        for plot in scatter.plots {
            #expect(plot.line != nil)
            #expect((plot.linearR2 ?? 0) > 0.5)
            #expect((plot.score ?? 0) > 0 && (plot.score ?? 2) <= 1)
        }
        // Off (the default): no scatter data is even computed.
        let off = MonitorDashboard.model(try referenceState(scatter: false), width: 120)
        #expect(!off.showScatter && off.scatter == nil)
    }

    /// Live: the dots grow as the run compresses (t_mem is confirmed at step 250, record 7).
    @Test func scatterUpdatesAsRecordsArrive() throws {
        let early = MonitorDashboard.model(try referenceState(records: 6), width: 120)
        #expect(early.showScatter && early.scatter == nil)
        let mid = try #require(MonitorDashboard.model(try referenceState(records: 41), width: 120).scatter)
        #expect(mid.window == "steps 150–now")
        #expect(mid.plots[1].points.count == 37)  // header + 40 evaluations: L2 at steps 150…1 950
        let late = try #require(MonitorDashboard.model(try referenceState(records: 81), width: 120).scatter)
        #expect(late.plots[1].points.count == 77)  // 150…3 950
        #expect(late.plots[0].points.count == 7)  // LMN at 500, 1 000, …, 3 500
    }

    @Test func wideScreenStacksTheScatterInTheSidePanel() throws {
        let state = try referenceState()
        let grid = DashboardRenderer.render(
            MonitorDashboard.model(state, width: 120), palette: palette, width: 120, height: 40, glyphs: .braille)
        let lines = grid.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let side = lines.map { String($0.dropFirst(90)) }.joined(separator: "\n")
        #expect(side.contains("Test loss vs LMN, L2"))
        #expect(side.contains("vs LMN"))
        #expect(side.contains("vs L2"))
        #expect(side.contains("r²"))
        #expect(side.unicodeScalars.contains { $0.value > 0x2800 && $0.value <= 0x28FF })  // dots
        // The four time charts keep their place.
        #expect(grid.plainText.contains("Loss") && grid.plainText.contains("L2 norm"))
        // Negative control: without the key the side panel lists events instead.
        let plain = DashboardRenderer.render(
            MonitorDashboard.model(try referenceState(scatter: false), width: 120), palette: palette, width: 120,
            height: 40, glyphs: .braille)
        #expect(!plain.plainText.contains("Test loss vs LMN"))
    }

    @Test func narrowScreenReplacesTheLowerChartRow() throws {
        let model = MonitorDashboard.model(try referenceState(), width: 80)
        let grid = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        let text = grid.plainText
        #expect(text.contains("Test loss vs LMN, L2"))
        #expect(text.contains("vs LMN") && text.contains("vs L2"))
        #expect(text.contains("Loss") && text.contains("Accuracy"))
        // The L2-over-steps chart made room (its title stays only on the sparkline row).
        let plain = DashboardRenderer.render(
            MonitorDashboard.model(try referenceState(scatter: false), width: 80), palette: palette, width: 80,
            height: 24, glyphs: .braille)
        #expect(
            text.components(separatedBy: "L2 norm").count == plain.plainText.components(separatedBy: "L2 norm").count
                - 1)
    }

    @Test func smallestDashboardAndTooSmallScreen() throws {
        let model = MonitorDashboard.model(try referenceState(), width: 60)
        let smallest = DashboardRenderer.render(model, palette: palette, width: 60, height: 16, glyphs: .braille)
        #expect(smallest.plainText.contains("Test loss vs LMN"))
        let tiny = DashboardRenderer.render(model, palette: palette, width: 30, height: 8, glyphs: .braille)
        #expect(tiny.plainText.contains("terminal too small"))
    }

    @Test func waitsForMemorization() throws {
        let model = MonitorDashboard.model(try referenceState(records: 3), width: 80)
        let grid = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        #expect(grid.plainText.contains("waiting for t_mem"))
    }

    /// ASCII and mono: dots are `.` (older), `o`, `@` (newest); the line is `-`, `/`, `\` or `|`.
    @Test func asciiMonoDrawsDistinctDotsAndLine() throws {
        let mono = Theme.builtinDefault.palette(for: .mono)
        let model = MonitorDashboard.model(try referenceState(), width: 80)
        let grid = DashboardRenderer.render(model, palette: mono, width: 80, height: 24, glyphs: .ascii)
        let text = grid.plainText
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        let lower = text.split(separator: "\n").suffix(11).joined(separator: "\n")
        #expect(lower.contains("@"))
        #expect(lower.contains("."))
        #expect(lower.contains("/"))  // test loss rises with both LMN and L2 here
        #expect(grid.cells.allSatisfy { $0.style.foreground == .terminalDefault })
        #expect(grid.cells.contains { $0.glyph == "." && $0.style.attributes.contains(.dim) })
        #expect(grid.cells.contains { $0.glyph == "@" && $0.style.attributes.contains(.bold) })
    }

    @Test func blocksDrawHalfBlockDotsAndADottedLine() throws {
        let model = MonitorDashboard.model(try referenceState(), width: 80)
        let grid = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .blocks)
        let lower = grid.plainText.split(separator: "\n").suffix(11).joined()
        #expect(lower.contains("·"))
        #expect(lower.contains { "▀▄█".contains($0) })
    }

    /// Older dots dimmer: in a hand-made plot of 10 dots the first five are dim, the last one marked.
    @Test func olderDotsAreDimmer() throws {
        let points = (0..<10).map { (x: Double($0), y: Double($0 * $0)) }
        let plot = ScatterPanelModel.Plot(xName: "LMN", role: .lmn, points: points, line: nil)
        var model = DashboardFixtures.paperRun()
        model.showScatter = true
        model.scatter = ScatterPanelModel(window: "steps 0–9", plots: [plot])
        let grid = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .ascii)
        let lmn = palette.style(.lmn)
        let titleRow = try #require(grid.plainText.split(separator: "\n").firstIndex { $0.contains("vs LMN") })
        let dots = (titleRow + 1..<grid.height - 3).flatMap { y in (0..<grid.width).map { grid[$0, y] } }
            .filter { $0.style.foreground == lmn.foreground && "o.@".unicodeScalars.contains($0.glyph) }
        #expect(dots.filter { $0.style.attributes.contains(.dim) }.count == 5)
        #expect(dots.filter { $0.glyph == "@" }.count == 1)
        #expect(dots.filter { $0.glyph == "o" && !$0.style.attributes.contains(.dim) }.count == 4)
        #expect(dots.count == 10)
    }

    /// The key reaches the monitor through a real session on the recording backend.
    @Test func keyTogglesThePanelOnTheRecordingBackend() throws {
        var input: [Int32] = [0, 0]
        #expect(pipe(&input) == 0)
        defer {
            close(input[0])
            close(input[1])
        }
        _ = write(input[1], "k", 1)
        let backend = RecordingBackend(width: 120, height: 40, keys: [.character("v")])
        let session = DashboardSession(
            backend: backend, theme: .builtinDefault, glyphs: .braille, inputFD: input[0], heartbeat: 0.05)
        var state = try referenceState(scatter: false)
        session.run(
            model: { MonitorDashboard.model(state, width: 120) },
            onAction: { action in
                if action == .toggleScatter { state.apply(.toggleScatter) }
                return .redraw
            },
            shouldStop: { session.lastFrame?.plainText.contains("Test loss vs LMN") == true })
        #expect(state.showsScatter)
        #expect(backend.restored)
    }
}
