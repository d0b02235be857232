import Snapshots

/// `lr`: the optimizer's learning rate (constant today; a schedule would show here).
struct LearningRateMetric: StreamMetric {
    let name = MetricName.learningRate
    func value(in context: MetricContext) -> Double? { context.learningRate }
}
