import Phases
import Snapshots

extension MonitorState {
    /// The frame to draw now.
    public func snapshot() -> MonitorSnapshot {
        let report = frozen?.report ?? detector.report
        let visible = visibleRange
        let since = lastRecordTime.map { clock.now - $0 }
        let currentEnd = frozen.map { $0.end } ?? end
        let eventLimit = frozen?.eventTotal ?? eventTotal
        return MonitorSnapshot(
            header: header, end: currentEnd, totalSteps: header?.totalSteps,
            evaluationCount: frozen?.evaluationCount ?? evaluationCount,
            evaluationsWhilePaused: frozen.map { evaluationCount - $0.evaluationCount } ?? 0,
            dataRange: displayedDataRange, visibleRange: visible, phases: report,
            phaseBands: visible.map { Self.bands(report, in: $0) } ?? [], markers: Self.markers(report),
            seriesNames: visibleSeriesNames, latest: frozen?.summaries ?? liveSummaries(),
            focusedSeries: focusedSeries, cursor: cursorReadout(report), isPaused: isPaused,
            isFollowing: isFollowing, smoothingWeight: smoothingWeight, isLogY: isLogY,
            logYCharts: logYCharts, focusedChart: focusedChart, chartSlots: chartSlots, isLogX: isLogX,
            isHelpVisible: isHelpVisible,
            showsLayerNorms: showsLayerNorms, showsScatter: showsScatter,
            liveness: Liveness(
                lastRecordTime: lastRecordTime, secondsSinceLastRecord: since,
                isStale: end == nil && (since ?? 0) > staleAfter, droppedRecords: droppedRecords,
                malformedLines: malformedLines, outOfOrderEvaluations: outOfOrderEvaluations),
            events: events.filter { $0.sequence < eventLimit })
    }

    /// One series over the visible range in `columns` cells, smoothed with the current weight.
    /// `nil` when the series does not exist or there is no data yet.
    public func chart(series name: String, columns: Int) -> ChartData? {
        guard let visible = visibleRange, let index = seriesIndex[name], columns > 0 else { return nil }
        let points = series[index].points(
            in: visible, columns: columns, smoothingWeight: smoothingWeight, logX: isLogX)
        var low = Double.infinity
        var high = -Double.infinity
        var positiveLow = Double.infinity
        var positiveHigh = -Double.infinity
        for p in points {
            for v in [p.min, p.max, p.smoothed].compactMap({ $0 }) where v.isFinite {
                low = Swift.min(low, v)
                high = Swift.max(high, v)
                if v > 0 {
                    positiveLow = Swift.min(positiveLow, v)
                    positiveHigh = Swift.max(positiveHigh, v)
                }
            }
        }
        return ChartData(
            series: name, stepRange: visible, columns: columns, points: points,
            smoothingWeight: smoothingWeight, isLogY: isLogY, isLogX: isLogX, yRange: low <= high ? low...high : nil,
            positiveYRange: positiveLow <= positiveHigh ? positiveLow...positiveHigh : nil)
    }

    /// Test loss against LMN and L2 over the compression window of the displayed report (frozen while
    /// paused), with least-squares lines and linearity scores; `nil` before t_mem is confirmed.
    public func scatter() -> CompressionScatter? {
        let report = frozen?.report ?? detector.report
        let through = frozen.map { $0.lastStep ?? Int.min }
        return CompressionScatter.build(samples: pairedSamples.samples, report: report, through: through)
    }

    func cursorReadout(_ report: PhaseReport) -> CursorReadout? {
        guard let step = cursorStep else { return nil }
        let confirmed = report.phase(at: step)
        let anyConfirmed = report.memorization?.isConfirmed == true || report.generalization?.isConfirmed == true
        let phase = anyConfirmed ? confirmed : report.phase(at: step, includingTentative: true)
        let names = frozen?.seriesNames ?? seriesNames
        let readings = names.compactMap { name in
            seriesIndex[name].flatMap { series[$0].reading(atOrBefore: step, name: name) }
        }
        return CursorReadout(
            step: step, phase: phase, wallTime: wallTimes.reading(atOrBefore: step, name: "")?.value,
            readings: readings)
    }

    /// The phase bands, from the detector's own spans (the same ones reports draw).
    static func bands(_ report: PhaseReport, in visible: ClosedRange<Int>) -> [PhaseBand] {
        report.spans(first: visible.lowerBound, last: visible.upperBound, includingTentative: true)
    }

    static func markers(_ report: PhaseReport) -> [StepMarker] {
        var markers: [StepMarker] = []
        if let m = report.memorization {
            markers.append(
                StepMarker(kind: .memorization, step: m.step, isConfirmed: m.isConfirmed, label: "t_mem"))
        }
        if let g = report.generalization {
            markers.append(
                StepMarker(kind: .generalization, step: g.step, isConfirmed: g.isConfirmed, label: "t_gen"))
        }
        if let c = report.compressionStart, c.isConfirmed {
            markers.append(StepMarker(kind: .compression, step: c.step, isConfirmed: true, label: "compress"))
        }
        if let peak = report.lmnPeak {
            markers.append(StepMarker(kind: .lmnPeak, step: peak.step, isConfirmed: true, label: "LMN peak"))
        }
        if let s = report.solutionSwitch {
            markers.append(StepMarker(kind: .solutionSwitch, step: s.step, isConfirmed: true, label: "switch"))
        }
        return markers
    }
}
