import Phases
import Snapshots
import TUI

/// Builds the slide figure of a run: loss (log), accuracy, LMN and L2 panels over phase bands, with
/// t_mem, t_gen and the LMN peak marked. Long runs are thinned to about `columns` buckets per curve,
/// keeping each bucket's minimum and maximum so no spike disappears.
public enum FigureBuilder {
    public static let phaseColors: [Phase: String] = [
        .memorization: "#e69f00", .memorized: "#d9d9d9", .compression: "#cc79a7", .generalization: "#009e73",
    ]

    /// The phase colours of a terminal theme (its memorization/compression/generalization roles at
    /// 24-bit depth), so a slide matches the dashboard; roles without a colour keep the defaults.
    public static func phaseColors(of theme: Theme) -> [Phase: String] {
        let palette = theme.palette(for: .trueColor)
        var colors = phaseColors
        let roles: [Phase: ThemeRole] = [
            .memorization: .memorization, .memorized: .warmup, .compression: .compression,
            .generalization: .generalization,
        ]
        for (phase, role) in roles {
            if let hex = palette.color(role).svgHex { colors[phase] = hex }
        }
        return colors
    }

    public static func figure(
        summary: RunSummary, evaluations: [Evaluation], columns: Int = 900, phaseColors: [Phase: String]? = nil
    ) -> ReportFigure {
        let colors = phaseColors ?? Self.phaseColors
        let first = evaluations.first?.step ?? 0
        let last = max(evaluations.last?.step ?? 1, first + 1)
        func curve(_ metric: String, _ label: String, _ color: String) -> ReportFigure.Curve? {
            let points = evaluations.compactMap { e in e.metrics[metric].map { (step: e.step, value: $0) } }
            return points.isEmpty ? nil : .init(label: label, color: color, points: thin(points, columns: columns))
        }
        let panels: [ReportFigure.Panel] = [
            .init(
                title: "loss", logScale: true,
                curves: [
                    curve(MetricName.trainLoss, "train", "#0072b2"), curve(MetricName.testLoss, "test", "#d55e00"),
                ].compactMap { $0 }),
            .init(
                title: "accuracy",
                curves: [
                    curve(MetricName.trainAccuracy, "train", "#0072b2"),
                    curve(MetricName.testAccuracy, "test", "#d55e00"),
                ].compactMap { $0 }),
            .init(
                title: "LMN" + (summary.probeSize.map { " (N = \($0))" } ?? ""),
                curves: [
                    curve(MetricName.lmn, "LMN", "#cc0000")
                ].compactMap { $0 }),
            .init(title: "L2 norm", curves: [curve(MetricName.l2, "L2", "#444444")].compactMap { $0 }),
        ].filter { !$0.curves.isEmpty }

        let report = summary.phases
        let tMem = report.memorization.flatMap { $0.isConfirmed ? $0.step : nil }
        let tGen = report.generalization.flatMap { $0.isConfirmed ? $0.step : nil }
        // The detector's spans (docs/phases.md): compression is coloured only where it was earned.
        let spans = report.spans(first: first, last: last)
        let bands: [ReportFigure.Band] = spans.enumerated().compactMap { i, span in
            let to = i + 1 < spans.count ? spans[i + 1].steps.lowerBound : span.steps.upperBound
            guard to > span.steps.lowerBound else { return nil }
            return .init(
                label: span.phase.rawValue, color: colors[span.phase] ?? "#d9d9d9",
                steps: span.steps.lowerBound...to)
        }

        var markers: [ReportFigure.Marker] = []
        if let tMem { markers.append(.init(label: "t_mem", step: tMem)) }
        if let c = report.compressionStart, c.isConfirmed { markers.append(.init(label: "compression", step: c.step)) }
        if let tGen { markers.append(.init(label: "t_gen", step: tGen)) }
        if let peak = report.lmnPeak { markers.append(.init(label: "LMN peak", step: peak.step)) }
        if let s = report.solutionSwitch { markers.append(.init(label: "solution switch", step: s.step)) }

        var subtitle = report.verdict.label
        if let delay = report.delay { subtitle += " · grokking delay \(delay) steps" }
        if let s = report.solutionSwitch, let rise = s.lmnRise {
            subtitle += String(format: " · solution switch at %d (LMN %+.0f%%", s.step, rise * 100)
            if let l2 = s.l2Change { subtitle += String(format: ", L2 %+.0f%%", l2 * 100) }
            subtitle += ")"
        }
        if let r = report.compression.testLossVsLMN.r { subtitle += String(format: " · r(test loss, LMN) %+.2f", r) }
        if let r = report.compression.testLossVsL2.r { subtitle += String(format: " · r(test loss, L2) %+.2f", r) }
        var figure = ReportFigure(
            title: "\(summary.name) — \(summary.task)", subtitle: subtitle, stepRange: first...last,
            panels: panels, bands: bands, markers: markers)
        if let scatter = summary.scatter {
            let end = scatter.endStep.map(String.init) ?? "\(summary.lastStep ?? scatter.startStep) (t_gen not reached)"
            figure.scatterCaption = "test loss over the compression window, steps \(scatter.startStep)–\(end)"
            func panel(_ series: ScatterSeries, _ label: String, _ color: String) -> ReportFigure.Scatter {
                .init(
                    xLabel: label, color: color, points: series.points.map { (step: $0.step, x: $0.x, y: $0.y) },
                    fit: series.linearity.fit)
            }
            figure.scatters = [
                panel(scatter.lmn, "LMN" + (summary.probeSize.map { " (N = \($0))" } ?? ""), "#cc0000"),
                panel(scatter.l2, "L2 norm", "#444444"),
            ]
        }
        return figure
    }

    /// Min/max-preserving thinning: at most two points (the extremes, in step order) per bucket.
    /// Non-finite points are always kept, so gaps survive.
    static func thin(_ points: [(step: Int, value: Double)], columns: Int) -> [(step: Int, value: Double)] {
        guard points.count > 2 * columns, let first = points.first?.step, let last = points.last?.step else {
            return points
        }
        let width = max(1, (last - first + columns) / columns)
        var out: [(step: Int, value: Double)] = []
        var bucket: [(step: Int, value: Double)] = []
        func flush() {
            guard !bucket.isEmpty else { return }
            let finite = bucket.filter { $0.value.isFinite }
            let keep =
                [finite.min { $0.value < $1.value }, finite.max { $0.value < $1.value }].compactMap { $0 }
                + bucket.filter { !$0.value.isFinite }
            var seen = Set<Int>()
            out += keep.sorted { $0.step < $1.step }.filter { seen.insert($0.step).inserted }
            bucket.removeAll(keepingCapacity: true)
        }
        var current = (points[0].step - first) / width
        for point in points {
            let index = (point.step - first) / width
            if index != current { flush(); current = index }
            bucket.append(point)
        }
        flush()
        return out
    }
}
