import Phases
import Snapshots
import TestSupport
import Testing

/// The reference run of the paper setup (independent numpy implementation). The concrete numbers
/// below were read off the data: train acc is 1.0 from step 150 on; test acc first reaches 1.0 at
/// step 6 050 (0.9948 at 6 000); LMN (every 500 steps) peaks at step 500 with 5.048.
@Suite struct ReferenceRunTests {
    @Test func paperRuleBoundaries() throws {
        let evaluations = try ReferenceFixture.evaluations()
        #expect(evaluations.count == 201)
        var detector = PhaseDetector()
        for e in evaluations { detector.ingest(e) }
        let report = detector.report
        #expect(report.memorization?.step == 150)
        #expect(report.memorization?.confirmedAtStep == 250)
        #expect(report.generalization?.step == 6050)
        #expect(report.generalization?.confirmedAtStep == 6150)
        #expect(report.delay == 5900)
        #expect(report.verdict == .generalized)
        #expect(report.lmnPeak?.step == 500)
        #expect(isApproximatelyEqual(report.lmnPeak?.value ?? 0, 5.048353311033602))
        #expect(report.phase(at: 100) == .memorization)
        #expect(report.phase(at: 1000) == .memorized)
        #expect(report.phase(at: 3000) == .compression)
        #expect(report.phase(at: 9000) == .generalization)
        // Compression earned: LMN 13% below its peak (5.05 at 500) and falling with test loss from step
        // 2000 (LMN every 500 steps: confirmed by the evaluations at 2000, 2500, 3000).
        #expect(report.compressionStart?.step == 2000)
        #expect(report.compressionStart?.confirmedAtStep == 3000)
        #expect(report.solutionSwitch == nil)  // LMN stays within 2.26–2.34 after t_gen
        #expect(report.stall == nil)
    }

    /// The verdict along the run: memorized (waiting) until compression is confirmed, compressing
    /// through the compression stretch, generalized from the confirmation of t_gen.
    @Test func verdictAlongTheRun() throws {
        var detector = PhaseDetector()
        var verdicts: [Int: PhaseVerdict] = [:]
        for e in try ReferenceFixture.evaluations() {
            detector.ingest(e)
            verdicts[e.step] = detector.report.verdict
        }
        #expect(verdicts[100] == .memorizing)
        for step in [250, 1000, 2500, 2950] { #expect(verdicts[step] == .memorized, "step \(step)") }
        for step in [3000, 4000, 6100] { #expect(verdicts[step] == .compressing, "step \(step)") }
        #expect(verdicts[6150] == .generalized)
        #expect(!verdicts.values.contains(.notGeneralizing))
    }

    @Test func loosePresetFindsEarlierGeneralization() throws {
        var detector = PhaseDetector(rules: .loose)
        for e in try ReferenceFixture.evaluations() { detector.ingest(e) }
        #expect(detector.report.memorization?.step == 150)
        #expect(detector.report.generalization?.step == 5250)  // test acc ≥ 0.95 from step 5 250 on
    }

    @Test func compressionWindowStatistics() throws {
        let evaluations = try ReferenceFixture.evaluations()
        var detector = PhaseDetector()
        for e in evaluations { detector.ingest(e) }
        let stats = detector.report.compression
        #expect(stats.startStep == 150)
        #expect(stats.endStep == 6050)

        // Independent two-pass check over [150, 6050).
        let window = evaluations.filter { $0.step >= 150 && $0.step < 6050 }
        let withLMN = window.filter { $0[MetricName.lmn] != nil }
        let lmnR = twoPassPearson(withLMN.map { $0[MetricName.testLoss]! }, withLMN.map { $0[MetricName.lmn]! })
        // Both over the same evaluations: the 12 that carry LMN.
        let l2R = twoPassPearson(withLMN.map { $0[MetricName.testLoss]! }, withLMN.map { $0[MetricName.l2]! })
        #expect(stats.testLossVsLMN.count == 12)
        #expect(stats.testLossVsL2.count == 12)
        let rLMN = try #require(stats.testLossVsLMN.r)
        let rL2 = try #require(stats.testLossVsL2.r)
        #expect(isApproximatelyEqual(rLMN, lmnR, absolute: 1e-12))
        #expect(isApproximatelyEqual(rL2, l2R, absolute: 1e-12))
        #expect(rLMN > 0.9)  // docs/lmn.md: ≈ 0.98
        #expect(rL2 > 0.9)  // ≈ 0.99 in this run

        let drop = try #require(stats.lmnDrop)
        #expect(drop.start.step == 500)
        #expect(drop.end.step == 6000)
        #expect(isApproximatelyEqual(drop.drop, 5.048353311033602 - 2.3704360413595094))
        #expect((drop.relativeDrop ?? 0) > 0.5)
    }

    @Test func liveWindowIsOpenBeforeGeneralization() throws {
        let evaluations = try ReferenceFixture.evaluations().filter { $0.step <= 3000 }
        var detector = PhaseDetector()
        for e in evaluations { detector.ingest(e) }
        let stats = detector.report.compression
        #expect(detector.report.verdict == .compressing)
        #expect(stats.startStep == 150)
        #expect(stats.endStep == nil)
        #expect(stats.testLossVsL2.count == 6)  // the evaluations carrying LMN: 500 … 3000
        #expect(stats.testLossVsLMN.count == 6)
        #expect(stats.lmnDrop?.end.step == 3000)
    }

    /// Same records in, same phases out: all at once, one by one, in chunks of any size, replayed.
    @Test func chunkingDoesNotChangeTheResult() throws {
        let records = try ReferenceFixture.evaluations().map(Record.evaluation)
        var whole = PhaseDetector()
        whole.ingest(contentsOf: records)
        let expected = whole.report
        let expectedEvents = whole.takeNewEvents()
        #expect(expectedEvents.map(\.step) == [150, 2000, 6050])  // t_mem, compression, t_gen

        for chunkSize in [1, 2, 3, 7, 50, 200] {
            var chunked = PhaseDetector()
            var events: [RunEvent] = []
            var reports: [PhaseReport] = []
            var start = 0
            while start < records.count {
                chunked.ingest(contentsOf: records[start..<min(start + chunkSize, records.count)])
                events += chunked.takeNewEvents()
                reports.append(chunked.report)  // reading the report mid-stream must not disturb it
                start += chunkSize
            }
            #expect(chunked.report == expected, "chunk size \(chunkSize)")
            #expect(events == expectedEvents, "chunk size \(chunkSize)")
        }
        // Replaying the same records into a second detector.
        var replay = PhaseDetector()
        for record in records { replay.ingest(record) }
        #expect(replay.report == expected)
    }

    /// The compression window must not pick up the evaluations of the tentative t_gen streak once it
    /// is confirmed: r computed at each step equals a two-pass r over exactly [t_mem, min(now, t_gen)).
    @Test func liveStatisticsMatchTwoPassAtEveryStep() throws {
        let evaluations = try ReferenceFixture.evaluations()
        var detector = PhaseDetector()
        for (i, e) in evaluations.enumerated() {
            detector.ingest(e)
            let report = detector.report
            guard report.memorization?.isConfirmed == true, i % 5 == 0 || (5900...6300).contains(e.step)
            else { continue }
            let end = report.compression.endStep ?? Int.max
            let all = evaluations[...i].filter { $0.step >= 150 && $0.step < end }
            let withLMN = all.filter { $0[MetricName.lmn] != nil }
            let window = withLMN.isEmpty ? all : withLMN  // no LMN yet: L2 falls back to every evaluation
            #expect(report.compression.testLossVsL2.count == window.count, "step \(e.step)")
            #expect(report.compression.testLossVsLMN.count == withLMN.count, "step \(e.step)")
            guard window.count >= 3 else { continue }
            let expected = twoPassPearson(window.map { $0[MetricName.testLoss]! }, window.map { $0[MetricName.l2]! })
            #expect(isApproximatelyEqual(report.compression.testLossVsL2.r ?? .nan, expected, absolute: 1e-9))
        }
    }
}
