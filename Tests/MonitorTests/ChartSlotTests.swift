import Monitor
import Snapshots
import Testing

/// What fills the chart slots: `--charts` parsing, the `g` cycle through the stream's series, and
/// the choice surviving a replay jump.
@Suite struct ChartSlotTests {
    func loaded(extra: [String] = ["lr", "grad_norm"]) -> MonitorState {
        var state = MonitorState(clock: ManualClock())
        state.ingest(header())
        for record in grokkingRun(count: 50, memorizeAt: 100, generalizeAt: 400) {
            guard case .evaluation(var evaluation) = record else { continue }
            for (i, name) in extra.enumerated() { evaluation.metrics[name] = Double(evaluation.step + i) }
            state.ingest(.evaluation(evaluation))
        }
        return state
    }

    @Test func chartsListNamesPanelsAndSeries() throws {
        #expect(
            try ChartSlot.parseList("loss,accuracy,lmn,grad_norm") == [.loss, .accuracy, .lmn, .series("grad_norm")])
        #expect(try ChartSlot.parseList(" l2 , lr ") == [.l2, .series("lr")])
        #expect(try ChartSlot.parseList("l2/out") == [.series("l2/out")])
    }

    @Test func badChartsListsAreRefusedWithAReason() {
        #expect(throws: ChartListError.empty) { try ChartSlot.parseList("") }
        #expect(throws: ChartListError.empty) { try ChartSlot.parseList(" , ") }
        #expect(throws: ChartListError.emptyName) { try ChartSlot.parseList("loss,,lr") }
        #expect(throws: ChartListError.tooMany(5)) { try ChartSlot.parseList("a,b,c,d,e") }
        #expect(throws: ChartListError.controlCharacter) { try ChartSlot.parseList("lr\u{1B}[2J") }
        #expect(ChartListError.tooMany(5).description.contains("4 slots"))
    }

    @Test func slotsAreSetAndTabCyclesThem() {
        var state = loaded()
        state.apply(.setChartSlots([.series("lr"), .loss]))
        #expect(state.chartSlots == [.series("lr"), .loss] && state.focusedChart == .series("lr"))
        state.apply(.focusNextChart)
        #expect(state.focusedChart == .loss)
        state.apply(.focusNextChart)
        #expect(state.focusedChart == .series("lr"), "Tab wraps over the two slots")
        state.apply(.setChartSlots([]))
        #expect(state.chartSlots == [.series("lr"), .loss], "an empty list is ignored")
    }

    @Test func gCyclesTheFocusedSlotThroughPanelsThenSeriesInFirstSeenOrder() {
        var state = loaded()
        state.apply(.focusNextChart)  // accuracy slot
        var seen: [ChartSlot] = []
        for _ in 0..<6 {
            state.apply(.cycleFocusedChart)
            seen.append(state.chartSlots[1])
        }
        // All arrive in the first record: alphabetical; built-in series are not repeated.
        #expect(seen == [.lmn, .l2, .series("grad_norm"), .series("l2/out"), .series("lr"), .loss])
        #expect(state.chartSlots[0] == .loss && state.chartSlots[2] == .lmn, "other slots keep their charts")
        #expect(state.focusedSlot == 1)
    }

    @Test func aSeriesArrivingLaterComesAfterTheFirstOnes() {
        var state = loaded(extra: ["lr"])
        state.ingest(eval(10_000, ["alpha": 1]))
        #expect(state.chartChoices.suffix(3) == [.series("l2/out"), .series("lr"), .series("alpha")])
    }

    @Test func gOnAnEmptyStreamCyclesOnlyThePanels() {
        var state = MonitorState(clock: ManualClock())
        #expect(state.chartChoices == ChartSlot.builtIn)
        state.apply(.cycleFocusedChart)
        #expect(state.chartSlots[0] == .accuracy)
    }

    @Test func gOnAWaitingSeriesMovesToTheFirstChoice() {
        var state = loaded(extra: [])
        state.apply(.setChartSlots([.series("grad_norm")]))
        #expect(!state.chartChoices.contains(.series("grad_norm")), "not in the stream")
        state.apply(.cycleFocusedChart)
        #expect(state.chartSlots == [.loss])
    }

    @Test func gLeavesTheLayerNormChartAlone() {
        var state = loaded()
        state.apply(.toggleLayerNorms)
        state.apply(.focusPreviousChart)
        #expect(state.focusedChart == .layerNorms)
        state.apply(.cycleFocusedChart)
        #expect(state.chartSlots == ChartSlot.standard && state.focusedChart == .layerNorms)
    }

    @Test func logYOnASeriesSlotIsItsOwn() {
        var state = loaded()
        state.apply(.setChartSlots([.loss, .series("lr")]))
        state.apply(.focusNextChart)
        state.apply(.toggleLogY)
        #expect(state.isLogY(.series("lr")) && !state.isLogY(.series("grad_norm")) && state.isLogY(.loss))
    }

    @Test func slotsAndFocusSurviveAReplayJump() {
        var state = loaded()
        state.apply(.setChartSlots([.loss, .accuracy, .lmn, .series("l2/out")]))
        state.apply(.focusPreviousChart)
        state.apply(.cycleFocusedChart)  // l2/out → lr
        let records = [header()] + grokkingRun(count: 10, memorizeAt: 100, generalizeAt: 400)
        state.replaceData(with: records)
        #expect(state.chartSlots == [.loss, .accuracy, .lmn, .series("lr")])
        #expect(state.focusedSlot == 3)
        #expect(!state.chartChoices.contains(.series("lr")), "the new data has no lr yet")
    }
}
