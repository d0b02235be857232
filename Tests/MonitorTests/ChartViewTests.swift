import Monitor
import Snapshots
import Testing

/// Per-chart view state: focus, log-y on the focused chart only, log-x, and the view surviving a
/// data replacement (replay scrubbing).
@Suite struct ChartViewTests {
    func loaded() -> MonitorState {
        var state = MonitorState(clock: ManualClock())
        state.ingest(header())
        state.ingest(contentsOf: grokkingRun(count: 200, memorizeAt: 100, generalizeAt: 1500))
        return state
    }

    @Test func logYFlipsOnlyTheFocusedChart() {
        var state = loaded()
        #expect(state.focusedChart == .loss)
        #expect(state.isLogY(.loss) && !state.isLogY(.lmn) && !state.isLogY(.l2))
        state.apply(.focusNextChart)
        state.apply(.focusNextChart)
        #expect(state.focusedChart == .lmn)
        state.apply(.toggleLogY)
        #expect(state.isLogY(.lmn))
        #expect(state.isLogY(.loss), "the loss chart keeps its own scale")
        #expect(!state.isLogY(.l2) && !state.isLogY(.accuracy))
        state.apply(.toggleLogY)
        #expect(!state.isLogY(.lmn))
    }

    @Test func focusCyclesThroughVisibleChartsOnly() {
        var state = loaded()
        var seen: [ChartSlot] = []
        for _ in 0..<4 {
            state.apply(.focusNextChart)
            seen.append(state.focusedChart)
        }
        #expect(seen == [.accuracy, .lmn, .l2, .loss])  // no layer norms while hidden
        state.apply(.toggleLayerNorms)
        state.apply(.focusPreviousChart)
        #expect(state.focusedChart == .layerNorms)
        state.apply(.toggleLayerNorms)  // hiding the focused chart moves the focus home
        #expect(state.focusedChart == .loss)
    }

    @Test func logXGivesTheFirstStepsMoreColumns() throws {
        var state = loaded()
        let linear = try #require(state.chart(series: MetricName.trainLoss, columns: 100))
        state.apply(.toggleLogX)
        #expect(state.snapshot().isLogX)
        let log = try #require(state.chart(series: MetricName.trainLoss, columns: 100))
        #expect(log.isLogX && !linear.isLogX)
        // Steps 0–100 (11 evaluations, the first 5% of a 0–1990 run): squeezed into a few columns
        // linearly, one column each on log-x.
        let early = { (data: ChartData) in data.points.filter { $0.lastStep <= 100 }.count }
        #expect(early(linear) <= 6)
        #expect(early(log) == 11)
    }

    @Test func stepFractionIsLinearOrLogarithmic() {
        #expect(StepFraction.of(500, in: 0...1000, logX: false) == 0.5)
        #expect(StepFraction.of(0, in: 0...1000, logX: true) == 0)
        #expect(StepFraction.of(1000, in: 0...1000, logX: true) == 1)
        let tenth = StepFraction.of(100, in: 0...1000, logX: true)
        #expect(tenth > 0.6 && tenth < 0.7)  // log(101)/log(1001) ≈ 0.668
        #expect(StepFraction.of(-5, in: 0...1000, logX: true) == 0)
    }

    /// Replay scrubbing replaces the data; the view the user set must survive.
    @Test func replaceDataKeepsTheView() {
        var state = loaded()
        state.apply(.focusNextChart)
        state.apply(.toggleLogY)  // accuracy log
        state.apply(.toggleLogX)
        state.apply(.cycleSmoothing)
        state.apply(.zoomIn)
        state.apply(.setCursor(step: 1000))
        let records = [header()] + grokkingRun(count: 150, memorizeAt: 100, generalizeAt: 1500)
        state.replaceData(with: records)
        #expect(state.lastStep == 1490)
        #expect(state.isLogY(.accuracy) && state.isLogY(.loss) && state.isLogX)
        #expect(state.smoothingWeight == 0.6)
        #expect(state.span != nil)
        #expect(state.cursorStep == 1000)
        #expect(state.focusedChart == .accuracy)
        // Control: a new run (another run id) resets the window but still keeps scales.
        state.ingest(header("other"))
        #expect(state.span == nil && state.cursorStep == nil)
        #expect(state.isLogX)
    }
}
