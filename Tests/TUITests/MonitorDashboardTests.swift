import LiveView
import Foundation
import Monitor
import Snapshots
import TUI
import Testing

/// The reference run of the paper setup (Tests/PhasesTests/Fixtures), as records with a header.
func referenceRecords() throws -> [Record] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PhasesTests/Fixtures/paper-add-reference.ndjson")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
    var records: [Record] = [
        .header(
            RunHeader(
                runID: "ref", name: "reference \u{1B}[31mrun", task: "add mod 31", probeSize: 60,
                totalSteps: 10_000, startTime: 0, producer: "numpy"))
    ]
    for line in lines {
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let step = try #require(object["step"] as? Int)
        var metrics: [String: Double] = [:]
        for (key, value) in object where key != "step" { metrics[key] = (value as? NSNumber)?.doubleValue }
        records.append(.evaluation(Evaluation(step: step, wallTime: Double(step) / 200, metrics: metrics)))
    }
    return records
}

@Test func referenceRunThroughMonitorRendersPhasesAndMarkers() throws {
    let clock = ManualClock(now: 100)
    var state = MonitorState(clock: clock)
    state.ingest(contentsOf: try referenceRecords())
    let model = MonitorDashboard.model(state, width: 120, extras: .init(stepsPerSecond: 400))
    #expect(model.header.phaseName == "generalized")
    #expect(model.header.step == 10_000)
    #expect(model.header.probeSize == 60)
    // Memorized-but-not-yet-compressing is neutral (warmup); compression only where earned.
    #expect(model.phases.map(\.phase) == [.memorization, .warmup, .compression, .generalization])
    #expect(model.phases[1].start == 150 && model.phases[2].start == 2000 && model.phases[3].start == 6050)
    #expect(Set(model.markers.map(\.label)).isSuperset(of: ["t_mem", "compress", "t_gen"]))
    #expect(model.compression?.delaySteps == 5900)
    #expect((model.compression?.rTestLossLMN ?? 0) > 0.9)
    #expect(model.charts.map { $0.series.count } == [2, 2, 1, 1])

    let grid = DashboardRenderer.render(
        model, palette: Theme.builtinDefault.palette(for: .ansi256), width: 120, height: 40, glyphs: .braille)
    let text = grid.plainText
    #expect(text.contains("GENERALIZED"))
    #expect(text.contains("t_gen"))
    #expect(!text.contains("\u{1B}"))
    GoldenFile.check(text, named: "reference-monitor-120x40")
}

@Test func pausedAndStaleStatesShowInHeader() throws {
    let clock = ManualClock(now: 0)
    var state = MonitorState(clock: clock, staleAfter: 10)
    let records = try referenceRecords()
    state.ingest(contentsOf: records.prefix(50))
    clock.advance(by: 30)
    var model = MonitorDashboard.model(state, width: 80)
    #expect(model.header.isStale)
    #expect(model.header.liveness == "stale since 30 s")
    state.apply(.togglePause)
    state.ingest(contentsOf: records.dropFirst(50).prefix(10))
    model = MonitorDashboard.model(state, width: 80)
    #expect(model.isPaused)
    #expect(model.header.liveness == "paused (+10)")
}
