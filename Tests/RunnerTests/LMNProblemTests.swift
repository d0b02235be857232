import Engine
import Foundation
import Runner
import Snapshots
import Testing

/// An LMN that cannot be computed, or whose matrix cannot be dumped, is said in the stream once —
/// and a dump failure never costs the LMN value itself.
@Suite("LMN problems reach the stream")
struct LMNProblemTests {
    @Test func aPersistentProblemIsOneNoteAndRecoveryIsAnother() throws {
        let sink = RecordingSink()
        let session = try TrainingSession(configuration: TrainingSessionTests.configuration(steps: 50), sink: sink)
        session.lmn = { _, step in
            (10...30).contains(step) ? LMNReading(value: nil, problem: "LMN not computed: overflow") : LMNReading(value: 3)
        }
        _ = session.run()
        let notes = sink.events.filter { $0.kind == "note" }
        #expect(notes.map(\.step) == [10, 40])
        #expect(notes.first?.message.raw == "LMN not computed: overflow (step 10)")
        #expect(notes.last?.message.raw == "LMN measured normally again")
        let lmnSteps = sink.evaluations.filter { $0[MetricName.lmn] != nil }.map(\.step)
        #expect(lmnSteps == [0, 40, 50])
    }

    @Test func noProblemNoNote() throws {
        let sink = RecordingSink()
        let session = try TrainingSession(configuration: TrainingSessionTests.configuration(steps: 30), sink: sink)
        session.lmn = { _, _ in LMNReading(value: 3) }
        _ = session.run()
        #expect(sink.events.filter { $0.kind == "note" }.isEmpty)
    }

    @Test func aDumpThatCannotBeWrittenKeepsTheValue() throws {
        let configuration = TrainingSessionTests.configuration(steps: 0).training
        let trainer = try Trainer(configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lmn-dump-\(UUID().uuidString)")
        let probe = try LMNProbe(dataset: trainer.dataset, count: 8, seed: 1, dumpDirectory: directory.path)
        let written = probe.measure(trainer.model, step: 0)
        #expect(written.value != nil && written.problem == nil)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("lmn-step-0.csv").path))

        // The directory is replaced by a file after start-up: every later dump fails.
        try FileManager.default.removeItem(at: directory)
        try Data("x".utf8).write(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let failed = probe.measure(trainer.model, step: 100)
        #expect(failed.value == written.value)
        #expect(failed.problem?.hasPrefix("LMN matrix not written to \(directory.path)") == true)
    }
}
