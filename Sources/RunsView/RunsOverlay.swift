import Monitor
import Phases
import Runs
import Snapshots
import TUI

/// `o` on the runs table: the marked runs (2–8) on shared axes — test loss, test accuracy, LMN, L2 —
/// one colour per run (the series roles of the theme), numbered in each chart's title with the
/// names in the footer legend, and each run's confirmed t_mem / t_gen as markers in its colour. Drawn by the dashboard's
/// renderer, so it looks like the single-run screen.
public enum RunsOverlay {
    public static let maxRuns = 8
    /// One distinct role per run, in order.
    static let roles: [ThemeRole] = [
        .testLoss, .trainLoss, .lmn, .l2, .testAccuracy, .trainAccuracy, .layerNorm, .otherSeries,
    ]

    public static func model(table: RunsTable, ids: [String], now: Double, columns: Int = 200) -> DashboardModel {
        let trackers = ids.prefix(maxRuns).compactMap { table.trackers[$0] }
        func chart(_ title: String, _ metric: String, logY: Bool = false, percent: Bool = false) -> ChartModel {
            let series = trackers.enumerated().map { index, tracker in
                SeriesModel(
                    name: "\(index + 1)", role: roles[index % roles.count],
                    points: points(tracker.history(metric), columns: columns))
            }
            return ChartModel(
                title: title, series: series, logY: logY, yRange: percent ? 0...1 : nil,
                valueFormat: percent ? .percent : .number)
        }
        var markers: [TUI.StepMarker] = []
        for (index, tracker) in trackers.enumerated() {
            let report = tracker.detector.report
            if let m = report.memorization, m.isConfirmed {
                markers.append(TUI.StepMarker(step: m.step, label: "M\(index + 1)", role: roles[index % roles.count]))
            }
            if let g = report.generalization, g.isConfirmed {
                markers.append(TUI.StepMarker(step: g.step, label: "G\(index + 1)", role: roles[index % roles.count]))
            }
        }
        let lastStep = trackers.compactMap { $0.detector.report.lastStep }.max() ?? 0
        let header = HeaderModel(
            runName: UntrustedText("overlay of \(trackers.count) runs"), task: "", step: lastStep,
            totalSteps: trackers.compactMap { $0.header?.totalSteps }.max(), liveness: "overlay",
            phaseName: "overlay")
        return DashboardModel(
            header: header,
            charts: [
                chart("Test loss", MetricName.testLoss, logY: true),
                chart("Test accuracy", MetricName.testAccuracy, percent: true),
                chart("LMN", MetricName.lmn), chart("L2", MetricName.l2),
            ],
            markers: markers,
            sparklines: trackers.enumerated().map { index, tracker in
                SparklineModel(
                    label: "\(index + 1)", role: roles[index % roles.count],
                    values: points(tracker.history(MetricName.testAccuracy), columns: 64).map(\.value))
            },
            keyHints: [KeyHint(key: "Esc", text: "back")],
            statusMessage: legend(trackers.map(\.name)))
    }

    /// "1 name · 2 name · M/G = t_mem/t_gen": the numbers are the series names in every chart's title
    /// (in the run's colour), so long run names need not fit there.
    static func legend(_ names: [String]) -> String {
        let runs = names.enumerated().map { "\($0.offset + 1) \(DisplayWidth.sanitize($0.element))" }
        return (runs + ["M/G = t_mem/t_gen"]).joined(separator: " · ")
    }

    /// The history as chart points: each column's last value at its last step (min/max kept by the history).
    static func points(_ history: SeriesHistory?, columns: Int) -> [TUI.ChartPoint] {
        guard let history, let first = history.firstStep, let last = history.latest?.step else { return [] }
        return history.points(in: first...max(last, first + 1), columns: columns).compactMap { p in
            guard let v = p.last else { return TUI.ChartPoint(step: p.lastStep, value: .nan) }
            return TUI.ChartPoint(step: p.lastStep, value: v)
        }
    }
}
