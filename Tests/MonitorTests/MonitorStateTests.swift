import Monitor
import Phases
import Snapshots
import TestSupport
import Testing

@Suite struct MonitorStateTests {
    @Test func ingestsHeaderEvaluationsEventsAndEnd() throws {
        var state = MonitorState(clock: ManualClock())
        state.ingest(header())
        state.ingest(contentsOf: grokkingRun(count: 100, memorizeAt: 200, generalizeAt: 700))
        state.ingest(.event(RunEvent(step: 500, kind: "checkpoint", message: "saved")))
        state.ingest(.end(RunEnd(step: 990, status: .completed)))
        let snapshot = state.snapshot()
        #expect(snapshot.header?.name.raw == "test run")
        #expect(snapshot.totalSteps == 1000)
        #expect(snapshot.evaluationCount == 100)
        #expect(snapshot.dataRange == 0...990)
        #expect(snapshot.seriesNames == ["train_loss", "test_loss", "train_acc", "test_acc", "l2"])
        #expect(state.seriesNames.contains("l2/out"))
        let l2 = try #require(snapshot.latest.first { $0.name == MetricName.l2 })
        #expect(l2.latest == 139 && l2.min == 40 && l2.max == 139)
        #expect(snapshot.phases.memorization?.step == 200)
        #expect(snapshot.phases.generalization?.step == 700)
        #expect(snapshot.phases.verdict == .generalized)
        #expect(snapshot.markers.map(\.label) == ["t_mem", "t_gen"])
        // Detector events are logged beside stream events, in arrival order.
        #expect(snapshot.events.map(\.source) == [.detector, .detector, .stream])
        #expect(snapshot.events.first?.event.message.raw.hasPrefix("memorized at step 200") == true)
        #expect(snapshot.end?.status == .completed)
        // No LMN in this stream: the stretch after t_mem is "memorized", never compression.
        #expect(snapshot.phaseBands.map(\.phase) == [.memorization, .memorized, .generalization])
        #expect(snapshot.phaseBands.map(\.steps) == [0...199, 200...699, 700...990])
    }

    @Test func pauseFreezesTheViewWhileDataArrives() throws {
        var state = MonitorState(clock: ManualClock())
        let run = grokkingRun(count: 100, memorizeAt: 200, generalizeAt: 700)
        state.ingest(contentsOf: run[..<50])  // steps 0…490
        state.apply(.togglePause)
        let frozen = state.snapshot()
        state.ingest(contentsOf: run[50...])
        let paused = state.snapshot()
        #expect(paused.isPaused)
        #expect(paused.dataRange == 0...490)
        #expect(paused.visibleRange == 0...490)
        #expect(paused.latest == frozen.latest)
        #expect(paused.phases == frozen.phases)
        #expect(paused.phases.generalization == nil)  // t_gen (700) arrived after the pause
        #expect(paused.evaluationsWhilePaused == 50)
        #expect(state.chart(series: MetricName.l2, columns: 10)?.stepRange == 0...490)
        // Zoom and cursor still work on the frozen data.
        state.apply(.setCursor(step: 480))
        #expect(state.snapshot().cursor?.readings.first { $0.series == MetricName.l2 }?.value == 88)

        state.apply(.togglePause)
        let live = state.snapshot()
        #expect(!live.isPaused)
        #expect(live.dataRange == 0...990)
        #expect(live.phases.generalization?.step == 700)
        #expect(live.evaluationsWhilePaused == 0)
    }

    @Test func zoomPanAndFollow() {
        var state = MonitorState(clock: ManualClock())
        state.ingest(contentsOf: grokkingRun(count: 100, memorizeAt: 200, generalizeAt: 700))  // 0…990
        #expect(state.visibleRange == 0...990)
        state.apply(.zoomIn)
        #expect(state.span == 496)
        #expect(state.visibleRange == 495...990)  // following the tail
        state.ingest(eval(1000, [MetricName.l2: 1]))
        #expect(state.visibleRange == 505...1000)

        state.apply(.panLeft)
        #expect(!state.isFollowing)
        #expect(state.visibleRange == 381...876)
        state.ingest(eval(1010, [MetricName.l2: 1]))
        #expect(state.visibleRange == 381...876)  // fixed window does not move
        state.apply(.panRight)
        #expect(state.visibleRange == 505...1000)
        state.apply(.panRight)  // reaching the end resumes following
        #expect(state.isFollowing)
        #expect(state.visibleRange == 515...1010)

        state.apply(.toggleFollow)
        state.ingest(eval(1020, [MetricName.l2: 1]))
        #expect(state.visibleRange == 515...1010)
        state.apply(.toggleFollow)
        #expect(state.visibleRange == 525...1020)

        state.apply(.zoomOut)
        state.apply(.zoomOut)
        #expect(state.span == nil)
        #expect(state.visibleRange == 0...1020)

        state.apply(.zoomIn)
        state.apply(.panLeft)
        state.apply(.resetView)
        #expect(state.isFollowing && state.span == nil && state.visibleRange == 0...1020)
    }

    @Test func zoomCentresOnTheCursor() {
        var state = MonitorState(clock: ManualClock())
        state.ingest(contentsOf: grokkingRun(count: 101, memorizeAt: 200, generalizeAt: 700))  // 0…1000
        state.apply(.setCursor(step: 300))
        state.apply(.zoomIn)
        let visible = state.visibleRange
        #expect(visible.map { $0.contains(300) } == true)
        #expect(visible.map { abs(($0.lowerBound + $0.upperBound) / 2 - 300) <= 1 } == true)
    }

    @Test func cursorReadsEveryMetricAndThePhase() throws {
        var state = MonitorState(clock: ManualClock())
        state.ingest(contentsOf: grokkingRun(count: 100, memorizeAt: 200, generalizeAt: 700))
        state.apply(.setChartColumns(1000))  // stride = one evaluation interval
        state.apply(.cursorLeft)  // first press: right edge
        var cursor = try #require(state.snapshot().cursor)
        #expect(cursor.step == 990)
        #expect(cursor.phase == .generalization)
        state.apply(.setCursor(step: 305))
        cursor = try #require(state.snapshot().cursor)
        #expect(cursor.phase == .memorized)  // no LMN: compression is not claimed
        #expect(cursor.wallTime == 30)
        let values = Dictionary(uniqueKeysWithValues: cursor.readings.map { ($0.series, $0) })
        #expect(values[MetricName.trainAccuracy]?.value == 1)
        #expect(values[MetricName.testAccuracy]?.value == 0.1)
        #expect(values[MetricName.l2]?.value == 70)
        #expect(values[MetricName.l2]?.step == 300)
        #expect(values[MetricName.layerNorm("out")]?.value == 30)  // readout includes layer norms
        state.apply(.cursorRight)
        #expect(state.cursorStep == 310)
        state.apply(.cursorLeft)
        state.apply(.cursorLeft)
        #expect(state.cursorStep == 290)
        state.apply(.setCursor(step: 150))
        cursor = try #require(state.snapshot().cursor)
        #expect(cursor.phase == .memorization)
        state.apply(.clearCursor)
        #expect(state.snapshot().cursor == nil)
    }

    @Test func staleDetectionWithAManualClock() throws {
        let clock = ManualClock(now: 100)
        var state = MonitorState(clock: clock, staleAfter: 10)
        #expect(state.snapshot().liveness.lastRecordTime == nil)
        #expect(!state.snapshot().liveness.isStale)
        state.ingest(eval(0, [MetricName.trainLoss: 1]))
        clock.advance(by: 3)
        var liveness = state.snapshot().liveness
        #expect(liveness.secondsSinceLastRecord == 3)
        #expect(!liveness.isStale)
        clock.advance(by: 8)
        #expect(state.snapshot().liveness.isStale)
        state.ingest(eval(10, [MetricName.trainLoss: 1]))
        #expect(!state.snapshot().liveness.isStale)
        state.ingest(.end(RunEnd(step: 10, status: .interrupted)))
        clock.advance(by: 60)
        liveness = state.snapshot().liveness
        #expect(!liveness.isStale)  // an ended run is finished, not stale
        #expect(liveness.secondsSinceLastRecord == 60)
    }

    @Test func streamHealthCounters() {
        var state = MonitorState(clock: ManualClock())
        state.noteDropped(3)
        state.noteDropped(2)
        state.noteMalformed(1)
        state.ingest(eval(10, [MetricName.trainLoss: 1]))
        state.ingest(eval(5, [MetricName.trainLoss: 1]))
        let liveness = state.snapshot().liveness
        #expect(liveness.droppedRecords == 5)
        #expect(liveness.malformedLines == 1)
        #expect(liveness.outOfOrderEvaluations == 1)
    }

    @Test func aNewRunResetsTheData() {
        var state = MonitorState(clock: ManualClock())
        state.ingest(header("a"))
        state.ingest(contentsOf: grokkingRun(count: 10, memorizeAt: 0, generalizeAt: 50))
        state.ingest(header("a"))  // same run (e.g. a re-read header): data kept
        #expect(state.evaluationCount == 10)
        state.ingest(header("b"))
        #expect(state.evaluationCount == 0)
        #expect(state.snapshot().phases.verdict == .notYet)
        #expect(state.snapshot().header?.runID.raw == "b")
    }

    @Test func viewToggles() {
        var state = MonitorState(clock: ManualClock())
        state.ingest(contentsOf: grokkingRun(count: 10, memorizeAt: 0, generalizeAt: 50))
        state.apply(.focusNextSeries)
        #expect(state.focusedSeries == "train_loss")
        state.apply(.focusPreviousSeries)
        state.apply(.focusPreviousSeries)
        #expect(state.focusedSeries == "test_acc")
        #expect(!state.visibleSeriesNames.contains("l2/out"))
        state.apply(.toggleLayerNorms)
        #expect(state.visibleSeriesNames.last == "l2/out")
        state.apply(.focusNextSeries)
        state.apply(.focusNextSeries)
        #expect(state.focusedSeries == "l2/out")
        state.apply(.toggleLayerNorms)  // the focused layer norm disappears
        #expect(state.focusedSeries == nil)

        #expect(state.smoothingWeight == 0)
        for expected in [0.6, 0.9, 0.99, 0] {
            state.apply(.cycleSmoothing)
            #expect(state.smoothingWeight == expected)
        }
        state.apply(.toggleLogY)  // the focused chart (loss, log by default) becomes linear
        state.apply(.toggleHelp)
        let snapshot = state.snapshot()
        #expect(!snapshot.isLogY && snapshot.isHelpVisible && !snapshot.showsLayerNorms)
    }

    @Test func chartDataForTheVisibleRange() throws {
        var state = MonitorState(clock: ManualClock())
        state.ingest(eval(0, [MetricName.testLoss: 0]))
        state.ingest(eval(1, [MetricName.testLoss: .nan]))
        state.ingest(eval(2, [MetricName.testLoss: 4]))
        state.ingest(eval(3, [MetricName.testLoss: 2]))
        let chart = try #require(state.chart(series: MetricName.testLoss, columns: 4))
        #expect(chart.points.count == 4)
        #expect(chart.points[1].hasGap && chart.points[1].min == nil)
        #expect(chart.yRange == 0...4)
        #expect(chart.positiveYRange == 2...4)  // log-y skips 0
        #expect(state.chart(series: "missing", columns: 4) == nil)
        state.apply(.cycleSmoothing)
        let smoothed = try #require(state.chart(series: MetricName.testLoss, columns: 4))
        #expect(smoothed.smoothingWeight == 0.6)
        #expect(smoothed.points[3].last == 2)
        // w = 0.6 over 0, (NaN skipped), 4, 2: biased 0 → 1.6 → 1.76, debiased by 1 − 0.6³ = 0.784.
        #expect(isApproximatelyEqual(try #require(smoothed.points[3].smoothed), 1.76 / 0.784))
    }
}

@Suite struct MonitorPauseTests {
    @Test func pauseFreezesEventsAndEnd() {
        var state = MonitorState(clock: ManualClock())
        state.ingest(.event(RunEvent(step: 0, kind: "note", message: "before")))
        state.apply(.togglePause)
        state.ingest(.event(RunEvent(step: 1, kind: "note", message: "after")))
        state.ingest(.end(RunEnd(step: 1, status: .completed)))
        var snapshot = state.snapshot()
        #expect(snapshot.events.map(\.event.message.raw) == ["before"])
        #expect(snapshot.end == nil)
        state.apply(.togglePause)
        snapshot = state.snapshot()
        #expect(snapshot.events.map(\.event.message.raw) == ["before", "after"])
        #expect(snapshot.end?.status == .completed)
    }

    @Test func eventLogIsBounded() {
        var state = MonitorState(clock: ManualClock())
        for i in 0..<(MonitorState.eventCapacity + 20) {
            state.ingest(.event(RunEvent(step: i, kind: "note", message: "\(i)")))
        }
        let events = state.snapshot().events
        #expect(events.count == MonitorState.eventCapacity)
        #expect(events.first?.event.step == 20)
    }
}

@Suite struct MonitorRobustnessTests {
    static let allActions: [MonitorAction] = [
        .togglePause, .zoomIn, .zoomOut, .panLeft, .panRight, .toggleFollow, .resetView, .focusNextSeries,
        .focusPreviousSeries, .toggleLayerNorms, .toggleLogY, .cycleSmoothing, .cursorLeft, .cursorRight,
        .setCursor(step: 5), .clearCursor, .toggleHelp, .setChartColumns(0), .cursorLeft, .togglePause, .toggleScatter,
    ]

    @Test func actionsOnEmptyAndOnePointStates() {
        var empty = MonitorState(clock: ManualClock())
        for action in Self.allActions { empty.apply(action) }
        #expect(empty.visibleRange == nil)
        #expect(empty.snapshot().cursor == nil)
        #expect(empty.chart(series: "x", columns: 10) == nil)

        var one = MonitorState(clock: ManualClock())
        one.ingest(eval(7, ["x": .nan]))
        for action in Self.allActions {
            one.apply(action)
            #expect(one.visibleRange == 7...7)
        }
        let chart = one.chart(series: "x", columns: 10)
        #expect(chart?.points.count == 1)
        #expect(chart?.yRange == nil)
    }
}
