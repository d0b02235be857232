import Foundation
import Phases
import Publishing
import Snapshots
import TensorBoard
import Testing

@Suite struct TensorBoardSourceTests {
    func drain(_ source: TensorBoardSource) -> [Record] {
        var records: [Record] = []
        for _ in 0..<100 {
            let batch = source.poll()
            records += batch
            if batch.isEmpty { break }
        }
        return records
    }

    func evaluations(_ records: [Record]) -> [Evaluation] {
        records.compactMap { if case .evaluation(let e) = $0 { return e } else { return nil } }
    }

    @Test func aRunFolderReadsIntoEvaluationsAndPhases() {
        let source = TensorBoardSource(path: Fixture.path("torch-simple"), follow: false)
        let records = drain(source)
        guard case .header(let header) = records.first else {
            Issue.record("first record is not a header")
            return
        }
        #expect(header.name.raw == "torch-simple")
        let evals = evaluations(records)
        #expect(evals.count == 50)
        #expect(evals.allSatisfy { Set($0.metrics.keys) == ["train_loss", "test_loss", "train_acc", "test_acc", "grad_norm"] })
        #expect(source.status == .endOfInput)
        #expect(source.diagnostics.isClean)
        // Train accuracy is 1 from step 40; test accuracy passes 95 % at step 350.
        var detector = PhaseDetector(rules: .loose)
        detector.ingest(contentsOf: records)
        let report = detector.report
        #expect(report.memorization?.step == 40 && report.memorization?.isConfirmed == true)
        #expect(report.generalization?.step == 350 && report.generalization?.isConfirmed == true)
    }

    @Test func aLogdirWithSeveralRunsListsThemAndFollowsTheChosenOne() {
        let chosen = TensorBoardSource(path: Fixture.path("tbx-runs"), run: "seed1", follow: false)
        let records = drain(chosen)
        #expect(chosen.runs == ["seed0", "seed1"])
        #expect(chosen.selectedRun == "seed1")
        #expect(evaluations(records).count == 50)
        let missing = TensorBoardSource(path: Fixture.path("tbx-runs"), run: "seed7", follow: false)
        #expect(drain(missing).isEmpty)
        guard case .failed(let message) = missing.status else {
            Issue.record("an unknown run must fail, got \(missing.status)")
            return
        }
        #expect(message.contains("seed7"))
    }

    @Test func aCorruptRecordIsCountedAndTheRestIsRead() {
        let source = TensorBoardSource(path: Fixture.path("bad-data-crc.tfevents"), follow: false)
        let evals = evaluations(drain(source))
        #expect(evals.count == 50)
        #expect(source.diagnostics.skippedLines == 1)
        #expect(!source.diagnostics.isClean)
    }

    @Test func aMissingPathFailsWithoutFollowAndWaitsWithIt() {
        let path = Fixture.temporaryDirectory() + "/nothing-here"
        let once = TensorBoardSource(path: path, follow: false)
        _ = once.poll()
        if case .failed = once.status {} else { Issue.record("expected failure, got \(once.status)") }
        let follow = TensorBoardSource(path: path, follow: true)
        _ = follow.poll()
        #expect(follow.status == .waitingForFile(path: path))
    }

    @Test func followingSeesAppendedRecordsAndNewFiles() throws {
        let dir = Fixture.temporaryDirectory()
        let bytes = try Fixture.bytes(try Fixture.eventFile(in: "torch-simple"))
        let first = dir + "/events.out.tfevents.1.host"
        let half = bytes.count / 2
        try Data(bytes[..<half]).write(to: URL(fileURLWithPath: first))
        let source = TensorBoardSource(path: dir, follow: true, pollInterval: 0.05)
        let early = evaluations(drain(source))
        #expect(!early.isEmpty && early.count < 50)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: first))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes[half...]))
        try handle.close()
        var later: [Evaluation] = []
        let deadline = Date(timeIntervalSinceNow: 10)
        while early.count + later.count < 49 && Date() < deadline {
            source.wait(timeout: 0.2)
            later += evaluations(source.poll())
        }
        // The newest step is held back until a later step arrives.
        #expect(early.count + later.count == 49)
        // A second file (a resumed writer) continues the run.
        let second = try Fixture.bytes(try Fixture.eventFile(in: "torch-new-style"))
        try Data(second).write(to: URL(fileURLWithPath: dir + "/events.out.tfevents.2.host"))
        var more: [Evaluation] = []
        let again = Date(timeIntervalSinceNow: 10)
        while source.lateValues == 0 && Date() < again {
            source.wait(timeout: 0.2)
            more += evaluations(source.poll())
        }
        // Its steps restart at 0, below what was handed out: dropped and counted, never reordered.
        #expect(source.lateValues > 0)
        #expect(source.diagnostics.decreasingSteps == source.lateValues)
        #expect(more.allSatisfy { $0.step >= 490 })
    }

    @Test func readAllReturnsTheWholeRunOrAClearError() throws {
        let (records, diagnostics, runs) = try TensorBoardSource.readAll(path: Fixture.path("double-tensor"))
        #expect(evaluations(records).count == 50)
        #expect(diagnostics.isClean)
        #expect(runs == ["."])
        #expect(throws: TensorBoardReadError.self) {
            try TensorBoardSource.readAll(path: Fixture.path("tbx-runs"), run: "nope")
        }
    }

    @Test func recognizesEventFilesAndFoldersButNotStreams() {
        #expect(TensorBoardSource.recognizes(path: Fixture.path("tbx-runs")))
        #expect(TensorBoardSource.recognizes(path: Fixture.path("torn.tfevents")))
        #expect(!TensorBoardSource.recognizes(path: Fixture.path("make-fixtures.py")))
        #expect(!TensorBoardSource.recognizes(path: Fixture.temporaryDirectory()))
    }
}
