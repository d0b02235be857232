import Phases
import Runs
import Snapshots
import TUI
import Testing

@testable import RunsView

@Suite struct RunsOverlayTests {
    @Test func markedRunsShareAxesWithOneColourAndMarkersEach() {
        var table = RunsTable()
        table.add(id: "a", name: "grok", now: 0)
        table.add(id: "b", name: "early", now: 0)
        table.add(id: "c", name: "never", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 300), into: "a", now: 0)
        table.ingest(syntheticRun(memorizeAt: 50, generalizeAt: 60), into: "b", now: 0)
        table.ingest(syntheticRun(memorizeAt: nil, generalizeAt: nil), into: "c", now: 0)
        let model = RunsOverlay.model(table: table, ids: ["a", "b", "c"], now: 0)
        #expect(model.charts.map(\.title) == ["Test loss", "Test accuracy", "LMN", "L2"])
        for chart in model.charts.prefix(3) {
            #expect(chart.series.map(\.name) == ["1", "2", "3"])
            #expect(Set(chart.series.map(\.role)).count == 3)  // one colour per run
            #expect(chart.series.allSatisfy { !$0.points.isEmpty })
        }
        #expect(model.charts[3].series.allSatisfy { $0.points.isEmpty })  // no L2 in these streams: empty, not invented
        let labels = model.markers.map(\.label)
        #expect(labels.contains("M1") && labels.contains("G1") && labels.contains("M2"))
        #expect(!labels.contains("M3") && !labels.contains("G3"))  // the run that never memorized has none
        #expect(model.markers.first { $0.label == "G1" }?.step == 300)
        let grid = DashboardRenderer.render(
            model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 120, height: 40, glyphs: .ascii)
        #expect(model.statusMessage == "1 grok · 2 early · 3 never · M/G = t_mem/t_gen")
        #expect(grid.plainText.contains("1 grok . 2 early . 3 never"), "\(grid.plainText)")
        #expect(grid.plainText.contains("overlay of 3 runs"))
    }

    @Test func atMostEightRuns() {
        var table = RunsTable()
        let ids = (0..<10).map { "r\($0)" }
        for id in ids { table.add(id: id, name: id, now: 0) }
        #expect(RunsOverlay.model(table: table, ids: ids, now: 0).charts[0].series.count == 8)
        #expect(RunsOverlay.model(table: table, ids: ["r0", "missing"], now: 0).charts[0].series.count == 1)
    }
}
