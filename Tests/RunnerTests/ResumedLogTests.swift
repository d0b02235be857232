import Foundation
import Publishing
import Runner
import Snapshots
import Testing

/// A resumed run's log reads as one run (issue: kill -9, then `--resume` with the same `--log`).
@Suite struct ResumedLogTests {
    let path = NSTemporaryDirectory() + "resumed-log-\(UUID().uuidString).ndjson"

    static let header = RunHeader(runID: "r", name: "paper-add", task: "add", startTime: 0, producer: "test")

    static func evaluation(_ step: Int) -> Record {
        .evaluation(Evaluation(step: step, wallTime: Double(step), metrics: ["train_loss": 1]))
    }

    func write(_ records: [Record], tail: String = "") {
        var bytes: [UInt8] = []
        for record in records { RecordEncoder.append(record, to: &bytes) }
        bytes += Array(tail.utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    func rewriteFile(_ bytes: [UInt8]) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    @Test func recordsAfterTheCheckpointStepAreCut() throws {
        write(
            [.header(Self.header)] + [10, 20, 30, 40].map(Self.evaluation)
                + [.event(RunEvent(step: 40, kind: "phase", message: "x")), .header(Self.header)]
                + [.end(RunEnd(step: 40, status: .interrupted))])
        var rewrites = 0
        let kept = try ResumedLog.prepare(path: path, checkpointStep: 20) { bytes in
            rewrites += 1
            try rewriteFile(bytes)
        }
        #expect(rewrites == 1)
        #expect(kept.count == 3)  // the first header, steps 10 and 20
        #expect(ResumedLog.header(of: kept)?.name.raw == "paper-add")
        let onDisk = try StreamFile.readAll(path: path).records
        #expect(onDisk.count == 3)
        #expect(onDisk.compactMap { if case .evaluation(let e) = $0 { e.step } else { nil } } == [10, 20])
    }

    @Test func aTornLastLineIsCutEvenWhenNothingElseIs() throws {
        write([.header(Self.header), Self.evaluation(10)], tail: "{\"type\":\"evaluation\",\"st")
        let kept = try ResumedLog.prepare(path: path, checkpointStep: 10) { try rewriteFile($0) }
        #expect(kept.count == 2)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("}\n") && !text.contains("\"st\n") && !text.hasSuffix("\"st"))
        #expect(try StreamFile.readAll(path: path).diagnostics.incompleteTailBytes == 0)
    }

    @Test func aLogThatAlreadyEndsAtTheCheckpointIsLeftAlone() throws {
        write([.header(Self.header), Self.evaluation(10), Self.evaluation(20)])
        let kept = try ResumedLog.prepare(path: path, checkpointStep: 20) { _ in
            Issue.record("nothing to cut: the file must not be rewritten")
        }
        #expect(kept.count == 3)
        // A missing log: nothing to continue, nothing written.
        let none = try ResumedLog.prepare(path: path + ".missing", checkpointStep: 20) { _ in
            Issue.record("a missing log is not created here")
        }
        #expect(none.isEmpty && ResumedLog.header(of: none) == nil)
    }

    @Test func theResumedHeaderBecomesAnEvent() {
        let target = RecordingSink()
        let sink = ResumingSink(target, step: 20, message: "resumed from x")
        sink.write(.header(Self.header))
        sink.write(Self.evaluation(30))
        sink.flush()
        #expect(target.events.map(\.kind) == ["resumed"] && target.events.first?.step == 20)
        #expect(target.evaluations.map(\.step) == [30])
        #expect(target.records.count == 2 && target.flushes == 1)
    }
}
