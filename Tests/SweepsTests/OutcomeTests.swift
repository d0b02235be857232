import Phases
import Snapshots
import Sweeps
import Testing

@Suite struct OutcomeTests {
    /// A run evaluated every 10 steps: train accuracy reaches 1 at `memorizeAt`, test accuracy at `generalizeAt`.
    static func report(memorizeAt: Int?, generalizeAt: Int?, steps: Int = 400) -> PhaseReport {
        var detector = PhaseDetector(rules: .paper)
        for step in stride(from: 0, to: steps, by: 10) {
            let train = memorizeAt.map { step >= $0 ? 1.0 : 0.5 } ?? 0.5
            let test = generalizeAt.map { step >= $0 ? 1.0 : 0.1 } ?? 0.1
            detector.ingest(
                Evaluation(
                    step: step, wallTime: Double(step),
                    metrics: ["train_acc": train, "test_acc": test, "train_loss": 1 - train, "test_loss": 2 - test]))
        }
        return detector.report
    }

    @Test func eachOutcomeHasAPositiveAndANegativeCase() {
        let completed = RunEnd(step: 390, status: .completed)
        let cases: [(PhaseReport, RunEnd?, RunOutcome)] = [
            (Self.report(memorizeAt: nil, generalizeAt: nil), completed, .noMemorization),
            (Self.report(memorizeAt: 50, generalizeAt: nil), completed, .memorizedOnly),
            (Self.report(memorizeAt: 50, generalizeAt: 300), completed, .grokked),
            (Self.report(memorizeAt: 50, generalizeAt: 50), completed, .noDelay),
            (Self.report(memorizeAt: 50, generalizeAt: 300), RunEnd(step: 390, status: .diverged), .diverged),
            (Self.report(memorizeAt: 50, generalizeAt: nil), RunEnd(step: 390, status: .failed), .failed),
        ]
        for (report, end, expected) in cases {
            #expect(RunOutcome.classify(report: report, end: end) == expected)
            // Negative: every other case's report is not classified as this outcome.
            for (otherReport, otherEnd, otherExpected) in cases where otherExpected != expected {
                #expect(RunOutcome.classify(report: otherReport, end: otherEnd) != expected)
            }
        }
    }
}
