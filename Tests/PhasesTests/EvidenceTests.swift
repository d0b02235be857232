import Phases
import Snapshots
import TestSupport
import Testing

/// Compression must be earned (docs/phases.md): positive cases and the negative controls of issue 8.
@Suite struct CompressionEvidenceTests {
    /// Negative control (a): weight decay 0, recorded with the real binary. LMN drops 39% at step 1400
    /// but test loss climbs: never compressing; "not generalizing" once test loss has not fallen for
    /// the stall span (2000 steps after t_mem = 50).
    @Test func weightDecayZeroRunNeverSaysCompressing() throws {
        let evaluations = try NoWeightDecayFixture.evaluations()
        #expect(evaluations.count == 301)
        var detector = PhaseDetector()
        var verdicts: [Int: PhaseVerdict] = [:]
        var events: [RunEvent] = []
        for e in evaluations {
            detector.ingest(e)
            verdicts[e.step] = detector.report.verdict
            events += detector.takeNewEvents()
        }
        let report = detector.report
        #expect(report.memorization?.step == 50)
        #expect(report.generalization == nil)
        #expect(report.compressionStart == nil)
        #expect(!verdicts.values.contains(.compressing))
        #expect(verdicts[1500] == .memorized)  // LMN fell, test loss rose: waiting, not compressing
        #expect(verdicts[2040] == .memorized)
        #expect(verdicts[2050] == .notGeneralizing)  // 2000 steps after t_mem without test loss falling
        #expect(report.verdict == .notGeneralizing)
        let stall = try #require(report.stall)
        #expect(stall.to.step == 3000 && stall.from.step == 1000)
        #expect(!events.contains { $0.message.raw.contains("compress") })
        #expect(!report.spans(first: 0, last: 3000).contains { $0.phase == .compression })
        // The LMN peak is real (16.1 at 1300) and the drop is reported, but it earns nothing.
        #expect(report.lmnPeak?.step == 1300)
        #expect((report.compression.lmnDrop?.relativeDrop ?? 0) > 0.3)
    }

    /// Negative control (b): LMN rises 59% after t_mem (test loss even falling): never compressing, and
    /// the LMN drop is 0, not −59%.
    @Test func risingLMNIsNotCompression() throws {
        let points = memorizedRun(
            last: 3000, testLoss: { 10 - Double($0) / 1000 }, lmn: { 5 * (1 + 0.59 * Double($0) / 3000) })
        let (verdicts, detector) = feed(points)
        #expect(!verdicts.values.contains(.compressing))
        #expect(detector.report.verdict == .memorized)
        #expect(detector.report.compressionStart == nil)
        let drop = try #require(detector.report.compression.lmnDrop)
        #expect(drop.drop == 0 && drop.start.step == 3000)
    }

    /// Negative control (c): no LMN in the stream: "memorized — compression not measured".
    @Test func noLMNMeansCompressionNotMeasured() {
        let points = memorizedRun(last: 3000, testLoss: { 10 - Double($0) / 1000 }, lmn: nil)
        let (verdicts, detector) = feed(points)
        #expect(!verdicts.values.contains(.compressing))
        #expect(detector.report.verdict == .compressionNotMeasured)
        #expect(PhaseVerdict.compressionNotMeasured.label == "memorized — compression not measured")
    }

    /// LMN falling alone is not enough: test loss must fall with it.
    @Test func lmnFallingWhileTestLossRisesIsNotCompression() {
        let points = memorizedRun(
            last: 1500, testLoss: { 10 + Double($0) / 100 }, lmn: { 10 - Double($0) / 200 })
        let (verdicts, _) = feed(points)
        #expect(!verdicts.values.contains(.compressing))
    }

    /// Positive: LMN and test loss fall together; compression starts at the first step of the first
    /// window of 3 LMN evaluations that are ≥ 10% below the peak (10 at step 100), i.e. LMN ≤ 9.
    @Test func compressionStartsAtTheFirstStepOfTheConfirmingWindow() throws {
        // LMN 10 at step 100, then −0.5 per 100 steps: 9.0 at step 300 is the first ≥ 10% below.
        let points = memorizedRun(
            last: 1000, testLoss: { 10 - Double($0) / 200 }, lmn: { $0 <= 100 ? 10 : 10 - Double($0 - 100) / 200 })
        let (verdicts, detector) = feed(points)
        let start = try #require(detector.report.compressionStart)
        #expect(start.step == 300)
        #expect(start.confirmedAtStep == 500)
        #expect(verdicts[490] == .memorized)
        #expect(verdicts[500] == .compressing)
        #expect(detector.report.phase(at: 299) == .memorized)
        #expect(detector.report.phase(at: 300) == .compression)
        var fresh = PhaseDetector()
        var messages: [String] = []
        for p in points {
            fresh.ingest(p.evaluation)
            messages += fresh.takeNewEvents().map(\.message.raw)
        }
        #expect(messages.contains { $0.hasPrefix("compressing from step 300 (LMN 8.00, 20% below") })
    }

    /// The thresholds are options: a 60% LMN drop is never reached by the reference run before t_gen.
    @Test func compressionThresholdIsAnOption() throws {
        var rules = PhaseRules.paper
        rules.compression.minimumLMNDrop = 0.6
        var detector = PhaseDetector(rules: rules)
        for e in try ReferenceFixture.evaluations() { detector.ingest(e) }
        #expect(detector.report.compressionStart == nil)
        #expect(detector.report.generalization?.step == 6050)
        rules.compression.minimumLMNDrop = 0.05
        var looser = PhaseDetector(rules: rules)
        for e in try ReferenceFixture.evaluations() { looser.ingest(e) }
        #expect(looser.report.compressionStart?.step == 1500)
    }

    /// Not generalizing: positive (flat test loss for the span) and negative (slowly falling).
    @Test func flatTestLossForTheSpanIsNotGeneralizing() {
        let flat = memorizedRun(last: 2500, testLoss: { _ in 12 }, lmn: { _ in 5 })
        let (flatVerdicts, _) = feed(flat)
        #expect(flatVerdicts[2090] == .memorized)
        #expect(flatVerdicts[2100] == .notGeneralizing)  // t_mem 100 + span 2000
        let falling = memorizedRun(last: 2500, testLoss: { 12 - Double($0) / 500 }, lmn: { _ in 5 })
        let (fallingVerdicts, _) = feed(falling)
        #expect(!fallingVerdicts.values.contains(.notGeneralizing))
    }
}

/// The XOR solution switch and the LMN peak before t_gen.
@Suite struct SolutionSwitchTests {
    /// Generalized at 500 (test acc 1 from step 500); LMN `after(step)` from then on.
    static func generalizedRun(
        last: Int, after: @escaping (Int) -> Double,
        testAcc: @escaping (Int) -> Double = {
            $0 >= 500 ? 1 : 0
        }
    ) -> [Point] {
        memorizedRun(
            last: last, testLoss: { $0 >= 500 ? 0.01 : 5 - Double($0) / 200 },
            lmn: { $0 < 500 ? 8 - Double($0) / 100 : after($0) }, testAcc: testAcc)
    }

    @Test func sustainedRiseAfterGeneralizationIsASwitch() throws {
        // LMN 3 until step 1000, then +0.2 per 100 steps: 3.6 (+20%) at 1300.
        let points = Self.generalizedRun(last: 2000, after: { $0 <= 1000 ? 3 : 3 + Double($0 - 1000) / 500 })
        var detector = PhaseDetector()
        var events: [RunEvent] = []
        for p in points {
            detector.ingest(p.evaluation)
            events += detector.takeNewEvents()
        }
        let s = try #require(detector.report.solutionSwitch)
        #expect(s.step == 1300)
        #expect(s.lmnFrom.step == 500 && s.lmnFrom.value == 3)
        #expect(s.lmnTo.step == 2000 && isApproximatelyEqual(s.lmnTo.value, 5))
        #expect(isApproximatelyEqual(s.lmnRise ?? 0, 2.0 / 3))
        #expect(s.l2Change.map { $0 < 0 } == true)  // L2 keeps falling in this stream
        #expect(detector.report.verdict == .generalized)
        let event = try #require(events.first { $0.message.raw.hasPrefix("solution switch") })
        #expect(event.step == 1300 && event.kind == PhaseDetector.eventKind)
        // Written when confirmed (step 1500, the window's third LMN evaluation).
        #expect(
            event.message.raw
                == "solution switch at step 1300: LMN 3.00 → 4.00 (+33%) over steps 500–1500 with test accuracy "
                + "held; L2 39.50 → 38.50 (-3%)")
        // The peak marker stays on the memorization → compression stretch, not the later rise.
        #expect(detector.report.lmnPeak?.step == 0)  // 8 at step 0; LMN reaches 5 after t_gen
    }

    @Test func flatLMNAfterGeneralizationIsNoSwitch() {
        let points = Self.generalizedRun(last: 3000, after: { 3 + ($0 % 200 == 0 ? 0.1 : 0) })
        let (_, detector) = feed(points)
        #expect(detector.report.solutionSwitch == nil)
    }

    /// An LMN collapse and recovery around a test-accuracy lapse (a float32 slingshot) is not a switch.
    @Test func riseAcrossAnAccuracyLapseIsNoSwitch() {
        let points = Self.generalizedRun(
            last: 2000, after: { $0 < 1200 ? 3 : ($0 < 1300 ? 1 : 3) }, testAcc: { $0 >= 500 && $0 != 1200 ? 1 : 0 })
        let (_, detector) = feed(points)
        #expect(detector.report.solutionSwitch == nil)
    }

    @Test func lmnPeakIsBeforeGeneralization() {
        // LMN 8 at step 0 falling; after t_gen it climbs to 20, above the pre-t_gen peak.
        let points = Self.generalizedRun(last: 2000, after: { 3 + Double($0) / 100 })
        let (_, detector) = feed(points)
        #expect(detector.report.lmnPeak?.step == 0)
        #expect(detector.report.lmnPeak?.value == 8)
    }
}
