import Phases
import Snapshots
import Testing

@Suite struct PhaseDetectorTests {
    @Test func warmingUpSaysNotYet() {
        var detector = PhaseDetector()
        #expect(detector.report.verdict == .notYet)
        #expect(detector.report.phase(at: 0) == nil)
        for e in accuracyRun(train: [0.1, 0.2], test: [0, 0]) { detector.ingest(e) }
        #expect(detector.report.verdict == .notYet)
        detector.ingest(evaluation(20, [MetricName.trainAccuracy: 0.3, MetricName.testAccuracy: 0]))
        #expect(detector.report.verdict == .memorizing)
        #expect(detector.report.phase(at: 20) == .memorization)
    }

    @Test func quietOnFlickeringAccuracy() {
        var detector = PhaseDetector()
        let flicker = [0.99, 1.0, 1.0, 0.99, 1.0, 0.99, 1.0, 1.0, 0.99, 1.0, 1.0, 0.99]
        for e in accuracyRun(train: flicker, test: Array(repeating: 0, count: flicker.count)) {
            detector.ingest(e)
        }
        let report = detector.report
        #expect(report.verdict == .memorizing)
        #expect(report.memorization == nil)  // the last value broke the streak
        let drained = detector.takeNewEvents()
        #expect(drained.isEmpty)
    }

    @Test func firesOnPlantedEventAtFirstStepOfWindow() throws {
        var detector = PhaseDetector()
        let train = [0.5, 0.9, 1.0, 0.99, 1.0, 1.0]  // window starts at index 4 (step 40)
        for e in accuracyRun(train: train, test: Array(repeating: 0, count: 6)) { detector.ingest(e) }
        let tentative = try #require(detector.report.memorization)
        #expect(tentative.step == 40)
        #expect(!tentative.isConfirmed)
        #expect(tentative.heldFor == 2)
        #expect(detector.report.verdict == .memorizing)
        #expect(detector.report.phase(at: 45) == .memorization)
        #expect(detector.report.phase(at: 45, includingTentative: true) == .memorized)

        detector.ingest(evaluation(60, [MetricName.trainAccuracy: 1.0, MetricName.testAccuracy: 0]))
        let confirmed = try #require(detector.report.memorization)
        #expect(confirmed.step == 40)
        #expect(confirmed.isConfirmed)
        #expect(confirmed.confirmedAtStep == 60)
        #expect(detector.report.verdict == .compressionNotMeasured)  // no LMN in this stream
        #expect(detector.report.phase(at: 39) == .memorization)
        #expect(detector.report.phase(at: 40) == .memorized)
        let events = detector.takeNewEvents()
        #expect(events.count == 1)
        #expect(events.first?.step == 40)
        #expect(events.first?.kind == "phase")
        #expect(events.first?.message.raw == "memorized at step 40 (train acc ≥ 1.00 for 3 evals)")
        let drainedAgain = detector.takeNewEvents()
        #expect(drainedAgain.isEmpty)

        // A later dip does not move a confirmed boundary.
        detector.ingest(evaluation(70, [MetricName.trainAccuracy: 0.5, MetricName.testAccuracy: 0]))
        #expect(detector.report.memorization?.step == 40)
    }

    @Test func grokkingDelayAndVerdict() throws {
        var detector = PhaseDetector()
        let train = [0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        let test = [0.0, 0, 0, 0, 0, 0.5, 1, 1, 1, 1, 1, 1]
        for e in accuracyRun(train: train, test: test, interval: 100) { detector.ingest(e) }
        let report = detector.report
        #expect(report.memorization?.step == 100)
        #expect(report.generalization?.step == 600)
        #expect(report.delay == 500)
        #expect(report.verdict == .generalized)
        #expect(report.phase(at: 599) == .memorized)  // no LMN: compression never shown
        #expect(report.phase(at: 600) == .generalization)
        let messages = detector.takeNewEvents().map(\.message.raw)
        #expect(messages.count == 2)
        #expect(
            messages.last == "generalized at step 600 (test acc ≥ 1.00 for 3 evals); grokking delay Δ = 500 steps")
    }

    @Test func generalizedWhileFittingIsNoGrokking() {
        var detector = PhaseDetector()
        let train = [0.2, 0.6, 1, 1, 1, 1, 1]
        let test = [0.1, 0.5, 0.9, 1, 1, 1, 1]  // t_gen one evaluation after t_mem
        for e in accuracyRun(train: train, test: test) { detector.ingest(e) }
        #expect(detector.report.memorization?.step == 20)
        #expect(detector.report.generalization?.step == 30)
        #expect(detector.report.verdict == .noGrokking)
        let last = detector.takeNewEvents().last
        #expect(last?.message.raw.contains("no grokking") == true)

        // The margin is an option: with a margin of 0 evaluations the same run counts as grokking.
        var strictMargin = PhaseDetector(
            rules: .thresholds(trainAccuracy: 1, testAccuracy: 1, noGrokkingMargin: .evaluations(0)))
        for e in accuracyRun(train: train, test: test) { strictMargin.ingest(e) }
        #expect(strictMargin.report.verdict == .generalized)
        // A margin in steps.
        var stepMargin = PhaseDetector(
            rules: .thresholds(trainAccuracy: 1, testAccuracy: 1, noGrokkingMargin: .steps(5)))
        for e in accuracyRun(train: train, test: test) { stepMargin.ingest(e) }
        #expect(stepMargin.report.verdict == .generalized)
    }

    @Test func lossThresholdsWhenThereIsNoAccuracy() throws {
        var detector = PhaseDetector(rules: .lossThresholds(trainLoss: 0.05, testLoss: 0.1))
        let train = [1.0, 0.5, 0.04, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01]
        let test = [1.0, 1.5, 2.0, 2.0, 1.0, 0.5, 0.09, 0.08, 0.07, 0.2]
        for (i, (a, b)) in zip(train, test).enumerated() {
            detector.ingest(evaluation(i * 5, [MetricName.trainLoss: a, MetricName.testLoss: b]))
        }
        #expect(detector.report.memorization?.step == 10)
        #expect(detector.report.generalization?.step == 30)
        #expect(detector.report.generalization?.isConfirmed == true)
        #expect(detector.report.verdict == .generalized)

        // The default rules fall back to loss when an evaluation has no accuracy.
        var fallback = PhaseDetector()
        for (i, a) in [0.5, 0.009, 0.008, 0.007].enumerated() {
            fallback.ingest(evaluation(i, [MetricName.trainLoss: a, MetricName.testLoss: 3]))
        }
        #expect(fallback.report.memorization?.step == 1)
        #expect(fallback.report.memorization?.isConfirmed == true)
        let first = fallback.takeNewEvents().first
        #expect(first?.message.raw.contains("train loss ≤ 0.01") == true)
    }

    @Test func nonFiniteValuesNeverConfirmAndNeverCrash() {
        var detector = PhaseDetector()
        let train = [1.0, .nan, 1.0, 1.0, .infinity, 1.0, 1.0]
        for e in accuracyRun(train: train, test: Array(repeating: .nan, count: train.count)) {
            detector.ingest(e)
        }
        #expect(detector.report.memorization?.isConfirmed != true)
        #expect(detector.report.generalization == nil)
        #expect(detector.report.verdict == .memorizing)
    }

    @Test func outOfOrderEvaluationsAreIgnored() {
        var detector = PhaseDetector()
        for e in accuracyRun(train: [1, 1], test: [0, 0]) { detector.ingest(e) }
        detector.ingest(evaluation(5, [MetricName.trainAccuracy: 1.0]))
        #expect(detector.ignoredEvaluations == 1)
        #expect(detector.report.memorization?.isConfirmed == false)
        detector.ingest(evaluation(20, [MetricName.trainAccuracy: 1.0]))
        #expect(detector.report.memorization?.isConfirmed == true)
    }

    @Test func windowLengthIsConfigurable() {
        let rules = PhaseRules.thresholds(trainAccuracy: 1, testAccuracy: 1, windowLength: 1)
        var detector = PhaseDetector(rules: rules)
        for e in accuracyRun(train: [0.5, 1.0], test: [0, 0]) { detector.ingest(e) }
        #expect(detector.report.memorization?.step == 10)
        #expect(detector.report.memorization?.isConfirmed == true)
    }
}
