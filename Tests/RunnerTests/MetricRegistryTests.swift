import Foundation
import Runner
import Snapshots
import Testing

/// A metric added the way docs/architecture.md ("Adding a metric") says: one type conforming to
/// `StreamMetric`, one entry in the list; it reaches every evaluation record by name.
@Suite("Metric registry")
struct MetricRegistryTests {
    /// The generalization gap in loss: test minus train.
    struct LossGap: StreamMetric {
        let name = "loss_gap"
        func value(in context: MetricContext) -> Double? { context.split.testLoss - context.split.trainLoss }
    }

    /// Only at multiples of 10 (nil elsewhere: the series is left out of that record).
    struct EveryTenth: StreamMetric {
        let name = "every_tenth"
        func value(in context: MetricContext) -> Double? { context.step % 10 == 0 ? Double(context.step) : nil }
    }

    /// Tries to overwrite a core metric.
    struct FakeL2: StreamMetric {
        let name = MetricName.l2
        func value(in context: MetricContext) -> Double? { -1 }
    }

    func run(with metrics: [any StreamMetric]) throws -> [Evaluation] {
        let sink = RecordingSink()
        let session = try TrainingSession(configuration: TrainingSessionTests.configuration(steps: 22), sink: sink)
        session.registeredMetrics = MetricRegistry.standard + metrics
        _ = session.run()
        return sink.evaluations
    }

    @Test func aRegisteredMetricReachesEveryRecord() throws {
        let evaluations = try run(with: [LossGap()])
        #expect(evaluations.count == 6)
        for evaluation in evaluations {
            let gap = try #require(evaluation["loss_gap"], "missing at step \(evaluation.step)")
            let expected = try #require(evaluation[MetricName.testLoss]) - (evaluation[MetricName.trainLoss] ?? .nan)
            #expect(gap == expected)
            #expect(evaluation[MetricName.learningRate] != nil, "the standard list still applies")
        }
    }

    @Test func withoutRegistrationTheSeriesIsAbsent() throws {
        let evaluations = try run(with: [])
        #expect(evaluations.allSatisfy { $0["loss_gap"] == nil })
        #expect(MetricRegistry.standard.map(\.name) == [MetricName.learningRate])
    }

    @Test func nilLeavesTheRecordOutAndCoreNamesCannotBeOverridden() throws {
        let evaluations = try run(with: [EveryTenth(), FakeL2()])
        #expect(evaluations.map { $0["every_tenth"] } == [0, nil, 10, nil, 20, nil])
        #expect(evaluations.allSatisfy { ($0[MetricName.l2] ?? -1) > 0 })
    }
}
