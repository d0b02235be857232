import Engine
import Foundation
import Runner
import Snapshots
import Testing

@Suite("Training session")
struct TrainingSessionTests {
    static func configuration(steps: Int) -> SessionConfiguration {
        var training = TrainingConfiguration()
        training.task = TaskSpec(.add, modulus: 11)
        training.embeddingDimension = 8
        training.hiddenWidths = [16, 16]
        training.steps = steps
        training.seed = 5
        var session = SessionConfiguration(training: training, presetName: "test", runID: "r1", runName: "session test")
        session.evalEvery = 5
        session.lmnEvery = 10
        session.probeSize = 16
        return session
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("session-\(UUID().uuidString).safetensors").path
    }

    @Test func emitsHeaderEvaluationsAndEnd() throws {
        let sink = RecordingSink()
        var lmnSteps: [Int] = []
        let session = try TrainingSession(configuration: Self.configuration(steps: 22), sink: sink)
        session.lmn = { _, _ in
            lmnSteps.append(session.trainer.step)
            return LMNReading(value: 2.5)
        }
        let outcome = session.run()

        guard case .header(let header) = sink.records.first else {
            Issue.record("first record is not a header: \(String(describing: sink.records.first))")
            return
        }
        #expect(header.seed == 5 && header.probeSize == 16 && header.totalSteps == 22)
        #expect(header.task.raw == "(a+b) mod 11")
        #expect(header.settings["preset"]?.raw == "test")
        #expect(sink.evaluations.map(\.step) == [0, 5, 10, 15, 20, 22])
        #expect(lmnSteps == [0, 10, 20])
        #expect(sink.evaluations.map { $0[MetricName.lmn] != nil } == [true, false, true, false, true, false])
        let first = sink.evaluations[0]
        for name in [
            "train_loss", "test_loss", "train_acc", "test_acc", "l2", "lr", "l2/embedding", "l2/layers.0",
            "l2/layers.1", "l2/out",
        ] {
            #expect(first[name] != nil, "missing \(name)")
        }
        #expect(sink.end == RunEnd(step: 22, status: .completed, message: outcome.summary.headline))
        #expect(outcome.status == .completed && outcome.step == 22)
        #expect(sink.flushes >= 1)
    }

    @Test func stopFlagInterruptsWithACheckpoint() throws {
        var configuration = Self.configuration(steps: 1_000)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        configuration.checkpointPath = path
        let sink = RecordingSink()
        let stop = StopFlag()
        let session = try TrainingSession(configuration: configuration, sink: sink, stopFlag: stop)
        session.onEvaluation = { progress in
            if progress.evaluation.step >= 10 { stop.requestStop() }
        }
        let outcome = session.run()
        #expect(outcome.status == .interrupted)
        #expect(outcome.step == 10)
        #expect(sink.end?.status == .interrupted)
        #expect(sink.evaluations.last?.step == 10)
        #expect(sink.events.contains { $0.kind == "checkpoint" && $0.message.raw == path })
        let restored = try Checkpoint.load(from: path)
        #expect(restored.step == 10)
        #expect(restored.model.parameters.values == session.trainer.model.parameters.values)
    }

    @Test func nonFiniteLossEndsAsDiverged() throws {
        var configuration = Self.configuration(steps: 50)
        configuration.training.optimizer.learningRate = 1e38
        let sink = RecordingSink()
        let outcome = try TrainingSession(configuration: configuration, sink: sink).run()
        #expect(outcome.status == .diverged)
        #expect(sink.end?.status == .diverged)
        #expect(outcome.step < 50)
    }

    @Test func resumeContinuesFromTheCheckpointStep() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var first = Self.configuration(steps: 10)
        first.checkpointPath = path
        _ = try TrainingSession(configuration: first, sink: RecordingSink()).run()
        var second = Self.configuration(steps: 20)
        second.resumePath = path
        let sink = RecordingSink()
        let session = try TrainingSession(configuration: second, sink: sink)
        #expect(session.trainer.step == 10)
        let outcome = session.run()
        // The recipe comes from the checkpoint, the target step count from the session.
        #expect(outcome.status == .completed && outcome.step == 20)
        // Step 10 was evaluated and logged by the first run; the resumed run does not repeat it.
        #expect(sink.evaluations.map(\.step) == [15, 20])
    }

    @Test func invalidCadenceIsRejected() {
        var configuration = Self.configuration(steps: 10)
        configuration.evalEvery = 0
        #expect(throws: ConfigurationError.self) {
            try TrainingSession(configuration: configuration, sink: RecordingSink())
        }
    }
}
