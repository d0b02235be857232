import Phases
import Snapshots
import TUI

/// Builds the slide figure of a run: loss (log), accuracy, LMN and L2 panels over phase bands, with
/// t_mem, t_gen and the LMN peak marked. Long runs are thinned to about `columns` buckets per curve,
/// keeping each bucket's minimum and maximum so no spike disappears.
public enum FigureBuilder {
    public static let phaseColors: [Phase: String] = [
        .memorization: "#e69f00", .compression: "#cc79a7", .generalization: "#009e73",
    ]

    /// The phase colours of a terminal theme (its memorization/compression/generalization roles at
    /// 24-bit depth), so a slide matches the dashboard; roles without a colour keep the defaults.
    public static func phaseColors(of theme: Theme) -> [Phase: String] {
        let palette = theme.palette(for: .trueColor)
        var colors = phaseColors
        let roles: [Phase: ThemeRole] = [
            .memorization: .memorization, .compression: .compression, .generalization: .generalization,
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
        var bands: [ReportFigure.Band] = []
        func band(_ phase: Phase, _ from: Int, _ to: Int) {
            if to > from {
                bands.append(.init(label: phase.rawValue, color: colors[phase] ?? "#888888", steps: from...to))
            }
        }
        band(.memorization, first, tMem ?? last)
        if let tMem { band(.compression, tMem, tGen ?? last) }
        if let tGen { band(.generalization, tGen, last) }

        var markers: [ReportFigure.Marker] = []
        if let tMem { markers.append(.init(label: "t_mem", step: tMem)) }
        if let tGen { markers.append(.init(label: "t_gen", step: tGen)) }
        if let peak = report.lmnPeak { markers.append(.init(label: "LMN peak", step: peak.step)) }

        var subtitle = report.verdict.label
        if let delay = report.delay { subtitle += " · grokking delay \(delay) steps" }
        if let r = report.compression.testLossVsLMN.r { subtitle += String(format: " · r(test loss, LMN) %+.2f", r) }
        if let r = report.compression.testLossVsL2.r { subtitle += String(format: " · r(test loss, L2) %+.2f", r) }
        return ReportFigure(
            title: "\(summary.name) — \(summary.task)", subtitle: subtitle, stepRange: first...last,
            panels: panels, bands: bands, markers: markers)
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
