import Engine
import Foundation
import Runner
import Snapshots
import Testing

/// Issue 11 §1: a run whose checkpoints cannot be written stops at the first failure.
@Suite struct CheckpointFailureTests {
    static func run(checkpointPath: String) throws -> SessionOutcome {
        var config = TrainingSessionTests.configuration(steps: 60)
        config.checkpointPath = checkpointPath
        config.checkpointEvery = 10
        return try TrainingSession(configuration: config, sink: RecordingSink()).run()
    }

    @Test func failedPeriodicCheckpointStopsTheRun() throws {
        let outcome = try Self.run(checkpointPath: "/nonexistent-dir/run.safetensors")
        #expect(outcome.status == .interrupted)
        #expect(outcome.step == 10)
        #expect(outcome.checkpointError != nil)
    }

    @Test func writableCheckpointsLetTheRunFinish() throws {
        let path = TrainingSessionTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try Self.run(checkpointPath: path)
        #expect(outcome.status == .completed && outcome.step == 60 && outcome.checkpointError == nil)
    }
}

/// Issue 11 §4: `--plain` prints extreme values compactly (1.8e308 was 309 digits).
@Test func progressNumbersStayShort() {
    #expect(ProgressLine.number(1.7e308) == "1.700e+308")
    #expect(ProgressLine.percent(-1.7e306).count < 16)
    #expect(ProgressLine.number(0.25) == "0.2500")
    #expect(ProgressLine.duration(1e300) == "?")
    #expect(ProgressLine.duration(65) == "1:05")
}
