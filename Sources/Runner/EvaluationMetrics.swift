import Metrics
import Snapshots

/// Maps the Metrics module's plain values to the stream's metric names (`Snapshots.MetricName`).
enum EvaluationMetrics {
    static func metrics(
        split: SplitEvaluation, norms: ParameterNorms, learningRate: Double, lmn: Double?
    ) -> [String: Double] {
        var metrics: [String: Double] = [
            MetricName.trainLoss: split.trainLoss,
            MetricName.testLoss: split.testLoss,
            MetricName.trainAccuracy: split.trainAccuracy,
            MetricName.testAccuracy: split.testAccuracy,
            MetricName.l2: norms.total,
            MetricName.learningRate: learningRate,
        ]
        for layer in norms.layers { metrics[MetricName.layerNorm(layer.name)] = layer.norm }
        if let lmn { metrics[MetricName.lmn] = lmn }
        return metrics
    }
}
