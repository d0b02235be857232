import Snapshots

/// The summary rule for t_mem and t_gen (DESIGN.md §2.1), kept to one function: a boundary is the
/// first step of `window` consecutive evaluations whose value is ≥ `threshold`. The full phase
/// detector lives in the Phases module; this is only the headless end-of-run summary.
public func firstStableStep(_ series: [(step: Int, value: Double)], atLeast threshold: Double, window: Int = 3) -> Int? {
    var runStart: Int?
    var runLength = 0
    for point in series {
        if point.value >= threshold {
            if runLength == 0 { runStart = point.step }
            runLength += 1
            if runLength >= window { return runStart }
        } else {
            runLength = 0
        }
    }
    return nil
}

/// End-of-run figures for headless output.
public struct RunSummary: Sendable, Equatable {
    public var status: EndStatus
    public var finalStep: Int
    /// First step of 3 consecutive evaluations with train accuracy ≥ 1.
    public var memorizationStep: Int?
    /// First step of 3 consecutive evaluations with test accuracy ≥ 1.
    public var generalizationStep: Int?
    /// The last evaluation's metrics.
    public var finalMetrics: [String: Double]

    public init(evaluations: [Evaluation], status: EndStatus, finalStep: Int, threshold: Double = 1.0) {
        func series(_ name: String) -> [(step: Int, value: Double)] {
            evaluations.compactMap { e in e[name].map { (e.step, $0) } }
        }
        self.status = status
        self.finalStep = finalStep
        self.memorizationStep = firstStableStep(series(MetricName.trainAccuracy), atLeast: threshold)
        self.generalizationStep = firstStableStep(series(MetricName.testAccuracy), atLeast: threshold)
        self.finalMetrics = evaluations.last?.metrics ?? [:]
    }

    /// Grokking delay t_gen − t_mem, when both are known.
    public var delay: Int? {
        guard let m = memorizationStep, let g = generalizationStep else { return nil }
        return g - m
    }

    /// One line: `"completed at step 3000: t_mem 150, t_gen 1950, delay 1800"`.
    public var headline: String {
        let mem = memorizationStep.map(String.init) ?? "not reached"
        let gen = generalizationStep.map(String.init) ?? "not reached"
        var text = "\(status.rawValue) at step \(finalStep): t_mem \(mem), t_gen \(gen)"
        if let delay {
            text += delay > 0 ? ", delay \(delay)" : " (no grokking: generalized while fitting)"
        }
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
