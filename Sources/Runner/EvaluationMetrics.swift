import Metrics
import Snapshots

/// Maps the Metrics module's plain values to the stream's metric names (`Snapshots.MetricName`).
enum EvaluationMetrics {
    /// The core metrics, then each registered metric (a registered name never overrides a core one).
    static func metrics(
        _ context: MetricContext, lmn: Double?, registered: [any StreamMetric] = MetricRegistry.standard
    ) -> [String: Double] {
        let (split, norms) = (context.split, context.norms)
        var metrics: [String: Double] = [
            MetricName.trainLoss: split.trainLoss,
            MetricName.testLoss: split.testLoss,
            MetricName.trainAccuracy: split.trainAccuracy,
            MetricName.testAccuracy: split.testAccuracy,
            MetricName.l2: norms.total,
        ]
        for layer in norms.layers { metrics[MetricName.layerNorm(layer.name)] = layer.norm }
        if let lmn { metrics[MetricName.lmn] = lmn }
        for metric in registered where metrics[metric.name] == nil {
            if let value = metric.value(in: context) { metrics[metric.name] = value }
        }
        return metrics
    }
}
