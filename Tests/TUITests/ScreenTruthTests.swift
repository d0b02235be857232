import LiveView
import Foundation
import Monitor
import Snapshots
import TUI
import Testing

/// What is on screen is true and explains itself (issue 8 §5).
@Suite struct ScreenTruthTests {
    let palette = Theme.builtinDefault.palette(for: .ansi256)

    /// 3 000 evaluations whose test loss wobbles down to a final 0.00612: the last chart bucket holds
    /// higher values, so a bucket extreme would not be the final value.
    func wobblyRun() -> MonitorState {
        var state = MonitorState(clock: ManualClock(now: 0))
        for i in 0...3000 {
            let test = i == 3000 ? 0.00612 : 0.0060 + 0.0006 * Double((i * 7) % 5) / 4 + 1.0 / Double(i + 10)
            state.ingest(
                .evaluation(
                    Evaluation(
                        step: i * 10, wallTime: Double(i),
                        metrics: [MetricName.trainLoss: 0.001, MetricName.testLoss: test])))
        }
        return state
    }

    @Test func legendsShowTheLatestRawValueAtEveryWidth() {
        var state = wobblyRun()
        for width in [80, 100, 120] {
            let model = MonitorDashboard.model(state, width: width)
            let test = model.charts[0].series[1]
            #expect(test.legendValue == 0.00612)
            let text = DashboardRenderer.render(model, palette: palette, width: width, height: 30, glyphs: .braille)
                .plainText
            #expect(text.contains("test 0.0061"), "width \(width)")
        }
        // Control: the drawn points' last value is a bucket extreme, not the final value.
        let model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts[0].series[1].latestFinite != 0.00612)
        // Smoothing changes the line, never the number, and the title says the line is smoothed.
        state.apply(.cycleSmoothing)
        let smoothed = MonitorDashboard.model(state, width: 80)
        #expect(smoothed.charts[0].series[1].legendValue == 0.00612)
        let text = DashboardRenderer.render(smoothed, palette: palette, width: 80, height: 24, glyphs: .braille)
            .plainText
        #expect(text.contains("EMA 0.6"))
        #expect(
            !DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
                .contains("EMA"))
    }

    @Test func everyChartHasAStepAxisAndUnits() {
        let grid = DashboardRenderer.render(
            DashboardFixtures.paperRun(), palette: palette, width: 80, height: 24, glyphs: .braille)
        let axisRows = grid.plainTextLines.filter { $0.contains("5000") && $0.contains("10k") }
        #expect(axisRows.count == 2)  // one per row of charts, covering both charts of the row
        #expect(axisRows.allSatisfy { $0.components(separatedBy: "5000").count == 3 })
        #expect(grid.plainText.contains("Loss nats"))
        #expect(grid.plainText.contains("Accuracy %"))
        #expect(grid.plainText.contains("100%"))
    }

    @Test func focusedChartIsMarkedAndOnlyItFlipsScale() {
        var state = wobblyRun()
        var model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts.map(\.isFocused) == [true, false, false, false])
        #expect(model.charts.map(\.logY) == [true, false, false, false])
        state.apply(.focusNextChart)
        state.apply(.focusNextChart)
        state.apply(.focusNextChart)
        state.apply(.toggleLogY)
        model = MonitorDashboard.model(state, width: 80)
        #expect(model.charts.map(\.isFocused) == [false, false, false, true])
        #expect(model.charts.map(\.logY) == [true, false, false, true])
        let text = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
        #expect(text.contains("▸L2 norm"))
    }

    @Test func logXMovesTheAxisTicks() {
        var model = DashboardFixtures.paperRun()
        let linear = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        model.logX = true
        let log = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        #expect(linear.plainText.contains("5000") && !linear.plainText.contains(" 100 "))
        #expect(log.plainText.contains(" 100 ") && log.plainText.contains("1000") && !log.plainText.contains("5000"))
        let wide = DashboardRenderer.render(model, palette: palette, width: 160, height: 40, glyphs: .braille)
        #expect(wide.plainText.contains("steps 0–12k log"))
    }

    @Test func helpExplainsTheScreen() {
        var model = DashboardFixtures.paperRun()
        model.isHelpVisible = true
        let tall = DashboardRenderer.render(model, palette: palette, width: 80, height: 30, glyphs: .braille).plainText
        #expect(tall.contains("what you are looking at"))
        #expect(tall.contains("LMN (N=512)"))
        #expect(tall.contains("memorization") && tall.contains("Pearson r"))
        #expect(!tall.contains("(enlarge the terminal"))
        // 80×24: the explanation stays, the key list is cut and says so.
        let standard = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
            .plainText
        #expect(standard.contains("what you are looking at") && standard.contains("Pearson r"))
        #expect(standard.contains("(enlarge the terminal for all keys)"))
        // The smallest dashboard (16 rows) still shows the first keys beside the explanation.
        let tiny = DashboardRenderer.render(model, palette: palette, width: 80, height: 16, glyphs: .braille).plainText
        #expect(tiny.contains("what you are looking at") && tiny.contains("quit") && tiny.contains("pause"))
    }

    @Test func cursorShowsThePhaseThere() {
        let model = DashboardFixtures.paperRun(cursor: 6_000)
        let narrow = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        #expect(narrow.plainText.contains("phase compression"))
        let early = DashboardFixtures.paperRun(cursor: 1_000)
        #expect(
            DashboardRenderer.render(early, palette: palette, width: 80, height: 24, glyphs: .braille).plainText
                .contains("phase memorization"))
    }

    @Test func phaseLegendSurvivesAt100Columns() {
        let model = DashboardFixtures.paperRun()
        let tall = DashboardRenderer.render(model, palette: palette, width: 100, height: 30, glyphs: .braille)
        #expect(tall.plainText.contains("C compression"))
        #expect(tall.plainText.contains("G generalization"))
        let short = DashboardRenderer.render(model, palette: palette, width: 100, height: 24, glyphs: .braille)
        #expect(short.plainText.contains("G 9000–"))
        // At 80 columns the compression numbers come first and the legend does not fit.
        let narrow = DashboardRenderer.render(model, palette: palette, width: 80, height: 24, glyphs: .braille)
        #expect(!narrow.plainText.contains("G 9000–"))
    }
}
