import Phases
import Snapshots
import TestSupport
import Testing

@Suite struct CompressionScatterTests {
    private func report(_ evaluations: [Evaluation]) -> PhaseReport {
        var detector = PhaseDetector()
        for e in evaluations { detector.ingest(e) }
        return detector.report
    }

    /// The window is [t_mem, t_gen) of the detector: t_mem 150, t_gen 6 050 on the reference run.
    /// LMN there is measured every 500 steps (steps 500…6 000: 12 dots), L2 every 50 (150…6 000: 118).
    @Test func referenceRunWindowAndCounts() throws {
        let evaluations = try ReferenceFixture.evaluations()
        let samples = evaluations.compactMap(PairedSample.init)
        let scatter = try #require(CompressionScatter.build(samples: samples, report: report(evaluations)))
        #expect(scatter.startStep == 150)
        #expect(scatter.endStep == 6050)
        #expect(scatter.lmn.points.count == 12)
        #expect(scatter.lmn.points.first?.step == 500)
        #expect(scatter.lmn.points.last?.step == 6000)
        #expect(scatter.l2.points.count == 118)
        #expect(scatter.l2.points.allSatisfy { $0.step >= 150 && $0.step < 6050 })
        // Same pairs as the detector's Pearson r: r² of the fit equals r².
        let r = try #require(report(evaluations).compression.testLossVsLMN.r)
        let fit = try #require(scatter.lmn.linearity.fit)
        #expect(isApproximatelyEqual(fit.linearR2, r * r, relative: 1e-9))
        #expect(fit.slope > 0)  // test loss falls as LMN falls
    }

    @Test func noWindowBeforeMemorization() {
        let early = (0..<5).map {
            evaluation($0 * 10, [MetricName.trainAccuracy: 0.5, MetricName.testLoss: 3, MetricName.lmn: 2])
        }
        let samples = early.compactMap(PairedSample.init)
        #expect(samples.count == 5)
        #expect(CompressionScatter.build(samples: samples, report: report(early)) == nil)
    }

    /// Open window (t_gen not confirmed): everything from t_mem on, up to `through` for a paused view.
    @Test func openWindowAndPausedEnd() throws {
        let run = (0..<20).map { i -> Evaluation in
            let t = Double(i)
            var metrics: [String: Double] = [:]
            metrics[MetricName.trainAccuracy] = i >= 2 ? 1 : 0.5
            metrics[MetricName.testAccuracy] = 0.1
            metrics[MetricName.testLoss] = 5 - 0.1 * t
            metrics[MetricName.lmn] = 10 - t
            metrics[MetricName.l2] = 30 - t * t / 10
            return evaluation(i * 10, metrics)
        }
        let samples = run.compactMap(PairedSample.init)
        let scatter = try #require(CompressionScatter.build(samples: samples, report: report(run)))
        #expect(scatter.startStep == 20)
        #expect(scatter.endStep == nil)
        #expect(scatter.lmn.points.count == 18)
        #expect(isApproximatelyEqual(try #require(scatter.lmn.linearity.fit?.score), 1))
        #expect(try #require(scatter.l2.linearity.fit?.score) < 0.99)  // L2 is quadratic in the step
        let paused = try #require(CompressionScatter.build(samples: samples, report: report(run), through: 100))
        #expect(paused.lmn.points.map { $0.step } == Array(stride(from: 20, through: 100, by: 10)))
    }

    @Test func samplesNeedTestLossAndAnX() {
        #expect(PairedSample(evaluation(0, [MetricName.testLoss: 1])) == nil)
        #expect(PairedSample(evaluation(0, [MetricName.lmn: 1, MetricName.l2: 2])) == nil)
        #expect(PairedSample(evaluation(0, [MetricName.testLoss: 1, MetricName.l2: 2]))?.lmn == nil)
    }
}
