import Phases
import Runner
import Snapshots
import Testing

/// The log gets the detector's phase events right after the evaluation that confirmed them.
@Suite struct PhaseAnnotatingSinkTests {
    static func evaluations(_ steps: StrideTo<Int>, train: Double, test: Double) -> [Record] {
        steps.map { step in
            .evaluation(
                Evaluation(
                    step: step, wallTime: Double(step),
                    metrics: [MetricName.trainAccuracy: train, MetricName.testAccuracy: test]))
        }
    }

    static let memorizing = evaluations(stride(from: 10, to: 2000, by: 10), train: 1, test: 0.1)

    @Test func aConfirmedPhaseIsWrittenAsAnEventAfterItsEvaluation() {
        let target = RecordingSink()
        let sink = PhaseAnnotatingSink(target, rules: .paper)
        for record in Self.memorizing { sink.write(record) }
        sink.flush()
        #expect(target.evaluations.count == Self.memorizing.count)
        #expect(!target.events.isEmpty && target.events.allSatisfy { $0.kind == "phase" })
        #expect(target.flushes == 1)
        // Each event directly follows an evaluation of the same or a later step than the one it names.
        for (index, record) in target.records.enumerated() {
            guard case .event(let event) = record, case .evaluation(let before) = target.records[index - 1] else {
                continue
            }
            #expect(before.step >= event.step)
        }
    }

    @Test func boundariesFoundBeforeAResumeAreNotAnnouncedAgain() {
        let target = RecordingSink()
        let sink = PhaseAnnotatingSink(target, rules: .paper, earlier: Self.memorizing)
        for record in Self.evaluations(stride(from: 2000, to: 2100, by: 10), train: 1, test: 0.1) {
            sink.write(record)
        }
        #expect(target.events.isEmpty)
        #expect(target.evaluations.count == 10)
    }
}
