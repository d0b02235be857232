import Engine
import Foundation
import Runner
import Snapshots
import Testing

/// `--precision` through a session: the header records it, a resumed run keeps the checkpoint's, and
/// an explicit other precision is refused.
@Suite("Session precision")
struct PrecisionSessionTests {
    static func configuration(_ precision: Precision) -> SessionConfiguration {
        var session = TrainingSessionTests.configuration(steps: 20)
        session.training.precision = precision
        return session
    }

    static func header(of sink: RecordingSink) -> RunHeader? {
        guard case .header(let header) = sink.records.first else { return nil }
        return header
    }

    @Test(arguments: Precision.allCases)
    func headerRecordsThePrecision(_ precision: Precision) throws {
        let sink = RecordingSink()
        let session = try TrainingSession(configuration: Self.configuration(precision), sink: sink)
        #expect(session.trainer.precision == precision)
        let outcome = session.run()
        #expect(outcome.status == .completed && outcome.step == 20)
        #expect(Self.header(of: sink)?.settings["precision"]?.raw == precision.rawValue)
        #expect(sink.evaluations.last?[MetricName.trainLoss].map { $0.isFinite && $0 > 0 } == true)
    }

    @Test func resumeKeepsTheCheckpointPrecisionAndRefusesAnother() throws {
        let path = TrainingSessionTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var first = Self.configuration(.f64)
        first.checkpointPath = path
        _ = try TrainingSession(configuration: first, sink: RecordingSink()).run()

        var resumed = Self.configuration(.f32)  // the recipe's precision yields to the checkpoint's
        resumed.resumePath = path
        resumed.training.steps = 30
        let session = try TrainingSession(configuration: resumed, sink: RecordingSink())
        #expect(session.trainer.precision == .f64 && session.trainer.step == 20)

        resumed.resumePrecision = .f32  // asked for explicitly: refused
        #expect(throws: SafetensorsError.self) { try TrainingSession(configuration: resumed, sink: RecordingSink()) }
        resumed.resumePrecision = .f64
        #expect(try TrainingSession(configuration: resumed, sink: RecordingSink()).trainer.precision == .f64)
    }
}
