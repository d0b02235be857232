import Runner
import Snapshots
import Testing

@Suite("Summary and progress line")
struct SummaryAndProgressTests {
    static func evaluation(_ step: Int, train: Double, test: Double) -> Evaluation {
        Evaluation(
            step: step, wallTime: 0,
            metrics: ["train_acc": train, "test_acc": test, "train_loss": 0.01, "test_loss": 0.5, "l2": 40])
    }

    @Test func summaryReportsMemorizationGeneralizationAndDelay() {
        let evaluations = [
            (0, 0.1, 0.0), (100, 1, 0.1), (200, 1, 0.2), (300, 1, 0.5), (400, 1, 1), (500, 1, 1), (600, 1, 1),
        ]
        .map { Self.evaluation($0.0, train: $0.1, test: $0.2) }
        let summary = SessionSummary(evaluations: evaluations, status: .completed, finalStep: 600)
        #expect(summary.memorizationStep == 100)
        #expect(summary.generalizationStep == 400)
        #expect(summary.delay == 300)
        #expect(summary.headline == "completed at step 600: t_mem 100, t_gen 400, delay 300")
        let fast = SessionSummary(
            evaluations: [(0, 1, 1), (10, 1, 1), (20, 1, 1)].map { Self.evaluation($0.0, train: $0.1, test: $0.2) },
            status: .interrupted, finalStep: 20)
        #expect(fast.headline.contains("no grokking"))
    }

    /// Without t_gen the headline names the verdict; the rules passed in are the ones used.
    @Test func headlineNamesTheVerdictAndHonoursTheRules() {
        let evaluations = [(0, 0.1, 0.0), (100, 1, 0.96), (200, 1, 0.96), (300, 1, 0.97), (400, 1, 0.97)]
            .map { Self.evaluation($0.0, train: $0.1, test: $0.2) }
        let strict = SessionSummary(evaluations: evaluations, status: .completed, finalStep: 400)
        #expect(
            strict.headline
                == "completed at step 400: t_mem 100, t_gen not reached (memorized — compression not measured)")
        let loose = SessionSummary(evaluations: evaluations, status: .completed, finalStep: 400, rules: .loose)
        #expect(loose.headline.hasSuffix("t_gen 100 (no grokking (generalized while fitting))"))
    }

    @Test func progressLineShowsTheFigures() {
        var evaluation = Self.evaluation(1200, train: 1, test: 0.124)
        evaluation.metrics["lmn"] = 4.213
        let line = ProgressLine.format(
            SessionProgress(evaluation: evaluation, totalSteps: 20_000, stepsPerSecond: 800, probeSize: 128))
        #expect(
            line
                == "step  1200/20000  loss 0.0100/0.5000  acc 100.0%/12.4%  lmn 4.21 (N=128)  l2 40.00  800 steps/s  ETA 0:24"
        )
        #expect(ProgressLine.number(.nan) == "nan")
        #expect(ProgressLine.number(0.00612) == "0.00612")  // not 0.0061
        #expect(ProgressLine.number(6.86e-7) == "6.86e-07")  // not 0.0000
        #expect(ProgressLine.number(0.0100) == "0.0100")
        #expect(ProgressLine.number(0) == "0.0000")
        #expect(ProgressLine.duration(3725) == "1:02:05")
    }
}
