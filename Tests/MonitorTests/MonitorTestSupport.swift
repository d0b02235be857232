import Monitor
import Snapshots

func header(_ id: String = "run-1", totalSteps: Int? = 1000) -> Record {
    .header(
        RunHeader(
            runID: id, name: "test run", task: "add mod 31", settings: ["lr": "1e-3"], probeSize: 60,
            totalSteps: totalSteps, startTime: 0, producer: "tests"))
}

/// An evaluation record with the given metrics.
func eval(_ step: Int, _ metrics: [String: Double]) -> Record {
    .evaluation(Evaluation(step: step, wallTime: Double(step) / 10, metrics: metrics))
}

/// A grokking-shaped run: evaluations every `interval` steps, train acc 1 from `memorizeAt`, test acc
/// 1 from `generalizeAt`, plus losses, L2 and a per-layer norm.
func grokkingRun(count: Int, interval: Int = 10, memorizeAt: Int, generalizeAt: Int) -> [Record] {
    (0..<count).map { i in
        let step = i * interval
        return eval(
            step,
            [
                MetricName.trainAccuracy: step >= memorizeAt ? 1 : 0.5,
                MetricName.testAccuracy: step >= generalizeAt ? 1 : 0.1,
                MetricName.trainLoss: 1 / Double(i + 1), MetricName.testLoss: 5 - Double(i) / 100,
                MetricName.l2: 40 + Double(i), MetricName.layerNorm("out"): Double(i),
            ])
    }
}
