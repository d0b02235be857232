import Phases
import Snapshots

/// End-of-run figures for headless output and the end record. The boundaries come from the same
/// phase detector the monitor runs (docs/phases.md), so a headless summary and the dashboard agree.
public struct SessionSummary: Sendable, Equatable {
    public var status: EndStatus
    public var finalStep: Int
    public var phases: PhaseReport
    /// The last evaluation's metrics.
    public var finalMetrics: [String: Double]

    public init(evaluations: [Evaluation], status: EndStatus, finalStep: Int, rules: PhaseRules = .paper) {
        var detector = PhaseDetector(rules: rules)
        for evaluation in evaluations { detector.ingest(evaluation) }
        self.status = status
        self.finalStep = finalStep
        self.phases = detector.report
        self.finalMetrics = evaluations.last?.metrics ?? [:]
    }

    /// t_mem: the first step of the confirmed memorization window.
    public var memorizationStep: Int? { phases.memorization.flatMap { $0.isConfirmed ? $0.step : nil } }
    /// t_gen: the first step of the confirmed generalization window.
    public var generalizationStep: Int? { phases.generalization.flatMap { $0.isConfirmed ? $0.step : nil } }
    /// Grokking delay t_gen − t_mem, when both are known.
    public var delay: Int? { phases.delay }

    /// One line: `"completed at step 3000: t_mem 150, t_gen 1950, delay 1800"`; without `t_gen`, the
    /// verdict in brackets (`"(not generalizing)"`); a solution switch appended when detected.
    public var headline: String {
        let mem = memorizationStep.map(String.init) ?? "not reached"
        let gen = generalizationStep.map(String.init) ?? "not reached"
        var text = "\(status.rawValue) at step \(finalStep): t_mem \(mem), t_gen \(gen)"
        switch phases.verdict {
        case .noGrokking, .memorized, .compressionNotMeasured, .compressing, .notGeneralizing:
            text += " (\(phases.verdict.label))"
        case .generalized: if let delay { text += ", delay \(delay)" }
        case .notYet, .memorizing: break
        }
        if let s = phases.solutionSwitch { text += ", solution switch at \(s.step)" }
        return text
    }

    /// Headline plus the final losses, accuracies, L2 and LMN.
    public var lines: [String] {
        func value(_ name: String) -> String { finalMetrics[name].map { ProgressLine.number($0) } ?? "–" }
        func percent(_ name: String) -> String { finalMetrics[name].map { ProgressLine.percent($0) } ?? "–" }
        return [
            headline,
            "final: loss \(value(MetricName.trainLoss)) train / \(value(MetricName.testLoss)) test, "
                + "acc \(percent(MetricName.trainAccuracy)) train / \(percent(MetricName.testAccuracy)) test, "
                + "l2 \(value(MetricName.l2)), lmn \(value(MetricName.lmn))",
        ]
    }
}
