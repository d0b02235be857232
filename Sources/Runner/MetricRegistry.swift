/// The metrics the engine adds to each evaluation record beyond the core ones the phase detector
/// needs (losses, accuracies, L2, per-layer norms, LMN: `EvaluationMetrics`). One line per metric.
public enum MetricRegistry {
    public static let standard: [any StreamMetric] = [
        LearningRateMetric()
    ]
}
