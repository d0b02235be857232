import Foundation
import Phases
import Snapshots

/// The negative-control recording: `grokscope train --preset demo --weight-decay 0 --steps 3000
/// --headless --log nowd.ndjson` (real binary), trimmed to the metrics the detector reads. It memorizes
/// at step 50 and never generalizes; LMN collapses 16.1 → 9.8 at step 1400 while test loss climbs
/// 21 → 32 (→ 47 by the end) and test accuracy stays ≈ 0.
enum NoWeightDecayFixture {
    static func evaluations() throws -> [Evaluation] {
        guard
            let url = Bundle.module.url(
                forResource: "demo-wd0-no-grokking", withExtension: "ndjson", subdirectory: "Fixtures")
        else { throw ReferenceFixture.LoadError(description: "Fixtures/demo-wd0-no-grokking.ndjson missing") }
        var reader = StreamReader()
        var records = reader.consume(Array(try Data(contentsOf: url)))
        reader.finish(into: &records)
        return records.compactMap { if case .evaluation(let e) = $0 { e } else { nil } }
    }
}

/// One synthetic evaluation point; `nil` metrics are left out of the evaluation.
struct Point {
    var step: Int
    var trainAcc: Double
    var testAcc: Double
    var testLoss: Double
    var lmn: Double?
    var l2: Double? = nil

    var evaluation: Evaluation {
        var metrics: [String: Double] = [
            MetricName.trainAccuracy: trainAcc, MetricName.testAccuracy: testAcc, MetricName.testLoss: testLoss,
        ]
        if let lmn { metrics[MetricName.lmn] = lmn }
        if let l2 { metrics[MetricName.l2] = l2 }
        return Evaluation(step: step, wallTime: Double(step), metrics: metrics)
    }
}

/// Feeds the points one by one; returns the verdict after each (by step) and the final detector.
func feed(_ points: [Point], rules: PhaseRules = .paper) -> (verdicts: [Int: PhaseVerdict], detector: PhaseDetector) {
    var detector = PhaseDetector(rules: rules)
    var verdicts: [Int: PhaseVerdict] = [:]
    for p in points {
        detector.ingest(p.evaluation)
        verdicts[p.step] = detector.report.verdict
    }
    return (verdicts, detector)
}

/// A memorized run (train accuracy 1 from step 100, test accuracy 0) evaluated every 10 steps to
/// `last`, LMN every 100 steps from `lmn(step)`, test loss from `testLoss(step)`.
func memorizedRun(
    last: Int, testLoss: (Int) -> Double, lmn: ((Int) -> Double)?, testAcc: (Int) -> Double = { _ in 0 }
) -> [Point] {
    stride(from: 0, through: last, by: 10).map { step in
        Point(
            step: step, trainAcc: step >= 100 ? 1 : 0.5, testAcc: testAcc(step), testLoss: testLoss(step),
            lmn: step % 100 == 0 ? lmn?(step) : nil, l2: 40 - Double(step) / 1000)
    }
}
