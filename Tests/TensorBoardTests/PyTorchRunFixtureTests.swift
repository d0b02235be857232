import Foundation
import Phases
import Publishing
import Snapshots
import TensorBoard
import Testing

/// A TensorBoard logdir of a REAL PyTorch grokking run (Fixtures/pytorch-grokking, written by
/// torch.utils.tensorboard through python/examples/pytorch_grokking.py; Fixtures/make-pytorch-fixture.py).
/// The expected boundaries are not typed in here: the script derived them from the run's own accuracies
/// and wrote them to Fixtures/pytorch-grokking.json.
@Suite struct PyTorchRunFixtureTests {
    struct Expected: Decodable {
        struct Boundaries: Decodable {
            var train_acc: Double
            var test_acc: Double
            var t_mem: Int?
            var t_gen: Int?
        }
        var evaluations: Int
        var first_step: Int
        var last_step: Int
        var lmn_evaluations: Int
        var window: Int
        var strict: Boundaries
        var loose: Boundaries
    }

    static func expected() throws -> Expected {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixture.path("pytorch-grokking.json")))
        return try JSONDecoder().decode(Expected.self, from: data)
    }

    static func records() -> (records: [Record], source: TensorBoardSource) {
        let source = TensorBoardSource(path: Fixture.path("pytorch-grokking"), follow: false)
        var records: [Record] = []
        for _ in 0..<1_000 {
            let batch = source.poll()
            records += batch
            if batch.isEmpty { break }
        }
        return (records, source)
    }

    static func evaluations(_ records: [Record]) -> [Evaluation] {
        records.compactMap { if case .evaluation(let e) = $0 { return e } else { return nil } }
    }

    @Test func theRealRunReadsCompletelyWithItsTagsMapped() throws {
        let expected = try Self.expected()
        let (records, source) = Self.records()
        let evals = Self.evaluations(records)
        #expect(source.status == .endOfInput && source.diagnostics.isClean)
        #expect(evals.count == expected.evaluations)
        #expect(evals.first?.step == expected.first_step && evals.last?.step == expected.last_step)
        // Loss/train, Accuracy/test, … map to the core series; lmn and l2 keep their names.
        for name in ["train_loss", "test_loss", "train_acc", "test_acc", "l2"] {
            #expect(evals.allSatisfy { $0.metrics[name] != nil }, "\(name) missing somewhere")
        }
        #expect(evals.filter { $0.metrics["lmn"] != nil }.count == expected.lmn_evaluations)
    }

    @Test(arguments: ["strict", "loose"])
    func phasesAreFoundAtTheStepsTheRunReallyHad(_ rule: String) throws {
        let expected = try Self.expected()
        let boundaries = rule == "strict" ? expected.strict : expected.loose
        let rules = PhaseRules.thresholds(trainAccuracy: boundaries.train_acc, testAccuracy: boundaries.test_acc)
        #expect(rules.windowLength == expected.window)
        var detector = PhaseDetector(rules: rules)
        detector.ingest(contentsOf: Self.records().records)
        let report = detector.report
        #expect(boundaries.t_mem != nil && boundaries.t_gen != nil)  // the run grokked
        #expect(report.memorization?.step == boundaries.t_mem && report.memorization?.isConfirmed == true)
        #expect(report.generalization?.step == boundaries.t_gen && report.generalization?.isConfirmed == true)
    }

    @Test func theTwoRulesReallyDisagreeOnThisRun() throws {
        // Negative control for the test above: the fixture separates the rules, so a detector that
        // ignored its thresholds would fail one of the two cases.
        let expected = try Self.expected()
        #expect(expected.strict.t_gen != expected.loose.t_gen)
        #expect(expected.strict.t_mem != expected.loose.t_mem)
    }
}
