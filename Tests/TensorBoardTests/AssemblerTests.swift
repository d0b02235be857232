import Snapshots
import Testing

import TensorBoard

@Suite struct AssemblerTests {
    func event(_ step: Int, _ pairs: [(String, Double)], wall: Double = 100) -> TensorBoardEvent {
        var e = try! TensorBoardEvent(payload: [])
        e.step = step
        e.wallTime = wall + Double(step)
        e.scalars = pairs.map { TensorBoardEvent.Scalar(tag: $0.0, value: $0.1) }
        return e
    }

    func evaluations(_ records: [Record]) -> [Evaluation] {
        records.compactMap { if case .evaluation(let e) = $0 { return e } else { return nil } }
    }

    @Test func tagsOfOneStepBecomeOneEvaluationOnceTheNextStepArrives() {
        var assembler = ScalarAssembler(runName: "run")
        var out = assembler.ingest(event(0, [("Loss/train", 2)]))
        out += assembler.ingest(event(0, [("Loss/test", 3)]))
        #expect(evaluations(out).isEmpty)
        #expect(out.count == 1)  // the header
        out += assembler.ingest(event(10, [("Loss/train", 1)]))
        let evals = evaluations(out)
        #expect(evals.count == 1)
        #expect(evals[0].step == 0)
        #expect(evals[0].metrics == ["train_loss": 2, "test_loss": 3])
        #expect(evals[0].wallTime == 0)
        let rest = evaluations(assembler.finish())
        #expect(rest.map(\.step) == [10])
        #expect(rest[0].wallTime == 10)
    }

    @Test func valuesForStepsAlreadyHandedOutAreDroppedAndCounted() {
        var assembler = ScalarAssembler(runName: "run")
        _ = assembler.ingest(event(0, [("a", 1)]))
        _ = assembler.ingest(event(5, [("a", 2)]))
        let late = assembler.ingest(event(0, [("b", 9)]))
        #expect(evaluations(late).isEmpty)
        #expect(assembler.lateValues == 1)
        // A value for the held-back newest step is still merged.
        _ = assembler.ingest(event(5, [("b", 3)]))
        #expect(evaluations(assembler.finish()).first?.metrics == ["a": 2, "b": 3])
    }

    @Test func controlCharactersInTagsNeverReachSeriesNames() {
        var assembler = ScalarAssembler(runName: "run")
        _ = assembler.ingest(event(0, [("evil\u{1B}]2;title\u{07}", 1), (String(repeating: "x", count: 1000), 2)]))
        let names = evaluations(assembler.finish())[0].metrics.keys
        #expect(names.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        #expect(names.allSatisfy { $0.count <= ScalarAssembler.maxSeriesNameLength })
    }

    @Test func extremeStepsDoNotOverflow() {
        var assembler = ScalarAssembler(runName: "run")
        _ = assembler.ingest(event(Int.min, [("a", 1)], wall: 0))
        _ = assembler.ingest(event(Int.max, [("a", 2)], wall: 0))
        #expect(evaluations(assembler.finish()).map(\.step) == [Int.max])
    }
}
