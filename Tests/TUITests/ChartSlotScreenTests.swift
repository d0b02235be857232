import LiveView
import Monitor
import Snapshots
import TUI
import Testing

/// A chart slot showing any series of the stream (`--charts`, `g`): title, legend, log-y, waiting
/// state, sanitized names, and the help overlay naming the series `g` cycles to.
@Suite struct ChartSlotScreenTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    /// The reference run with a learning-rate schedule and a hostile series name added.
    func state(slots: [ChartSlot]) throws -> MonitorState {
        var state = MonitorState(clock: ManualClock(now: 100))
        state.apply(.setChartSlots(slots))
        for record in try referenceRecords() {
            guard case .evaluation(var evaluation) = record else {
                state.ingest(record)
                continue
            }
            evaluation.metrics["lr"] = 1e-3 / Double(1 + evaluation.step / 1000)
            evaluation.metrics["evil\u{1B}[2Jname"] = 1
            state.ingest(.evaluation(evaluation))
        }
        return state
    }

    @Test func aSeriesSlotIsTitledByItsNameWithTheLatestRawValue() throws {
        let state = try state(slots: [.loss, .accuracy, .lmn, .series("lr")])
        let model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts.map(\.title) == ["Loss", "Accuracy", "LMN N=60", "lr"])
        let lr = try #require(model.charts[3].series.first)
        #expect(lr.latest == 1e-3 / 11, "the legend shows the last recorded value, step 10000")
        #expect(!model.charts[3].logY && !model.charts[3].isFocused)
    }

    @Test func logYAndFocusWorkOnASeriesSlot() throws {
        var state = try state(slots: [.loss, .series("lr")])
        state.apply(.focusNextChart)
        state.apply(.toggleLogY)
        let model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts.count == 2)
        #expect(model.charts[1].logY && model.charts[1].isFocused)
        #expect(model.charts[0].logY && !model.charts[0].isFocused, "loss keeps its own scale")
    }

    @Test func aSeriesNotInTheStreamWaitsWithAnEmptyChart() throws {
        let state = try state(slots: [.series("grad_norm")])
        let model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts.map(\.title) == ["waiting for grad_norm"])
        #expect(model.charts[0].series.isEmpty)
        let text = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
        #expect(text.contains("waiting for grad_norm"))
    }

    @Test func untrustedSeriesNamesAreSanitized() throws {
        let state = try state(slots: [.series("evil\u{1B}[2Jname")])
        let model = MonitorDashboard.model(state, width: 80)
        #expect(!model.charts[0].title.unicodeScalars.contains("\u{1B}"))
        #expect(model.charts[0].title.hasSuffix("[2Jname") && !model.charts[0].title.hasPrefix("waiting"))
        #expect(model.extraSeries.allSatisfy { !$0.unicodeScalars.contains("\u{1B}") })
    }

    @Test func helpListsTheSeriesBeyondTheBuiltInOnes() throws {
        var state = try state(slots: ChartSlot.standard)
        state.apply(.toggleHelp)
        let model = MonitorDashboard.model(state, width: 80)
        #expect(model.extraSeries.count == 2 && model.extraSeries.contains("lr"))
        let text = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
        #expect(text.contains("g also shows: ") && text.contains("lr"))
        // The reference run alone carries only built-in series: no line.
        var plain = MonitorState(clock: ManualClock(now: 100))
        plain.ingest(contentsOf: try referenceRecords())
        plain.apply(.toggleHelp)
        let bare = MonitorDashboard.model(plain, width: 80)
        #expect(bare.extraSeries.isEmpty)
        #expect(
            !DashboardRenderer.render(bare, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
                .contains("g also shows"))
    }

    @Test func theSeriesLineIsCutPolitely() throws {
        #expect(HelpSeriesLine.text([], maxWidth: 60) == nil)
        #expect(HelpSeriesLine.text(["lr", "grad_norm"], maxWidth: 60) == "g also shows: lr, grad_norm")
        let many = (1...40).map { "series_\($0)" }
        let line = try #require(HelpSeriesLine.text(many, maxWidth: 60))
        #expect(DisplayWidth.width(of: line) <= 60)
        #expect(line.hasPrefix("g also shows: series_1, ") && line.hasSuffix("more)"))
        #expect(HelpSeriesLine.text([String(repeating: "x", count: 80)], maxWidth: 40) == "g also shows: (+1 more)")
        #expect(HelpSeriesLine.text(["lr"], maxWidth: 5) == nil)
    }

    @Test func customSlotAt80x24() throws {
        var state = try state(slots: [.loss, .accuracy, .lmn, .series("lr")])
        state.apply(.focusPreviousChart)
        let model = MonitorDashboard.model(state, width: 80)
        let text = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
        #expect(text.contains("lr") && !text.contains("L2 norm"))
        GoldenFile.check(text, named: "custom-slot-lr-80x24")
    }
}
