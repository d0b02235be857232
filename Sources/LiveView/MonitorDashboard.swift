import Monitor
import Phases
import Snapshots
import TUI
import TextFormat

/// Turns the headless monitor state into the value the dashboard renderer draws. Pure: the same
/// state, width and extras give the same model, so live, watch and replay look alike.
public enum MonitorDashboard {
    /// What the monitor does not know: training speed, a one-line status, a replay badge.
    public struct Extras: Equatable, Sendable {
        public var stepsPerSecond: Double?
        public var statusMessage: String?
        /// Replaces the liveness text (e.g. "replay 10×").
        public var livenessOverride: String?
        /// Replaces the ETA (replay: seconds of playback left, not of training).
        public var etaOverride: Double?

        public init(
            stepsPerSecond: Double? = nil, statusMessage: String? = nil, livenessOverride: String? = nil,
            etaOverride: Double? = nil
        ) {
            self.stepsPerSecond = stepsPerSecond
            self.statusMessage = statusMessage
            self.livenessOverride = livenessOverride
            self.etaOverride = etaOverride
        }
    }

    /// Samples per chart: two per cell for braille at the widest chart a `width`-column screen shows.
    public static func columns(forWidth width: Int) -> Int { max(16, width * 2) }

    public static func model(_ state: MonitorState, width: Int, extras: Extras = Extras()) -> DashboardModel {
        let snap = state.snapshot()
        let columns = columns(forWidth: width)
        let latest = Dictionary(snap.latest.map { ($0.name, $0.latestFinite) }, uniquingKeysWith: { a, _ in a })
        func series(_ name: String, _ label: String, _ role: ThemeRole) -> SeriesModel? {
            guard let data = state.chart(series: name, columns: columns) else { return nil }
            var model = seriesModel(data, label: label, role: role)
            model.latest = latest[name] ?? nil
            return model
        }
        func chart(
            _ panel: ChartSlot, _ title: String, _ series: [SeriesModel?], unit: String? = nil,
            yRange: ClosedRange<Double>? = nil, format: ChartModel.ValueFormat = .number, focused: Bool = false
        ) -> ChartModel {
            ChartModel(
                title: title, series: series.compactMap { $0 }, logY: state.isLogY(panel), yRange: yRange,
                valueFormat: format, unit: unit, isFocused: focused, smoothing: snap.smoothingWeight)
        }
        let probe = snap.header?.probeSize.map { " N=\($0)" } ?? ""
        func slotChart(_ slot: ChartSlot, focused: Bool) -> ChartModel {
            switch slot {
            case .panel(.loss):
                return chart(
                    slot, "Loss",
                    [
                        series(MetricName.trainLoss, "train", .trainLoss),
                        series(MetricName.testLoss, "test", .testLoss),
                    ],
                    unit: "nats", focused: focused)
            case .panel(.accuracy):
                return chart(
                    slot, "Accuracy",
                    [
                        series(MetricName.trainAccuracy, "train", .trainAccuracy),
                        series(MetricName.testAccuracy, "test", .testAccuracy),
                    ], unit: "%", yRange: 0...1, format: .percent, focused: focused)
            case .panel(.lmn):
                return chart(slot, "LMN\(probe)", [series(MetricName.lmn, "LMN", .lmn)], focused: focused)
            case .panel(.l2), .panel(.layerNorms):
                return chart(slot, "L2 norm", [series(MetricName.l2, "L2", .l2)], focused: focused)
            case .series(let name):
                // The name comes from the stream (or the command line): untrusted, shown sanitized.
                let title = UntrustedText(name).sanitized
                let data = series(name, title, seriesRole(name))
                return chart(slot, data == nil ? "waiting for \(title)" : title, [data], focused: focused)
            }
        }
        let charts = snap.chartSlots.enumerated().map { slotChart($1, focused: state.focusedSlot == $0) }
        let layerNames = state.seriesNames.filter { $0.hasPrefix("l2/") }
        let layers = chart(
            .layerNorms, "Layer norms", layerNames.map { series($0, String($0.dropFirst(3)), .layerNorm) },
            focused: snap.focusedChart == .layerNorms)

        return DashboardModel(
            header: header(snap, latestWallTime: state.latestWallTime, extras: extras),
            charts: charts,
            layerNorms: layerNames.isEmpty ? nil : layers,
            showLayerNorms: snap.showsLayerNorms,
            phases: snap.phaseBands.map { band in
                PhaseInterval(
                    start: band.steps.lowerBound,
                    end: band.steps.upperBound == snap.visibleRange?.upperBound ? nil : band.steps.upperBound + 1,
                    phase: role(band.phase))
            },
            markers: snap.markers.map { marker in
                TUI.StepMarker(
                    step: marker.step, label: marker.isConfirmed ? marker.label : marker.label + "?",
                    role: marker.kind == .lmnPeak || marker.kind == .solutionSwitch ? .lmn : .marker)
            },
            visibleSteps: snap.visibleRange,
            logX: snap.isLogX,
            compression: compression(snap.phases),
            cursor: snap.cursor.map { cursor in
                TUI.CursorReadout(
                    step: cursor.step, phase: cursor.phase.map(role),
                    values: cursor.readings.map {
                        .init(name: $0.series, value: $0.value, role: seriesRole($0.series))
                    })
            },
            isPaused: snap.isPaused,
            isHelpVisible: snap.isHelpVisible,
            statusMessage: extras.statusMessage ?? status(snap),
            showScatter: snap.showsScatter,
            scatter: snap.showsScatter ? state.scatter().map(scatterModel) : nil,
            extraSeries: state.seriesNamesInArrivalOrder.filter { !ChartSlot.builtInSeries.contains($0) }.map {
                UntrustedText($0).sanitized
            })
    }

    /// The compression-window scatter as the panel draws it.
    static func scatterModel(_ scatter: CompressionScatter) -> ScatterPanelModel {
        func plot(_ series: ScatterSeries, _ name: String, _ role: ThemeRole) -> ScatterPanelModel.Plot {
            let fit = series.linearity.fit
            return ScatterPanelModel.Plot(
                xName: name, role: role, points: series.points.map { (x: $0.x, y: $0.y) },
                line: fit.map { (slope: $0.slope, intercept: $0.intercept) }, linearR2: fit?.linearR2,
                score: fit?.score)
        }
        let end = scatter.endStep.map(ValueText.steps) ?? "now"
        return ScatterPanelModel(
            window: "steps " + ValueText.steps(scatter.startStep) + "–" + end,
            plots: [plot(scatter.lmn, "LMN", .lmn), plot(scatter.l2, "L2", .l2)])
    }

    static func header(_ snap: MonitorSnapshot, latestWallTime: Double?, extras: Extras) -> HeaderModel {
        let lastStep = snap.dataRange?.upperBound ?? 0
        let elapsed = latestWallTime ?? 0
        var eta: Double?
        if let total = snap.totalSteps, let speed = extras.stepsPerSecond, speed > 0, snap.end == nil {
            eta = Double(max(0, total - lastStep)) / speed
        }
        if let override = extras.etaOverride { eta = override }
        let (liveness, stale) = livenessText(snap)
        let verdict = snap.phases.verdict
        return HeaderModel(
            runName: snap.header?.name ?? UntrustedText("waiting for a run header"),
            task: snap.header?.task.sanitized ?? "",
            step: lastStep, totalSteps: snap.totalSteps, stepsPerSecond: extras.stepsPerSecond,
            elapsedSeconds: elapsed, etaSeconds: eta, probeSize: snap.header?.probeSize,
            liveness: extras.livenessOverride ?? liveness, isStale: stale,
            phaseName: verdict.label, phase: phaseRole(verdict))
    }

    static func livenessText(_ snap: MonitorSnapshot) -> (String, Bool) {
        if let end = snap.end { return (end.status.rawValue, false) }
        if snap.isPaused { return ("paused (+\(snap.evaluationsWhilePaused))", false) }
        guard let since = snap.liveness.secondsSinceLastRecord else { return ("waiting", false) }
        if snap.liveness.isStale { return ("stale since \(Int(since)) s", true) }
        return (since < 2 ? "live" : "last update \(Int(since)) s ago", false)
    }

    static func status(_ snap: MonitorSnapshot) -> String? {
        let l = snap.liveness
        var parts: [String] = []
        if l.droppedRecords > 0 { parts.append("\(l.droppedRecords) evaluations coalesced (UI fell behind)") }
        if l.malformedLines > 0 { parts.append("\(l.malformedLines) malformed lines skipped") }
        if l.outOfOrderEvaluations > 0 { parts.append("\(l.outOfOrderEvaluations) out-of-order evaluations ignored") }
        if let end = snap.end, !end.message.raw.isEmpty { parts.append(end.message.sanitized) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func compression(_ report: PhaseReport) -> CompressionPanelModel? {
        guard report.memorization != nil else { return nil }
        let c = report.compression
        return CompressionPanelModel(
            rTestLossLMN: c.testLossVsLMN.r, rTestLossL2: c.testLossVsL2.r,
            lmnDrop: c.lmnDrop?.relativeDrop, delaySteps: report.delay,
            note: [.noGrokking, .notGeneralizing, .compressionNotMeasured].contains(report.verdict)
                ? report.verdict.label : nil)
    }

    /// Each bucket becomes its minimum and maximum (so spikes stay visible), or a gap.
    static func seriesModel(_ data: ChartData, label: String, role: ThemeRole) -> SeriesModel {
        var raw: [TUI.ChartPoint] = []
        var smooth: [TUI.ChartPoint] = []
        raw.reserveCapacity(data.points.count * 2)
        for p in data.points {
            if let low = p.min, let high = p.max {
                raw.append(.init(step: p.firstStep, value: low))
                if high != low || p.lastStep != p.firstStep { raw.append(.init(step: p.lastStep, value: high)) }
            }
            if p.hasGap { raw.append(.init(step: p.lastStep, value: .nan)) }
            if let s = p.smoothed { smooth.append(.init(step: p.lastStep, value: s)) }
        }
        if data.smoothingWeight > 0, !smooth.isEmpty {
            return SeriesModel(name: label, role: role, points: smooth, raw: raw)
        }
        return SeriesModel(name: label, role: role, points: raw)
    }

    static func role(_ phase: Phase) -> PhaseRole {
        switch phase {
        case .memorization: return .memorization
        // Memorized but not (yet) compressing: drawn neutral, so compression colour is always earned.
        case .memorized: return .warmup
        case .compression: return .compression
        case .generalization: return .generalization
        }
    }

    static func phaseRole(_ verdict: PhaseVerdict) -> PhaseRole {
        switch verdict {
        case .notYet, .notGeneralizing: return .warmup
        case .memorizing, .memorized, .compressionNotMeasured: return .memorization
        case .compressing: return .compression
        case .generalized, .noGrokking: return .generalization
        }
    }

    static func seriesRole(_ name: String) -> ThemeRole {
        switch name {
        case MetricName.trainLoss: return .trainLoss
        case MetricName.testLoss: return .testLoss
        case MetricName.trainAccuracy: return .trainAccuracy
        case MetricName.testAccuracy: return .testAccuracy
        case MetricName.lmn: return .lmn
        case MetricName.l2: return .l2
        default: return name.hasPrefix("l2/") ? .layerNorm : .otherSeries
        }
    }
}
